"""Writing one feed as Atom or RSS 2.0 with feedgen, the same bytes on every build.

Nothing in a feed depends on when it was built: the feed's updated / lastBuildDate come
from its newest post, and the generator line names no version.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .channels import FeedChannel
from .items import Card, FeedItem

MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
GENERATOR = "Co-production Week site kit"


class CoproweekExtension(BaseExtension):
    """Declares the namespaces our entries use."""

    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS, "dc": DC_NS}


class CoproweekEntryExtension(BaseEntryExtension):
    """What feedgen does not write (right) for an entry: the author for RSS (dc:creator:
    RSS's own <author> must be an email address), the card as an enclosure and as
    media:content with its alt text, and rel="alternate" on the entry's Atom link."""

    def __init__(self) -> None:
        self.creator = ""
        self.card: Card | None = None

    def _media(self, parent: Any) -> None:
        if self.card is None:
            return
        content = xml_elem(f"{{{MEDIA_NS}}}content", parent)
        content.set("url", self.card.url)
        content.set("type", self.card.mime_type)
        content.set("medium", "image")
        content.set("fileSize", str(self.card.length))
        if self.card.width and self.card.height:
            content.set("width", str(self.card.width))
            content.set("height", str(self.card.height))
        if self.card.alt:
            description = xml_elem(f"{{{MEDIA_NS}}}description", content)
            description.set("type", "plain")
            description.text = self.card.alt

    def extend_atom(self, entry: Any) -> Any:
        # feedgen 1.0 drops rel and type from entry links (and so would turn an enclosure
        # into a second alternate link): the only link it writes is the page's. Its Atom
        # elements carry no namespace until written out, so neither do ours.
        for link in entry.findall("link"):
            link.set("rel", "alternate")
            link.set("type", "text/html")
        if self.card is not None:
            enclosure = xml_elem("link", entry)
            enclosure.set("rel", "enclosure")
            enclosure.set("href", self.card.url)
            enclosure.set("type", self.card.mime_type)
            enclosure.set("length", str(self.card.length))
            if self.card.alt:
                enclosure.set("title", self.card.alt)
        self._media(entry)
        return entry

    def extend_rss(self, item: Any) -> Any:
        if self.creator:
            xml_elem(f"{{{DC_NS}}}creator", item).text = self.creator
        if self.card is not None:
            enclosure = xml_elem("enclosure", item)
            enclosure.set("url", self.card.url)
            enclosure.set("length", str(self.card.length))
            enclosure.set("type", self.card.mime_type)
        self._media(item)
        return item


def _add_entry(feed: FeedGenerator, item: FeedItem, card: Card | None) -> None:
    entry: FeedEntry = feed.add_entry(order="append")
    entry.id(item.id)
    entry.title(item.title)
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.published(item.date)
    entry.updated(item.date)
    entry.pubDate(item.date)
    entry.author({"name": item.author})
    # RSS readers (and RSS-to-email tools) read <description> as HTML: the plain summary is
    # escaped for it, so its words are shown, never run. (Set first: feedgen's description()
    # also sets Atom's content, which content() then replaces.)
    entry.description(escape(item.summary))
    entry.content(item.html(), type="html")
    entry.summary(item.summary, type="text")  # Atom: plain text
    for name in item.categories:
        entry.category(term=name)
    entry.coproweek.creator = item.author
    entry.coproweek.card = card


def feed_bytes(
    channel: FeedChannel,
    format_name: str,
    cards: dict[str, Card],
    *,
    sitename: str,
    language: str,
    stylesheet: str,
) -> bytes:
    """The feed's XML. `cards` maps an item id to its card; `stylesheet` is the address of
    the XSL file, relative to the feed."""
    link = channel.link(format_name)
    newest = channel.items[0].date
    feed = FeedGenerator()
    feed.register_extension("coproweek", CoproweekExtension, CoproweekEntryExtension)
    feed.id(link.url)
    feed.title(channel.title)
    feed.subtitle(channel.description)  # also RSS's required <description>
    feed.link(href=link.url, rel="self", type=link.mime_type)
    # RSS's <link> is the last link given: the page this feed follows.
    feed.link(href=channel.page_url, rel="alternate", type="text/html")
    feed.author({"name": sitename})
    feed.language(language)
    feed.generator(GENERATOR)
    feed.updated(newest)  # also RSS's lastBuildDate: feedgen keeps one value for both
    feed.pubDate(newest)
    for item in channel.items:
        _add_entry(feed, item, cards.get(item.id))
    xml = feed.atom_str(pretty=True) if format_name == "atom" else feed.rss_str(pretty=True)
    return _with_stylesheet(xml, stylesheet)


def _with_stylesheet(xml: bytes, href: str) -> bytes:
    declaration, _, rest = xml.partition(b"?>\n")
    instruction = f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'.encode()
    return declaration + b"?>\n" + instruction + rest


def stylesheet_href(feed_path: str, stylesheet_path: str) -> str:
    """The stylesheet's address relative to the feed: a browser applies XSL only from the
    same origin, and a relative address works under any host name (localhost, 127.0.0.1)."""
    return posixpath.relpath(stylesheet_path, posixpath.dirname(feed_path) or ".")


def write_feed(output_path: Path, relative: str, xml: bytes) -> None:
    target = output_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(xml)
