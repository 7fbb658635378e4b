"""Defaults for the COPROWEEK_SEARCH_* settings."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Build the static search index (Pagefind) of the post pages.
    "COPROWEEK_SEARCH_ENABLED": True,
    # Where the last index is kept between builds; None: a "search" folder beside Pelican's
    # cache (the build keys Pelican's cache by its settings, one folder deeper).
    "COPROWEEK_SEARCH_CACHE_DIR": None,
    # From this many posts on, the index is split into one Pagefind bundle per campaign, so
    # an edit re-indexes only its campaign (the search page merges the bundles). Pagefind
    # then ranks each campaign's results by that campaign's word statistics, so smaller
    # sites keep one index. None: never split.
    "COPROWEEK_SEARCH_SPLIT_FROM": 1000,
    # In a split index, a campaign (or the posts without one) with more posts than this is
    # split again, into as many bundles as it takes; a post's bundle is chosen by a hash of
    # its file's path, so editing it re-indexes that bundle alone. None: one per campaign.
    "COPROWEEK_SEARCH_BUNDLE_SIZE": 200,
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
