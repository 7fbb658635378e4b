"""coproweek_minify: smaller HTML and CSS for the published site (minify-html, rcssmin).

Each page is minified as Pelican writes it (`content_written`), so every later step (the
search index, the sitemap) sees the pages exactly as they are served, whatever order the
`finalized` handlers run in. Style sheets are minified once the site is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import minify_html
import rcssmin
from coproweek_content.state import settings_wanted
from pelican import signals

from .settings import MinifySettings

HTML_OPTIONS = {
    "minify_css": True,
    "keep_closing_tags": True,  # easier to read for anyone who views the source
    "keep_html_and_head_opening_tags": True,
    "keep_comments": False,
}


def minify_page(path: str, context: dict[str, Any]) -> None:
    if not MinifySettings.of(context).minify or not path.endswith(".html"):
        return
    page = Path(path)
    minified = minify_html.minify(page.read_text(encoding="utf-8"), **HTML_OPTIONS)
    page.write_text(minified, encoding="utf-8")


def minify_style_sheets(pelican: Any) -> None:
    if not MinifySettings.of(pelican.settings).minify:
        return
    theme_static = Path(pelican.output_path) / pelican.settings.get("THEME_STATIC_DIR", "theme")
    for sheet in sorted(theme_static.rglob("*.css")):
        minified = rcssmin.cssmin(sheet.read_text(encoding="utf-8"))
        sheet.write_text(minified, encoding="utf-8")


def declare_settings(state: Any) -> type:
    return MinifySettings


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.content_written.connect(minify_page)
    signals.finalized.connect(minify_style_sheets)
