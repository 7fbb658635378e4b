"""Planning the feeds of one build: which feeds exist and which posts each one lists."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from coproweek_content.buildstate import BuildState
from coproweek_content.events import CAMPAIGN_EVENTS_URL, EVENTS_FEED_NAME
from coproweek_content.words import Words

from .channels import FORMATS, FeedChannel, FeedIndex, make_channel
from .edition import Edition, edition_of
from .events import feed_item as event_item
from .items import FeedItem, campaign_label, feed_item, post_of
from .settings import CONSENT_CHANNEL, FeedsSettings, campaign_page, site_url

Channel = Callable[..., FeedChannel | None]


def type_texts(slug: str, site: str, words: Words) -> tuple[str, str]:
    """The title and description of a type's feed, by the slug of the type's page."""
    names = {"site": site}
    if slug == "quotes":
        return (
            words.gettext("%(site)s: quotes") % names,
            words.gettext("All the quotes from %(site)s, newest first.") % names,
        )
    if slug == "blogs":
        return (
            words.gettext("%(site)s: blog posts") % names,
            words.gettext("All the blog posts from %(site)s, newest first.") % names,
        )
    return (
        f"{site}: {slug}",
        words.gettext("All the %(type)s from %(site)s, newest first.") % {**names, "type": slug},
    )


def id_authority(settings: dict[str, Any]) -> str:
    chosen = FeedsSettings.of(settings).id_authority
    return chosen or urlsplit(site_url(settings)).hostname or "localhost"


def plan_feeds(articles: list[Any], settings: dict[str, Any]) -> FeedIndex:
    """Every feed of the site, from the articles Pelican publishes. A feed with no post is
    left out (it would have no date), and so are the links to it."""
    base = site_url(settings)
    edition = edition_of(settings)
    words = edition.words
    options = FeedsSettings.of(settings)
    folder = options.dir.strip("/")
    authority = id_authority(settings)
    limit = options.item_limit
    per_tag = options.per_tag
    chosen = listed_articles(articles, limit, per_tag) if limit else articles
    found = (feed_item(article, settings, base, authority, words) for article in chosen)
    items = [item for item in found if item is not None]
    channel: Channel = partial(
        make_channel,
        site_url=base,
        formats=[name for name in options.formats if name in FORMATS],
        limit=options.item_limit,
    )
    groups = set(options.groups)
    sitename = settings.get("SITENAME", "")
    index = FeedIndex(
        page_path=f"{folder}/", feed_label=words.gettext("%(format)s feed: %(title)s")
    )
    names = {"site": sitename}
    if "site" in groups:
        description = (
            settings.get("SITE_DESCRIPTION") or words.gettext("Every post from %(site)s.") % names
        )
        title = words.gettext("%(site)s: all posts") % names
        index.site = channel("site", title, description, f"{folder}/all", "", items)
    if "campaigns" in groups:
        index.campaigns = _by_campaign(items, channel, folder, settings, words)
        index.events = _events_by_campaign(channel, base, authority, settings, edition)
    if "types" in groups:
        index.types = _by_type(items, channel, folder, settings, words)
    if options.per_tag:
        index.tags = _by_tag(items, channel, folder, settings, words)
    return index


def listed_articles(articles: list[Any], limit: int, per_tag: bool) -> list[Any]:
    """The articles some feed can list: in each group (the site, a campaign, a type, a
    tag), the `limit` newest that may go in feeds, and any of the same date as the last of
    them (feeds break such ties by id). Feed items are made for these only."""
    groups: dict[Any, list[Any]] = {}
    for article in articles:
        post = post_of(article)
        if post is None or not post.consent.allows(CONSENT_CHANNEL):
            continue
        keys = [("site",), ("campaign", post.campaign_year), ("type", article.category.slug)]
        if per_tag:
            keys += [("tag", tag.slug) for tag in getattr(article, "tags", None) or ()]
        for key in keys:
            groups.setdefault(key, []).append(article)
    wanted: set[int] = set()
    for members in groups.values():
        members.sort(key=lambda article: article.date, reverse=True)
        if len(members) > limit:
            last = members[limit - 1].date
            members = [article for article in members if article.date >= last]
        wanted.update(id(article) for article in members)
    return [article for article in articles if id(article) in wanted]


def _kept(channels: dict[Any, FeedChannel | None]) -> dict[Any, FeedChannel]:
    return {key: value for key, value in channels.items() if value is not None}


def _by_campaign(
    items: list[FeedItem], channel: Channel, folder: str, settings: dict[str, Any], words: Words
) -> dict[int, FeedChannel]:
    campaigns = BuildState.of(settings).loaded.context.campaigns
    years = sorted({item.campaign_year for item in items if item.campaign_year}, reverse=True)
    found = {}
    for year in years:
        theme = campaigns[year].theme if year in campaigns else ""
        label = campaign_label(year, words)
        names = {"campaign": label, "theme": theme}
        found[year] = channel(
            "campaigns",
            f"{label}: {theme}" if theme else label,
            words.gettext("Quotes and blog posts from %(campaign)s. The theme: %(theme)s") % names
            if theme
            else words.gettext("Quotes and blog posts from %(campaign)s") % names,
            f"{folder}/{year}",
            campaign_page(settings, year),
            [item for item in items if item.campaign_year == year],
        )
    return _kept(found)


def _events_by_campaign(
    channel: Channel, base: str, authority: str, settings: dict[str, Any], edition: Edition
) -> dict[int, FeedChannel]:
    """A feed of each campaign's published events, newest announced first (events are in
    every edition: each edition's feed links its own pages of them)."""
    site = BuildState.of(settings).loaded
    words = edition.words
    events = site.published_events  # in this edition's words (the edition's view)
    found = {}
    for year in sorted({e.campaign_year for e in events if e.campaign_year}):
        page = CAMPAIGN_EVENTS_URL.format(year=year)
        names = {"campaign": campaign_label(year, words)}
        found[year] = channel(
            "events",
            words.gettext("%(campaign)s: events") % names,
            words.gettext("Events for %(campaign)s, newest announced first.") % names,
            f"{page}{EVENTS_FEED_NAME}",
            page,
            [
                event_item(event, base, authority, words, edition.prefix)
                for event in events
                if event.campaign_year == year
            ],
            limit=None,
        )
    return _kept(found)


def _by_type(
    items: list[FeedItem], channel: Channel, folder: str, settings: dict[str, Any], words: Words
) -> dict[str, FeedChannel]:
    sitename = settings.get("SITENAME", "")
    pattern = settings.get("CATEGORY_URL", "type/{slug}/")
    found = {}
    for slug in sorted({item.type_slug for item in items}):
        title, description = type_texts(slug, sitename, words)
        found[slug] = channel(
            "types",
            title,
            description,
            f"{folder}/{slug}",
            pattern.format(slug=slug),
            [item for item in items if item.type_slug == slug],
        )
    return _kept(found)


def _by_tag(
    items: list[FeedItem], channel: Channel, folder: str, settings: dict[str, Any], words: Words
) -> dict[str, FeedChannel]:
    sitename = settings.get("SITENAME", "")
    pattern = settings.get("TAG_URL", "tag/{slug}/")
    names = {slug: name for item in items for slug, name in item.tags}
    found = {}
    for slug in sorted(names):
        tagged = {"site": sitename, "tag": names[slug]}
        found[slug] = channel(
            "tags",
            words.gettext("%(site)s: posts tagged “%(tag)s”") % tagged,
            words.gettext("Posts from %(site)s tagged “%(tag)s”, newest first.") % tagged,
            f"{folder}/tag/{slug}",
            pattern.format(slug=slug),
            [item for item in items if slug in dict(item.tags)],
        )
    return _kept(found)
