"""The interface's words in each edition's language: gettext catalogues read with Babel.

Every component keeps its own catalogue beside its code: theme/translations/ for the
templates, plugins/<plugin>/translations/ for words a plugin writes itself (cards, feeds,
calendars), each laid out as Babel lays it out (translations/cy/LC_MESSAGES/messages.po).
A build reads the .po files directly (compiled in memory), so no compiled .mo file is kept
in the repository to drift from its source.

    words = words_for("cy", catalogue_folders(settings))
    words.gettext("Search")            # "Chwilio"
    words.ngettext("%(num)d quote", "%(num)d quotes", 3) % {"num": 3}
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

SOURCE_LANGUAGE = "en"  # the words as the code and templates write them
DOMAIN = "messages"
PLUGINS_FOLDER = Path(__file__).resolve().parent.parent
CONTENT_CATALOGUES = (Path(__file__).resolve().parent / "translations",)


@dataclass(frozen=True)
class Words:
    language: str
    translations: NullTranslations

    @property
    def locale(self) -> Locale:
        return Locale.parse("en_GB" if self.language == SOURCE_LANGUAGE else self.language)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)


def catalogue_file(folder: Path, language: str) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_folders(settings: Mapping[str, Any]) -> tuple[Path, ...]:
    """Every translations folder of this build: the theme's and each of our plugins'."""
    folders = [Path(str(settings.get("THEME", "theme"))).resolve() / "translations"]
    folders += sorted(PLUGINS_FOLDER.glob("coproweek_*/translations"))
    return tuple(folder for folder in folders if folder.is_dir())


@cache
def words_for(language: str, folders: tuple[Path, ...]) -> Words:
    """The words of `language`, from every catalogue in `folders` (English: as written)."""
    if language == SOURCE_LANGUAGE:
        return Words(language, NullTranslations())
    merged: Translations | None = None
    for folder in folders:
        path = catalogue_file(folder, language)
        if not path.is_file():
            continue
        with path.open("rb") as source:
            catalogue = read_po(source, locale=language, domain=DOMAIN)
        compiled = io.BytesIO()
        write_mo(compiled, catalogue)
        compiled.seek(0)
        found = Translations(compiled, domain=DOMAIN)
        merged = found if merged is None else merged.merge(found)
    return Words(language, merged if merged is not None else NullTranslations())


def own_words(language: str, module_file: str) -> Words:
    """The words of one component's own catalogue: the translations/ folder beside
    `module_file` (a plugin's words in Python, translated wherever the plugin runs)."""
    return words_for(language, (Path(module_file).resolve().parent / "translations",))


def content_words(language: str) -> Words:
    """The words the content model writes itself ("Anonymous"), from this plugin's own
    catalogue (the model knows nothing of the theme)."""
    return words_for(language, CONTENT_CATALOGUES)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it, which Babel's extractor knows)
    """Marks a message for the catalogue where it is written; it is translated where shown."""
    return message
