"""Every web address content asks for, given out once: a second claim is a problem named
with both files, before Pelican could find two pages written to one place.

Pages live at /SLUG/; a page may never take an address the site itself uses (the first
part of any of its own addresses) or a year (posts live at /YEAR/SLUG/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

# First parts of the addresses the site itself uses; no page may take one.
RESERVED = frozenset(
    {
        "admin",
        "archive",
        "campaigns",
        "cards",
        "drafts",
        "events",
        "feeds",
        "images",
        "index",
        "organisations",
        "page",
        "pagefind",
        "people",
        "search",
        "static",
        "tag",
        "theme",
        "type",
        "wellbeing",
        "404",
        "404-html",
        "robots-txt",
        "sitemap-xml",
    }
)


@dataclass
class Addresses:
    project_root: Path
    owners: dict[str, str] = field(default_factory=dict)  # address -> file that has it
    problems: list[Problem] = field(default_factory=list)

    def claim(self, address: str, owner: str, line: int) -> bool:
        if address in self.owners:
            self.problems.append(
                Problem(
                    owner,
                    line,
                    f"this would have the same web address (/{address}) as {self.owners[address]}.",
                    "rename one of the two files (the file name becomes the web address), "
                    "or give one of them another Slug.",
                )
            )
            return False
        self.owners[address] = owner
        return True

    def claim_page(self, slug: str, owner: str, line: int) -> bool:
        if slug in RESERVED or slug.isdigit():
            self.problems.append(
                Problem(
                    owner,
                    line,
                    f"the address /{slug}/ is used by the site itself.",
                    "give the page another file name (or another Slug).",
                )
            )
            return False
        return self.claim(f"{slug}/", owner, line)
