"""What the checks and the model need from a post's Markdown body: images and pull quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)"
)
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))", re.I)
HTML_SRC = re.compile(r"\bsrc\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))", re.I)
# The last line of a pull quote: "— Name, Role" (an em dash, or two hyphens).
ATTRIBUTION = re.compile(r"^\s*(?:—|--)\s*(?P<who>\S.*?)\s*$")
BLOCKQUOTE_LINE = re.compile(r"^\s{0,3}>\s?(?P<text>.*)$")


@dataclass(frozen=True)
class ImageRef:
    src: str
    alt: str
    line: int


@dataclass(frozen=True)
class PullQuote:
    text: str
    speaker: str
    role: str
    line: int


def _attribute(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    return match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or ""


def find_images(body: str, first_line: int) -> list[ImageRef]:
    found: list[ImageRef] = []
    for offset, line in enumerate(body.split("\n")):
        for match in MARKDOWN_IMAGE.finditer(line):
            found.append(ImageRef(match["src"], match["alt"].strip(), first_line + offset))
        for match in HTML_IMAGE.finditer(line):
            attrs = match["attrs"]
            alt = _attribute(HTML_ALT.search(attrs))
            src = _attribute(HTML_SRC.search(attrs)) or ""
            found.append(ImageRef(src, (alt or "").strip(), first_line + offset))
    return found


def name_key(name: str) -> str:
    """A name as written, in the form names are matched by."""
    return " ".join(name.casefold().split())


def split_attribution(who: str) -> tuple[str, str]:
    """'Dafydd, Expert Citizen' -> ('Dafydd', 'Expert Citizen')."""
    name, _, role = who.partition(",")
    return name.strip(), role.strip()


def find_pull_quotes(body: str, first_line: int) -> list[PullQuote]:
    """Block quotes whose last line is an attribution become pull quotes."""
    quotes: list[PullQuote] = []
    block: list[tuple[int, str]] = []
    for offset, line in enumerate([*body.split("\n"), ""]):
        match = BLOCKQUOTE_LINE.match(line)
        if match:
            block.append((first_line + offset, match["text"]))
            continue
        if block:
            quote = _pull_quote_from(block)
            if quote:
                quotes.append(quote)
            block = []
    return quotes


def _pull_quote_from(block: list[tuple[int, str]]) -> PullQuote | None:
    lines = [text for _, text in block]
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) < 2:
        return None
    attribution = ATTRIBUTION.match(lines[-1])
    if not attribution:
        return None
    speaker, role = split_attribution(attribution["who"])
    text = "\n".join(lines[:-1]).strip()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return PullQuote("\n\n".join(paragraphs), speaker, role, block[0][0])


def plain_text(markdown_text: str) -> str:
    """Markdown reduced to plain text paragraphs (for cards, alt text and excerpts)."""
    text = re.sub(r"<[^>]+>", "", markdown_text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(paragraphs)
