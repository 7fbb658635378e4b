"""What templates ask about the page's other language (Jinja globals):

{% set link = language_link() %}       the link at the top of the page (None: one language)
{% for alternate in language_alternates() %}   hreflang links in the head
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context

from .buildstate import BuildState
from .counterparts import Alternate
from .words import Words, catalogue_folders, words_for


@dataclass(frozen=True)
class ShownLink:
    language: str
    html_lang: str
    name: str
    url: str
    # When the page is not in the other language: a sentence saying so, in that language.
    note: str = ""


def _page(context: Any) -> str:
    return str(context.get("output_file") or "index.html")


@pass_context
def language_link(context: Any) -> ShownLink | None:
    state = BuildState.of(context)
    if state.counterparts is None:
        return None
    link = state.counterparts.link(state.language, _page(context))
    if link is None:
        return None
    note = ""
    if link.only_here:
        words = words_for(link.language, catalogue_folders(context))
        note = only_in(words, state.language)
    return ShownLink(link.language, link.html_lang, link.name, link.url, note)


def only_in(words: Words, language: str) -> str:
    """ "This page is only in Welsh.", in the words of the reader it is written for."""
    if language == "cy":
        return words.gettext("This page is only in Welsh.")
    return words.gettext("This page is only in English.")


@dataclass(frozen=True)
class ElsewherePost:
    title: str
    html_lang: str
    url: str


@pass_context
def only_in_other_language(context: Any, year: int) -> list[ElsewherePost]:
    """The campaign's posts that have no version in this page's language (a Welsh-only
    post, listed on the English campaign page, and the other way round)."""
    state = BuildState.of(context)
    if state.counterparts is None:
        return []
    found = state.counterparts.only_elsewhere(state.language, int(year))
    return [ElsewherePost(post.title, lang, url) for post, lang, url in found]


@pass_context
def language_alternates(context: Any) -> tuple[Alternate, ...]:
    state = BuildState.of(context)
    if state.counterparts is None:
        return ()
    return state.counterparts.alternates(state.language, _page(context))
