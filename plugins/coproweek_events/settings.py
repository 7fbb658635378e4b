"""The events plugin's settings, and the addresses of what it writes (the content model
keeps them free: coproweek_content.addresses reserves events/, and campaigns/ is the
campaigns plugin's)."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.config import Settings, option

CAMPAIGN_EVENTS_URL = "campaigns/{year}/events/"  # a campaign's events page, calendar, feeds
SITE_EVENTS_URL = "events/"  # every upcoming event, and the site's calendar
CALENDAR_FILE = "calendar.ics"
FEED_NAME = "feed"  # feed.atom.xml, feed.rss.xml beside the calendar


@dataclass(frozen=True)
class EventsSettings(Settings):
    PREFIX = "COPROWEEK_EVENTS_"
    enabled: bool = option(
        True, "Write the events pages, calendars and feeds (events are checked either way)."
    )
    id_authority: str = option(
        "",
        "The name in every event's calendar UID and feed id; empty: the host of the site's "
        "address. Set it once when the site goes public and never change it.",
    )
