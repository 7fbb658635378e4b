"""Defaults for the COPROWEEK_SEARCH_* settings."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Build the static search index (Pagefind) after the pages are written.
    "COPROWEEK_SEARCH_ENABLED": True,
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
