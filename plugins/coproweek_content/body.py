"""How a pull quote names its person: its last line, "— Name, Role"."""

from __future__ import annotations

import re

# The last line of a pull quote: "— Name, Role" (an em dash, or two hyphens).
ATTRIBUTION = re.compile(r"^\s*(?:—|--)\s*(?P<who>\S.*?)\s*$")


def name_key(name: str) -> str:
    """A name as written, in the form names are matched by."""
    return " ".join(name.casefold().split())


def split_attribution(who: str) -> tuple[str, str]:
    """'Dafydd, Expert Citizen' -> ('Dafydd', 'Expert Citizen')."""
    name, _, role = who.partition(",")
    return name.strip(), role.strip()
