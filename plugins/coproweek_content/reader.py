"""A Pelican reader for our Markdown files, speaking the content model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.readers import BaseReader

from . import state
from .images import responsive_images
from .markdown_setup import make_markdown, render, render_line
from .settings import BLOG_DIR, PAGES_DIR, QUOTES_DIR
from .source import read_source

CATEGORY_FOR_KIND = {"quote": "Quotes", "blog": "Blogs"}


class CoproweekReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._markdown = make_markdown(settings.get("SITEURL", ""))
        self._content_root = Path(settings["PATH"]).resolve()

    def _kind(self, path: Path) -> str | None:
        """quote, blog or page by the top folder; None for a file (a link) outside content/."""
        resolved = path.resolve()  # once: each call looks at every folder on the way
        if not resolved.is_relative_to(self._content_root) or resolved == self._content_root:
            return None
        top = resolved.relative_to(self._content_root).parts[0]
        return {QUOTES_DIR: "quote", BLOG_DIR: "blog", PAGES_DIR: "page"}.get(top, "page")

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        kind = self._kind(path)
        if kind is None:
            return "", {"status": "skip"}  # a link out of content/: the checks report it
        if kind == "page":
            source = read_source(path)
            html = render(self._markdown, source.body)
        else:
            site = state.current_site()
            html = site.take_rendered(path)
            if html is None:
                html = render(self._markdown, site.take_source(path).body)
        content = responsive_images(html, self.settings)
        if kind == "page":
            metadata = {"title": source.get("title"), "slug": source.get("slug") or path.stem}
            if source.get("summary"):
                metadata["summary"] = source.get("summary")
            return content, self._processed(metadata)

        post = state.current_site().post_for(path)
        if post is None:
            # The content checks have reported this file; keep Pelican from publishing it.
            return content, {"status": "skip"}
        metadata: dict[str, Any] = {
            "title": post.title,
            "date": f"{post.date:%Y-%m-%d %H:%M}",
            "slug": post.slug,
            "category": CATEGORY_FOR_KIND[post.kind],
            "summary": post.summary,
        }
        if post.tags:
            metadata["tags"] = ", ".join(post.tags)
        if post.person.has_public_page:
            metadata["author"] = post.display_name
        processed = self._processed(metadata)
        processed["entry"] = post
        processed["kind"] = post.kind
        if post.summary:
            processed["summary"] = render_line(self._markdown, post.summary)
        if not post.is_published(state.current_site().context.today):
            processed["status"] = "skip"
        return content, processed

    def _processed(self, metadata: dict[str, str]) -> dict[str, Any]:
        return {name: self.process_metadata(name, value) for name, value in metadata.items()}
