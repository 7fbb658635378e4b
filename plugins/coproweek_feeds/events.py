"""Each campaign's events feed (Atom and RSS), newest announced first: the events of the
content model as feed items, so they are written like every other feed."""

from __future__ import annotations

import hashlib
from html import escape

from coproweek_content.events import Event
from coproweek_content.words import Words

from .items import FeedItem, campaign_label
from .links import absolute_links


def feed_id(event: Event, authority: str, prefix: str = "") -> str:
    """A tag: URI, like the posts' (its date is the day the event was announced). Each
    edition's page of the event is an entry of its own: `prefix` is the edition's folder
    ("" for the main edition, "cy/")."""
    digest = hashlib.sha256(f"{prefix}{event.url}".encode()).hexdigest()[:16]
    return f"tag:{authority},{event.announced:%Y-%m-%d}:event/{digest}"


def item_html(event: Event, page_url: str, words: Words) -> str:
    """The event as HTML for a feed reader: every plain field escaped, the description as
    sanitised, with absolute addresses; the words around them in the edition's language."""
    facts = [
        (words.gettext("When"), event.when_text),
        (words.gettext("Where"), event.place_text),
        (words.gettext("Cost"), event.cost),
        (words.gettext("Booking"), event.booking_text),
    ]
    if event.access_texts:
        facts.append((words.gettext("Access"), "; ".join(event.access_texts)))
    cancelled = words.gettext("This event is cancelled.")
    parts = [f"<p><strong>{cancelled}</strong></p>"] if event.cancelled else []
    parts.append(
        "<ul>" + "".join(f"<li>{name}: {escape(value)}</li>" for name, value in facts) + "</ul>"
    )
    if event.booking_link:
        book = words.gettext("Book a place")
        parts.append(f'<p><a href="{escape(event.booking_link)}">{book}</a></p>')
    parts.append(str(event.html))
    return absolute_links("\n".join(parts), page_url)


def feed_item(
    event: Event, site_url: str, authority: str, words: Words, prefix: str = ""
) -> FeedItem:
    page_url = f"{site_url}/{event.url}"
    moment = event.announced
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=event.time_zone)
    categories = event.tags + (
        (campaign_label(event.campaign_year, words),) if event.campaign_year else ()
    )
    return FeedItem(
        id=feed_id(event, authority, prefix),
        title=(
            words.gettext("Cancelled: %(title)s") % {"title": event.title}
            if event.cancelled
            else event.title
        ),
        url=page_url,
        date=moment,
        author=event.organiser,
        summary=f"{event.when_text}. {event.place_text}. {event.summary}",
        categories=categories,
        kind="event",
        type_slug="events",
        campaign_year=event.campaign_year,
        tags=tuple((tag, tag) for tag in event.tags),
        content=item_html(event, page_url, words),
    )
