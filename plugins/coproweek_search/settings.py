"""The search plugin's settings."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.config import Settings, option


@dataclass(frozen=True)
class SearchSettings(Settings):
    PREFIX = "COPROWEEK_SEARCH_"
    enabled: bool = option(
        True, "Build the static search index (Pagefind) of the post and event pages."
    )
    cache_dir: str | None = option(
        None, "Where the last index is kept between builds; None: beside Pelican's cache."
    )
