"""A Pelican reader that reads nothing itself: it hands Pelican what the content model
holds for a file (its checked values and its rendered, sanitised body). A file the model
does not hold is skipped, so Pelican can only publish what our checks read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Tag

from .buildstate import BuildState
from .fields import slug

CATEGORY_FOR_KIND = {"quote": "Quotes", "blog": "Blogs"}
SKIP = {"status": "skip"}


class CoproweekReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._site = BuildState.of(settings).loaded

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        page = self._site.page_for(path)
        if page is not None:
            metadata = {
                "title": self.process_metadata("title", page.title),
                "slug": page.slug,
                "entry": page,
                "body": page.html,
            }
            return page.html, metadata
        post = self._site.post_for(path)
        today = self._site.context.today
        if post is None or not post.is_published(today):
            return "", dict(SKIP)  # not in the model: the checks have said why
        body = post.html_for(today)  # without the quotes of people who withdrew
        metadata = {
            "title": self.process_metadata("title", post.title),
            "date": self.process_metadata("date", f"{post.date:%Y-%m-%d %H:%M}"),
            "slug": post.slug,
            "category": self.process_metadata("category", CATEGORY_FOR_KIND[post.kind]),
            "entry": post,
            "kind": post.kind,
            "body": body,
        }
        if post.tags:
            metadata["tags"] = [self._named(Tag, name) for name in post.tags]
        if post.person.has_public_page:
            metadata["author"] = self._named(Author, post.display_name)
        return body, metadata

    def _named(self, kind: type, name: str) -> Any:
        """A tag or author whose address follows the site's one slug rule."""
        wrapper = kind(name, self.settings)
        wrapper.slug = slug(name)
        return wrapper
