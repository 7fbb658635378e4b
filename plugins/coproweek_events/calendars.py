"""iCalendar files (RFC 5545) made with the icalendar library: one per event ("Add to
calendar"), and subscribable ones per campaign and for the whole site.

Nothing in a calendar depends on when it was built: the UID is the event's address at the
site's authority, DTSTAMP and LAST-MODIFIED come from the file's Date or Updated, the time
zones (VTIMEZONE) come from the IANA data, and events are listed in the order they start.
A cancelled event stays in, with STATUS:CANCELLED, so calendars that imported it learn so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from coproweek_content.events import Event, by_start
from coproweek_content.words import SOURCE_LANGUAGE, Words, own_words
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT = "-//Co-production Week site kit//Events//EN"


def uid(event: Event, authority: str) -> str:
    """Stable across builds and edits of anything but the event's address."""
    return f"{event.url.strip('/')}@{authority}"


def _utc(moment: datetime, zone: object) -> datetime:
    """A moment from a file (no zone written) as UTC, read in the event's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)  # type: ignore[arg-type]
    return moment.astimezone(UTC)


def english() -> Words:
    return own_words(SOURCE_LANGUAGE, __file__)


def description(event: Event, page_url: str, words: Words | None = None) -> str:
    """The plain-text DESCRIPTION: what a calendar shows under the title."""
    words = words or english()
    lines = []
    if event.cancelled:
        lines.append(words.gettext("This event is cancelled."))
    lines += [
        event.summary,
        "",
        words.gettext("When: %(when)s") % {"when": event.when_text},
        words.gettext("Where: %(where)s") % {"where": event.place_text},
    ]
    if event.online_link:
        lines.append(words.gettext("Online: %(link)s") % {"link": event.online_link})
    lines.append(words.gettext("Cost: %(cost)s") % {"cost": event.cost})
    lines.append(
        words.gettext("Book: %(link)s") % {"link": event.booking_link}
        if event.booking_link
        else words.gettext("Booking: no need to book")
    )
    if event.access_texts:
        lines.append(
            words.gettext("Access: %(access)s") % {"access": "; ".join(event.access_texts)}
        )
    lines += [
        words.gettext("Organised by %(organiser)s") % {"organiser": event.organiser},
        "",
        words.gettext("More: %(link)s") % {"link": page_url},
    ]
    return "\n".join(lines)


def calendar_event(
    event: Event, site_url: str, authority: str, words: Words | None = None
) -> CalendarEvent:
    words = words or english()
    page_url = f"{site_url}/{event.url}"
    item = CalendarEvent()
    item.add("uid", uid(event, authority))
    item.add("dtstamp", _utc(event.changed, event.time_zone))
    item.add("last-modified", _utc(event.changed, event.time_zone))
    if event.all_day:
        item.add("dtstart", event.starts.day)
        item.add("dtend", event.end_at.date())  # the day after the last: RFC 5545's rule
    else:
        item.add("dtstart", event.start_at)
        item.add("dtend", event.end_at)
    title = event.title
    if event.cancelled:
        title = words.gettext("Cancelled: %(title)s") % {"title": title}
    item.add("summary", title)
    item.add("description", description(event, page_url, words))
    item.add("url", page_url)
    item.add("location", event.place_text)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    for tag in event.tags:
        item.add("categories", tag)
    return item


def calendar_bytes(
    events: Iterable[Event],
    name: str,
    site_url: str,
    authority: str,
    words: Words | None = None,
    single: bool = False,
) -> bytes:
    """A calendar of `events` in the order they start, with each time zone they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if not single:
        # How often a subscribed calendar should look again: the site is built daily.
        calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "P1D")
    chosen = by_start(list(events))
    for event in chosen:
        calendar.add_component(calendar_event(event, site_url, authority, words))
    if chosen:
        # Each zone's rules for the years its events are in (a year either side), from the
        # content alone: the same bytes on every build.
        first = min(event.starts.day.year for event in chosen) - 1
        last = max(event.ends.day.year for event in chosen) + 2
        calendar.add_missing_timezones(date(first, 1, 1), date(last, 1, 1))
    return calendar.to_ical()
