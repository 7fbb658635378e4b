"""An event in the content model: when and where it is, how to take part, and what it says.

Times are kept as written with the event's time zone (an IANA name), so the local time a
reader sees (and a calendar imports) is the one the organiser meant, on either side of a
change to or from summer time. An all-day event has days only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import Markup

from .dates import between, clock_time, long_date, weekday_date
from .event_fields import ACCESS, Attendance, EventStatus, When
from .model import Image
from .words import Words, own_words

EVENTS_URL = "events/"  # the site-wide list of upcoming events
CAMPAIGN_EVENTS_URL = "campaigns/{year}/events/"  # a campaign's events page, calendar, feeds
EVENTS_FEED_NAME = "feed"  # feed.atom.xml and feed.rss.xml beside a campaign's calendar


@dataclass(frozen=True)
class CardFacts:
    """What an event card shows, ready to draw (the cards plugin's seam): every value is
    plain text from the model, the times in the event's own time zone."""

    title: str
    when: str  # "Tuesday 1 July 2025, 10:00 to 12:00 BST"
    place: str  # "Online", or the venue and address
    campaign_year: int | None
    cancelled: bool


@dataclass(frozen=True)
class Event:
    source_path: Path
    slug: str
    title: str
    summary: str  # plain text
    announced: datetime  # Date: when it was announced; after today it is scheduled
    starts: When
    ends: When
    zone: str  # an IANA time zone name
    attendance: Attendance
    organiser: str
    booking_link: str = ""  # "": no need to book
    cost: str = ""
    venue: str = ""
    address: str = ""
    map_link: str = ""
    online_link: str = ""
    access: tuple[str, ...] = ()  # keys of ACCESS, in its order
    access_other: str = ""
    campaign_year: int | None = None
    tags: tuple[str, ...] = ()
    status: EventStatus = EventStatus.SCHEDULED
    withdrawn: bool = False
    updated: datetime | None = None
    html: Markup = field(default=Markup(""), repr=False)  # the description, sanitised
    images: tuple[Image, ...] = ()
    # The language of the words the site puts around the event's own ("Online", "all day",
    # month names): the edition's, set where an edition shows the event.
    interface_language: str = "en"

    # Where it is published ------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"{EVENTS_URL}{self.starts.day:%Y}/{self.slug}/"

    @property
    def calendar_url(self) -> str:
        return f"{self.url}{self.slug}.ics"

    def is_scheduled(self, today: date) -> bool:
        """Announced after today: held back until its day."""
        return self.announced.date() > today

    def is_published(self, today: date) -> bool:
        return not self.withdrawn and not self.is_scheduled(today)

    def is_upcoming(self, today: date) -> bool:
        """Not over yet: it ends today or later."""
        return self.last_day >= today

    # When -------------------------------------------------------------------------------

    @property
    def all_day(self) -> bool:
        return self.starts.all_day

    @property
    def cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    @property
    def time_zone(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def start_at(self) -> datetime:
        """The start as an aware moment (midnight for an all-day event)."""
        return datetime.combine(self.starts.day, self.starts.clock or datetime.min.time()).replace(
            tzinfo=self.time_zone
        )

    @property
    def end_at(self) -> datetime:
        if self.ends.clock is None:
            return datetime.combine(self.ends.day + timedelta(days=1), datetime.min.time()).replace(
                tzinfo=self.time_zone
            )
        return datetime.combine(self.ends.day, self.ends.clock).replace(tzinfo=self.time_zone)

    @property
    def last_day(self) -> date:
        return self.ends.day

    @property
    def changed(self) -> datetime:
        """When the file last said it changed (Updated, else Date): never the build's time."""
        return self.updated or self.announced

    @property
    def words(self) -> Words:
        return own_words(self.interface_language, __file__)

    @property
    def when_text(self) -> str:
        """Tuesday 1 July 2025, 10:00 to 12:00 BST; Monday 30 June to Friday 4 July 2025."""
        words, locale = self.words, str(self.words.locale)
        first, last = self.starts.day, self.ends.day
        if self.all_day:
            if first == last:
                return words.gettext("%(day)s, all day") % {"day": weekday_date(first, locale)}
            return between(weekday_date(first, locale), weekday_date(last, locale), locale)
        start, end = self.start_at, self.end_at
        zone = end.tzname() if start.tzname() == end.tzname() else ""
        start_text = f"{clock_time(start, locale)}" + ("" if zone else f" {start.tzname()}")
        end_text = f"{clock_time(end, locale)} {end.tzname()}"
        if first == last:
            span = between(start_text, end_text, locale)
            return words.gettext("%(day)s, %(times)s") % {
                "day": weekday_date(first, locale),
                "times": span,
            }
        return between(
            f"{weekday_date(first, locale)} {start_text}",
            f"{weekday_date(last, locale)} {end_text}",
            locale,
        )

    @property
    def day_text(self) -> str:
        return long_date(self.starts.day, str(self.words.locale))

    # Where and how ----------------------------------------------------------------------

    @property
    def online(self) -> bool:
        return self.attendance in (Attendance.ONLINE, Attendance.HYBRID)

    @property
    def in_person(self) -> bool:
        return self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID)

    @property
    def place_text(self) -> str:
        here = ", ".join(part for part in (self.venue, self.address) if part)
        if self.attendance is Attendance.ONLINE:
            return self.words.gettext("Online")
        if self.attendance is Attendance.HYBRID:
            return self.words.gettext("%(place)s, and online") % {"place": here}
        return here

    @property
    def attendance_text(self) -> str:
        words = self.words
        return {
            Attendance.ONLINE: words.gettext("Online"),
            Attendance.IN_PERSON: words.gettext("In person"),
            Attendance.HYBRID: words.gettext("In person and online"),
        }[self.attendance]

    @property
    def access_texts(self) -> tuple[str, ...]:
        found = tuple(self.words.gettext(ACCESS[key]) for key in self.access)
        return found + ((self.access_other,) if self.access_other else ())

    @property
    def price(self) -> str | None:
        """The cost as a number of pounds ("0" when free), when the words say it plainly."""
        if self.cost.casefold().startswith("free"):
            return "0"
        found = re.match(r"£\s*(\d+(?:\.\d{2})?)", self.cost)
        return found.group(1) if found else None

    @property
    def booking_text(self) -> str:
        words = self.words
        return (
            words.gettext("Booking needed")
            if self.booking_link
            else words.gettext("No need to book")
        )

    def card_facts(self) -> CardFacts:
        return CardFacts(
            self.title, self.when_text, self.place_text, self.campaign_year, self.cancelled
        )


def by_start(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda event: (event.start_at, event.slug))
