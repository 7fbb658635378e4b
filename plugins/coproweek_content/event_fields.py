"""The fields an event file may have, and how each of its own kinds of value is read.

Events name no people: a host or speaker is not a field, so no one's consent is needed
(the description is checked for personal details like any post's text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .fields import (
    Field,
    FieldError,
    _fields,
    a_date,
    a_list,
    a_web_link,
    a_year,
    slug,
    tags,
    yes_no,
)
from .words import N_


class Attendance(Enum):
    ONLINE = "online"
    IN_PERSON = "in person"
    HYBRID = "hybrid"


class EventStatus(Enum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


# What the site can say about getting to and taking part in an event, in this order.
# The labels are translated where they are shown (Event.access_texts).
ACCESS = {
    "step-free": N_("Step-free access"),
    "hearing loop": N_("Hearing loop"),
    "bsl": N_("British Sign Language (BSL) interpretation"),
    "captions": N_("Live captions"),
    "quiet room": N_("A quiet room"),
}
NO_BOOKING = "no need to book"


@dataclass(frozen=True)
class When:
    """A start or end as written: a day, with a time of day unless the event is all-day."""

    day: date
    clock: time | None  # None: the whole day

    @property
    def all_day(self) -> bool:
        return self.clock is None


def a_moment(value: str) -> When:
    text = value.strip()
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return When(moment.date(), moment.time() if " " in text else None)
    raise FieldError(
        f'"{value}" is not a date and time we can read.',
        "write the day as year-month-day and the time on the 24-hour clock, for example "
        "2025-07-01 14:30, or only the day (2025-07-01) for an all-day event.",
    )


def a_time_zone(value: str) -> str:
    name = value.strip()
    try:
        if name in available_timezones() or name == "UTC":
            ZoneInfo(name)
            return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise FieldError(
        f'"{value}" is not a time zone we know.',
        "write the time zone's name as the IANA list has it, for example Europe/London or "
        "Europe/Dublin, or leave the line out for the site's own time zone.",
    )


def _one_of(kind: type[Enum], what: str) -> Callable[[str], Enum]:
    def parse(value: str) -> Enum:
        wanted = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
        for item in kind:
            if item.value == wanted:
                return item
        choices = ", ".join(item.value for item in kind)
        raise FieldError(f'"{value}" is not {what}.', f"use one of: {choices}.")

    return parse


def booking(value: str) -> str:
    """A web address to book at, or "" for "no need to book"."""
    if " ".join(value.lower().split()).rstrip(".") == NO_BOOKING:
        return ""
    try:
        return a_web_link(value)
    except FieldError:
        raise FieldError(
            f'"{value}" is not a booking address.',
            "give the full address of the booking page starting with https://, or write: "
            "Booking: no need to book",
        ) from None


def access(value: str) -> tuple[str, ...]:
    chosen = [" ".join(item.lower().replace("_", " ").split()) for item in a_list(value)]
    chosen = ["step-free" if item in ("step free", "stepfree") else item for item in chosen]
    unknown = [item for item in chosen if item not in ACCESS]
    if unknown:
        raise FieldError(
            f'"{unknown[0]}" is not one of the kinds of access the site lists.',
            f"use one or more of: {', '.join(ACCESS)}; write anything else under Access-other.",
        )
    return tuple(key for key in ACCESS if key in chosen)


def cost(value: str) -> str:
    text = " ".join(value.split())
    if re.search(r"[<>]", text):
        raise FieldError(f'"{value}" is not a cost we can show.', "write, for example, Free or £5.")
    return text


EVENT_FIELDS = _fields(
    Field("Title", required=True),
    Field("Summary", required=True),
    Field("Date", a_date, required=True),  # when it was announced; later: scheduled
    Field("Updated", a_date),
    Field("Starts", a_moment, required=True),
    Field("Ends", a_moment),
    Field("Time-zone", a_time_zone),
    Field("Attendance", _one_of(Attendance, "a way of taking part we know"), required=True),
    Field("Venue"),
    Field("Address"),
    Field("Map", a_web_link),
    Field("Online-link", a_web_link),
    Field("Booking", booking, required=True),
    Field("Cost", cost, required=True),
    Field("Access", access),
    Field("Access-other"),
    Field("Organiser", required=True),
    Field("Campaign", a_year),
    Field("Tags", tags),
    Field("Status", _one_of(EventStatus, "an event status we know")),
    Field("Withdrawn", yes_no),
    Field("Slug", slug),
)
