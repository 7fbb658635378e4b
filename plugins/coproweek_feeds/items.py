"""What one post looks like in a feed: a FeedItem, made from a published Pelican article.

A post goes into feeds only when Pelican publishes it (withdrawn and expired posts never
reach Pelican) and its author agreed to the newsletter channel.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from coproweek_content.buildstate import BuildState
from coproweek_content.model import Post
from coproweek_content.words import Words

from .links import absolute_links
from .settings import CONSENT_CHANNEL

Day = date  # FeedItem has a field named date


@dataclass(frozen=True)
class Card:
    """A social media card attached to a post, as an enclosure with its alt text."""

    url: str  # absolute
    mime_type: str
    length: int
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    url: str  # absolute address of the post's page
    date: datetime  # aware
    author: str  # the name as the author's consent allows it to be shown
    summary: str  # plain text
    categories: tuple[str, ...]
    kind: str  # "quote" or "blog"
    type_slug: str  # the slug of the post's type page, e.g. "quotes"
    campaign_year: int | None
    tags: tuple[tuple[str, str], ...]  # (slug, name)
    card_source: Any = None  # the article's `card`, read when feeds are written
    content: str | None = None  # HTML with absolute addresses, or made from content_parts
    # Made only for the items a feed lists: most posts are past every feed's item limit.
    content_parts: tuple[Any, Any, str, Day, Words] | None = field(
        default=None, repr=False, compare=False
    )

    def html(self) -> str:
        """The full post as HTML, with absolute addresses."""
        if self.content is not None:
            return self.content
        post, article, site_url, today, words = self.content_parts  # type: ignore[misc]
        return item_html(post, article, site_url, today, words)


@lru_cache(maxsize=8)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def stable_id(authority: str, post: Post, content_root: Path) -> str:
    """A tag: URI that survives edits of the title (and of anything else but the date and
    the file name): the post's date, kind and a hash of its file's place in content/."""
    source = os.path.realpath(post.source_path)
    root = _real_folder(str(content_root))
    where = (
        os.path.relpath(source, root).replace(os.sep, "/")
        if source.startswith(root + os.sep)
        else os.path.basename(source)
    )
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]
    return f"tag:{authority},{post.date:%Y-%m-%d}:{post.kind}/{digest}"


def aware(moment: datetime, timezone: str) -> datetime:
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=ZoneInfo(timezone or "UTC"))


def campaign_label(year: int, words: Words) -> str:
    return words.gettext("Co-production Week %(year)s") % {"year": year}


def item_html(post: Post, article: Any, site_url: str, today: date, words: Words) -> str:
    """The full post as HTML for a feed reader or a newsletter, in the edition's words (the
    catalogue's own, each name and address escaped)."""
    if post.kind == "quote":
        parts = [
            f"<blockquote>{post.html_for(today, CONSENT_CHANNEL)}</blockquote>",
            f"<p>— {escape(post.byline)}</p>",
        ]
        if post.link:
            more = words.gettext("Read the longer piece")
            parts.append(f'<p><a href="{escape(post.link)}">{more}</a></p>')
    else:
        byline = words.gettext("By %(name)s") % {"name": escape(post.byline)}
        parts = [f"<p>{byline}</p>"]
        if post.hero:
            parts.append(
                f'<p><img src="{escape(site_url)}/{escape(post.hero.path)}" '
                f'alt="{escape(post.hero.alt)}"></p>'
            )
        parts.append(post.html_for(today, CONSENT_CHANNEL))
        if post.link:
            link = f'<a href="{escape(post.link)}">{escape(post.link)}</a>'
            first = words.gettext("This post first appeared at %(link)s.") % {"link": link}
            parts.append(f"<p>{first}</p>")
    page_url = f"{site_url}/{article.url}"
    return absolute_links("\n".join(parts), page_url)


def item_summary(post: Post, article: Any) -> str:
    if post.kind == "quote" and post.quotes:
        return f"{post.quotes[0].short_text} — {post.byline}"
    return post.summary


def post_of(article: Any) -> Post | None:
    """The post behind an article (this build's model: see coproweek_content)."""
    return getattr(article, "entry", None)


def feed_item(
    article: Any, settings: dict[str, Any], site_url: str, authority: str, words: Words
) -> FeedItem | None:
    post = post_of(article)
    if post is None or not post.consent.allows(CONSENT_CHANNEL):
        return None
    tags = tuple((tag.slug, str(tag)) for tag in getattr(article, "tags", []) or [])
    categories = tuple(name for _, name in tags)
    if post.campaign_year:
        categories += (campaign_label(post.campaign_year, words),)
    return FeedItem(
        id=stable_id(authority, post, Path(settings["PATH"])),
        title=post.title,
        url=f"{site_url}/{article.url}",
        date=aware(article.date, settings.get("TIMEZONE", "UTC")),
        author=post.display_name,
        summary=item_summary(post, article),
        content_parts=(
            post,
            article,
            site_url,
            BuildState.of(settings).loaded.context.today,
            words,
        ),
        categories=categories,
        kind=post.kind,
        type_slug=article.category.slug,
        campaign_year=post.campaign_year,
        tags=tags,
        card_source=getattr(article, "card", None),
    )


def card_field(card: Any, name: str) -> Any:
    if isinstance(card, dict):
        return card.get(name)
    return getattr(card, name, None)


def resolve_card(card: Any, site_url: str, output_path: Path) -> Card | None:
    """The enclosure for a post's card; None when its size is unknown and its file missing."""
    relative = str(card_field(card, "url") or "").lstrip("/")
    if not relative:
        return None
    length = card_field(card, "length")
    written = output_path / relative
    if not length and written.is_file():
        length = written.stat().st_size
    if not length:
        return None
    mime = card_field(card, "mime_type") or mimetypes.guess_type(relative)[0] or "image/jpeg"
    return Card(
        url=f"{site_url}/{relative}",
        mime_type=mime,
        length=int(length),
        alt=str(card_field(card, "alt") or ""),
        width=card_field(card, "width"),
        height=card_field(card, "height"),
    )
