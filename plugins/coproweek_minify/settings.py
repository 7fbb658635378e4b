"""Defaults for the COPROWEEK_MINIFY_* settings."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Minify every HTML and CSS file once the site is written. publishconf.py turns it on;
    # local builds stay readable for people looking at the source.
    "COPROWEEK_MINIFY": False,
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
