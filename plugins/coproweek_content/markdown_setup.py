"""The one Markdown configuration every content file goes through.

One `Markdown` object is made per build and `reset()` between files: building a new
one per file (as Pelican's own reader does) costs more than converting a short post.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .body import ATTRIBUTION, split_attribution

ALLOWED_TAGS = {
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
}
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
    "figure": {"pull-quote"},
    "div": {"footnote"},
    "sup": {"footnote-ref"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


class PullQuoteProcessor(Treeprocessor):
    """<blockquote> ending with "— Name, Role" becomes <figure class="pull-quote">."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "blockquote":
                    figure = self._as_figure(child)
                    if figure is not None:
                        parent.remove(child)
                        parent.insert(index, figure)

    @staticmethod
    def _as_figure(quote: etree.Element) -> etree.Element | None:
        paragraphs = [child for child in quote if child.tag == "p"]
        if not paragraphs or len(paragraphs[-1]) or not paragraphs[-1].text:
            return None
        last = paragraphs[-1]
        lines = last.text.rstrip().split("\n")
        match = ATTRIBUTION.match(lines[-1])
        if not match:
            return None
        name, role = split_attribution(match["who"])
        if len(lines) > 1:
            last.text = "\n".join(lines[:-1])
        else:
            quote.remove(last)
        figure = etree.Element("figure", {"class": "pull-quote"})
        figure.append(quote)
        caption = etree.SubElement(figure, "figcaption")
        caption.text = "— " + ", ".join(part for part in (name, role) if part)
        return figure


class SiteLinksProcessor(Treeprocessor):
    """Site-absolute links and images (/images/x.jpg) get the site's address in front."""

    site_url = ""

    def run(self, root: etree.Element) -> None:
        if not self.site_url:
            return
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value and value.startswith("/") and not value.startswith("//"):
                    element.set(attribute, self.site_url + value)


class CoproweekExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(PullQuoteProcessor(md), "coproweek_pull_quotes", 5)
        md.treeprocessors.register(SiteLinksProcessor(md), "coproweek_site_links", 4)


def make_markdown(site_url: str = "") -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc", CoproweekExtension()],
        extension_configs={"toc": {"toc_depth": "2-3"}},
        output_format="html",
    )
    md.treeprocessors["coproweek_site_links"].site_url = site_url.rstrip("/")  # type: ignore[attr-defined]
    return md


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return sanitise(md.convert(text))


# One line of words, digits, spaces and plain punctuation, starting with a letter (so never
# a list item, heading or quote):
# Markdown (and the sanitiser) would give exactly <p>text</p>, so skip them for summaries.
PLAIN_LINE = re.compile(r"(?![0-9])[^\W_](?:[^\W_]|[ ,.;:?!'’‘“”\"()%/–—-])*\Z")


def render_line(md: markdown.Markdown, text: str) -> str:
    """A one-line text (a summary) as HTML: the same as render(), sooner for plain words."""
    if PLAIN_LINE.match(text) and not text.endswith(" "):
        return f"<p>{text}</p>"
    return render(md, text)
