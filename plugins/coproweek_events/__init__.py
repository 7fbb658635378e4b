"""coproweek_events: events pages, calendars (iCalendar) and events feeds.

Events are read and checked by coproweek_content (content/events/); this plugin publishes
the ones the model publishes (never a withdrawn event, nor one announced after today).

Signals:
- coproweek_content's settings_wanted: this plugin's settings (settings.py), checked;
- get_generators: the EventsGenerator (generator.py) does the rest.
"""

from __future__ import annotations

from typing import Any


def declare_settings(state: Any) -> type:
    from .settings import EventsSettings

    return EventsSettings


def get_generators(pelican: Any) -> type:
    from .generator import EventsGenerator

    return EventsGenerator


def register() -> None:
    from coproweek_content.state import settings_wanted
    from pelican import signals

    settings_wanted.connect(declare_settings)
    signals.get_generators.connect(get_generators)
