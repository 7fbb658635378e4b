"""Markdown to safe HTML, the one way every body of content (posts, pages, campaign
introductions) becomes HTML: Python-Markdown with the site's configuration, then the
sanitiser, every image through the photo resolver, site photos as responsive <picture>s.
What the sanitiser removed or refused comes back as findings with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .images import PhotoSizes, Plan, picture_html, plan_for, site_address
from .markdown_setup import make_markdown
from .model import Image
from .problems import Severity
from .references import IMAGE_FIX, ReferenceProblem, resolve_photo
from .sanitise import removals, sanitise

IMG_TAG = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>')
ALT = re.compile(r'\balt="(?P<alt>[^"]*)"')
MAX_INDENT = 80  # columns: 20 levels of nesting; far deeper makes Markdown give up


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


class Renderer:
    """One per build (and per worker process): one Markdown object, reset between bodies."""

    def __init__(self, content_root: Path, site_url: str, sizes: PhotoSizes) -> None:
        self.content_root = content_root
        self.site_url = site_url.rstrip("/")
        self.sizes = sizes
        self._markdown: Any = None

    def render(self, body: str, first_line: int = 1) -> Rendered:
        too_deep = _too_deep(body, first_line)
        if too_deep:
            return Rendered(Markup(""), [too_deep])
        if self._markdown is None:
            self._markdown = make_markdown(self.site_url)
        self._markdown.reset()
        raw = self._markdown.convert(body)
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

        html = sanitise(raw, photo_url)
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
            Finding(
                _line_of(removal.snippet, body, first_line),
                removal.message,
                removal.fix or IMAGE_FIX,
                removal.severity,
            )
            for removal in removals(raw, photo_problem)
        ]
        return Rendered(html, findings, images)


def _unescape(value: str) -> str:
    return str(Markup(value).unescape())


def _line_of(snippet: str, body: str, first_line: int) -> int:
    """The first line of `body` that holds `snippet` (any case), else its first line."""
    wanted = snippet.lower()
    for offset, line in enumerate(body.split("\n")):
        if wanted and wanted in line.lower():
            return first_line + offset
    return first_line


def _too_deep(body: str, first_line: int) -> Finding | None:
    for offset, line in enumerate(body.split("\n")):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        if indent > MAX_INDENT and line.strip():
            return Finding(
                first_line + offset,
                f"this line is indented by {indent} spaces: lists or quotes are nested far too deeply.",
                "use at most a few levels of nested lists.",
                Severity.ERROR,
            )
    return None
