"""What an event's card says: its title with the date and time (in the event's own time
zone) and the place set large, in its campaign's style, palette, hashtag and partner logos.

A cancelled event keeps its card, with CANCELLED above everything: the event stays on the
site and in calendars, and a card that says so is how its followers hear of it. Withdrawn
and not yet announced events have no card (the content model does not publish them).
"""

from __future__ import annotations

from dataclasses import replace

from coproweek_content.events import Event
from coproweek_content.loader import LoadedSite
from coproweek_content.model import DEFAULT_CARD_LAYOUT
from coproweek_content.problems import display_path
from coproweek_content.source import read_source

from . import alt, captions
from .cardmodel import Card, CardOptions
from .cardwords import (
    campaign_name,
    corner_words,
    design_words,
    new_card,
    page_link,
    palette_of,
    partners_shown,
)
from .layouts import PHOTO

SLUG_PREFIX = "event-"  # event-SLUG: never the name of a post's or a campaign's card


def event_cards(site: LoadedSite, options: CardOptions) -> list[Card]:
    """A card for every event the site publishes, in the order of their files."""
    events = sorted(site.published_events, key=lambda event: str(event.source_path))
    return [event_card(event, site, options) for event in events]


def event_card(event: Event, site: LoadedSite, options: CardOptions) -> Card:
    """An event's card, without file names yet (also for a withdrawn event's takedown)."""
    # The event's date, time and place in the edition's language (the model words them).
    facts = replace(event, interface_language=options.language).card_facts()
    language = options.words()
    _ = language.gettext
    when, place = facts.when, facts.place
    year = facts.campaign_year
    campaign = site.context.campaigns.get(year) if year else None
    style = (campaign.card.layout if campaign else "") or DEFAULT_CARD_LAYOUT
    photo = campaign.card.photo if campaign and style == PHOTO else None
    name = campaign_name(year, language)
    hashtag = campaign.hashtag if campaign else options.default_hashtag
    words = {
        **({"notice": _("CANCELLED")} if facts.cancelled else {}),
        "kicker": _("Event · %(campaign)s") % {"campaign": name} if name else _("Event"),
        "text": facts.title,
        "when": when,
        "place": _place_lines(place, event.venue),
        **corner_words(options),
        "hashtag": hashtag,
        **design_words(photo, campaign, site),
    }
    title = alt.sentence(facts.title)
    body = _("Cancelled: %(title)s") % {"title": title} if facts.cancelled else title
    after = f"{alt.sentence(when)} {alt.sentence(place)}"
    if not captions.fits_everywhere(
        " ".join((body, after, page_link(event.url, options), hashtag))
    ):
        after = alt.sentence(when)  # the event's page gives the place
    return new_card(
        display_path(event.source_path, site.context.project_root),
        read_source(event.source_path).line_of("title") or 1,
        "event",
        0,
        f"{SLUG_PREFIX}{event.slug}",
        str(year) if year else "misc",
        words,
        palette_of(campaign, options),
        name,
        body,
        after,
        event.url,
        facts.title,
        year,
        options,
        style,
        alt.Extras(photo.alt if photo else "", partners_shown(campaign)),
    )


def _place_lines(place: str, venue: str) -> str:
    """The venue on a line of its own, so an address is never broken after its house number."""
    if venue and place.startswith(f"{venue}, "):
        return f"{venue},\n{place[len(venue) + 2 :]}"
    return place
