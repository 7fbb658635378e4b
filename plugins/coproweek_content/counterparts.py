"""Each page's version in the other language: for the language link at the top of every
page, the hreflang alternates in its head and the sitemap.

A post or fixed page is paired with the file that shares its Translation-key (when both are
published). The pages every edition writes for itself (the home page, search, lists,
campaign pages, events) mirror each other at the same address under /cy/, as do the lists
made of posts (a year's, a tag's) when both editions have posts for them. Any other page
links to the nearest page above it that the other edition has, at worst its home page; a
post or page without a translation says so, in the other language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .bilingual import translation_groups
from .editions import OWN_NAMES, Editions
from .fields import slug
from .loader import post_url
from .model import Page, Post
from .reader import CATEGORY_FOR_KIND
from .views import edition_view

if TYPE_CHECKING:
    from .loader import LoadedSite

HOME = "index.html"
# Pages every edition writes, whatever its posts: the same address in both.
EVERY_EDITION = frozenset(
    {
        HOME,
        "search/index.html",
        "archive/index.html",
        "tag/index.html",
        "people/index.html",
        "type/index.html",
        "campaigns/index.html",
        "organisations/index.html",
        "wellbeing/index.html",
        "404.html",
    }
)
# Events are shown in every edition, so their pages are too; so are campaign pages.
MIRRORED = re.compile(
    r"(events/.*|campaigns/\d{4}/(events/.*)?index\.html|campaigns/\d{4}/.*\.ics)"
)


@dataclass(frozen=True)
class Alternate:
    language: str
    html_lang: str
    url: str  # with the site's address in front


@dataclass(frozen=True)
class LanguageLink:
    """The link to the other language's version of a page."""

    language: str
    html_lang: str
    name: str  # the language's name in itself: Cymraeg, English
    url: str
    exact: bool  # False: the nearest page the other edition has (this page is not there)
    only_here: bool = False  # a post or page with no version in the other language


class Counterparts:
    def __init__(
        self,
        whole: LoadedSite,
        editions: Editions,
        root_url: str,
        patterns: Mapping[str, str] | None = None,
    ) -> None:
        """`patterns`: Pelican's *_SAVE_AS settings, for the lists made of an edition's
        posts (a tag's, a year's, a person's page)."""
        self.editions = editions
        self.root_url = root_url.rstrip("/")
        self._entries: dict[str, dict[str, str]] = {}  # "cy:2025/x/index.html" -> {en: ...}
        self._written: dict[str, set[str]] = {}
        self._published: dict[str, list[Post]] = {}
        self._listings: dict[str, set[str]] = {}
        today = whole.context.today
        for language in editions.languages:
            view = edition_view(whole, language)
            self._published[language] = view.published
            paths = {_path_of(post) for post in view.published}
            paths |= {_path_of(page) for page in view.pages}
            self._written[language] = paths
            self._listings[language] = _listings(view.published, patterns or {})
        for entries in translation_groups(whole).values():
            versions: dict[str, str] = {}
            for entry in entries:
                edition = editions.edition_of(entry.language)
                shown = isinstance(entry, Page) or entry.is_published(today)
                if edition is not None and shown and edition not in versions:
                    versions[edition] = _path_of(entry)
            for language, path in versions.items():
                self._entries[f"{language}:{path}"] = versions

    def url(self, language: str, path: str) -> str:
        shown = "" if path == HOME else path.removesuffix("index.html")
        return f"{self.root_url}/{self.editions.prefix(language)}{shown}"

    def versions(self, language: str, path: str) -> dict[str, str]:
        """This page's address in each language it is published in (itself included);
        only itself when it has no translation."""
        found = self._entries.get(f"{language}:{path}")
        if found is not None:
            return found
        if language in self._written and path in self._written[language]:
            return {language: path}  # a post or page without a translation
        if path in EVERY_EDITION or MIRRORED.fullmatch(path):
            return dict.fromkeys(self.editions.languages, path)
        return {other: path for other, paths in self._listings.items() if path in paths} or {
            language: path
        }

    def alternates(self, language: str, path: str) -> tuple[Alternate, ...]:
        """The page and its translations, for hreflang: nothing for a page in one language."""
        versions = self.versions(language, path)
        if len(versions) < 2:
            return ()
        return tuple(
            Alternate(other, self.editions.html_lang(other), self.url(other, versions[other]))
            for other in self.editions.in_order_shown()
            if other in versions
        )

    def link(self, language: str, path: str) -> LanguageLink | None:
        """The link to the other edition's version of this page (None on a site in one
        language)."""
        others = self.editions.others(language)
        if not others:
            return None
        other = others[0]
        versions = self.versions(language, path)
        exact = other in versions
        target = versions[other] if exact else self._nearest(path)
        return LanguageLink(
            other,
            self.editions.html_lang(other),
            OWN_NAMES[other],
            self.url(other, target),
            exact,
            only_here=not exact and path in self._written.get(language, ()),
        )

    def only_elsewhere(self, language: str, year: int) -> list[tuple[Post, str, str]]:
        """The campaign's posts published in another language and not in `language`:
        (post, its language's page lang, its address), newest first."""
        found = []
        for other in self.editions.others(language):
            for post in self._published[other]:
                if post.campaign_year != year:
                    continue
                path = _path_of(post)
                if language not in self.versions(other, path):
                    found.append((post, self.editions.html_lang(other), self.url(other, path)))
        return sorted(found, key=lambda item: (item[0].date, item[0].slug), reverse=True)

    def _nearest(self, path: str) -> str:
        """The nearest page above `path` that every edition writes (at worst the home)."""
        parts = path.split("/")[:-1]
        while parts:
            parts.pop()
            candidate = "/".join([*parts, HOME])
            if candidate in EVERY_EDITION or MIRRORED.fullmatch(candidate):
                return candidate
        return HOME


def _listings(posts: list[Post], patterns: Mapping[str, str]) -> set[str]:
    """The list pages Pelican makes of these posts: each year's, tag's, type's and named
    person's (as the patterns say; none without them)."""
    found: set[str] = set()
    year, tag = patterns.get("YEAR_ARCHIVE_SAVE_AS"), patterns.get("TAG_SAVE_AS")
    person, kind = patterns.get("AUTHOR_SAVE_AS"), patterns.get("CATEGORY_SAVE_AS")
    for post in posts:
        if year:
            found.add(year.format(date=post.date))
        if tag:
            found |= {tag.format(slug=slug(name)) for name in post.tags}
        if person and post.person.has_public_page:
            found.add(person.format(slug=slug(post.display_name)))
        if kind:
            found.add(kind.format(slug=slug(CATEGORY_FOR_KIND[post.kind])))
    return found


def _path_of(entry: Post | Page) -> str:
    if isinstance(entry, Post):
        return f"{post_url(entry)}index.html"
    return f"{entry.slug}/index.html"
