"""The interface's words in the templates: Jinja's i18n extension with this edition's
catalogues, and the date filters in this edition's language (Babel's month names).

Every generator, Pelican's and the kit's own (they all subclass Pelican's Generator, which
sends generator_init once its Jinja environment is made), gets the same words, so a page
written by any plugin speaks its edition's language. English is the words as written.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from .buildstate import STATE_KEY, BuildState
from .dates import day_month, long_date, weekday_date
from .editions import edition_language
from .settings import ContentSettings
from .words import Words, catalogue_folders, words_for


def language_of(settings: Any) -> str:
    """The language of the edition this Pelican run writes ("en", "cy")."""
    return edition_language(settings, ContentSettings.of(settings).editions)


def edition_words(settings: Any) -> Words:
    """The interface's words of the edition this Pelican run writes (every catalogue): the
    build state's, else (Pelican run on its own, before the state is read) from settings."""
    state = settings.get(STATE_KEY)
    chosen = state.words if isinstance(state, BuildState) else None
    return chosen or words_for(language_of(settings), catalogue_folders(settings))


def install(generator: Any) -> None:
    """generator_init: `_`, `gettext`, `ngettext` and `{% trans %}` in every template, and
    dates in the edition's language."""
    words = edition_words(generator.settings)
    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(words.translations, newstyle=True)
    locale = str(words.locale)
    env.filters.update(
        long_date=partial(long_date, locale=locale),
        day_month=partial(day_month, locale=locale),
        weekday_date=partial(weekday_date, locale=locale),
    )
