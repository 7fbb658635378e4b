"""Finding what the HTML sanitiser will remove, and personal details, line by line.

The sanitiser (markdown_setup.sanitise) makes every page safe whatever a file contains; this
module tells the contributor what it removed and where, so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .markdown_setup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]+)")
SCHEME = re.compile(r"^\s*(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):")
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
}
# Personal details that should not be published about a contributor.
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE = re.compile(r"(?<![\d/])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s-]?){9,10}(?!\d)")
STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Close|Drive|Way|Crescent|Terrace|Place|Court|Gardens|Heol|Ffordd)\b"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
DETAILS = (
    (EMAIL, "an email address"),
    (PHONE, "a phone number"),
    (STREET, "a street address"),
    (POSTCODE, "a postcode"),
)


@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    fix: str


def _without_code(lines: list[str]) -> list[str]:
    """Blank out fenced and indented code: markup shown as code is escaped, not run."""
    kept, fenced = [], False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
            kept.append("")
        elif fenced or line.startswith(("    ", "\t")):
            kept.append("")
        else:
            kept.append(line)
    return kept


def _unsafe_url(url: str) -> str:
    match = SCHEME.match(url.replace("\x00", "").replace("\t", "").replace("\n", ""))
    if match and match["scheme"].lower() not in URL_SCHEMES:
        return match["scheme"].lower()
    return ""


class _MarkupScanner(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.findings: list[Finding] = []

    def _add(self, message: str, fix: str) -> None:
        self.findings.append(Finding(self.first_line + self.getpos()[0] - 1, message, fix))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._add(
                f"the HTML tag <{tag}> is not allowed and was removed.",
                "use Markdown instead of HTML; pages may not carry scripts, styles, frames or forms.",
            )
            return
        allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self._add(
                    f'the attribute "{name}" on <{tag}> runs code and was removed.', "remove it."
                )
            elif name == "style":
                self._add(
                    f"the inline style on <{tag}> was removed.",
                    "remove it: the site's own styles apply.",
                )
            elif name in URL_ATTRIBUTES and value and _unsafe_url(value):
                self._add(
                    f'the {_unsafe_url(value)}: address in "{name}" on <{tag}> is not allowed and was removed.',
                    "link only to web addresses (https://...) or email (mailto:).",
                )
            elif name not in allowed and name != "class":
                self._add(
                    f'the attribute "{name}" on <{tag}> is not allowed and was removed.',
                    "remove it.",
                )

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self._add("an HTML comment was removed (comments are not published).", "remove it.")


AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*|[^>\s@]+@[^>\s@]+)>")
INLINE_CODE = re.compile(r"`+[^`]*`+")
MAX_INDENT = 80  # columns: 20 levels of nesting; far deeper makes Markdown give up


def too_deep(body: str, first_line: int) -> list[Finding]:
    for offset, line in enumerate(body.split("\n")):
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if indent > MAX_INDENT and line.strip():
            return [
                Finding(
                    first_line + offset,
                    f"this line is indented by {indent} spaces: lists or quotes are nested far too deeply.",
                    "use at most a few levels of nested lists.",
                )
            ]
    return []


def unsafe_markup(body: str, first_line: int) -> list[Finding]:
    if "<" not in body and "](" not in body:  # no HTML and no Markdown link: nothing to find
        return []
    return scan_markup(body, first_line)


def scan_markup(body: str, first_line: int) -> list[Finding]:
    lines = [
        INLINE_CODE.sub("", AUTOLINK.sub("", line)) for line in _without_code(body.split("\n"))
    ]
    scanner = _MarkupScanner(first_line)
    try:
        scanner.feed("\n".join(lines))
        scanner.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        scanner.findings.append(
            Finding(
                first_line,
                "some HTML could not be read and was removed.",
                "use Markdown instead of HTML.",
            )
        )
    findings = scanner.findings
    for offset, line in enumerate(lines):
        for match in MARKDOWN_LINK.finditer(line):
            scheme = _unsafe_url(match["url"])
            if scheme:
                findings.append(
                    Finding(
                        first_line + offset,
                        f"the {scheme}: address in a link or image is not allowed and was removed.",
                        "link only to web addresses (https://...) or email (mailto:).",
                    )
                )
    return sorted(findings, key=lambda f: f.line)


def personal_details(body: str, first_line: int, full_name: str = "") -> list[Finding]:
    """Details of a person that may not belong on a public page."""
    findings: list[Finding] = []
    named = full_name if full_name and len(full_name.split()) > 1 else ""
    # A pattern that matches no line does not match the whole text either (a match across
    # lines aside): most texts hold no details, and one search each rules that out.
    patterns = [(pattern, what) for pattern, what in DETAILS if pattern.search(body)]
    if not patterns and not (named and named.lower() in body.lower()):
        return []
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if named and named.lower() in line.lower():
            findings.append(
                Finding(
                    number,
                    f'the text contains "{full_name}", but this person agreed to be named less fully.',
                    "use only the name their Naming allows, or change Naming if they agreed.",
                )
            )
        for pattern, what in patterns:
            if pattern.search(line):
                findings.append(
                    Finding(
                        number,
                        f"the text seems to contain {what}.",
                        "remove personal contact details; if it is an organisation's public address, ignore this warning.",
                    )
                )
    return findings
