"""A bilingual site's feeds, search, sitemap, structured data and takedown list, per edition.

One real build of tests/fixtures/editions with COPROWEEK_LANGUAGES = ("en", "cy"): English
at the root, Welsh under /cy/. Each edition's run writes its own feeds, search bundle and
sitemap; these tests read what a reader, a feed reader, a search engine and the person doing
the takedown by hand would read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest
import test_feeds as feed_checks
import test_search as search_checks
from browser_fixtures import serve
from conftest import build, copy_fixture
from lxml import etree
from playwright.sync_api import Browser

SITE = "http://localhost:8000"  # COPROWEEK_FEEDS_SITEURL and the sitemap's, SITEURL empty
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ENGLISH_QUOTE = "2025/ffion-kettle-on/"
WELSH_QUOTE = "2025/ffion-paned-yn-gyntaf/"
WELSH_ONLY = "2025/gwrando-ar-gymdogion/"
EVENT = "events/2025/coffee-morning/"
EVENTS_FEED = "campaigns/2025/events/"
# Cards are left out: Welsh cards are the cards plugin's part of the work (and its tests').
BILINGUAL: dict[str, Any] = {
    "COPROWEEK_LANGUAGES": ("en", "cy"),
    "COPROWEEK_EDITION_SETTINGS": {"cy": {"SITENAME": "Wythnos Cydgynhyrchu"}},
    "COPROWEEK_CARDS_ENABLED": False,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, str]:
    """(output folder, build result, what the build printed)."""
    content = copy_fixture("editions", tmp_path_factory.mktemp("editions"))
    output = content.parent / "output"
    result, printed = build(content, output, **BILINGUAL)
    assert result.ok, printed
    return output, result, printed


@pytest.fixture(scope="module")
def site(built: tuple[Path, Any, str]) -> Path:
    return built[0]


def feeds_of(edition: Path) -> list[Path]:
    """Every feed an edition's run wrote: the feeds folder and the campaigns' events feeds."""
    return sorted([*(edition / "feeds").rglob("*.xml"), *(edition / "campaigns").rglob("*.xml")])


def links_in(feed: Path) -> list[str]:
    return [entry.link for entry in feedparser.parse(str(feed)).entries]


# --- feeds -----------------------------------------------------------------------------


def test_each_edition_has_its_own_feeds_of_its_own_posts(site: Path) -> None:
    english = links_in(site / "feeds/all.atom.xml")
    welsh = links_in(site / "cy/feeds/all.atom.xml")
    assert english == [f"{SITE}/{ENGLISH_QUOTE}"]
    assert welsh == [f"{SITE}/cy/{WELSH_ONLY}", f"{SITE}/cy/{WELSH_QUOTE}"]
    assert not (site / "feeds/cy").exists()
    # Events are in every edition: each edition's events feed links its own page of them.
    assert links_in(site / EVENTS_FEED / "feed.atom.xml") == [f"{SITE}/{EVENT}"]
    assert links_in(site / "cy" / EVENTS_FEED / "feed.atom.xml") == [f"{SITE}/cy/{EVENT}"]


def test_each_feed_says_its_editions_language(site: Path) -> None:
    for folder, language in ((site, "en-gb"), (site / "cy", "cy")):  # Pelican's DEFAULT_LANG
        feeds = feeds_of(folder)
        assert len(feeds) >= 6, feeds
        for path in feeds:
            root = etree.parse(str(path)).getroot()
            if path.name.endswith(".atom.xml"):
                assert root.get(XML_LANG).lower() == language, path
            else:
                assert root.findtext("channel/language").lower() == language, path


def test_every_feed_links_to_itself_at_its_own_address(site: Path) -> None:
    for path in [*feeds_of(site), *feeds_of(site / "cy")]:
        own = f"{SITE}/{path.relative_to(site).as_posix()}"
        root = etree.parse(str(path)).getroot()
        if path.name.endswith(".atom.xml"):
            assert root.find(f"{ATOM}link[@rel='self']").get("href") == own, path
        else:
            selves = [link.get("href") for link in root.iter("{*}link") if link.get("rel")]
            assert selves == [own], path


def test_the_welsh_feeds_are_in_welsh(site: Path) -> None:
    parsed = feedparser.parse(str(site / "cy/feeds/all.atom.xml"))
    assert parsed.feed.title == "Wythnos Cydgynhyrchu: pob post"
    campaign = feedparser.parse(str(site / "cy/feeds/2025.rss.xml"))
    assert campaign.feed.title == "Wythnos Cydgynhyrchu 2025: Gwrando yn gyntaf"
    assert campaign.feed.subtitle == (
        "Dyfyniadau a blogbostiau o Wythnos Cydgynhyrchu 2025. Y thema: Gwrando yn gyntaf"
    )
    quotes = feedparser.parse(str(site / "cy/feeds/quotes.atom.xml")).feed
    assert quotes.title == "Wythnos Cydgynhyrchu: dyfyniadau"
    entries = {entry.link: entry for entry in parsed.entries}
    blog = entries[f"{SITE}/cy/{WELSH_ONLY}"]
    assert blog.content[0].value.startswith("<p>Gan Tirion Morgan, Gweithiwr Ymgysylltu</p>")
    assert [tag.term for tag in blog.tags] == ["gwrando", "Wythnos Cydgynhyrchu 2025"]
    events = feedparser.parse(str(site / "cy" / EVENTS_FEED / "feed.rss.xml"))
    assert events.feed.title == "Wythnos Cydgynhyrchu 2025: digwyddiadau"
    (event,) = events.entries
    for word in ("Pryd:", "Ble:", "Cost:", "Archebu:", "Hygyrchedd:"):
        assert word in event.content[0].value, word
    assert "Gorffennaf 2025" in event.content[0].value  # the date in Welsh (July)
    assert "July" not in event.content[0].value


def test_the_english_feeds_have_no_welsh(site: Path) -> None:
    everything = " ".join(path.read_text(encoding="utf-8") for path in feeds_of(site))
    for welsh in ("Wythnos", "Hygyrchedd", "Pryd:", "paned", "cymdogion", "/cy/"):
        assert welsh not in everything, welsh
    assert "Co-production Week 2025: events" in everything


def test_every_feed_of_both_editions_validates(site: Path) -> None:
    """The existing feed tests' checks (feedparser, RFC 4287, RSS 2.0, absolute addresses)."""
    for edition in (site, site / "cy"):
        feed_checks.test_every_feed_parses_cleanly(edition)
        feed_checks.test_atom_feeds_have_what_rfc_4287_requires(edition)
        feed_checks.test_rss_feeds_have_what_rss_2_requires(edition)
        feed_checks.test_every_address_in_every_feed_is_absolute(edition)
    for path in [*(site / "campaigns").rglob("*.xml"), *(site / "cy/campaigns").rglob("*.xml")]:
        parsed = feedparser.parse(str(path))
        assert not parsed.bozo and parsed.entries, path


def head_feeds(page: Path) -> dict[str, str]:
    tree = lxml.html.fromstring(page.read_bytes())
    return {
        link.get("href"): link.get("title")
        for link in tree.xpath("//head/link[@rel='alternate'][@type]")
        if "xml" in link.get("type")
    }


def test_each_editions_pages_announce_its_own_feeds_only(site: Path) -> None:
    for page in ("index.html", f"{ENGLISH_QUOTE}index.html"):
        announced = head_feeds(site / page)
        assert "/feeds/all.atom.xml" in announced, page
        assert not [href for href in announced if "/cy/" in href], page
    for page in ("cy/index.html", f"cy/{WELSH_QUOTE}index.html", f"cy/{WELSH_ONLY}index.html"):
        announced = head_feeds(site / page)
        assert "/cy/feeds/all.atom.xml" in announced, page
        assert all(href.startswith("/cy/feeds/") for href in announced), (page, announced)
        assert announced["/cy/feeds/all.atom.xml"] == "Wythnos Cydgynhyrchu: pob post (Atom)"


# --- search ----------------------------------------------------------------------------


def test_each_edition_has_its_own_index_in_its_own_language(site: Path) -> None:
    english = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    welsh = json.loads((site / "cy/pagefind/pagefind-entry.json").read_text())
    assert list(english["languages"]) == ["en-gb"]
    assert list(welsh["languages"]) == ["cy"]
    assert sorted(search_checks.indexed_pages(site)) == [f"/{ENGLISH_QUOTE}", f"/{EVENT}"]
    # Addresses within the edition: pagefind.js puts its own folder (/cy/) in front.
    assert sorted(search_checks.indexed_pages(site / "cy")) == sorted(
        [f"/{WELSH_ONLY}", f"/{WELSH_QUOTE}", f"/{EVENT}"]
    )


def test_each_search_page_loads_its_own_editions_index(site: Path) -> None:
    for page, bundle in (
        ("search/index.html", "/pagefind/pagefind.js"),
        ("cy/search/index.html", "/cy/pagefind/pagefind.js"),
    ):
        tree = lxml.html.fromstring((site / page).read_bytes())
        (form,) = tree.xpath("//form[@id='search-form']")
        assert form.get("data-pagefind") == bundle, page


def test_search_finds_welsh_words_only_on_the_welsh_search_page(
    site: Path, browser: Browser
) -> None:
    with serve(site) as url:
        welsh = url + "/cy"
        found = {
            (where, query): [address for address, _ in search_checks.ranked(browser, base, query)]
            for where, base in (("en", url), ("cy", welsh))
            for query in ("cymdogion", "paned", "kettle")
        }
    assert found[("cy", "cymdogion")] == [f"/cy/{WELSH_ONLY}"]
    assert found[("cy", "paned")] == [f"/cy/{WELSH_QUOTE}"]
    assert found[("cy", "kettle")] == []
    assert found[("en", "kettle")] == [f"/{ENGLISH_QUOTE}"]
    assert found[("en", "cymdogion")] == [] and found[("en", "paned")] == []


# --- sitemap and robots.txt ------------------------------------------------------------


def sitemap(path: Path) -> dict[str, dict[str, str]]:
    """Address -> {hreflang: href} of its xhtml:link alternates."""
    root = etree.parse(str(path)).getroot()
    assert root.nsmap.get("xhtml") == XHTML.strip("{}"), path
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_each_editions_sitemap_lists_its_own_pages(site: Path) -> None:
    english = sitemap(site / "sitemap.xml")
    welsh = sitemap(site / "cy/sitemap.xml")
    assert f"{SITE}/{ENGLISH_QUOTE}" in english and f"{SITE}/cy/{WELSH_QUOTE}" in welsh
    assert f"{SITE}/cy/{WELSH_ONLY}" in welsh
    assert not [address for address in english if address.startswith(f"{SITE}/cy/")]
    assert all(address.startswith(f"{SITE}/cy/") for address in welsh)
    assert not [address for address in [*english, *welsh] if "withdrawn" in address]


def test_translations_list_each_other_as_alternates_in_the_sitemap(site: Path) -> None:
    english = sitemap(site / "sitemap.xml")
    welsh = sitemap(site / "cy/sitemap.xml")
    pair = {"en-gb": f"{SITE}/{ENGLISH_QUOTE}", "cy": f"{SITE}/cy/{WELSH_QUOTE}"}
    assert english[f"{SITE}/{ENGLISH_QUOTE}"] == pair
    assert welsh[f"{SITE}/cy/{WELSH_QUOTE}"] == pair
    assert welsh[f"{SITE}/cy/{WELSH_ONLY}"] == {}  # no translation, no alternates
    # Every alternate is a page of its language's sitemap, which lists the way back.
    listed = {**english, **welsh}
    for address, alternates in listed.items():
        for href in alternates.values():
            assert href in listed, (address, href)
            assert listed[href] == alternates, (address, href)


def test_robots_txt_at_the_root_names_every_editions_sitemap(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml\n" in robots
    assert f"Sitemap: {SITE}/cy/sitemap.xml\n" in robots
    assert not (site / "cy/robots.txt").exists()


# --- structured data -------------------------------------------------------------------


def json_ld(page: Path) -> list[dict[str, Any]]:
    tree = lxml.html.fromstring(page.read_bytes())
    return [
        json.loads(script.text) for script in tree.xpath("//script[@type='application/ld+json']")
    ]


def in_language(page: Path, kind: str) -> str:
    (data,) = [data for data in json_ld(page) if data.get("@type") == kind]
    return str(data["inLanguage"]).lower()


def test_structured_data_names_the_editions_language(site: Path) -> None:
    assert in_language(site / ENGLISH_QUOTE / "index.html", "Quotation") == "en-gb"
    assert in_language(site / "cy" / WELSH_QUOTE / "index.html", "Quotation") == "cy"
    assert in_language(site / "cy" / WELSH_ONLY / "index.html", "BlogPosting") == "cy"
    # An event is shown in every edition: each page of it says its own edition's language.
    assert in_language(site / EVENT / "index.html", "Event") == "en-gb"
    assert in_language(site / "cy" / EVENT / "index.html", "Event") == "cy"


def test_a_campaigns_structured_data_has_its_editions_words(site: Path) -> None:
    (english,) = [d for d in json_ld(site / "campaigns/2025/index.html") if d["@type"] == "Event"]
    (welsh,) = [d for d in json_ld(site / "cy/campaigns/2025/index.html") if d["@type"] == "Event"]
    assert english["name"] == "Co-production Week 2025: Listening first & what's next"
    assert english["description"] == "Listening first & what's next"
    assert welsh["name"] == "Wythnos Cydgynhyrchu 2025: Gwrando yn gyntaf"
    assert welsh["description"] == "Gwrando yn gyntaf"
    assert welsh["location"]["url"] == "/cy/campaigns/2025/"


# --- takedown --------------------------------------------------------------------------


def test_the_takedown_list_has_the_welsh_address(
    built: tuple[Path, Any, str],
) -> None:
    _, result, printed = built
    welsh = [line for line in result.taken_down if "withdrawn-welsh.md" in line]
    assert len(welsh) == 1 and welsh[0].endswith("/cy/2025/withdrawn-welsh/"), printed
    walk = [line for line in result.taken_down if "withdrawn-walk.md" in line]
    assert len(walk) == 1, printed
    assert (
        "/events/2025/withdrawn-walk/ and " in walk[0]
        and "/cy/events/2025/withdrawn-walk/" in walk[0]
    )


def test_building_again_lists_nothing_new_to_take_down(
    built: tuple[Path, Any, str], tmp_path: Path
) -> None:
    """Each edition's run must not take the other edition's posts for deleted ones; and the
    second build writes the same feeds, sitemaps, robots.txt and search bundles, byte for
    byte."""
    site, first, _ = built
    content = site.parent / "content"
    again, printed = build(
        content, tmp_path / "output", cache=site.parent / "output-cache", **BILINGUAL,
    )  # fmt: skip
    assert again.ok, printed
    assert sorted(again.taken_down) == sorted(first.taken_down), printed
    assert "deleted or renamed" not in printed, printed
    assert outputs_of(tmp_path / "output") == outputs_of(site)


def outputs_of(site: Path) -> dict[str, bytes]:
    """The files of both editions this work writes: feeds, stylesheet, sitemaps, robots.txt
    and search bundles."""
    chosen = [
        path
        for edition in (site, site / "cy")
        for pattern in ("feeds/**/*", "campaigns/**/*.xml", "theme/feed.xsl", "sitemap.xml",
                        "robots.txt", "pagefind/**/*")
        for path in edition.glob(pattern)
        if path.is_file()
    ]  # fmt: skip
    assert len(chosen) > 40
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(chosen)}


def test_with_cards_the_list_has_the_welsh_cards_and_no_card_still_shared(
    tmp_path: Path,
) -> None:
    """The cards to delete by hand: the withdrawn Welsh post's, drawn by the Welsh edition,
    and no card of a post still on the site (either edition's), on a first build or a second."""
    content = copy_fixture("editions", tmp_path)
    settings = {"COPROWEEK_LANGUAGES": ("en", "cy")}
    for output in (tmp_path / "first", tmp_path / "second"):
        result, printed = build(content, output, cache=tmp_path / "cache", **settings)
        assert result.ok, printed
        assert "withdrawn-welsh-1-" in printed, printed
        for present in ("ffion-kettle-on-1-", "ffion-paned-yn-gyntaf-1-", "gwrando-ar-gymdogion-"):
            assert present not in printed, (present, printed)
