"""The cards plugin's settings: defaults, types and what each is for, in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.config import Settings, option, positive
from coproweek_content.editions import edition_language
from coproweek_content.settings import ContentSettings

from .layouts import FORMATS


def _sizes(value: tuple[str, ...]) -> str:
    wrong = [name for name in value if name not in FORMATS]
    return f"has {wrong[0]!r}; choose from {', '.join(FORMATS)}." if wrong else ""


def _palette(value: tuple[str, ...]) -> str:
    if len(value) != 3 or not all(re.fullmatch(r"#[0-9A-Fa-f]{6}", colour) for colour in value):
        return (
            "should be three colours (background, text, accent), each # and six hexadecimal digits."
        )
    return ""


@dataclass(frozen=True)
class CardsSettings(Settings):
    PREFIX = "COPROWEEK_CARDS_"
    enabled: bool = option(True, "Turn cards (and the galleries) off, for a quick preview build.")
    cache_dir: str = option(
        ".cache/cards", "Where drawn cards are kept between builds, from the project folder."
    )
    output_dir: str = option("cards", "Where cards go inside the site.")
    formats: tuple[str, ...] = option(
        tuple(FORMATS), "Which sizes to make: link, x, square, portrait, story.", _sizes
    )
    workers: int | None = option(
        None, "Worker processes drawing cards and building packs; None: one per core.", positive
    )
    pool_min: int = option(
        24, "Below this many cards to draw (an edit), one worker draws them.", positive
    )
    gallery_page_size: int | None = option(
        40, "Cards on each page of a campaign's gallery; None: all on one page.", positive
    )
    default_palette: tuple[str, ...] = option(
        ("#FFFFFF", "#1B1B1B", "#4A2A7A"), "Colours for posts of no campaign.", _palette
    )
    default_hashtag: str = option("#CoProWeek", "The hashtag for posts of no campaign.")
    wordmark: str | None = option(None, "The words in the corner of every card; None: SITENAME.")
    logo: str | None = option(
        None, "A logo image (PNG with a transparent background) drawn in that corner instead."
    )
    extra_fonts: tuple[str, ...] = option((), "Font files tried before the built-in fallbacks.")
    font_dirs: tuple[str, ...] = option(
        ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"),
        "Folders searched for the Noto fallback fonts.",
    )


# The smallest contrast ratio any text on a card may have against what is behind it (WCAG AA).
MIN_CONTRAST = 4.5
# The link preview must stay under this size: WhatsApp drops larger preview images.
LINK_PREVIEW_MAX_BYTES = 300_000


def project_root(settings: dict[str, Any]) -> Path:
    root = settings.get("COPROWEEK_PROJECT_ROOT")
    return Path(root) if root else Path(settings["PATH"]).resolve().parent


def card_language(settings: dict[str, Any]) -> str:
    """The language of the edition this Pelican run writes: its cards are in it."""
    return edition_language(settings, ContentSettings.of(settings).editions)


def cache_dir(settings: dict[str, Any]) -> Path:
    """The cards' cache; each edition of a site in two languages has its own (its history
    of card files is its own posts')."""
    folder = Path(CardsSettings.of(settings).cache_dir)
    folder = folder if folder.is_absolute() else project_root(settings) / folder
    try:
        state = BuildState.of(settings)
    except LookupError:
        return folder
    if state.editions is None:
        return folder
    return folder / state.editions.prefix(state.language)
