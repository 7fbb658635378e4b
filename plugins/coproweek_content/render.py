"""Markdown to safe HTML, the one way every body of content (posts, pages, campaign
introductions) becomes HTML: Python-Markdown with the site's configuration, then the
sanitiser, every image through the photo resolver, site photos as responsive <picture>s.
What the sanitiser removed or refused comes back as findings with their lines."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .images import PhotoSizes, Plan, picture_html, plan_for, site_address
from .markdown_setup import make_markdown
from .model import Image
from .pasted import normalise
from .problems import Severity
from .references import IMAGE_FIX, ReferenceProblem, resolve_photo
from .sanitise import removals, sanitise

IMG_TAG = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>')
ALT = re.compile(r'\balt="(?P<alt>[^"]*)"')
# Python-Markdown's time grows with the square of some unusual texts (thousands of "["
# in a paragraph, or of unclosed "<" in a file, take minutes); no real post comes near these
# limits, and with them no file of 200 KB takes more than a few seconds.
MAX_INDENT = 80  # columns: 20 levels of nesting; far deeper makes Markdown give up
MAX_PARAGRAPH = 10_000  # characters
MAX_BRACKETS = 200  # "[" in one paragraph
MAX_ANGLES = 500  # "<" in one file


@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    fix: str
    severity: Severity


@dataclass
class Rendered:
    html: Markup
    findings: list[Finding] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)  # the site photos it shows
    pull_spans: list[tuple[int, int]] = field(default_factory=list)  # each pull quote's place
    # Each pull quote's (name, role) as the post wrote them (the page shows the name only as
    # the person's consent allows).
    pull_written: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The words a reader sees, in paragraphs: cards, alt text and feeds use these."""
        return text_of(self.html)

    @property
    def pull_quotes(self) -> list[tuple[str, str]]:
        """(words, attribution) of each pull quote, as the page shows them."""
        return pull_quotes_of(self.html)


class Renderer:
    """One per build (and per worker process): one Markdown object, reset between bodies."""

    def __init__(self, content_root: Path, site_url: str, sizes: PhotoSizes) -> None:
        self.content_root = content_root
        self.site_url = site_url.rstrip("/")
        self.sizes = sizes
        self._markdown: Any = None

    def render(
        self, body: str, first_line: int = 1, names: dict[str, str] | None = None
    ) -> Rendered:
        """`names` maps a pull quote's name as written (see body.name_key) to the name its
        person's consent allows; any other name is shown by its first word."""
        too_complex = _too_complex(body, first_line)
        if too_complex:
            return Rendered(Markup(""), [too_complex])
        if self._markdown is None:
            self._markdown = make_markdown(self.site_url)
        try:
            self._markdown.reset()
            pull_quotes = self._markdown.treeprocessors["coproweek_pull_quotes"]
            pull_quotes.names = names or {}
            pull_quotes.attributions = []
            pull_quotes.css_class = nonce = f"pull-quote-{secrets.token_hex(8)}"
            pasted = normalise(body)
            raw = self._markdown.convert(pasted.text)
        except RecursionError:  # Markdown nested thousands deep: the text's fault, not ours
            self._markdown = None  # may be left half-way through: start afresh next time
            return Rendered(Markup(""), [_unreadable(first_line)])
        plans: dict[str, Plan] = {}

        def photo_url(src: str) -> str | None:
            try:
                photo = resolve_photo(src, self.content_root)
            except ReferenceProblem:
                return None
            url = site_address(self.site_url, photo.site_path)
            plans.setdefault(url, plan_for(photo, self.sizes))
            return url

        def photo_problem(src: str) -> str:
            try:
                resolve_photo(src, self.content_root)
            except ReferenceProblem as problem:
                return str(problem)
            return ""

        html = sanitise(raw, photo_url, nonce)
        images: list[Image] = []

        def as_picture(match: re.Match[str]) -> str:
            plan = plans.get(_unescape(match["src"]))
            if plan is None:
                return match[0]
            alt_match = ALT.search(match[0])
            alt = _unescape(alt_match["alt"]) if alt_match else ""
            images.append(Image(plan.photo.site_path, alt))
            return picture_html(plan, alt, self.site_url)

        html = Markup(IMG_TAG.sub(as_picture, html))
        findings = [
            Finding(first_line + note.line, note.message, note.fix, Severity.WARNING)
            for note in pasted.notes
        ]
        findings += [
            Finding(
                _line_of(removal.snippets, body, first_line),
                removal.message,
                removal.fix or IMAGE_FIX,
                removal.severity,
            )
            for removal in removals(raw, photo_problem)
        ]
        written = list(self._markdown.treeprocessors["coproweek_pull_quotes"].attributions)
        return Rendered(html, findings, images, _pull_spans(html), written)


def _unescape(value: str) -> str:
    return str(Markup(value).unescape())


def _line_of(snippets: tuple[str, ...], body: str, first_line: int) -> int:
    """The first line of `body` that holds the first of `snippets` any line holds (in any
    case), else the body's first line."""
    lines = body.lower().split("\n")
    for snippet in snippets:
        wanted = snippet.lower()
        for offset, line in enumerate(lines):
            if wanted and wanted in line:
                return first_line + offset
    return first_line


def _too_complex(body: str, first_line: int) -> Finding | None:
    line = first_line
    for paragraph in body.split("\n\n"):
        for offset, text in enumerate(paragraph.split("\n")):
            expanded = text.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip())
            if indent > MAX_INDENT and text.strip():
                return Finding(
                    line + offset,
                    f"this line is indented by {indent} spaces: lists or quotes are nested far too deeply.",
                    "use at most a few levels of nested lists.",
                    Severity.ERROR,
                )
        if len(paragraph) > MAX_PARAGRAPH:
            return Finding(
                line,
                f"this paragraph is {len(paragraph):,} characters long, more than the {MAX_PARAGRAPH:,} a paragraph may be.",
                "leave a blank line between paragraphs.",
                Severity.ERROR,
            )
        if paragraph.count("[") > MAX_BRACKETS:
            return _too_many("[", paragraph.count("["), "this paragraph", line)
        line += paragraph.count("\n") + 2
    if body.count("<") > MAX_ANGLES:
        return _too_many("<", body.count("<"), "the text", first_line)
    return None


def _too_many(mark: str, count: int, where: str, line: int) -> Finding:
    return Finding(
        line,
        f'{where} holds {count:,} "{mark}" characters, far more than any post needs.',
        "check the text: it may have been pasted from code or a web page's source.",
        Severity.ERROR,
    )


def _unreadable(first_line: int) -> Finding:
    return Finding(
        first_line,
        "the text could not be read as Markdown: it is nested too deeply or built very unusually.",
        "check the text for long runs of *, _, >, [ or numbered lines inside each other, and write it plainly.",
        Severity.ERROR,
    )


BLOCKS = frozenset(
    [
        "p",
        "li",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figcaption",
        "figure",
        "dt",
        "dd",
        "tr",
        "table",
        "ul",
        "ol",
        "pre",
        "div",
    ]
)


class _Text(HTMLParser):
    """The words of sanitised HTML, a paragraph per block, and its pull quotes apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.pulls: list[tuple[list[str], list[str]]] = []
        self._pull_depth = 0  # inside a pull quote's <figure>: its nesting depth
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure" and ("class", "pull-quote") in attrs and not self._pull_depth:
            self.pulls.append(([], []))
            self._pull_depth = 1
        elif self._pull_depth and tag == "figure":
            self._pull_depth += 1
        self._in_caption = self._in_caption or (bool(self._pull_depth) and tag == "figcaption")
        if tag in BLOCKS or tag == "br":
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._break()
        if tag == "figcaption":
            self._in_caption = False
        if tag == "figure" and self._pull_depth:
            self._pull_depth -= 1

    def handle_data(self, data: str) -> None:
        self.blocks[-1].append(data)
        if self._pull_depth:
            words, caption = self.pulls[-1]
            (caption if self._in_caption else words).append(data)

    def _break(self) -> None:
        if self.blocks[-1]:
            self.blocks.append([])
        if self._pull_depth and not self._in_caption:
            self.pulls[-1][0].append("\n\n")


def _paragraphs(parts: list[str]) -> str:
    joined = "".join(parts)
    return "\n\n".join(" ".join(p.split()) for p in joined.split("\n\n") if p.strip())


def text_of(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    reader.close()
    return "\n\n".join(
        " ".join("".join(block).split()) for block in reader.blocks if "".join(block).strip()
    )


def pull_quotes_of(html: str) -> list[tuple[str, str]]:
    reader = _Text()
    reader.feed(html)
    reader.close()
    found = []
    for words, caption in reader.pulls:
        attribution = " ".join("".join(caption).split()).removeprefix("—").strip()
        found.append((_paragraphs(words), attribution))
    return found


FIGURE_TAG = re.compile(r"<(/?)figure\b[^>]*>")


def _pull_spans(html: str) -> list[tuple[int, int]]:
    """Where each <figure class="pull-quote"> starts and ends in `html`."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, -1
    for match in FIGURE_TAG.finditer(html):
        if not match[1]:
            if depth == 0 and 'class="pull-quote"' in match[0]:
                start = match.start()
            depth += 1 if (depth or start == match.start()) else 0
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, match.end()))
    return spans
