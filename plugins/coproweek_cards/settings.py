"""Defaults for every COPROWEEK_CARDS_* setting, in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Turn card rendering (and the gallery) off, for example for a quick preview build.
    "COPROWEEK_CARDS_ENABLED": True,
    # Rendered cards are kept here between builds, so a wiped output/ costs a copy, not a
    # redraw. A relative path is taken from the project folder.
    "COPROWEEK_CARDS_CACHE_DIR": ".cache/cards",
    # Where cards go inside the site: output/cards/YEAR/...
    "COPROWEEK_CARDS_OUTPUT_DIR": "cards",
    # Which sizes to make (names from layouts.FORMATS).
    "COPROWEEK_CARDS_FORMATS": ("link", "x", "square", "portrait", "story"),
    # Worker processes drawing cards and building packs; None means one per processor core.
    "COPROWEEK_CARDS_WORKERS": None,
    # Below this many cards to draw (an edit), one worker process draws them: each worker
    # costs about half a second of processor time to start, more than it saves on a few
    # cards. From this many on, COPROWEEK_CARDS_WORKERS do.
    "COPROWEEK_CARDS_POOL_MIN": 24,
    # Cards on each page of a campaign's gallery (every card comes in every size, so a page
    # of 40 is about 150 KB of HTML); None puts them all on one page.
    "COPROWEEK_CARDS_GALLERY_PAGE_SIZE": 40,
    # Colours and hashtag for posts that belong to no campaign.
    "COPROWEEK_CARDS_DEFAULT_PALETTE": ("#FFFFFF", "#1B1B1B", "#4A2A7A"),
    "COPROWEEK_CARDS_DEFAULT_HASHTAG": "#CoProWeek",
    # The words at the bottom corner of every card (the logo layer); None uses SITENAME.
    "COPROWEEK_CARDS_WORDMARK": None,
    # A logo image (PNG with a transparent background) drawn in that corner instead of the
    # words; a relative path is taken from the project folder. The alt text still names it.
    "COPROWEEK_CARDS_LOGO": None,
    # Extra font files tried before the built-in fallback chain (paths).
    "COPROWEEK_CARDS_EXTRA_FONTS": (),
    # Folders searched for the Noto fallback fonts.
    "COPROWEEK_CARDS_FONT_DIRS": (
        "/usr/share/fonts/truetype/noto",
        "/usr/share/fonts/opentype/noto",
    ),
}

# The smallest contrast ratio any text on a card may have against what is behind it (WCAG AA).
MIN_CONTRAST = 4.5
# The link preview must stay under this size: WhatsApp drops larger preview images.
LINK_PREVIEW_MAX_BYTES = 300_000


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def project_root(settings: dict[str, Any]) -> Path:
    root = settings.get("COPROWEEK_PROJECT_ROOT")
    return Path(root) if root else Path(settings["PATH"]).resolve().parent


def cache_dir(settings: dict[str, Any]) -> Path:
    folder = Path(setting(settings, "COPROWEEK_CARDS_CACHE_DIR"))
    return folder if folder.is_absolute() else project_root(settings) / folder
