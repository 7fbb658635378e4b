"""Which feeds the site has: one FeedChannel per feed, each written as Atom and RSS.

The FeedIndex goes into the template context as `feeds`, so every page can link its
relevant feeds and the feeds page can list them all. It is also a mapping from campaign
year to that campaign's feed links ({"title", "url"}), for the campaign pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .items import FeedItem

FORMATS = {
    "atom": ("Atom", "application/atom+xml"),
    "rss": ("RSS", "application/rss+xml"),
}


@dataclass(frozen=True)
class FeedLink:
    format: str  # "atom" or "rss"
    label: str  # "Atom" or "RSS"
    mime_type: str
    path: str  # relative to the site, e.g. feeds/all.atom.xml
    url: str  # absolute


@dataclass(frozen=True)
class FeedChannel:
    group: str  # "site", "campaigns", "types", "tags" or "events"
    title: str
    description: str
    basename: str  # e.g. feeds/all
    page_path: str  # the page this feed follows, relative to the site ("" is the home page)
    page_url: str  # absolute
    items: tuple[FeedItem, ...]
    links: tuple[FeedLink, ...]

    def link(self, format_name: str) -> FeedLink:
        return next(link for link in self.links if link.format == format_name)


@dataclass(eq=False)
class FeedIndex(Mapping[int, list[dict[str, str]]]):
    page_path: str  # the page listing every feed, e.g. feeds/
    site: FeedChannel | None = None
    campaigns: dict[int, FeedChannel] = field(default_factory=dict)
    types: dict[str, FeedChannel] = field(default_factory=dict)
    tags: dict[str, FeedChannel] = field(default_factory=dict)
    events: dict[int, FeedChannel] = field(default_factory=dict)  # by campaign year
    # How a campaign page names a feed, in the edition's words.
    feed_label: str = "%(format)s feed: %(title)s"

    @property
    def channels(self) -> list[FeedChannel]:
        found = [self.site] if self.site else []
        kinds = (self.campaigns, self.types, self.tags, self.events)
        return found + [channel for kind in kinds for channel in kind.values()]

    def __bool__(self) -> bool:
        return bool(self.channels)

    def __getitem__(self, year: int) -> list[dict[str, str]]:
        try:
            channel = self.campaigns[int(year)]
        except (TypeError, ValueError):
            raise KeyError(year) from None
        return [
            {
                "title": self.feed_label % {"format": link.label, "title": channel.title},
                "url": link.path,
            }
            for link in channel.links
        ]

    def __iter__(self) -> Iterator[int]:
        return iter(self.campaigns)

    def __len__(self) -> int:
        return len(self.campaigns)

    def for_page(
        self, article: Any = None, campaign: Any = None, category: Any = None, tag: Any = None
    ) -> list[FeedChannel]:
        """The feeds a page should announce: the whole site, plus the page's own."""
        wanted: list[FeedChannel | None] = [self.site]
        if article is not None:
            entry = getattr(article, "entry", None)
            year = getattr(entry, "campaign_year", None)
            wanted.append(self.campaigns.get(year) if isinstance(year, int) else None)
            wanted.append(self.types.get(getattr(getattr(article, "category", None), "slug", "")))
        if campaign is not None:
            wanted.append(self.campaigns.get(getattr(campaign, "year", campaign)))
        if category is not None:
            wanted.append(self.types.get(getattr(category, "slug", "")))
        if tag is not None:
            wanted.append(self.tags.get(getattr(tag, "slug", "")))
        unique: list[FeedChannel] = []
        for channel in wanted:
            if channel is not None and channel not in unique:
                unique.append(channel)
        return unique


def newest_first(items: Iterable[FeedItem], limit: int | None) -> tuple[FeedItem, ...]:
    # The id breaks ties between posts of the same day, so the order never changes.
    ordered = sorted(items, key=lambda item: (item.date, item.id), reverse=True)
    return tuple(ordered[:limit] if limit else ordered)


def make_channel(
    group: str,
    title: str,
    description: str,
    basename: str,
    page_path: str,
    items: Iterable[FeedItem],
    *,
    site_url: str,
    formats: Iterable[str],
    limit: int | None,
) -> FeedChannel | None:
    chosen = newest_first(items, limit)
    if not chosen:
        return None  # a feed needs a newest post to date it
    links = tuple(
        FeedLink(
            format=name,
            label=FORMATS[name][0],
            mime_type=FORMATS[name][1],
            path=f"{basename}.{name}.xml",
            url=f"{site_url}/{basename}.{name}.xml",
        )
        for name in formats
    )
    return FeedChannel(
        group=group,
        title=title,
        description=description,
        basename=basename,
        page_path=page_path,
        page_url=f"{site_url}/{page_path}",
        items=chosen,
        links=links,
    )
