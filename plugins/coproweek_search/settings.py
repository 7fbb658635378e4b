"""Defaults for the COPROWEEK_SEARCH_* settings."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Build the static search index (Pagefind) of the post pages.
    "COPROWEEK_SEARCH_ENABLED": True,
    # Where the last index is kept between builds; None: a "search" folder beside Pelican's
    # cache (the build keys Pelican's cache by its settings, one folder deeper).
    "COPROWEEK_SEARCH_CACHE_DIR": None,
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
