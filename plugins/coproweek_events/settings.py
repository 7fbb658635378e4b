"""The events plugin's settings, and the addresses of what it writes (the content model
keeps them free: coproweek_content.addresses reserves events/, and campaigns/ is the
campaigns plugin's)."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.config import Settings, option
from coproweek_content.events import CAMPAIGN_EVENTS_URL as CAMPAIGN_EVENTS_URL
from coproweek_content.events import EVENTS_URL

SITE_EVENTS_URL = EVENTS_URL  # every upcoming event, and the site's calendar
CALENDAR_FILE = "calendar.ics"


@dataclass(frozen=True)
class EventsSettings(Settings):
    PREFIX = "COPROWEEK_EVENTS_"
    enabled: bool = option(
        True,
        "Write the events pages and calendars (events are checked either way; their feeds "
        "are written by the feeds plugin).",
    )
    id_authority: str = option(
        "",
        "The name in every event's calendar UID; empty: the host of the site's "
        "address. Set it once when the site goes public and never change it.",
    )
    fallback_siteurl: str = option(
        "http://localhost:8000", "Calendars need full addresses; used while SITEURL is empty."
    )
