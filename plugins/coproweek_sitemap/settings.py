"""Defaults for the COPROWEEK_SITEMAP_* settings."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Sitemaps need full addresses; used while SITEURL is empty (local builds).
    "COPROWEEK_SITEMAP_FALLBACK_SITEURL": "http://localhost:8000",
    # Output files (relative to output/) never listed, besides pages marked noindex.
    "COPROWEEK_SITEMAP_EXCLUDE": ("404.html",),
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
