"""`./kit tidy FILE`: a post's pasted text rewritten as the clean Markdown the site reads it
as (coproweek_content.pasted), with the change shown before it is saved."""

from __future__ import annotations

import difflib
from pathlib import Path

from coproweek_content.pasted import INVISIBLE, normalise
from coproweek_content.source import read_source


class TidyRefused(Exception):
    """The file cannot be tidied (it cannot be read): the message says why."""


def tidied(path: Path) -> tuple[str, str]:
    """(the file as it is, the file tidied)."""
    source = read_source(path)
    if source.unreadable:
        raise TidyRefused(f"{path}: this file cannot be read: {source.unreadable}.")
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    head = "\n".join(lines[: source.body_line - 1]).translate(INVISIBLE)
    body = normalise("\n".join(lines[source.body_line - 1 :]), as_headings=True).text
    return text, f"{head}\n{body}" if head else body


def difference(before: str, after: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{name} (before)",
            tofile=f"{name} (tidied)",
        )
    )
