"""The events generator: a page per event with its calendar file, an events page with a
calendar per campaign, and the site's upcoming events with its calendar. (Each campaign's
events feeds are written by the feeds plugin, from the same content model.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from coproweek_content.buildstate import BuildState
from coproweek_content.events import EVENTS_URL, Event
from coproweek_content.templatewords import language_of
from coproweek_content.words import Words, own_words
from pelican.generators import Generator

from .calendars import calendar_bytes
from .listings import EventListing, by_day, split
from .settings import CALENDAR_FILE, CAMPAIGN_EVENTS_URL, SITE_EVENTS_URL, EventsSettings
from .structured import event_data


class EventsGenerator(Generator):
    """Adds `event_listings` (campaign year -> its events page) and `upcoming_events` (the
    site's) to the template context, and writes every events page, calendar and feed."""

    events: list[Event]

    @property
    def words(self) -> Words:
        """This plugin's words in the edition's language."""
        return own_words(language_of(self.settings), __file__)

    def generate_context(self) -> None:
        if not EventsSettings.of(self.settings).enabled:
            return
        site = BuildState.of(self.settings).loaded
        today = site.context.today
        events = site.published_events  # every edition's, in its words (the edition's view)
        words = self.words
        locale = str(words.locale)
        listings: dict[int, EventListing] = {}
        for year, campaign in sorted(site.context.campaigns.items(), reverse=True):
            mine = [event for event in events if event.campaign_year == year]
            if not mine:
                continue
            url = CAMPAIGN_EVENTS_URL.format(year=year)
            upcoming, past = split(mine, today, locale)
            listings[year] = EventListing(
                words.gettext("Events for Co-production Week %(year)s") % {"year": year},
                url,
                f"{url}{CALENDAR_FILE}",
                upcoming,
                past,
                campaign,
            )
        coming = [event for event in events if event.is_upcoming(today)]
        self.context["event_listings"] = listings
        self.context["upcoming_events"] = EventListing(
            words.gettext("Upcoming events"),
            SITE_EVENTS_URL,
            f"{SITE_EVENTS_URL}{CALENDAR_FILE}",
            by_day(coming, locale),
        )
        self.context["events_url"] = EVENTS_URL
        self.events = events

    def generate_output(self, writer: Any) -> None:
        if not EventsSettings.of(self.settings).enabled:
            return
        events = self.events
        listings: dict[int, EventListing] = self.context["event_listings"]
        options = EventsSettings.of(self.settings)
        base = (self.settings.get("SITEURL") or options.fallback_siteurl).rstrip("/")
        authority = self._authority(base)
        output = Path(self.output_path)

        def write(save_as: str, template: str, url: str, **values: Any) -> None:
            writer.write_file(save_as, self.get_template(template), self.context, url=url, **values)

        def write_calendar(relative: str, chosen: list[Event], name: str, single: bool) -> None:
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(calendar_bytes(chosen, name, base, authority, words, single))

        sitename = self.settings.get("SITENAME", "")
        words = self.words
        for event in events:
            listing = listings.get(event.campaign_year) if event.campaign_year else None
            data = event_data(event, base, self.settings.get("DEFAULT_LANG", "en"))
            write(
                f"{event.url}index.html",
                "event",
                event.url,
                event=event,
                event_listing=listing,
                event_data=data,
            )
            write_calendar(event.calendar_url, [event], event.title, True)
        for year, listing in listings.items():
            write(listing.save_as, "events", listing.url, event_listing=listing)
            mine = [event for event in events if event.campaign_year == year]
            name = words.gettext("%(site)s: %(calendar)s") % {
                "site": sitename,
                "calendar": listing.title,
            }
            write_calendar(listing.calendar_url, mine, name, False)
        site_listing: EventListing = self.context["upcoming_events"]
        write(site_listing.save_as, "events", site_listing.url, event_listing=site_listing)
        name = words.gettext("%(site)s: events") % {"site": sitename}
        write_calendar(site_listing.calendar_url, events, name, False)
        BuildState.of(self.settings).stats["events"] = {"events": len(events)}

    def _authority(self, base: str) -> str:
        chosen = EventsSettings.of(self.settings).id_authority
        return chosen or urlsplit(base).hostname or "localhost"
