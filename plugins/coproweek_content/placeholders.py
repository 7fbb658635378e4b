"""Placeholder text the kit ships (in its sample pages and in the files `./kit new-quote`,
`./kit new-post` and `./kit new-event` start), which must never be published: a warning in a
normal build, so nothing is lost while writing, and an error in strict mode (pull requests,
publishing)."""

from __future__ import annotations

import re

from .problems import FileReport, Severity
from .source import SourceFile

# What the scaffold writes where the contributor has not answered yet.
QUOTE_TEXT = "Write the quote here, in the person's own words."
BLOG_TEXT = (
    "Write the post here. Leave a blank line between paragraphs. To quote someone, see "
    '"People quoted in a post" in CONTRIBUTING.md.'
)
BLOG_TITLE = "Write the title here"
BLOG_SUMMARY = "Write one or two sentences about the post here."
EVENT_TEXT = (
    "Write here what happens, who it is for and what to bring. Name organisations, not people."
)
SCAFFOLD_PHRASES = (QUOTE_TEXT, BLOG_TEXT, BLOG_TITLE, BLOG_SUMMARY, EVENT_TEXT)
# An instruction in square brackets: "[add your organisation's email address here]".
BRACKETED = re.compile(r"\[(?:add|write|insert|replace|put|your)\b[^\]\n]*\]", re.IGNORECASE)


def found_in(text: str) -> str:
    """The placeholder in `text`, or ""."""
    for phrase in SCAFFOLD_PHRASES:
        if phrase.lower() in text.lower():
            return phrase
    match = BRACKETED.search(text)
    return match[0] if match else ""


def report_placeholders(source: SourceFile, report: FileReport) -> None:
    for header in source.fields.values():
        _report(found_in(header.value), header.line, report)
    for offset, line in enumerate(source.body.split("\n")):
        _report(found_in(line), source.body_line + offset, report)


def _report(placeholder: str, line: int, report: FileReport) -> None:
    if placeholder:
        report.add(
            line,
            f'this is placeholder text the kit wrote, not yet replaced: "{placeholder}".',
            "write your own words in its place (a pull request stops until you do).",
            Severity.WARNING,
        )
