"""schema.org Event for each event page, as a dict the template writes with `tojson` (the
one escaping step for JSON-LD)."""

from __future__ import annotations

from typing import Any

from coproweek_content.event_fields import Attendance
from coproweek_content.events import Event

ATTENDANCE = {
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _moment(event: Event, start: bool) -> str:
    if event.all_day:
        return (event.starts.day if start else event.ends.day).isoformat()
    return (event.start_at if start else event.end_at).isoformat()


def event_data(event: Event, site_url: str, language: str) -> dict[str, Any]:
    page_url = f"{site_url}/{event.url}"
    places: list[dict[str, Any]] = []
    if event.in_person:
        place: dict[str, Any] = {"@type": "Place", "name": event.venue}
        if event.address:
            place["address"] = event.address
        if event.map_link:
            place["hasMap"] = event.map_link
        places.append(place)
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.online_link or page_url})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": _moment(event, True),
        "endDate": _moment(event, False),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE[event.attendance],
        "location": places[0] if len(places) == 1 else places,
        "organizer": {"@type": "Organization", "name": event.organiser},
        "url": page_url,
        "inLanguage": language,
    }
    offer: dict[str, Any] = {"@type": "Offer", "url": event.booking_link or page_url}
    if event.price is not None:
        offer.update(price=event.price, priceCurrency="GBP")
        data["isAccessibleForFree"] = event.price == "0"
    else:
        offer["description"] = event.cost
    data["offers"] = offer
    return data
