"""coproweek_sitemap: sitemap.xml and robots.txt, from the pages the build actually wrote.

Listing the pages Pelican wrote in this build (rather than what content exists, or what
output/ holds) means a withdrawn or expired post, which is never written, can never be
listed. Pages marked noindex are left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from coproweek_content.buildstate import BuildState
from coproweek_content.state import settings_wanted
from pelican import signals

from .settings import SitemapSettings

NOINDEX = re.compile(rb'<meta\s+name="robots"\s+content="[^"]*noindex', re.IGNORECASE)


def site_url(settings: dict[str, Any]) -> str:
    return (settings.get("SITEURL") or SitemapSettings.of(settings).fallback_siteurl).rstrip("/")


def page_address(relative: Path) -> str:
    """output/2024/post/index.html -> 2024/post/ ; output/index.html -> '' ."""
    if relative.name == "index.html":
        parent = relative.parent.as_posix()
        return "" if parent == "." else f"{parent}/"
    return relative.as_posix()


def last_modified(state: BuildState) -> dict[str, str]:
    """Post addresses with the day they were last changed (never the build day)."""
    dates: dict[str, str] = {}
    for post in state.loaded.published:
        dates[f"{post.date:%Y}/{post.slug}/"] = f"{post.date:%Y-%m-%d}"
    return dates


def head_of(page: Path) -> bytes:
    """The start of a page, where a robots meta tag would be."""
    with page.open("rb") as handle:
        return handle.read(4096)


def sitemap_xml(output: Path, settings: dict[str, Any], state: BuildState) -> str:
    base = site_url(settings)
    excluded = set(SitemapSettings.of(settings).exclude)
    dates = last_modified(state)
    entries = []
    for page in sorted({Path(path) for path in state.pages_written}):
        relative = page.relative_to(output)
        if relative.as_posix() in excluded or NOINDEX.search(head_of(page)):
            continue
        address = page_address(relative)
        modified = dates.get(address)
        entry = f"  <url><loc>{escape(f'{base}/{quote(address)}')}</loc>"
        if modified:
            entry += f"<lastmod>{modified}</lastmod>"
        entries.append(entry + "</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def write_sitemap(pelican: Any) -> None:
    output = Path(pelican.output_path)
    sitemap = sitemap_xml(output, pelican.settings, BuildState.of(pelican.settings))
    (output / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_url(pelican.settings)}/sitemap.xml\n"
    (output / "robots.txt").write_text(robots, encoding="utf-8")


def declare_settings(state: Any) -> type:
    return SitemapSettings


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.finalized.connect(write_sitemap)
