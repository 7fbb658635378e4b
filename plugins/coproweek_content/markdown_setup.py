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

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "blockquote":
                    figure = self._as_figure(child)
                    if figure is not None:
                        parent.remove(child)
                        parent.insert(index, figure)

    def _as_figure(self, quote: etree.Element) -> etree.Element | None:
        paragraphs = [child for child in quote if child.tag == "p"]
        if not paragraphs or len(paragraphs[-1]) or not paragraphs[-1].text:
            return None
        last = paragraphs[-1]
        lines = last.text.rstrip().split("\n")
        match = ATTRIBUTION.match(lines[-1])
        if not match:
            return None
        written, role = split_attribution(match["who"])
        name = self.names.get(name_key(written), written.split()[0] if written.split() else "")
        if len(lines) > 1:
            last.text = "\n".join(lines[:-1])
        else:
            quote.remove(last)
        figure = etree.Element("figure", {"class": self.css_class})
        figure.append(quote)
        caption = etree.SubElement(figure, "figcaption")
        caption.text = "— " + ", ".join(part for part in (name, role) if part)
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
