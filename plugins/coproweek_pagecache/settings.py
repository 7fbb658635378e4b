"""Defaults for the COPROWEEK_PAGECACHE_* settings."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Keep every rendered page between builds and render again only the pages whose
    # inputs changed. Off: every page is rendered on every build (as Pelican does).
    "COPROWEEK_PAGECACHE_ENABLED": True,
    # Where the rendered pages are kept; None: a "pages" folder in Pelican's CACHE_PATH.
    "COPROWEEK_PAGECACHE_DIR": None,
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
