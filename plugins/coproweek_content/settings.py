"""The content plugin's settings (defaults, types and what each is for, in one place), and
the folders content lives in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .config import Settings, option, positive


def _today_problem(value: Any) -> str:
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
        except ValueError:
            return "is not a date written as year-month-day."
    return ""


@dataclass(frozen=True)
class ContentSettings(Settings):
    today: str | date | None = option(
        None,
        "The day consent end dates and scheduled posts are compared with; None: today.",
        _today_problem,
    )
    card_max_chars: int = option(
        280, "The longest quote (or Excerpt) a social media card carries, in characters.", positive
    )
    image_max_width: int = option(1600, "Photos wider than this are scaled down.", positive)
    image_widths: tuple[int, ...] = option(
        (480, 960, 1600), "The widths of the WebP copies made of every photo."
    )
    strict: bool = option(False, "Stop on warnings too, not only on errors.")
    content_memo: bool = option(
        True, "Keep each file's check result between builds and check only files that changed."
    )
    content_parallel_from: int | None = option(
        200,
        "From this many posts to check, a second process checks half of them; None: one process.",
        positive,
    )

    @property
    def day(self) -> date:
        if isinstance(self.today, date):
            return self.today
        return date.fromisoformat(self.today) if self.today else date.today()


QUOTES_DIR = "quotes"
BLOG_DIR = "blog"
PAGES_DIR = "pages"
CAMPAIGNS_DIR = "campaigns"
IMAGES_DIR = "images"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
