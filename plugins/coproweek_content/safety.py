"""Personal details that may not belong on a public page: found line by line, and
reported as warnings (the writer knows whether an address is an organisation's own)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Personal details that should not be published about a contributor.
# Bounded parts, so that no text makes a search slow (an unbounded local part made a line
# of "a.a.a." take minutes).
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b"
)
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
    about_a_name: bool = False  # a name shown more fully than its person agreed: an error


# The last line of a pull quote names the person on purpose: their consent decides what shows.
ATTRIBUTION_LINE = re.compile(r"^\s{0,3}>\s*(?:—|--)")


def personal_details(body: str, first_line: int, hidden_names: list[str]) -> list[Finding]:
    """Details of a person that may not belong on a public page; `hidden_names` are the
    full names of people who agreed to be named less fully."""
    findings: list[Finding] = []
    named = [name for name in hidden_names if len(name.split()) > 1]
    lowered = body.lower()
    # A pattern that matches no line does not match the whole text either (a match across
    # lines aside): most texts hold no details, and one search each rules that out.
    patterns = [(pattern, what) for pattern, what in DETAILS if pattern.search(body)]
    named = [name for name in named if name.lower() in lowered]
    if not patterns and not named:
        return []
    lines = body.split("\n")
    for offset, line in enumerate(lines):
        number = first_line + offset
        following = lines[offset + 1] if offset + 1 < len(lines) else ""
        # A pull quote's last line shows the name only as consent allows; any other does not.
        attribution = ATTRIBUTION_LINE.match(line) and not re.match(r"^\s{0,3}>\s*\S", following)
        for name in named:
            if name.lower() in line.lower() and not attribution:
                findings.append(
                    Finding(
                        number,
                        f'the text contains "{name}", but this person agreed to be named less fully.',
                        "use only the name their Naming allows, or change Naming if they agreed.",
                        about_a_name=True,
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
