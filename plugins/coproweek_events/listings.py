"""What the events pages show: events grouped by the day they start, upcoming first (in the
order they start), then past ones (the latest first). "Upcoming" is decided by the build's
today (COPROWEEK_TODAY), so the daily build keeps it right."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from coproweek_content.dates import LOCALE, weekday_date
from coproweek_content.events import Event, by_start
from coproweek_content.model import Campaign


@dataclass(frozen=True)
class EventDay:
    day: date
    text: str  # Tuesday 1 July 2025
    events: tuple[Event, ...]


@dataclass
class EventListing:
    """One events page: a campaign's, or the site's upcoming events."""

    title: str
    url: str  # the page, relative to the site
    calendar_url: str  # its subscribable calendar
    upcoming: tuple[EventDay, ...]
    past: tuple[EventDay, ...] = ()
    campaign: Campaign | None = None

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def count(self) -> int:
        return sum(len(day.events) for day in (*self.upcoming, *self.past))

    @property
    def upcoming_count(self) -> int:
        return sum(len(day.events) for day in self.upcoming)


def by_day(
    events: list[Event], locale: str = LOCALE, latest_first: bool = False
) -> tuple[EventDay, ...]:
    ordered = by_start(events)
    days = [
        EventDay(day, weekday_date(day, locale), tuple(group))
        for day, group in groupby(ordered, key=lambda event: event.starts.day)
    ]
    return tuple(reversed(days)) if latest_first else tuple(days)


def split(
    events: list[Event], today: date, locale: str = LOCALE
) -> tuple[tuple[EventDay, ...], tuple[EventDay, ...]]:
    """(upcoming, past), each grouped by day, the days named in `locale`."""
    upcoming = [event for event in events if event.is_upcoming(today)]
    past = [event for event in events if not event.is_upcoming(today)]
    return by_day(upcoming, locale), by_day(past, locale, latest_first=True)
