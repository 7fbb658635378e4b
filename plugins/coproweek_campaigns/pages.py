"""What the campaign, organisation and wellbeing pages show, gathered from the posts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coproweek_content.dates import LOCALE, day_month, long_date
from coproweek_content.fields import slug as make_slug
from coproweek_content.model import WELLBEING, Campaign
from coproweek_content.words import N_, Words

# The five ways to wellbeing as pages name them (translated where they are shown).
WAY_NAMES = {
    "connect": N_("Connect"),
    "be active": N_("Be active"),
    "take notice": N_("Take notice"),
    "keep learning": N_("Keep learning"),
    "give": N_("Give"),
}


@dataclass
class Listing:
    """A named group of posts with its own page: an organisation or a way to wellbeing."""

    name: str
    slug: str
    url: str
    articles: list[Any] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every way posts wrote it
    key: str = ""  # a way to wellbeing's name in the model ("be active"), whatever the language

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


@dataclass(frozen=True)
class CampaignLink:
    """What a post's page shows of its campaign: no posts, so the post never depends on the
    others in its campaign."""

    campaign: Campaign
    url: str


@dataclass(frozen=True)
class FeaturedQuote:
    """A quote as the home page shows it, without its post (see Lead)."""

    text: str
    name: str  # as the person's consent allows
    attribution: str  # the name, role and organisation
    url: str  # the post it is from
    language: str = ""  # the post's Language field
    whole_post: bool = False  # a quote post (not a pull quote in a blog post)


@dataclass(frozen=True)
class Lead:
    """What the home page says of the campaign it leads with: no posts, so it stays light."""

    campaign: Campaign
    url: str
    status: str
    quote_count: int
    blog_count: int
    featured: FeaturedQuote | None = None


@dataclass
class CampaignPage:
    campaign: Campaign
    url: str
    intro_html: str
    status: str  # "current", "next", "past" or "future", compared with the build's today
    quotes: list[Any] = field(default_factory=list)  # quote posts
    blogs: list[Any] = field(default_factory=list)
    partners: list[tuple[str, str]] = field(default_factory=list)  # (name, page url or "")
    feed_links: list[tuple[str, str]] = field(default_factory=list)  # (title, url)
    gallery_url: str = ""
    today: date | None = None  # the build's today: whose consent allows what

    @property
    def wall(self) -> list[tuple[Any, Any]]:
        """(post, quote) for every quote of the campaign shown on the web, quote posts
        first, each quote once however many posts carry the same words."""
        seen: set[str] = set()
        found = []
        for article in [*self.quotes, *self.blogs]:
            entry = article.entry
            quotes = entry.shown_quotes(self.today, "web") if self.today else entry.quotes
            for quote in quotes:
                key = " ".join(quote.text.casefold().split())
                if key not in seen:
                    seen.add(key)
                    found.append((article, quote))
        return found

    @property
    def featured(self) -> tuple[Any, Any] | None:
        """The quote the campaign page and the home page show large: the first shown quote of
        the post the campaign's Featured field names, else the newest quote post's, else the
        newest blog's first pull quote (the wall's first)."""
        wall = self.wall
        chosen = [item for item in wall if item[0].slug == self.campaign.featured]
        first = chosen or wall
        return first[0] if first else None

    @property
    def other_quotes(self) -> list[tuple[Any, Any]]:
        """The wall without the featured quote (shown above it)."""
        featured = self.featured
        if featured is None:
            return []
        return [
            (article, quote)
            for article, quote in self.wall
            if not (article is featured[0] and quote is featured[1])
        ]

    @property
    def quote_count(self) -> int:
        return len(self.wall)

    @property
    def year(self) -> int:
        return self.campaign.year

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


def safe_slug(name: str) -> str:
    try:
        return make_slug(name)
    except ValueError:
        return ""


def campaign_status(campaign: Campaign, today: date) -> str:
    if campaign.includes(today):
        return "current"
    return "future" if campaign.starts > today else "past"


def lead_campaign(pages: Iterable[CampaignPage]) -> CampaignPage | None:
    """The campaign the home page leads with: the current one, else the next, else the latest."""
    ordered = sorted(pages, key=lambda page: page.campaign.starts)
    for page in ordered:
        if page.status == "current":
            return page
    upcoming = [page for page in ordered if page.status == "future"]
    if upcoming:
        upcoming[0].status = "next"
        return upcoming[0]
    return ordered[-1] if ordered else None


def lead_summary(page: CampaignPage | None) -> Lead | None:
    if page is None:
        return None
    featured = None
    if page.featured:
        article, quote = page.featured
        language = article.entry.language if quote.quoted is None else ""
        featured = FeaturedQuote(
            quote.short_text,
            quote.speaker,
            quote.attribution,
            article.url,
            language,
            article.kind == "quote",
        )
    return Lead(page.campaign, page.url, page.status, page.quote_count, len(page.blogs), featured)


def date_strings(article: Any, locale: str = LOCALE) -> None:
    """Give a post its dates as the templates show them ("2024-07-02", "2 July 2024" and
    "2 July", in the edition's language), once per post."""
    day = article.date.date()
    article.date_iso = day.isoformat()
    article.date_day_month = day_month(day, locale)
    article.date_text = long_date(day, locale)


def organisations(articles: Iterable[Any], base_url: str) -> dict[str, Listing]:
    """Organisation address (slug) -> its listing, for every organisation a published post
    names. Names that give the same address ("Riverside Carers", "Riverside carers!") share
    one page, named as the first post wrote it."""
    found: dict[str, Listing] = {}
    for article in articles:
        name = article.entry.organisation
        slug = safe_slug(name) if name else ""
        if not slug:
            continue
        listing = found.setdefault(slug, Listing(name, slug, f"{base_url}{slug}/"))
        listing.articles.append(article)
        listing.names.add(name)
    return dict(sorted(found.items(), key=lambda item: item[1].name.casefold()))


def organisation_url(organisations: dict[str, Listing], name: str) -> str:
    """The address of an organisation's page, or "" when no published post names it."""
    listing = organisations.get(safe_slug(name))
    return listing.url if listing else ""


def wellbeing_ways(articles: Iterable[Any], base_url: str, words: Words) -> list[Listing]:
    """The five ways to wellbeing, each with the posts that name it (empty ones included),
    named in the edition's language; their addresses are the same in every language."""
    ways = {
        way: Listing(
            words.gettext(WAY_NAMES[way]),
            safe_slug(way),
            f"{base_url}{safe_slug(way)}/",
            key=way,
        )
        for way in WELLBEING
    }
    for article in articles:
        for way in article.entry.wellbeing:
            ways[way].articles.append(article)
    return list(ways.values())


def feed_links(feeds: Any, year: int, words: Words) -> list[tuple[str, str]]:
    """(title, url) of a campaign's feeds from the feeds plugin's `feeds` context value.

    Accepted shapes, keyed by year (int or str): a URL; a list of URLs, of (title, url)
    pairs or of mappings with "url" (and "title"); or a mapping of title -> URL.
    """
    if not isinstance(feeds, Mapping):
        return []
    value = feeds.get(year, feeds.get(str(year)))
    if not value:
        return []
    feed = words.gettext("Feed")
    if isinstance(value, str):
        return [(feed, value)]
    if isinstance(value, Mapping):
        if "url" in value:
            return [(str(value.get("title") or feed), str(value["url"]))]
        return [(str(title), str(url)) for title, url in value.items()]
    links = []
    for item in value:
        if isinstance(item, str):
            links.append((feed, item))
        elif isinstance(item, Mapping) and item.get("url"):
            links.append((str(item.get("title") or feed), str(item["url"])))
        elif isinstance(item, tuple | list) and len(item) == 2:
            links.append((str(item[0]), str(item[1])))
    return links


def group_by_campaign(articles: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for article in articles:
        if article.entry.campaign_year is not None:
            grouped[article.entry.campaign_year].append(article)
    return grouped
