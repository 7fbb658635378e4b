"""Text pasted from Word, an email or a web page, read as its writer meant it.

`normalise` turns what pasting leaves into the Markdown it stands for, where that is
unambiguous: paragraphs separated by single line breaks (long lines, which nobody types
by hand), bullets typed as "•", numbered lines written "1)", lists that start right below a
paragraph, invisible characters (zero-width spaces, soft hyphens). Where it is not (a short
line between paragraphs may be a heading), it leaves the text as it is and says so: a
note with the line and the fix. The renderer reads every body through it, and `./kit tidy`
writes its result back to the file (headings made headings), so the file and the page agree.
Bare web addresses become links in the Markdown reader (pymdown-extensions' magiclink).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INVISIBLE = str.maketrans({"\u200b": None, "\u2060": None, "\ufeff": None, "\u00ad": None})
TYPED_BULLET = re.compile(r"^(?P<indent>\s*)[•◦▪‣·●○■]\s+")
NUMBERED_PAREN = re.compile(r"^(?P<indent>\s*)\(?(?P<number>\d{1,3})\)\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}\.)\s+")
SPECIAL = re.compile(r"^\s*(?:#|>|\||```|~~~|<|\[[^\]]+\]:|[-*_]{3,}\s*$)")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
LONG_LINE = 120  # longer lines are paragraphs pasted whole, not lines typed and wrapped
HEADING_MAX = 80
SENTENCE_END = ".!?:;,)\"'”’…"


@dataclass(frozen=True)
class Note:
    line: int  # counted from the body's first line (0)
    message: str
    fix: str
    heading: bool = False  # a short line that is probably a heading


@dataclass
class Normalised:
    text: str
    notes: list[Note]


def normalise(body: str, as_headings: bool = False) -> Normalised:
    """The body as Markdown says what its writer meant. With `as_headings`, short lines
    between pasted paragraphs become headings too (what `./kit tidy` writes)."""
    lines = body.translate(INVISIBLE).split("\n")
    out: list[str] = []
    notes: list[Note] = []
    fenced = False
    block: list[tuple[int, str]] = []

    def flush() -> None:
        out.extend(_paragraphs(block, notes, as_headings))
        block.clear()

    for number, raw in enumerate(lines):
        if FENCE.match(raw):
            flush()
            fenced = not fenced
            out.append(raw)
            continue
        if fenced:
            out.append(raw)
            continue
        line = TYPED_BULLET.sub(r"\g<indent>- ", raw)
        line = NUMBERED_PAREN.sub(r"\g<indent>\g<number>. ", line)
        if not line.strip():
            flush()
            out.append("")
        else:
            block.append((number, line.replace("\t", "    ") if LIST_ITEM.match(line) else line))
    flush()
    return Normalised("\n".join(out), notes)


def _paragraphs(block: list[tuple[int, str]], notes: list[Note], as_headings: bool) -> list[str]:
    """One block of lines (no blank line between them) as Markdown."""
    if not block:
        return []
    texts = [text for _, text in block]
    if any(SPECIAL.match(text) for text in texts):
        return _lists_apart(texts)
    pasted = len(block) > 1 and any(len(text) > LONG_LINE for text in texts[:-1])
    if not pasted:
        return _lists_apart(texts)
    out: list[str] = []
    for index, (number, text) in enumerate(block):
        same_list = out and LIST_ITEM.match(text) and _kind(out[-1]) == _kind(text)
        if out and out[-1] != "" and not same_list:
            out.append("")
        following = block[index + 1][1] if index + 1 < len(block) else ""
        following = TYPED_BULLET.sub("- ", following)
        if _looks_like_heading(text, following):
            if as_headings:
                out.append(f"## {text.strip()}")
                continue
            notes.append(
                Note(
                    number,
                    f'"{text.strip()}" looks like a heading, but is shown as a paragraph.',
                    f"if it is a heading, start the line with ## and a space: ## {text.strip()} "
                    "(./kit tidy does it for you); if not, end it with a full stop.",
                    heading=True,
                )
            )
        out.append(text)
    return out


def _looks_like_heading(text: str, following: str) -> bool:
    words = text.strip()
    return (
        bool(words)
        and len(words) <= HEADING_MAX
        and words[-1] not in SENTENCE_END
        and not LIST_ITEM.match(words)
        and (len(following) > LONG_LINE or bool(LIST_ITEM.match(following)))
    )


def _lists_apart(texts: list[str]) -> list[str]:
    """A list starting right below a paragraph (or a numbered list right below bullets, or
    the other way round) gets the blank line Markdown needs to see it as a list."""
    out: list[str] = []
    previous = ""
    for text in texts:
        item = LIST_ITEM.match(text)
        if previous and item and not text.startswith((" ", "\t")):
            kind, before = _kind(text), _kind(previous)
            if before is None or (before != kind and not previous.startswith((" ", "\t"))):
                out.append("")
        out.append(text)
        previous = text
    return out


def _kind(text: str) -> str | None:
    match = LIST_ITEM.match(text)
    if match is None:
        return None
    return "number" if match[0].strip()[0].isdigit() else "bullet"
