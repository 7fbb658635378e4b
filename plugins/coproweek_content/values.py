"""Reading a file's fields against the fields its kind allows, collecting every problem."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from .fields import ALIASES, CONSENT_FIELD_NAMES, FORBIDDEN, Field, FieldError, a_list, tags, text
from .placeholders import report_placeholders
from .problems import FileReport, Severity
from .source import SourceFile, canonical_key

EXAMPLES = {
    "date": "2024-07-02",
    "role": "Peer Researcher",
    "summary": "One or two sentences about the post.",
    "title": "What is missing from our meetings",
    "year": "2024",
    "theme": "Co-production: what's missing?",
    "starts": "2024-07-01",
    "ends": "2024-07-05",
    "hashtag": "#CoProWeek",
    "background": "#FFFFFF",
    "text_colour": "#1B1B1B",
    "accent": "#5A2A82",
    "withdrawn": "yes",
    "naming": "first name",
    "channels": "web, social",
    "consent": "C-2024-017",
    "consent_ends": "2026-12-31",
    "attendance": "online",
    "booking": "https://example.org/book",
    "cost": "Free",
    "organiser": "Riverside Co-production Network",
}
# Plain-text fields (names, roles, titles, summaries, lists) never hold markup: a tag in
# one is refused, so no output of any kind (pages, feeds, cards, manifests) ever carries it.
MARKUP = re.compile(r"<[A-Za-z!/?]")
PLAIN = (text, a_list, tags)
KIND_NAMES = {
    "quote": "a quote post",
    "blog": "a blog post",
    "page": "a page",
    "campaign": "a campaign",
    "event": "an event",
}


def parse_value(spec: Field, value: str) -> Any:
    """A field's value read by its parser; HTML in a plain-text field is refused first."""
    markup = MARKUP.search(value) if spec.parse in PLAIN else None
    if markup:
        raise FieldError(
            f'{spec.label} is plain text, so it cannot hold HTML such as "{markup[0]}...".',
            "write the words only, without tags such as <b> or <a>.",
        )
    return spec.parse(value)


def field_message(spec: Field, error: FieldError) -> str:
    """What is wrong with a field's value, starting with the field's name."""
    named = error.message.startswith(f"{spec.label} ")
    return error.message if named else f"{spec.label}: {error.message}"


def _nearest(name: str, specs: dict[str, Field]) -> str:
    matches = difflib.get_close_matches(name, list(specs), n=1, cutoff=0.6)
    return specs[matches[0]].label if matches else ""


def read_values(
    source: SourceFile, specs: dict[str, Field], kind: str, report: FileReport
) -> dict[str, Any]:
    """Parse every field against the fields `kind` allows. An empty consent field is an
    error: anything unclear about consent keeps a person off the site."""
    values: dict[str, Any] = {}
    if source.yaml_problem is not None:
        line, what = source.yaml_problem
        report.add(
            line,
            what,
            "write each field as name: value between the two --- lines, lists as [a, b] "
            "or as lines starting with - (see CONTRIBUTING.md).",
        )
    for name, header in source.fields.items():
        if name in FORBIDDEN and name not in specs:
            report.add(
                header.line,
                f'"{header.key}" is not allowed in content: it {FORBIDDEN[name]}.',
                "remove this line. The site decides addresses, templates and publishing itself.",
            )
            continue
        spec = specs.get(name)
        if spec is None:
            _unknown_field(header.key, name, specs, kind, header.line, report)
            continue
        if not header.value.strip():
            if spec.required or name in CONSENT_FIELD_NAMES:
                report.add(
                    header.line,
                    f"{spec.label} is empty.",
                    f"write a value after the colon, for example: {spec.label}: {EXAMPLES.get(name, '...')}",
                )
            continue
        try:
            values[name] = parse_value(spec, header.value)
        except FieldError as error:
            report.add(header.line, field_message(spec, error), error.fix)
    for header in source.repeated:
        first = source.fields[header.name].line
        report.add(
            header.line,
            f'"{header.key}" appears twice (also on line {first}).',
            "keep only one of the two lines.",
        )
    for name, spec in specs.items():
        if spec.required and name not in source.fields and name not in report.suggested:
            report.add(
                1,
                f"{spec.label} is missing.",
                f"add a line near the top, before the blank line: {spec.label}: {EXAMPLES.get(name, '...')}",
            )
    if source.stray_line:
        report.add(
            source.stray_line,
            'this line is inside the fields at the top but is not written as "Field: value".',
            "add the missing colon after the field name, or leave a blank line before the text starts.",
        )
    _misplaced_fields(source, specs, report)
    _control_characters(source, report)
    report_placeholders(source, report)
    return values


def _unknown_field(
    key: str, name: str, specs: dict[str, Field], kind: str, line: int, report: FileReport
) -> None:
    suggestion = ALIASES.get(kind, {}).get(name) or _nearest(name, specs)
    hint = f' Did you mean "{suggestion}"?' if suggestion else ""
    report.suggested.add(canonical_key(suggestion))
    fix = (
        f'change "{key}" to "{suggestion}".'
        if suggestion
        else "remove this line, or use one of: " + ", ".join(s.label for s in specs.values()) + "."
    )
    report.add(line, f'"{key}" is not a field {KIND_NAMES[kind]} can have.{hint}', fix)


def _misplaced_fields(source: SourceFile, specs: dict[str, Field], report: FileReport) -> None:
    """A consent field written where it is not read (below the blank line that ends the
    fields, or indented into the field above) would be ignored: an error, never silence."""
    for line, key in source.field_like_indented:
        name = canonical_key(key)
        if name in specs:
            severity = Severity.ERROR if name in CONSENT_FIELD_NAMES else Severity.WARNING
            report.add(
                line,
                f'"{key}:" is indented, so it is read as part of the field above, not as {specs[name].label}.',
                f"start the line with {specs[name].label}: at the very left, with no spaces before it.",
                severity,
            )
    for line, key in source.field_like_in_body:
        name = canonical_key(key)
        if name in CONSENT_FIELD_NAMES and name in specs:
            report.add(
                line,
                f'"{key}:" is below the blank line that ends the fields at the top, so it is '
                f"read as part of the text, not as {specs[name].label}.",
                f"move the line up, above the first blank line. If it belongs to the text, "
                f'write it another way (for example "About {key.lower()}: ...").',
            )


def _control_characters(source: SourceFile, report: FileReport) -> None:
    for line, char in source.control_characters[:5]:
        name = unicodedata.name(char, "")
        report.add(
            line,
            f"this line holds an invisible control character (U+{ord(char):04X}{' ' + name if name else ''}), "
            "often pasted from another program by accident.",
            "delete it: retype the words around it, or paste the text as plain text.",
        )
