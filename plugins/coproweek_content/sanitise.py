"""The one sanitising step for HTML made from content, and the report of what it removed.

Markdown from pull requests becomes HTML; `sanitise` keeps only the tags, attributes,
classes and address schemes below (nh3, the Rust ammonia sanitiser), and asks the caller
about every `src`: only a photo of this site, through the one resolver, survives. The
result is the only kind of content HTML templates print unescaped (a `Markup`).

`removals` reads the same HTML before sanitising and says, in plain words, what the
sanitiser removed or refused, so nothing disappears silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markupsafe import Markup

from .problems import Severity

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "abbr": {"title"},
}
ALLOWED_CLASSES = {
    "div": {"footnote"},
    "sup": {"footnote-ref"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background"}
)
# Pelican's own link syntax ({static}, {attach}, {filename}, |filename| ...) would copy
# source files into the site as they are: the site never uses it.
PELICAN_LINK = re.compile(r"^\s*[{|]\s*[a-z]*\s*[}|]", re.IGNORECASE)
SCHEME = re.compile(r"^\s*(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):")
IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
PELICAN_LINK_FIX = (
    "link to a photo as /images/2024/photo.jpg and to a post by its address, "
    "for example /2024/post-name/."
)


def sanitise(
    html: str, photo_url: Callable[[str], str | None], pull_quote_class: str = ""
) -> Markup:
    """`html` with nothing but what the lists above allow. `photo_url(src)` gives the
    address of the site photo an image names, or None to drop it. Figures with the class
    `pull_quote_class` (the renderer's own pull quotes) become <figure class="pull-quote">;
    no other element keeps or gets that class."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "src":
            return photo_url(value) if tag == "img" else None
        if attribute == "href" and PELICAN_LINK.match(value):
            return None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={**ALLOWED_CLASSES, "figure": {pull_quote_class}}
        if pull_quote_class
        else ALLOWED_CLASSES,
        url_schemes=set(URL_SCHEMES),
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = IMG_WITHOUT_SRC.sub("", cleaned)
    if pull_quote_class:
        cleaned = cleaned.replace(
            f'<figure class="{pull_quote_class}">', '<figure class="pull-quote">'
        )
    return Markup(cleaned)


@dataclass(frozen=True)
class Removal:
    """What the sanitiser removed or refused, and a piece of text to find it by."""

    snippets: tuple[str, ...]  # what its line holds, the most telling first
    message: str
    fix: str
    severity: Severity = Severity.WARNING


def unsafe_scheme(url: str) -> str:
    match = SCHEME.match(url.replace("\x00", "").replace("\t", "").replace("\n", ""))
    if match and match["scheme"].lower() not in URL_SCHEMES:
        return match["scheme"].lower()
    return ""


class _Reader(HTMLParser):
    def __init__(self, photo_problem: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.photo_problem = photo_problem
        self.found: list[Removal] = []
        self._tag = ""  # the tag being read

    def _add(
        self, snippet: str | tuple[str, ...], message: str, fix: str, severity: Severity
    ) -> None:
        """`snippet`: what the finding's line holds, the most telling first."""
        snippets = (snippet,) if isinstance(snippet, str) else snippet
        self.found.append(Removal(snippets + (f"<{self._tag}",), message, fix, severity))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        warn = Severity.WARNING
        if tag not in ALLOWED_TAGS:
            self._add(
                f"<{tag}",
                f"the HTML tag <{tag}> is not allowed and was removed.",
                "use Markdown instead of HTML; pages may not carry scripts, styles, frames or forms.",
                warn,
            )
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        values = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add(
                    (f"{name}=", name),
                    f'the attribute "{name}" on <{tag}> runs code and was removed.',
                    "remove it.",
                    warn,
                )
            elif name == "style":
                self._add(
                    ("style=",),
                    f"the inline style on <{tag}> was removed.",
                    "remove it: the site's own styles apply.",
                    warn,
                )
            elif name == "src" and tag == "img":
                continue  # the image itself is checked below
            elif name in URL_ATTRIBUTES and unsafe_scheme(value) and name in allowed:
                self._add(
                    (value, f"{name}=", f"]({value[:4]}"),
                    f'the {unsafe_scheme(value)}: address in "{name}" on <{tag}> is not allowed and was removed.',
                    "link only to web addresses (https://...) or email (mailto:).",
                    warn,
                )
            elif name == "href" and PELICAN_LINK.match(value):
                self._add(
                    value,
                    f'the link "{value}" uses Pelican\'s own link syntax, which this site does not use.',
                    PELICAN_LINK_FIX,
                    Severity.ERROR,
                )
            elif name not in allowed and name != "class":
                self._add(
                    (f"{name}=", name),
                    f'the attribute "{name}" on <{tag}> is not allowed and was removed.',
                    "remove it.",
                    warn,
                )
        if tag == "img":
            self._image(values.get("src") or "", (values.get("alt") or "").strip())

    handle_startendtag = handle_starttag

    def _image(self, src: str, alt: str) -> None:
        problem = self.photo_problem(src)
        snippet = (src, "![") if src else ("<img", "![")
        if problem:
            self._add(snippet, problem, "", Severity.ERROR)
        if not alt:
            self._add(
                snippet,
                "this image has no alt text.",
                "write a short description between the square brackets: ![what the photo shows](/images/2024/photo.jpg)",
                Severity.ERROR,
            )
        elif alt.lower().startswith(("image of", "picture of", "photo of")):
            self._add(
                snippet,
                f'the alt text starts with "{" ".join(alt.split()[:2])}".',
                "describe what the picture shows, without saying it is an image (screen readers already say so).",
                Severity.WARNING,
            )

    def handle_comment(self, data: str) -> None:
        self._tag = ""
        self._add(
            "<!--",
            "an HTML comment was removed (comments are not published).",
            "remove it.",
            Severity.WARNING,
        )


def removals(html: str, photo_problem: Callable[[str], str]) -> list[Removal]:
    """What `sanitise` removes from `html` or refuses in it, in document order.
    `photo_problem(src)` says why an image cannot be shown ("" when it can)."""
    reader = _Reader(photo_problem)
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        reader.found.append(
            Removal(
                ("<",),
                "some HTML could not be read and was removed.",
                "use Markdown instead of HTML.",
            )
        )
    return reader.found
