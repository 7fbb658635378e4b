"""coproweek_feeds: RSS 2.0 and Atom feeds, built with feedgen (Pelican's own feeds are off).

Feeds: the whole site, each campaign year, each type (quotes, blogs) and, when
COPROWEEK_FEEDS_PER_TAG is on, each tag. Only published posts whose author agreed to the
newsletter channel are listed. Defaults are in settings.py.

Languages: each edition's Pelican run writes its own feeds of its own posts (the Welsh ones
under /cy/feeds/, with each campaign's events feed under /cy/campaigns/), in its language
(Atom's xml:lang, RSS's <language>), with titles, descriptions and the words inside items
from translations/<language>/LC_MESSAGES/messages.po, and the feed stylesheet's words too
(stylesheet.py).

Signals:
- coproweek_content's settings_wanted: this plugin's settings (settings.py), checked;
- get_generators: FeedsGenerator plans the feeds (template context `feeds`) and
  writes the page that lists them;
- finalized: the feeds are written last, so the card files they point at exist.
"""

from __future__ import annotations

from typing import Any

from coproweek_content.state import settings_wanted
from pelican import signals

from .generator import FeedsGenerator, write_planned_feeds
from .settings import FeedsSettings


def declare_settings(state: Any) -> type:
    return FeedsSettings


def get_generators(pelican: Any) -> type:
    return FeedsGenerator


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_planned_feeds)
