"""The site's languages: which editions a build publishes, and where each one lives.

COPROWEEK_LANGUAGES chooses one of three modes: ("en",) English only (the default),
("cy",) Welsh only, or both, ("en", "cy") or ("cy", "en"). The first language is published
at the site's root, the other under /<language>/ with addresses that mirror the first's
(/2025/my-post/ and /cy/2025/fy-mhost/). A build runs Pelican once per edition; the build
command says which with COPROWEEK_EDITION.

Where both languages are shown together (the language link, a bilingual card), Welsh comes
first, as the Welsh Language Standards ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The languages the kit can publish an edition in: each has a complete catalogue of the
# interface's words (English is the words as written). The value is the page's `lang`.
EDITION_LANGUAGES = {"cy": "cy", "en": "en-gb"}  # as Pelican writes DEFAULT_LANG
# Each language's name in itself, for the link to it.
OWN_NAMES = {"cy": "Cymraeg", "en": "English"}
# Which language is listed first where both are shown together.
SHOWN_FIRST = ("cy", "en")
EDITION_KEY = "COPROWEEK_EDITION"
ROOT_URL_KEY = "COPROWEEK_ROOT_URL"  # the site's address; an edition's SITEURL adds its folder


def primary(tag: str) -> str:
    """cy for cy-GB, en for en-GB, "" for ""."""
    return tag.split("-")[0].casefold()


@dataclass(frozen=True)
class Editions:
    languages: tuple[str, ...] = ("en",)

    @property
    def main(self) -> str:
        """The language published at the site's root."""
        return self.languages[0]

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1

    def prefix(self, language: str) -> str:
        """The folder an edition lives in: "" for the main one, "cy/" for the other."""
        return "" if language == self.main else f"{language}/"

    def html_lang(self, language: str) -> str:
        return EDITION_LANGUAGES[language]

    def others(self, language: str) -> tuple[str, ...]:
        return tuple(other for other in self.languages if other != language)

    def in_order_shown(self) -> tuple[str, ...]:
        """The site's languages in the order they are listed together (Welsh first)."""
        return tuple(sorted(self.languages, key=SHOWN_FIRST.index))

    def edition_of(self, declared: str) -> str | None:
        """The edition a file belongs to, by its Language field: its own language when the
        site publishes it; the main edition for no Language, or a language the kit has no
        edition for (an Urdu quote on an English site, marked lang="ur"); None for an
        edition language this site does not publish (a Welsh post on an English-only site:
        left out, with a notice)."""
        language = primary(declared)
        if not language:
            return self.main
        if language in self.languages:
            return language
        return None if language in EDITION_LANGUAGES else self.main

    def interface_language(self, declared: str) -> str:
        """The language of the words around a file's own (names, labels): its edition's,
        or its own for an edition this site does not publish."""
        return self.edition_of(declared) or primary(declared)


def languages_problem(value: Any) -> str:
    """The check of COPROWEEK_LANGUAGES ("" when it is right)."""
    known = " and ".join(f'"{tag}"' for tag in sorted(EDITION_LANGUAGES))
    if not value:
        return f"must name at least one language ({known})."
    unknown = [tag for tag in value if tag not in EDITION_LANGUAGES]
    if unknown:
        return f"names {unknown[0]!r}, but the kit can publish only {known}."
    if len(set(value)) != len(value):
        return "names a language twice."
    return ""


def edition_language(settings: Mapping[str, Any], editions: Editions) -> str:
    """The language of the edition this Pelican run writes."""
    chosen = settings.get(EDITION_KEY)
    return chosen if chosen in editions.languages else editions.main
