"""The people a post names, and the consent behind each: its author or speaker (the post's
own fields) and everyone quoted in it (a `Quoted:` block each). Anything unclear about
anyone's consent is an error: nobody is shown more fully, or in more places, than they
agreed."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .body import name_key
from .fields import CONSENT_FIELDS, Field, FieldError, text
from .model import CHANNELS, Consent, Naming, Person, QuotedPerson
from .problems import Severity
from .source import HeaderField, SourceFile
from .values import EXAMPLES, MARKUP, FileReport

QUOTED_FIELDS = {
    spec.label.lower().replace("-", "_"): spec for spec in (*CONSENT_FIELDS, Field("Excerpt"))
}
# Words that mark a name as a group's, not one person's.
GROUP_WORDS = re.compile(
    r"\b(team|group|forum|members|network|collective|committee|panel|staff|partnership|"
    r"council|trust|board|volunteers|carers|service|project)\b",
    re.IGNORECASE,
)
QUOTED_HELP = 'see "People quoted in a post" in CONTRIBUTING.md'


def person_and_consent(
    source: SourceFile, values: dict[str, Any], name_key_: str, report: FileReport
) -> tuple[Person, Consent]:
    """The post's own person (Speaker or Author) and their consent."""
    label = "Speaker" if name_key_ == "speaker" else "Author"
    naming: Naming = values.get("naming", Naming.FIRST_NAME)
    name = values.get(name_key_, "")
    if (
        naming is not Naming.ANONYMOUS
        and not name
        and name_key_ not in source.fields
        and name_key_ not in report.suggested
    ):
        report.add(
            1,
            f"{label} is missing.",
            f"add a line near the top: {label}: (the person's name). If they do not want to be named, add: Naming: anonymous",
        )
    name_problems(name, naming, source.line_of(name_key_), report)
    place = values.get("place", "")
    if naming is Naming.FIRST_NAME_AND_PLACE and not place:
        report.add(
            source.line_of("naming"),
            'Naming is "first name and place" but there is no Place.',
            "add a line: Place: (the town or area the person agreed to), for example Place: Machynlleth",
        )
    if (
        name
        and naming in (Naming.FIRST_NAME, Naming.FIRST_NAME_AND_PLACE)
        and _looks_like_group(name)
    ):
        report.add(
            source.line_of(name_key_),
            f'"{name}" looks like the name of a group; with Naming "{naming.value}" it would be shown as "{name.split()[0]}".',
            f"if it is a team, a group or an organisation, add a line: Naming: group (shown as written, {name}).",
            Severity.WARNING,
        )
    reference = values.get("consent", "")
    if (
        naming not in (Naming.ANONYMOUS, Naming.GROUP)
        and not reference
        and "consent" not in source.fields
    ):
        report.add(
            1,
            f"Consent is missing: this post names a person ({label}).",
            "add a line: Consent: (the id of their consent record in your organisation's private "
            "register), for example Consent: C-2024-017",
        )
    chosen = values.get("channels")
    if chosen is None and "channels" not in source.fields:
        report.add(
            1,
            "Channels is missing: we need to know where the person agreed their words can appear.",
            f"add a line listing what they agreed to, from: {', '.join(CHANNELS)}. For example: Channels: web, social",
        )
    consent = Consent(
        reference=reference,
        channels=chosen if chosen is not None else frozenset(),
        ends=values.get("consent_ends"),
        withdrawn=values.get("withdrawn", False),
    )
    return Person(name=name, naming=naming, place=place), consent


def name_problems(name: str, naming: Naming, line: int, report: FileReport) -> None:
    """A name the naming rules could not cut right: "Surname, First", or invisible
    characters that hide where one name ends."""
    if naming in (Naming.FULL_NAME, Naming.GROUP, Naming.ANONYMOUS):
        return
    if "," in name:
        report.add(
            line,
            f'"{name}" has a comma: the site shows the first word of a name, so write the first name first.',
            "write the name as it is said, first name first, without a comma (for example: Chidi Okonkwo).",
        )
    if any(unicodedata.category(char) == "Cf" for char in name):
        report.add(
            line,
            "this name holds an invisible character (often pasted with it).",
            "type the name again by hand.",
        )


def hidden_name_problems(
    source: SourceFile, values: dict[str, Any], people: list[Person], report: FileReport
) -> None:
    """The parts of a name a person did not agree to show (their surname, when named by
    first name) may not appear in the file's name, its address or any field that is
    published; in the text, the surname alone gets a warning (it may be an ordinary word)."""
    stem_words = set(source.path.stem.casefold().replace("_", "-").split("-"))
    shown_fields = ("title", "summary", "excerpt", "tags", "image_alt", "slug", "place", "role")
    for person in people:
        if person.naming not in (Naming.FIRST_NAME, Naming.FIRST_NAME_AND_PLACE):
            continue
        for part in person.name.split()[1:]:
            word = part.strip(".,").casefold()
            if len(word) < 2 or not any(char.isalpha() for char in word):
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
            if word in stem_words:
                report.add(
                    1,
                    f'the file name holds "{part}", part of the name of {person.display_name} '
                    "that they did not agree to show.",
                    "rename the file without it (the file name becomes the web address).",
                )
            for key in shown_fields:
                header = source.fields.get(key)
                if header is not None and pattern.search(header.value):
                    report.add(
                        header.line,
                        f'{header.key} holds "{part}", part of the name of {person.display_name} '
                        "that they did not agree to show.",
                        "leave it out: the site shows their name only as their Naming allows.",
                    )
            capitalised = re.compile(rf"(?<!\w){re.escape(part.strip('.,'))}(?!\w)")
            for offset, line in enumerate(source.body.split("\n")):
                if capitalised.search(line) and person.name.casefold() not in line.casefold():
                    report.add(
                        source.body_line + offset,
                        f'the text has "{part}", which may be part of the name of '
                        f"{person.display_name}, who agreed to be named less fully.",
                        "if it is their surname, leave it out; if it is another word, ignore this warning.",
                        Severity.WARNING,
                    )


def _looks_like_group(name: str) -> bool:
    first = name.split()[0]
    return bool(GROUP_WORDS.search(name)) or (first.islower() and first.isalpha())


def quoted_people(source: SourceFile, report: FileReport) -> list[QuotedPerson]:
    """Every `Quoted:` block: a name, then that person's own consent fields, indented."""
    found = []
    for block in source.blocks:
        name = text(block.value)
        if not name:
            report.add(
                block.line,
                "Quoted has no name.",
                f"write the quoted person's name after Quoted: ({QUOTED_HELP}).",
            )
            continue
        if MARKUP.search(name):
            report.add(
                block.line, "Quoted is plain text, so it cannot hold HTML.", "write the name only."
            )
            continue
        found.append(_quoted(name, block, report))
    return found


def _quoted(name: str, block: HeaderField, report: FileReport) -> QuotedPerson:
    values: dict[str, Any] = {}
    for key, child in block.children.items():
        spec = QUOTED_FIELDS.get(key)
        if spec is None:
            known = ", ".join(spec.label for spec in QUOTED_FIELDS.values())
            report.add(
                child.line,
                f'"{child.key}" is not a field of a quoted person.',
                f"use only: {known} ({QUOTED_HELP}).",
            )
            continue
        if not child.value.strip():
            report.add(
                child.line,
                f"{spec.label} is empty.",
                f"write a value after the colon, for example: {spec.label}: {EXAMPLES.get(key, '...')}",
            )
            continue
        try:
            values[key] = spec.parse(child.value)
        except FieldError as error:
            report.add(child.line, f"{spec.label}: {error.message}", error.fix)
    for child in block.repeated:
        report.add(
            child.line,
            f'"{child.key}" appears twice for {name}.',
            "keep only one of the two lines.",
        )
    naming: Naming = values.get("naming", Naming.FIRST_NAME)
    name_problems(name, naming, block.line, report)
    if naming is Naming.FIRST_NAME_AND_PLACE and not values.get("place"):
        report.add(
            block.line,
            f'{name}: Naming is "first name and place" but there is no Place.',
            "add an indented line: Place: (the town or area they agreed to).",
        )
    if (
        naming not in (Naming.ANONYMOUS, Naming.GROUP)
        and "consent" not in values
        and "consent" not in block.children
    ):
        report.add(
            block.line,
            f"{name} has no Consent of their own.",
            f"add an indented line under Quoted: Consent: (the id of their record in your private register) ({QUOTED_HELP}).",
        )
    if "channels" not in values and "channels" not in block.children:
        report.add(
            block.line,
            f"{name} has no Channels of their own.",
            f"add an indented line under Quoted: Channels: web, social (what they agreed to, from: {', '.join(CHANNELS)}).",
        )
    consent = Consent(
        reference=values.get("consent", ""),
        channels=values.get("channels", frozenset()),
        ends=values.get("consent_ends"),
        withdrawn=values.get("withdrawn", False),
    )
    person = Person(name, naming, values.get("place", ""))
    return QuotedPerson(
        person, consent, block.line, values.get("excerpt", ""), _line(block, "excerpt")
    )


def _line(block: HeaderField, key: str) -> int:
    child = block.children.get(key)
    return child.line if child else block.line


def who_said(
    written: str, quoted: list[QuotedPerson], author: Person
) -> tuple[int | None, str] | None:
    """Which quoted person (their index, or None for the post's own person) an attribution
    names, and the name their consent allows; None when nobody matches."""
    wanted = name_key(written)
    if wanted in ("anonymous", ""):
        return None, "Anonymous"
    if author.name and wanted == name_key(author.name):
        return None, author.display_name
    if (
        author.name
        and wanted == name_key(author.first_name)
        and not any(name_key(q.person.first_name) == wanted for q in quoted)
    ):
        return None, author.display_name
    exact = [i for i, q in enumerate(quoted) if name_key(q.person.name) == wanted]
    first = [i for i, q in enumerate(quoted) if name_key(q.person.first_name) == wanted]
    if name_key(author.first_name) == wanted:
        first.append(-1)  # the author shares the first name: it says nobody in particular
    chosen = exact or (first if len(first) == 1 and first[0] >= 0 else [])
    if not chosen:
        return None
    return chosen[0], quoted[chosen[0]].person.display_name


def shown_names(quoted: list[QuotedPerson], author: Person) -> dict[str, str]:
    """Each way a pull quote may write a name -> the name shown."""
    names: dict[str, str] = {"anonymous": "Anonymous"}
    people = [person for person in [author, *(q.person for q in quoted)] if person.name]
    firsts = [name_key(person.first_name) for person in people]
    for person in people:
        names[name_key(person.name)] = person.display_name
        if firsts.count(name_key(person.first_name)) == 1:  # a first name only when unique
            names.setdefault(name_key(person.first_name), person.display_name)
    return names
