"""coproweek_sitemap: sitemap.xml and robots.txt, from the pages the build actually wrote.

Listing the pages Pelican wrote in this build (rather than what content exists, or what
output/ holds) means a withdrawn or expired post, which is never written, can never be
listed. Pages marked noindex are left out.

Each edition's run writes its own sitemap (/sitemap.xml, /cy/sitemap.xml) of its own pages;
on a bilingual site every page with a translation lists itself and each translation as
<xhtml:link rel="alternate" hreflang="...">. Only the main edition writes robots.txt, at the
site's root, naming every edition's sitemap.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape, quoteattr

from coproweek_content.buildstate import BuildState
from coproweek_content.editions import Editions
from coproweek_content.state import settings_wanted
from pelican import signals

from .settings import SitemapSettings

NOINDEX = re.compile(rb'<meta\s+name="robots"\s+content="[^"]*noindex', re.IGNORECASE)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def absolute(address: str, settings: dict[str, Any]) -> str:
    """`address` with a scheme and host: SITEURL is empty in local builds ("/cy" in the
    other edition's), and a sitemap needs full addresses."""
    if urlsplit(address).scheme:
        return address
    fallback = SitemapSettings.of(settings).fallback_siteurl.rstrip("/")
    return f"{fallback}/{address.lstrip('/')}" if address else fallback


def site_url(settings: dict[str, Any]) -> str:
    """This edition's address, without a slash at the end."""
    return absolute(settings.get("SITEURL") or "", settings).rstrip("/")


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


def alternate_links(state: BuildState, relative: str, settings: dict[str, Any]) -> str:
    """<xhtml:link> elements of the page's translations, itself included ("" when it has
    none, or the build knows no translations)."""
    if state.counterparts is None:
        return ""
    return "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(alternate.html_lang)} '
        f"href={quoteattr(absolute(alternate.url, settings))}/>"
        for alternate in state.counterparts.alternates(state.language, relative)
    )


def sitemap_xml(
    output: Path, settings: dict[str, Any], state: BuildState, bilingual: bool = False
) -> str:
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
        if bilingual:
            entry += alternate_links(state, relative.as_posix(), settings)
        entries.append(entry + "</url>")
    namespaces = f'xmlns="{SITEMAP_NS}"' + (f' xmlns:xhtml="{XHTML_NS}"' if bilingual else "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<urlset {namespaces}>\n" + "\n".join(entries) + "\n</urlset>\n"
    )


def robots_txt(base: str, editions: Editions) -> str:
    """robots.txt at the site's root (`base`), naming every edition's sitemap."""
    sitemaps = "".join(
        f"Sitemap: {base}/{editions.prefix(language)}sitemap.xml\n"
        for language in editions.languages
    )
    return f"User-agent: *\nAllow: /\n\n{sitemaps}"


def write_sitemap(pelican: Any) -> None:
    settings = pelican.settings
    output = Path(pelican.output_path)
    state = BuildState.of(settings)
    editions = state.editions or Editions()
    sitemap = sitemap_xml(output, settings, state, editions.bilingual)
    (output / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    if state.language == editions.main:
        robots = robots_txt(site_url(settings), editions)
        (output / "robots.txt").write_text(robots, encoding="utf-8")


def declare_settings(state: Any) -> type:
    return SitemapSettings


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.finalized.connect(write_sitemap)
