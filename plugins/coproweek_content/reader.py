"""A Pelican reader that reads nothing itself: it hands Pelican what the content model
holds for a file (its checked values and its rendered, sanitised body). A file the model
does not hold is skipped, so Pelican can only publish what our checks read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import escape
from pelican.readers import BaseReader

from .buildstate import BuildState
from .images import responsive_images

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
            metadata = {"title": page.title, "slug": page.slug}
            if page.summary:
                metadata["summary"] = page.summary
            return responsive_images(page.html, self.settings), self._processed(metadata)
        post = self._site.post_for(path)
        if post is None or not post.is_published(self._site.context.today):
            return "", dict(SKIP)  # not in the model: the checks have said why
        metadata: dict[str, Any] = {
            "title": post.title,
            "date": f"{post.date:%Y-%m-%d %H:%M}",
            "slug": post.slug,
            "category": CATEGORY_FOR_KIND[post.kind],
        }
        if post.tags:
            metadata["tags"] = ", ".join(post.tags)
        if post.person.has_public_page:
            metadata["author"] = post.display_name
        processed = self._processed(metadata)
        processed["entry"] = post
        processed["kind"] = post.kind
        if post.summary:
            processed["summary"] = escape(post.summary)  # plain text, as HTML
        return responsive_images(post.html, self.settings), processed

    def _processed(self, metadata: dict[str, str]) -> dict[str, Any]:
        return {name: self.process_metadata(name, value) for name, value in metadata.items()}
