"""The content plugin's settings (defaults, types and what each is for, in one place), and
the folders content lives in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .config import Settings, option, positive
from .editions import EDITION_LANGUAGES, Editions, languages_problem
from .event_fields import a_time_zone
from .fields import FieldError


def _today_problem(value: Any) -> str:
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
        except ValueError:
            return "is not a date written as year-month-day."
    return ""


def _time_zone_problem(value: Any) -> str:
    try:
        a_time_zone(str(value))
    except FieldError:
        return "is not a time zone name from the IANA list, such as Europe/London."
    return ""


# What an edition may say in its own language (COPROWEEK_EDITION_SETTINGS).
EDITION_SETTING_NAMES = ("SITENAME", "SITE_DESCRIPTION", "SITE_ORGANISATION")


def edition_settings_problem(value: Any) -> str:
    for language, chosen in (value or {}).items():
        if language not in EDITION_LANGUAGES:
            return f"names {language!r}, which is not a language the kit publishes (cy, en)."
        if not isinstance(chosen, dict):
            return f"gives {language!r} something other than settings and their words."
        for name, words in chosen.items():
            if name not in EDITION_SETTING_NAMES:
                return f"sets {name!r}, but an edition may set only {', '.join(EDITION_SETTING_NAMES)}."
            if not isinstance(words, str):
                return f"gives {name} for {language!r} something other than words."
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

    events_time_zone: str = option(
        "Europe/London",
        "The time zone of an event's times when its file gives no Time-zone (an IANA name).",
        _time_zone_problem,
    )

    languages: tuple[str, ...] = option(
        ("en",),
        'The site\'s languages: ["en"] English only, ["cy"] Welsh only, or both (["en", "cy"]: '
        "the first at the site's root, the other under /cy/ or /en/).",
        languages_problem,
    )

    edition_settings: dict | None = option(
        None,
        "Settings that differ in an edition, by language: for example "
        '{"cy": {"SITENAME": "Wythnos Cydgynhyrchu", "SITE_DESCRIPTION": "..."}}.',
        edition_settings_problem,
    )

    @property
    def editions(self) -> Editions:
        return Editions(tuple(self.languages))

    @property
    def day(self) -> date:
        if isinstance(self.today, date):
            return self.today
        return date.fromisoformat(self.today) if self.today else date.today()


QUOTES_DIR = "quotes"
BLOG_DIR = "blog"
PAGES_DIR = "pages"
CAMPAIGNS_DIR = "campaigns"
EVENTS_DIR = "events"
IMAGES_DIR = "images"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
