"""The feeds plugin's words in Welsh beyond what test_translations checks of every
catalogue: the feed stylesheet's words are marked for the catalogue, and a Welsh feed
opened in a browser is shown with Welsh words around it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import lxml.html
from conftest import ROOT
from coproweek_content.words import catalogue_folders, words_for
from coproweek_feeds.channels import make_channel
from coproweek_feeds.items import FeedItem
from coproweek_feeds.render import feed_bytes
from coproweek_feeds.stylesheet import MESSAGES, texts, write_stylesheet
from lxml import etree

STYLESHEET = ROOT / "theme" / "static" / "feed.xsl"


def test_the_stylesheets_words_are_marked_for_the_catalogue() -> None:
    """Babel's extractor does not read XSL: the plugin marks the stylesheet's runs of text,
    which must be the theme's file's (the catalogue's completeness is test_translations')."""
    assert sorted(texts(STYLESHEET.read_bytes())) == sorted(MESSAGES)


def welsh_feed() -> bytes:
    site = "https://coproweek.example.org/cy"
    item = FeedItem(
        id="tag:coproweek.example.org,2025-07-01:quote/0123456789abcdef",
        title="Ffion, Ymchwilydd Cymheiriaid",
        url=f"{site}/2025/ffion-paned-yn-gyntaf/",
        date=datetime.fromisoformat("2025-07-01T00:00:00+01:00"),
        author="Ffion",
        summary="Roedden ni'n gwneud paned cyn yr agenda.",
        content="<blockquote><p>Roedden ni'n gwneud paned cyn yr agenda.</p></blockquote>",
        categories=(),
        kind="quote",
        type_slug="quotes",
        campaign_year=2025,
        tags=(),
    )
    channel = make_channel(
        "site", "Wythnos Cydgynhyrchu: pob post", "Pob post.", "feeds/all", "", [item],
        site_url=site, formats=("atom",), limit=None,
    )  # fmt: skip
    assert channel is not None
    return feed_bytes(
        channel, "atom", {}, sitename="Wythnos Cydgynhyrchu", language="cy",
        stylesheet="../theme/feed.xsl",
    )  # fmt: skip


def shown(stylesheet: bytes, feed: bytes) -> lxml.html.HtmlElement:
    """The page a browser shows for `feed` with `stylesheet`."""
    page = etree.XSLT(etree.fromstring(stylesheet))(etree.fromstring(feed))
    return lxml.html.fromstring(str(page))


def test_a_welsh_feed_opened_in_a_browser_speaks_welsh(tmp_path: Path) -> None:
    welsh = words_for("cy", catalogue_folders({"THEME": str(ROOT / "theme")}))
    target = tmp_path / "cy" / "theme" / "feed.xsl"
    write_stylesheet(STYLESHEET, target, welsh)
    page = shown(target.read_bytes(), welsh_feed())
    text = " ".join(page.text_content().split())
    assert page.get("lang") == "cy"
    assert page.findtext(".//title") == "Wythnos Cydgynhyrchu: pob post (ffrwd)"
    assert "Ffrwd yw hon." in text
    assert "Ewch i’r dudalen we y daw’r postiadau hyn ohoni" in text
    assert "https://coproweek.example.org/cy/feeds/all.atom.xml" in text
    for english in ("This is a feed", "Feed readers", "Go to the web page", "(feed)"):
        assert english not in text, english


def test_the_english_stylesheet_is_the_themes_own(tmp_path: Path) -> None:
    english = words_for("en", catalogue_folders({"THEME": str(ROOT / "theme")}))
    target = tmp_path / "theme" / "feed.xsl"
    write_stylesheet(STYLESHEET, target, english)
    assert not target.exists()  # Pelican's copy of the theme's file stays as it is
    page = shown(STYLESHEET.read_bytes(), welsh_feed())
    assert "This is a feed." in page.text_content()
