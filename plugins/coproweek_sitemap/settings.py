"""The sitemap plugin's settings."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.config import Settings, option


@dataclass(frozen=True)
class SitemapSettings(Settings):
    PREFIX = "COPROWEEK_SITEMAP_"
    fallback_siteurl: str = option(
        "http://localhost:8000", "Sitemaps need full addresses; used while SITEURL is empty."
    )
    exclude: tuple[str, ...] = option(
        ("404.html",), "Files (relative to output/) never listed, besides pages marked noindex."
    )
