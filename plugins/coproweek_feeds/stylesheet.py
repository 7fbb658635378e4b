"""The feeds' stylesheet (the theme's feed.xsl, which shows a feed as a page when someone
opens it in a browser) in the edition's language.

The theme's file is written in English. An edition in another language gets a copy with each
run of text translated from this plugin's catalogue (its words, whitespace collapsed, are the
message), written over the copy Pelican made in that edition's output. Text the catalogue
does not have stays as it is.
"""

from __future__ import annotations

from pathlib import Path

from coproweek_content.words import N_, SOURCE_LANGUAGE, Words
from lxml import etree

XSL = "http://www.w3.org/1999/XSL/Transform"
# The stylesheet's runs of text, marked here for the catalogue (Babel's extractor does not
# read XSL); a test checks that they are the theme's feed.xsl's.
MESSAGES = (
    N_("(feed)"),
    N_("This is a feed."),
    N_(
        "Feed readers and newsletter tools use this address to follow new posts. To follow "
        "them, copy this page's address into your feed reader:"
    ),
    N_("Go to the web page these posts come from"),
)


def texts(source: bytes) -> list[str]:
    """The stylesheet's words for readers: each run of text outside XSL's own elements."""
    found = []
    for element, attribute in _runs(etree.fromstring(source)):
        text = getattr(element, attribute) or ""
        if text.strip():
            found.append(" ".join(text.split()))
    return found


def _runs(root: etree._Element) -> list[tuple[etree._Element, str]]:
    runs = []
    for element in root.iter(etree.Element):
        if etree.QName(element).namespace != XSL and element.tag != "style":
            runs.append((element, "text"))
        if element is not root:
            runs.append((element, "tail"))
    return runs


def _translated(text: str | None, words: Words) -> str | None:
    if not text or not text.strip():
        return text
    message = " ".join(text.split())
    translation = words.gettext(message)
    if translation == message:
        return text
    before = text[: len(text) - len(text.lstrip())]
    after = text[len(text.rstrip()) :]
    return f"{before}{translation}{after}"


def translated(source: bytes, words: Words) -> bytes:
    root = etree.fromstring(source)
    for element, attribute in _runs(root):
        setattr(element, attribute, _translated(getattr(element, attribute), words))
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def write_stylesheet(theme_file: Path, target: Path, words: Words) -> None:
    """The edition's stylesheet at `target` (nothing to do for English, the theme's words)."""
    if words.language == SOURCE_LANGUAGE or not theme_file.is_file():
        return
    data = translated(theme_file.read_bytes(), words)
    target.unlink(missing_ok=True)  # Pelican's copy may be a link to the theme's own file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
