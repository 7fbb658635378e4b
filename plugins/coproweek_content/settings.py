"""Defaults for every COPROWEEK_* setting of this plugin, in one place."""

from __future__ import annotations

from datetime import date
from typing import Any

DEFAULTS: dict[str, Any] = {
    # The day consent end dates are compared with; None means today. Tests pin it.
    "COPROWEEK_TODAY": None,
    # The longest quote (or Excerpt) a social media card can carry, in characters.
    "COPROWEEK_CARD_MAX_CHARS": 280,
    # Photos wider than this are scaled down; WebP copies are made at these widths too.
    "COPROWEEK_IMAGE_MAX_WIDTH": 1600,
    "COPROWEEK_IMAGE_WIDTHS": (480, 960, 1600),
    # Treat check warnings (not only errors) as reasons to stop the build.
    "COPROWEEK_STRICT": False,
    # Keep each file's check result between builds (in CACHE_PATH) and check again only
    # the files that changed.
    "COPROWEEK_CONTENT_MEMO": True,
    # From this many posts to check on (a cold build of a large site), a second process
    # checks every second post and renders its Markdown meanwhile. None: one process.
    "COPROWEEK_CONTENT_PARALLEL_FROM": 200,
}

QUOTES_DIR = "quotes"
BLOG_DIR = "blog"
PAGES_DIR = "pages"
CAMPAIGNS_DIR = "campaigns"
IMAGES_DIR = "images"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def today(settings: dict[str, Any]) -> date:
    pinned = setting(settings, "COPROWEEK_TODAY")
    if isinstance(pinned, date):
        return pinned
    return date.fromisoformat(pinned) if pinned else date.today()
