"""Reading one event file into the model: its fields, checked together, and its description,
rendered once and sanitised like every other text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import safety
from .event_fields import EVENT_FIELDS, Attendance, EventStatus, When
from .events import Event
from .posts import check_campaign_year, file_slug, readable_source, report_rendering
from .problems import Severity
from .source import SourceFile
from .values import FileReport, read_values

if TYPE_CHECKING:
    from pathlib import Path

    from .loader import SiteContext


def load_event(
    path: Path, context: SiteContext, organisations: Iterable[str], report: FileReport
) -> Event | None:
    source = readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, EVENT_FIELDS, "event", report)
    starts, ends = _times(source, values, report)
    _places(source, values, report)
    organiser = _organiser(source, values, organisations, report)
    year = values.get("campaign")
    check_campaign_year(
        year,
        context,
        source.line_of("campaign"),
        report,
        "correct the year, or leave Campaign out for an event outside a campaign week.",
    )
    slug = file_slug(path, values, report)
    rendered = context.renderer.render(source.body, source.body_line)
    report_rendering(rendered, report)
    for finding in safety.personal_details(source.body, source.body_line, []):
        report.add(finding.line, finding.message, finding.fix, Severity.WARNING)
    if report.has_errors or starts is None or ends is None or not slug:
        return None
    return Event(
        source_path=path,
        slug=slug,
        title=values["title"],
        summary=values["summary"],
        announced=values["date"],
        updated=values.get("updated"),
        starts=starts,
        ends=ends,
        zone=values.get("time_zone") or context.events_time_zone,
        attendance=values["attendance"],
        organiser=organiser,
        booking_link=values["booking"],
        cost=values["cost"],
        venue=values.get("venue", ""),
        address=values.get("address", ""),
        map_link=values.get("map", ""),
        online_link=values.get("online_link", ""),
        access=values.get("access", ()),
        access_other=values.get("access_other", ""),
        campaign_year=year,
        tags=values.get("tags", ()),
        status=values.get("status", EventStatus.SCHEDULED),
        withdrawn=values.get("withdrawn", False),
        html=rendered.html,
        images=tuple(rendered.images),
    )


def _times(
    source: SourceFile, values: dict[str, Any], report: FileReport
) -> tuple[When | None, When | None]:
    starts: When | None = values.get("starts")
    ends: When | None = values.get("ends")
    if starts is None:
        return None, None
    if ends is None:
        if starts.all_day:
            return starts, starts  # one whole day
        if "ends" not in source.fields:
            report.add(
                source.line_of("starts"),
                "Ends is missing: a calendar needs to know when the event finishes.",
                f"add a line under Starts, for example: Ends: {starts.day:%Y-%m-%d} 16:00",
            )
        return starts, None
    line = source.line_of("ends")
    if starts.all_day != ends.all_day:
        report.add(
            line,
            "Starts and Ends must both have a time, or both be days only (an all-day event).",
            "write both as 2025-07-01 14:00, or both as 2025-07-01.",
        )
        return starts, None
    if starts.all_day:
        backwards = ends.day < starts.day
    else:
        backwards = (ends.day, ends.clock) <= (starts.day, starts.clock)
    if backwards:
        report.add(line, "Ends is not after Starts.", "check the day and time of both lines.")
        return starts, None
    return starts, ends


def _places(source: SourceFile, values: dict[str, Any], report: FileReport) -> None:
    attendance: Attendance | None = values.get("attendance")
    if attendance is None:
        return
    in_person = attendance in (Attendance.IN_PERSON, Attendance.HYBRID)
    if in_person and not values.get("venue") and "venue" not in report.suggested:
        report.add(
            source.line_of("attendance"),
            f"the event is {attendance.value}, but there is no Venue: readers need to know where to go.",
            "add a line: Venue: (the name of the place), and one: Address: (its street and town).",
        )
    if attendance is Attendance.ONLINE:
        for name in ("venue", "address", "map"):
            if name in values:
                report.add(
                    source.line_of(name),
                    f"the event is online, so it has no {EVENT_FIELDS[name].label}.",
                    "remove this line, or change Attendance to in person or hybrid.",
                )


def _organiser(
    source: SourceFile, values: dict[str, Any], organisations: Iterable[str], report: FileReport
) -> str:
    """The organiser as the site already names the organisation (its partners, the
    organisations of its posts, the site's own)."""
    name = values.get("organiser", "")
    if not name:
        return ""
    known = {" ".join(item.split()).casefold(): item for item in organisations if item}
    found = known.get(name.casefold())
    if found is None:
        report.add(
            source.line_of("organiser"),
            f'"{name}" is not an organisation the site knows.',
            "write the name as a campaign's Partners or a post's Organisation has it, one of: "
            + "; ".join(sorted(known.values(), key=str.casefold))
            + ". A new organisation is added to a campaign's Partners first.",
        )
        return ""
    return found
