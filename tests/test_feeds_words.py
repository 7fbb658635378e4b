"""The feeds plugin's Welsh catalogue: every word the plugin writes into a feed (titles,
descriptions, the words inside items and events) is translated, with its placeholders, and
a Welsh feed opened in a browser is shown with Welsh words around it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import lxml.html
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT
from coproweek_content.words import catalogue_folders, words_for
from coproweek_feeds.channels import make_channel
from coproweek_feeds.items import FeedItem
from coproweek_feeds.render import feed_bytes
from coproweek_feeds.stylesheet import texts, write_stylesheet
from lxml import etree

PLUGIN = ROOT / "plugins" / "coproweek_feeds"
CATALOGUE = PLUGIN / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
STYLESHEET = ROOT / "theme" / "static" / "feed.xsl"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def written_messages() -> set[str]:
    """The messages the plugin's code asks for (Babel's own extractor, as pybabel runs it),
    and the runs of text of the theme's feed stylesheet, which the plugin translates."""
    found = extract_from_dir(PLUGIN, keywords={"gettext": None, "ngettext": (1, 2)})
    code = {message if isinstance(message, str) else message[0] for *_, message, _, _ in found}
    return code | set(texts(STYLESHEET.read_bytes()))


def test_every_message_of_the_feeds_plugin_is_in_welsh() -> None:
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source, locale="cy")
    translated = {message.id: message.string for message in catalogue if message.id}
    wanted = written_messages()
    assert len(wanted) > 20
    assert sorted(wanted - set(translated)) == [], "messages missing from the catalogue"
    assert sorted(set(translated) - wanted) == [], "messages the code no longer writes"
    for message, welsh in translated.items():
        assert welsh and welsh != message or message == "Cost", message
        assert sorted(PLACEHOLDER.findall(str(welsh))) == sorted(PLACEHOLDER.findall(message))
    assert not [message for message in catalogue if message.fuzzy and message.id]


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
    assert "Ewch i'r dudalen we y daw'r postiadau hyn ohoni" in text
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
