"""Dates as the site shows them, the one place they are formatted: month names come from
Babel's locale data (British English here; Welsh later), never from the machine's locale."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

LOCALE = "en_GB"


def long_date(day: date, locale: str = LOCALE) -> str:
    """2 July 2024"""
    return format_date(day, "d MMMM y", locale=locale)


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
    return f"{first} to {long_date(end, locale)}"
