"""The one Markdown configuration every content file goes through.

One `Markdown` object is made per build and `reset()` between files: building a new
one per file (as Pelican's own reader does) costs more than converting a short post.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .body import ATTRIBUTION, name_key, split_attribution
from .languages import attribute_pairs


class PullQuoteProcessor(Treeprocessor):
    """<blockquote> ending with "— Name, Role" becomes <figure class="pull-quote">, the name
    shown as the person's consent allows: `names` maps each name as written (in canonical
    form) to its shown form; any other name is shown by its first word only."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.names: dict[str, str] = {}  # set for each text by the renderer
        # The class the figures get, set for each text by the renderer: a word nobody can
        # guess, so a figure written in a post's own HTML is never taken for a pull quote.
        self.css_class = "pull-quote"
        self.attributions: list[tuple[str, str]] = []  # (name as written, role), in order

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "blockquote":
                    self._split(parent, child)

    def _split(self, parent: etree.Element, quote: etree.Element) -> None:
        """Markdown joins block quotes with only blank lines between them into one: each
        paragraph that ends with an attribution closes a pull quote of its own."""
        index = list(parent).index(quote)
        parts: list[etree.Element] = []
        replacement: list[etree.Element] = []
        for child in list(quote):
            parts.append(child)
            attribution = self._attribution(child)
            if attribution is not None:
                replacement.append(self._figure(parts, *attribution))
                parts = []
        if not replacement:
            return  # a plain block quote
        if parts:  # words after the last attribution stay a block quote
            rest = etree.Element("blockquote")
            rest.extend(parts)
            replacement.append(rest)
        parent.remove(quote)
        for offset, element in enumerate(replacement):
            parent.insert(index + offset, element)

    def _attribution(self, paragraph: etree.Element) -> tuple[str, str] | None:
        """(name, role) when the paragraph's last line is "— Name, Role" (then cut off)."""
        if paragraph.tag != "p" or len(paragraph) or not paragraph.text:
            return None
        lines = paragraph.text.rstrip().split("\n")
        match = ATTRIBUTION.match(lines[-1])
        if not match:
            return None
        paragraph.text = "\n".join(lines[:-1])
        return split_attribution(match["who"])

    def _figure(self, parts: list[etree.Element], written: str, role: str) -> etree.Element:
        self.attributions.append((written, role))
        quote = etree.Element("blockquote")
        quote.extend(part for part in parts if part.tag != "p" or part.text or len(part))
        name = self.names.get(name_key(written), written.split()[0] if written.split() else "")
        figure = etree.Element("figure", {"class": self.css_class})
        figure.append(quote)
        # Words or a name in another script carry their language and direction.
        for key, value in attribute_pairs("".join(quote.itertext())):
            quote.set(key, value)
        caption = etree.SubElement(figure, "figcaption")
        words = ", ".join(part for part in (name, role) if part)
        name_language = dict(attribute_pairs(name))
        if name_language:
            caption.text = "— "
            etree.SubElement(caption, "span", name_language).text = words
        else:
            caption.text = "— " + words
        return figure


class SiteLinksProcessor(Treeprocessor):
    """Site-absolute links (/2024/a-post/) get the site's address in front. (Images get
    theirs from the photo resolver, see render.py.)"""

    site_url = ""

    def run(self, root: etree.Element) -> None:
        if not self.site_url:
            return
        for element in root.iter("a"):
            value = element.get("href")
            if value and value.startswith("/") and not value.startswith("//"):
                element.set("href", self.site_url + value)


class CoproweekExtension(Extension):
    def __init__(self, site_url: str) -> None:
        super().__init__()
        self.site_url = site_url.rstrip("/")

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(PullQuoteProcessor(md), "coproweek_pull_quotes", 5)
        site_links = SiteLinksProcessor(md)
        site_links.site_url = self.site_url
        md.treeprocessors.register(site_links, "coproweek_site_links", 4)


def make_markdown(site_url: str = "") -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=[
            "extra",
            "sane_lists",
            "toc",
            "pymdownx.magiclink",
            CoproweekExtension(site_url),
        ],
        extension_configs={
            "toc": {"toc_depth": "2-3"},
            # Bare web and email addresses become links; nothing is shortened or rewritten.
            "pymdownx.magiclink": {"repo_url_shortener": False, "social_url_shortener": False},
        },
        output_format="html",
    )
    # Text indented by four spaces (pasted paragraphs often are) stays text: an indented code
    # block is never what a contributor means. Fenced code (```) still works.
    md.parser.blockprocessors.deregister("code")
    return md
