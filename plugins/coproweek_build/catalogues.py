"""The interface's words for translators: extract each component's messages with Babel and
bring its catalogues up to date (`./kit update-catalogues`).

A component is the theme (its templates' `_()`, `ngettext` and `{% trans %}`) or one of
our plugins (its `words.gettext(...)`, `words.ngettext(...)` and `N_(...)` in Python). Each
keeps its catalogues beside its code, laid out as Babel lays them out:
theme/translations/cy/LC_MESSAGES/messages.po, plugins/<plugin>/translations/cy/...

Updating adds new messages (empty, for a translator to fill in), drops messages no longer
in the code, and marks changed ones fuzzy with the old translation as a suggestion: the
tests fail until every message is translated and nothing is fuzzy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po
from coproweek_content.words import DOMAIN, catalogue_file

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATED_INTO = ("cy",)  # the languages the kit keeps catalogues for
PROJECT = "Co-production Week site kit"
HEADER = (
    "# The interface's words in {language}: {component}.\n"
    "# Made and updated by ./kit update-catalogues; translate every msgstr (see CONTRIBUTING.md)."
)
JINJA = "jinja2.ext:babel_extract"
# Placeholders a message may hold: %(name)s in Python and templates, {name} in messages
# the search page's script fills in.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
# Templates print translations as they are (they are the site's own words): a translation may
# hold markup characters only where its message does, so none can break a tag or attribute.
MARKUP_CHARACTERS = '<>"&'


@dataclass(frozen=True)
class Component:
    name: str  # "theme", "coproweek_events"
    sources: Path  # the folder its messages are extracted from
    method_map: tuple[tuple[str, str], ...]

    @property
    def translations(self) -> Path:
        base = self.sources.parent if self.name == "theme" else self.sources
        return base / "translations"

    def catalogue(self, language: str) -> Path:
        return catalogue_file(self.translations, language)


def components(root: Path = ROOT) -> tuple[Component, ...]:
    """The theme and every one of our plugins (those without messages extract nothing)."""
    found = [Component("theme", root / "theme" / "templates", (("**.html", JINJA),))]
    for folder in sorted((root / "plugins").glob("coproweek_*")):
        if (folder / "__init__.py").is_file():
            found.append(Component(folder.name, folder, (("**.py", "python"),)))
    return tuple(found)


def extract(component: Component) -> Catalog:
    """Every message in the component's sources, as a template catalogue."""
    template = Catalog(domain=DOMAIN, project=PROJECT, fuzzy=False)
    found = extract_from_dir(
        component.sources,
        method_map=component.method_map,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda path: "translations" not in Path(path).parts,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            [(f"{component.sources.name}/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read_catalogue(path: Path, language: str) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=language, domain=DOMAIN)


def update(component: Component, language: str) -> Path | None:
    """Bring the component's catalogue in `language` up to date with its sources; None when
    the component has no messages and no catalogue."""
    template = extract(component)
    path = component.catalogue(language)
    if not len(template) and not path.is_file():
        return None
    if path.is_file():
        catalogue = read_catalogue(path, language)
        catalogue.update(template, update_creation_date=False)
    else:
        catalogue = Catalog(
            locale=language,
            domain=DOMAIN,
            header_comment=HEADER.format(language=language, component=component.name),
            project=PROJECT,
            version="1",
            copyright_holder="",
            msgid_bugs_address="",
            last_translator="",
            language_team="",
            fuzzy=False,
        )
        catalogue.revision_date = catalogue.creation_date
        catalogue.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalogue, width=100, ignore_obsolete=True, include_lineno=False)
    return path


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def message_problems(message: Message, num_plurals: int) -> Iterator[str]:
    """What is wrong with one message of a catalogue, in words ("" ids are the header)."""
    if message.fuzzy:
        yield "is marked fuzzy: check the translation, then remove the fuzzy flag"
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    # The placeholders of the plural (the other forms say the number too), else the message's.
    wanted = placeholders(str(ids[-1]))
    given = message.string
    strings = tuple(str(s or "") for s in (given if isinstance(given, tuple | list) else (given,)))
    if len(ids) > 1 and len(strings) != num_plurals:
        yield f"has {len(strings)} plural forms; the language has {num_plurals}"
    for index, string in enumerate(strings):
        form = f" (form {index})" if len(strings) > 1 else ""
        if not string:
            yield f"is not translated{form}"
        elif unsafe := sorted(set(MARKUP_CHARACTERS) & set(string) - set("".join(ids))):
            yield f"has {' '.join(unsafe)}{form}, which the message has not: write the words only"
        elif placeholders(string) != wanted:
            yield (
                f"has placeholders {sorted(placeholders(string))}{form}, "
                f"but the message has {sorted(wanted)}"
            )


def named(message: Message) -> str:
    """A message as problems name it: its id (a plural message's singular), quoted."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    return repr(ids[0])


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def problems(component: Component, language: str) -> list[str]:
    """Every way the component's catalogue in `language` falls short of its sources."""
    template = extract(component)
    path = component.catalogue(language)
    if not path.is_file():
        if not len(template):
            return []
        return [f"{shown(path)}: missing ({len(template)} messages to translate)"]
    catalogue = read_catalogue(path, language)
    where = shown(path)
    found = []
    for message in template:
        if not message.id:
            continue
        if catalogue.get(message.id, message.context) is None:
            found.append(f"{where}: {named(message)} is missing")
    for message in catalogue:
        if not message.id:
            continue
        if template.get(message.id, message.context) is None:
            found.append(f"{where}: {named(message)} is no longer in the sources (obsolete)")
        found += [
            f"{where}: {named(message)} {problem}"
            for problem in message_problems(message, catalogue.num_plurals)
        ]
    found += [f"{where}: {named(message)} is obsolete" for message in catalogue.obsolete.values()]
    return found
