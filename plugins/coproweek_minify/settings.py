"""The minify plugin's setting."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.config import Settings, option


@dataclass(frozen=True)
class MinifySettings(Settings):
    PREFIX = "COPROWEEK_"
    minify: bool = option(
        False,
        "Minify every HTML and CSS file (publishconf.py turns it on; local builds stay readable).",
    )
