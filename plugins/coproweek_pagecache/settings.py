"""The page cache's settings."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.config import Settings, option


@dataclass(frozen=True)
class PageCacheSettings(Settings):
    PREFIX = "COPROWEEK_PAGECACHE_"
    enabled: bool = option(
        True, "Keep rendered pages between builds; off: every page is rendered every build."
    )
    dir: str | None = option(None, "Where rendered pages are kept; None: in Pelican's CACHE_PATH.")
