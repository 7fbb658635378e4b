"""Dates as the site shows them, the one place they are formatted: month and day names come
from Babel's locale data (British English, or the edition's language: `cy` gives Welsh),
never from the machine's locale. The words between dates come from this package's catalogue."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time

from .words import own_words

LOCALE = "en_GB"


def long_date(day: date, locale: str = LOCALE) -> str:
    """2 July 2024"""
    return format_date(day, "d MMMM y", locale=locale)


def weekday_date(day: date, locale: str = LOCALE) -> str:
    """Tuesday 1 July 2025"""
    return format_date(day, "EEEE d MMMM y", locale=locale)


def clock_time(moment: datetime, locale: str = LOCALE) -> str:
    """14:30, on the 24-hour clock, as the moment's own time zone has it."""
    return format_time(moment, "HH:mm", tzinfo=moment.tzinfo, locale=locale)


def day_month(day: date, locale: str = LOCALE) -> str:
    """2 July"""
    return format_date(day, "d MMMM", locale=locale)


def date_range(start: date, end: date, locale: str = LOCALE) -> str:
    """1 to 5 July 2024; 30 June to 4 July 2025."""
    first = (
        str(start.day)
        if (start.year, start.month) == (end.year, end.month)
        else day_month(start, locale)
    )
    if start.year != end.year:
        first = long_date(start, locale)
    return between(first, long_date(end, locale), locale)


def between(start: str, end: str, locale: str = LOCALE) -> str:
    """Two dates or times as a span, in `locale`'s language: "1 to 5 July 2024"."""
    words = own_words(_language(locale), __file__)
    return words.gettext("%(start)s to %(end)s") % {"start": start, "end": end}


@cache
def _language(locale: str) -> str:
    return Locale.parse(locale).language
