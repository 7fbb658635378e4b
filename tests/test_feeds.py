"""Feeds (coproweek_feeds): Atom and RSS 2.0 for the site, each campaign, each type and tag.

Real builds of tests/fixtures/feeds (and of the bundled sample content) are parsed with
feedparser and checked with lxml against what RFC 4287 and RSS 2.0 require; ids must
survive a title edit, two builds must give the same bytes, and posts whose authors did not
agree to newsletters, or whose consent was withdrawn or ended, must be in no feed.
"""

from __future__ import annotations

import dataclasses
import email.utils
import re
import shutil
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from conftest import PINNED_TODAY, ROOT, build, copy_fixture
from coproweek_build.build import load_settings
from lxml import etree
from PIL import Image

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITE = "http://localhost:8000"  # COPROWEEK_FEEDS_SITEURL: pelicanconf's SITEURL is empty
PUBLIC = "https://coproweek.example.org/kit"  # the SITEURL of the options build
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$"
)
# Words that appear only in posts that must never reach a feed.
NEVER_IN_FEEDS = {
    "withdrawn": ("Zephyrine", "marmalade"),
    "consent ended": ("Lowenna", "gooseberry"),
    "no newsletter consent": ("Piran", "thimbleberry"),
}
RELATIVE_BLOG = "2024/links-and-pictures-from-our-workshop/"


# --- builds -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fixture_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture("feeds", tmp_path_factory.mktemp("feeds-content"))


def _built(content: Path, output: Path, **settings: object) -> Path:
    result, printed = build(content, output, **settings)
    assert result.ok, printed
    return output


@pytest.fixture(scope="session")
def feeds_site(fixture_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The feeds fixture built with the default settings."""
    return _built(fixture_content, tmp_path_factory.mktemp("feeds-a") / "output")


@pytest.fixture(scope="session")
def feeds_site_again(
    fixture_content: Path, feeds_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The same content built a second time into another folder, reusing the first
    build's content cache (a cached build must write what a fresh one writes)."""
    output = tmp_path_factory.mktemp("feeds-b") / "output"
    warm = feeds_site.parent / "output-cache"
    assert any(warm.iterdir()), "the first build left no content cache"
    result, printed = build(fixture_content, output, cache=warm)
    assert result.ok, printed
    return output


@pytest.fixture(scope="session")
def options_site(fixture_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Per-tag feeds on, at most two posts a feed, a public address."""
    return _built(
        fixture_content,
        tmp_path_factory.mktemp("feeds-options") / "output",
        COPROWEEK_FEEDS_PER_TAG=True,
        COPROWEEK_FEEDS_ITEM_LIMIT=2,
        SITEURL=PUBLIC,
    )


@pytest.fixture(params=["fixture", "sample", "options"])
def any_site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(
        {"fixture": "feeds_site", "sample": "sample_site", "options": "options_site"}[request.param]
    )


def feed_files(output: Path) -> list[Path]:
    files = sorted((output / "feeds").rglob("*.xml"))
    assert files, f"no feeds in {output}"
    return files


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def entries_by_link(path: Path) -> dict[str, feedparser.FeedParserDict]:
    return {entry.link: entry for entry in feedparser.parse(str(path)).entries}


# --- what the formats require -------------------------------------------------------


def test_every_feed_parses_cleanly(any_site: Path) -> None:
    for path in feed_files(any_site):
        parsed = feedparser.parse(str(path))
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        expected = "atom10" if path.name.endswith(".atom.xml") else "rss20"
        assert parsed.version == expected, path
        assert parsed.entries, path


def _rfc3339(text: str | None, where: str) -> datetime:
    assert text and RFC3339.match(text), f"{where}: {text!r} is not an RFC 3339 date"
    return datetime.fromisoformat(text)


def test_atom_feeds_have_what_rfc_4287_requires(any_site: Path) -> None:
    for path in feed_files(any_site):
        if not path.name.endswith(".atom.xml"):
            continue
        feed = parse(path)
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{name}")) == 1, f"{path}: feed {name}"
            assert feed.findtext(f"{ATOM}{name}").strip(), f"{path}: empty feed {name}"
        feed_updated = _rfc3339(feed.findtext(f"{ATOM}updated"), str(path))
        assert feed.find(f"{ATOM}link[@rel='alternate']") is not None, path
        self_link = feed.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None and self_link.get("href").endswith(path.name), path
        feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
        entries = feed.findall(f"{ATOM}entry")
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert len(set(ids)) == len(ids), f"{path}: entry ids repeat"
        updated = []
        for entry in entries:
            where = f"{path}: {entry.findtext(f'{ATOM}title')}"
            for name in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1, f"{where}: {name}"
                assert entry.findtext(f"{ATOM}{name}").strip(), f"{where}: {name}"
            assert entry.findtext(f"{ATOM}id").startswith("tag:"), where
            updated.append(_rfc3339(entry.findtext(f"{ATOM}updated"), where))
            _rfc3339(entry.findtext(f"{ATOM}published"), where)
            assert feed_has_author or entry.findtext(f"{ATOM}author/{ATOM}name"), where
            assert entry.findtext(f"{ATOM}author/{ATOM}name"), f"{where}: no author"
            alternates = entry.findall(f"{ATOM}link[@rel='alternate']")
            assert len(alternates) == 1, f"{where}: {len(alternates)} alternate links"
            assert alternates[0].get("type") == "text/html", where
            assert entry.find(f"{ATOM}content[@type='html']") is not None, where
            assert entry.findtext(f"{ATOM}summary").strip(), where
        # Newest first, and the feed is as new as its newest entry (never the build time).
        assert updated == sorted(updated, reverse=True), path
        assert feed_updated == updated[0], path


def _rfc822(text: str | None, where: str) -> datetime:
    assert text and RFC822.match(text), f"{where}: {text!r} is not an RFC 822 date"
    return email.utils.parsedate_to_datetime(text)


def test_rss_feeds_have_what_rss_2_requires(any_site: Path) -> None:
    for path in feed_files(any_site):
        if not path.name.endswith(".rss.xml"):
            continue
        rss = parse(path)
        assert rss.tag == "rss" and rss.get("version") == "2.0", path
        channel = rss.find("channel")
        for name in ("title", "link", "description"):
            assert (channel.findtext(name) or "").strip(), f"{path}: channel {name}"
        built = _rfc822(channel.findtext("lastBuildDate"), str(path))
        dates = []
        guids = []
        for item in channel.findall("item"):
            where = f"{path}: {item.findtext('title')}"
            assert (item.findtext("title") or item.findtext("description") or "").strip(), where
            dates.append(_rfc822(item.findtext("pubDate"), where))
            guid = item.find("guid")
            assert guid is not None and guid.get("isPermaLink") == "false", where
            guids.append(guid.text)
            assert item.findtext(f"{DC}creator"), f"{where}: no dc:creator"
            assert item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded"), where
        assert len(set(guids)) == len(guids), f"{path}: guids repeat"
        assert dates == sorted(dates, reverse=True), path
        assert built == dates[0], path


def _is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "tag"):
        return True
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _urls_in(path: Path) -> list[tuple[str, str]]:
    """(where, url) for every address in a feed, including inside its HTML content."""
    root = parse(path)
    found = []
    for element in root.iter(etree.Element):
        name = etree.QName(element).localname
        for attribute in ("href", "src", "url", "scheme", "domain"):
            if element.get(attribute):
                found.append((f"{name}@{attribute}", element.get(attribute)))
        if name in ("link", "docs", "id", "uri", "icon", "logo") and (element.text or "").strip():
            found.append((name, element.text.strip()))
        if name in ("content", "encoded", "description", "summary") and element.text:
            if element.get("type") == "text":
                continue
            html = lxml.html.fragment_fromstring(element.text, create_parent="div")
            for tag in html.iter():
                for attribute in ("href", "src", "srcset", "poster", "cite"):
                    if tag.get(attribute):
                        found.append((f"{name}: <{tag.tag} {attribute}>", tag.get(attribute)))
    return found


def test_every_address_in_every_feed_is_absolute(any_site: Path) -> None:
    for path in feed_files(any_site):
        urls = _urls_in(path)
        assert urls, path
        relative = [(where, url) for where, url in urls if not _is_absolute(url)]
        assert not relative, f"{path}: {relative}"


def test_relative_links_and_images_in_a_post_become_absolute(feeds_site: Path) -> None:
    """The fixture blog links to "/2024/...", "../notes/" and "#further-reading" and shows
    "/images/2024/table.jpg" twice (as its hero and in its body)."""
    page = f"{SITE}/{RELATIVE_BLOG}"
    for name in ("all.atom.xml", "all.rss.xml", "blogs.atom.xml", "2024.rss.xml"):
        entry = entries_by_link(feeds_site / "feeds" / name)[page]
        html = entry.content[0].value
        body = lxml.html.fragment_fromstring(html, create_parent="div")
        images = [img.get("src") for img in body.iter("img")]
        assert images == [f"{SITE}/images/2024/table.jpg"] * 2, (name, images)
        assert all(img.get("alt") for img in body.iter("img")), name
        links = [a.get("href") for a in body.iter("a")]
        assert f"{SITE}/2024/orla-tea-and-time/" in links, links
        assert f"{SITE}/2024/notes/" in links, links  # "../notes/" from the post's page
        assert f"{page}#further-reading" in links, links
        assert "https://example.org/guides/seldom-heard" in links, links
        assert not re.search(r'(href|src|srcset)="(?!https?:|mailto:)', html), html
        assert "<picture" not in html and "srcset" not in html, html
    # The image those addresses point at is really in the site.
    assert (feeds_site / "images/2024/table.jpg").is_file()


def test_a_public_address_is_used_everywhere(options_site: Path) -> None:
    public = PUBLIC
    for path in feed_files(options_site):
        urls = [url for _, url in _urls_in(path) if url.startswith("http")]
        external = {
            "https://example.org/guides/seldom-heard",
            "http://www.rssboard.org/rss-specification",
        }
        assert all(url.startswith(public + "/") or url in external for url in urls), path
        assert "localhost" not in path.read_text(encoding="utf-8"), path
    entry = entries_by_link(options_site / "feeds/blogs.atom.xml")[f"{public}/{RELATIVE_BLOG}"]
    assert f'src="{public}/images/2024/table.jpg"' in entry.content[0].value
    assert entry.id.startswith("tag:coproweek.example.org,2024-07-05:blog/")


# --- which posts, and how they are shown --------------------------------------------


def test_posts_without_newsletter_consent_are_in_no_feed(feeds_site: Path) -> None:
    for path in feed_files(feeds_site):
        text = path.read_text(encoding="utf-8")
        for why, words in NEVER_IN_FEEDS.items():
            for word in words:
                assert word.lower() not in text.lower(), f"{path}: {why} post ({word})"
    # The web-only post is still on the website: it is left out of feeds on purpose.
    assert "thimbleberry" in (feeds_site / "2024/piran-web-only/index.html").read_text()
    assert not (feeds_site / "2024/withdrawn-example").exists()


def test_the_sample_sites_feeds_leave_out_what_they_must(sample_site: Path) -> None:
    everything = " ".join(p.read_text(encoding="utf-8") for p in feed_files(sample_site))
    assert "Zephyrine" not in everything and "marmalade" not in everything
    # Posts on the web without newsletter consent (Channels: web, social).
    for page, words in {
        "2023/kwame-tenants-rewrote-the-letters": "repairs panel rewrote the letters",
        "2024/hannah-not-just-one-week": "Four months on",
    }.items():
        assert words in (sample_site / page / "index.html").read_text(encoding="utf-8")
        assert words not in everything, page
    # Every other published post is in its edition's feed.
    from datetime import date

    from coproweek_content.editions import Editions
    from coproweek_content.loader import SiteContext, load_site
    from coproweek_content.views import edition_view

    context = SiteContext(ROOT / "content", ROOT, date.fromisoformat(PINNED_TODAY))
    model = load_site(dataclasses.replace(context, editions=Editions(("en", "cy"))))
    # Each edition's feed has that edition's posts: English at the root, Welsh under cy/.
    for language, folder, at_least in (("en", "", 20), ("cy", "cy/", 5)):
        view = edition_view(model, language)
        wanted = {post.slug for post in view.published if post.consent.allows("newsletter")}
        listed = {
            link.rstrip("/").rsplit("/", 1)[-1]
            for link in entries_by_link(sample_site / f"{folder}feeds/all.atom.xml")
        }
        assert listed == wanted and len(wanted) >= at_least, language


def test_feeds_group_posts_by_site_campaign_and_type(feeds_site: Path) -> None:
    names = sorted(p.name for p in feed_files(feeds_site))
    assert names == sorted(
        f"{stem}.{fmt}.xml"
        for stem in ("all", "2024", "quotes", "blogs")
        for fmt in ("atom", "rss")
    )
    links = {name: list(entries_by_link(feeds_site / "feeds" / name)) for name in names}
    quotes = [f"{SITE}/2024/anonymous-the-form-was-the-barrier/", f"{SITE}/2024/orla-tea-and-time/"]
    blogs = [f"{SITE}/2025/after-the-week/", f"{SITE}/{RELATIVE_BLOG}"]
    assert links["quotes.atom.xml"] == quotes
    assert links["blogs.rss.xml"] == blogs
    # Newest first; the 2025 blog belongs to no campaign.
    assert links["all.atom.xml"] == [blogs[0], blogs[1], quotes[0], quotes[1]]
    assert links["2024.atom.xml"] == [blogs[1], quotes[0], quotes[1]]
    assert not (feeds_site / "feeds/tag").exists(), "per-tag feeds are off by default"


def test_authors_are_named_as_their_consent_allows(feeds_site: Path) -> None:
    authors = {
        f"{SITE}/2024/orla-tea-and-time/": "Orla",  # first name only (the default)
        f"{SITE}/2024/anonymous-the-form-was-the-barrier/": "Anonymous",
        f"{SITE}/{RELATIVE_BLOG}": "Tamsin Rosewarne",  # Naming: full name
        f"{SITE}/2025/after-the-week/": "Jory",
    }
    for name in ("all.atom.xml", "all.rss.xml"):
        entries = entries_by_link(feeds_site / "feeds" / name)
        assert {link: entry.author for link, entry in entries.items()} == authors, name
    everything = " ".join(p.read_text(encoding="utf-8") for p in feed_files(feeds_site))
    assert "Penhallow" not in everything and "Angove" not in everything


def test_categories_are_the_tags_and_the_campaign(feeds_site: Path) -> None:
    for name in ("all.atom.xml", "all.rss.xml"):
        entries = entries_by_link(feeds_site / "feeds" / name)
        terms = {link: [tag.term for tag in entry.tags] for link, entry in entries.items()}
        assert terms[f"{SITE}/2024/orla-tea-and-time/"] == [
            "listening",
            "carers",
            "Co-production Week 2024",
        ]
        assert terms[f"{SITE}/2025/after-the-week/"] == ["power"]


def test_items_carry_full_content_and_a_summary(feeds_site: Path) -> None:
    entries = entries_by_link(feeds_site / "feeds/all.atom.xml")
    blog = entries[f"{SITE}/{RELATIVE_BLOG}"]
    assert (
        blog.summary
        == "What we changed after our workshop, with photos and links to earlier posts."
    )
    assert "Further reading" in blog.content[0].value
    quote = entries[f"{SITE}/2024/orla-tea-and-time/"]
    assert "<blockquote>" in quote.content[0].value
    assert quote.summary.startswith("The best meetings start with tea and time.")
    assert quote.summary.endswith("— Orla, Peer Researcher, Tidewater Carers Circle")


def test_the_item_limit_and_per_tag_feeds(options_site: Path) -> None:
    for path in feed_files(options_site):
        assert len(feedparser.parse(str(path)).entries) <= 2, path
    tags = sorted(p.name for p in (options_site / "feeds/tag").glob("*.atom.xml"))
    assert tags == [
        "carers.atom.xml",
        "evaluation.atom.xml",
        "listening.atom.xml",
        "power.atom.xml",
    ]
    listening = entries_by_link(options_site / "feeds/tag/listening.rss.xml")
    assert [link.rsplit("/", 2)[-2] for link in listening] == [
        "links-and-pictures-from-our-workshop",
        "anonymous-the-form-was-the-barrier",
    ]


# --- stable and reproducible ----------------------------------------------------------


def test_two_builds_give_byte_identical_feeds(feeds_site: Path, feeds_site_again: Path) -> None:
    first = {p.relative_to(feeds_site): p.read_bytes() for p in feed_files(feeds_site)}
    second = {p.relative_to(feeds_site_again): p.read_bytes() for p in feed_files(feeds_site_again)}
    assert first.keys() == second.keys()
    for name, content in first.items():
        assert content == second[name], f"{name} differs between two builds"


def test_ids_survive_a_title_edit(feeds_site: Path, fixture_content: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(fixture_content, content)
    post = content / "blog/2024/links-and-pictures-from-our-workshop.md"
    text = post.read_text(encoding="utf-8")
    edited = text.replace(
        "Title: Links and pictures from our workshop", "Title: What we saw at our workshop"
    )
    assert edited != text
    post.write_text(edited, encoding="utf-8")
    after = _built(content, tmp_path / "output")
    for name in ("all.atom.xml", "all.rss.xml", "blogs.atom.xml", "2024.rss.xml"):
        before_entries = entries_by_link(feeds_site / "feeds" / name)
        after_entries = entries_by_link(after / "feeds" / name)
        assert before_entries.keys() == after_entries.keys(), name
        for link, entry in before_entries.items():
            assert after_entries[link].id == entry.id, f"{name}: {link}"
        renamed = after_entries[f"{SITE}/{RELATIVE_BLOG}"]
        assert renamed.title == "What we saw at our workshop", name
        assert before_entries[f"{SITE}/{RELATIVE_BLOG}"].title != renamed.title


# --- cards as enclosures --------------------------------------------------------------


def test_enclosures_point_at_files_that_exist(any_site: Path) -> None:
    """Cards come from coproweek_cards; once it is a plugin, every feed carries some."""
    found = 0
    for path in feed_files(any_site):
        root = parse(path)
        enclosures = [*root.iter("enclosure"), *root.iter(f"{ATOM}link")]
        for enclosure in enclosures:
            if enclosure.tag == f"{ATOM}link" and enclosure.get("rel") != "enclosure":
                continue
            url = enclosure.get("url") or enclosure.get("href")
            local = _local_file(any_site, url)
            assert local.is_file(), f"{path}: enclosure {url} is not in the output"
            assert int(enclosure.get("length")) == local.stat().st_size, url
            assert enclosure.get("type", "").startswith("image/"), url
            media = enclosure.getparent().find(f"{MEDIA}content")
            assert media is not None and media.get("url") == url, f"{path}: {url}"
            assert (media.findtext(f"{MEDIA}description") or "").strip(), f"{url}: no alt text"
            found += 1
    if "coproweek_cards" in load_settings(ROOT / "pelicanconf.py")["PLUGINS"]:
        assert found, "cards are on, yet no feed carries one"


def _local_file(output: Path, url: str) -> Path:
    for prefix in (SITE, PUBLIC):
        if url.startswith(prefix + "/"):
            return output / url[len(prefix) + 1 :]
    raise AssertionError(f"{url} is not an address of the site")


def test_a_card_becomes_an_enclosure_with_its_alt_text(tmp_path: Path) -> None:
    """The feed-building functions themselves, with a real image file as the card."""
    from coproweek_feeds.channels import make_channel
    from coproweek_feeds.items import FeedItem, resolve_card
    from coproweek_feeds.render import feed_bytes

    output = tmp_path / "output"
    card_file = output / "cards/2024/orla-1a2b3c4d-link.jpg"
    card_file.parent.mkdir(parents=True)
    Image.new("RGB", (1200, 630), (90, 42, 130)).save(card_file, quality=80)
    alt = "The best meetings start with tea and time. Orla, Peer Researcher."
    site = "https://coproweek.example.org"
    card = resolve_card(
        {
            "url": "cards/2024/orla-1a2b3c4d-link.jpg",
            "width": 1200,
            "height": 630,
            "mime_type": "image/jpeg",
            "alt": alt,
        },
        site,
        output,
    )
    assert card is not None and card.length == card_file.stat().st_size
    # A card whose file was never written (and whose size is unknown) gives no enclosure.
    assert resolve_card({"url": "cards/2024/missing.jpg"}, site, output) is None

    item = FeedItem(
        id="tag:coproweek.example.org,2024-07-02:quote/0123456789abcdef",
        title="Orla, Peer Researcher",
        url=f"{site}/2024/orla-tea-and-time/",
        date=datetime.fromisoformat("2024-07-02T00:00:00+01:00"),
        author="Orla",
        summary="The best meetings start with tea and time.",
        content="<blockquote><p>The best meetings start with tea and time.</p></blockquote>",
        categories=("listening",),
        kind="quote",
        type_slug="quotes",
        campaign_year=2024,
        tags=(("listening", "listening"),),
    )
    channel = make_channel(
        "site", "All posts", "Everything.", "feeds/all", "", [item],
        site_url=site, formats=("atom", "rss"), limit=None,
    )  # fmt: skip
    assert channel is not None
    for format_name in ("atom", "rss"):
        xml = feed_bytes(
            channel, format_name, {item.id: card},
            sitename="Co-production Week", language="en-GB", stylesheet="../theme/feed.xsl",
        )  # fmt: skip
        parsed = feedparser.parse(xml)
        assert not parsed.bozo, parsed.get("bozo_exception")
        (entry,) = parsed.entries
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"{site}/cards/2024/orla-1a2b3c4d-link.jpg"
        assert int(enclosure.length) == card_file.stat().st_size
        assert enclosure.type == "image/jpeg"
        assert entry.link == item.url  # the enclosure is not taken for the page's link
        root = etree.fromstring(xml)
        (media,) = root.iter(f"{MEDIA}content")
        assert media.get("url") == enclosure.href
        assert (media.get("width"), media.get("height"), media.get("medium")) == (
            "1200",
            "630",
            "image",
        )
        assert media.findtext(f"{MEDIA}description") == alt
        if format_name == "atom":
            links = root.findall(f"{ATOM}entry/{ATOM}link")
            assert [link.get("rel") for link in links] == ["alternate", "enclosure"]
            assert links[1].get("title") == alt
        else:
            assert root.find("channel/item/enclosure").get("length") == str(card.length)


# --- pages that point at feeds ---------------------------------------------------------


def _alternates(page: Path) -> dict[str, str]:
    html = lxml.html.parse(str(page)).getroot()
    return {
        link.get("href"): link.get("type")
        for link in html.iter("link")
        if link.get("rel") == "alternate"
    }


def test_pages_link_their_feeds(feeds_site: Path) -> None:
    site_feeds = {"/feeds/all.atom.xml", "/feeds/all.rss.xml"}
    expected = {
        "index.html": site_feeds,
        "2024/orla-tea-and-time/index.html": site_feeds
        | {"/feeds/2024.atom.xml", "/feeds/2024.rss.xml"}
        | {"/feeds/quotes.atom.xml", "/feeds/quotes.rss.xml"},
        "2025/after-the-week/index.html": site_feeds
        | {"/feeds/blogs.atom.xml", "/feeds/blogs.rss.xml"},
        "type/quotes/index.html": site_feeds | {"/feeds/quotes.atom.xml", "/feeds/quotes.rss.xml"},
        "campaigns/2024/index.html": site_feeds | {"/feeds/2024.atom.xml", "/feeds/2024.rss.xml"},
        "about/index.html": site_feeds,
        "feeds/index.html": site_feeds,
    }
    for page, feeds in expected.items():
        links = _alternates(feeds_site / page)
        assert set(links) == feeds, page
        for href, mime in links.items():
            assert (feeds_site / href.lstrip("/")).is_file(), f"{page}: {href}"
            assert mime == ("application/atom+xml" if "atom" in href else "application/rss+xml")


def test_campaign_pages_offer_their_feeds(feeds_site: Path) -> None:
    """`feeds` in the template context also maps a campaign year to its feed links."""
    html = lxml.html.parse(str(feeds_site / "campaigns/2024/index.html")).getroot()
    body_links = {a.get("href") for a in html.find("body").iter("a")}
    assert {"/feeds/2024.atom.xml", "/feeds/2024.rss.xml"} <= body_links


def test_tag_pages_link_their_feed_when_tag_feeds_are_on(options_site: Path) -> None:
    links = _alternates(options_site / "tag/carers/index.html")
    assert "https://coproweek.example.org/kit/feeds/tag/carers.atom.xml" in links
    for href in links:
        assert (options_site / href.split("/kit/", 1)[1]).is_file(), href


def test_the_feeds_page_lists_every_feed_in_plain_words(feeds_site: Path) -> None:
    page = feeds_site / "feeds/index.html"
    html = lxml.html.parse(str(page)).getroot()
    assert html.get("lang")
    assert html.findtext(".//h1") == "Feeds: follow new posts"
    text = " ".join(html.text_content().split())
    for words in ("What is a feed?", "How to use a feed", "For newsletter editors", "RSS to email"):
        assert words in text, words
    linked = {a.get("href") for a in html.iter("a")}
    for path in feed_files(feeds_site):
        assert "/" + path.relative_to(feeds_site).as_posix() in linked, path
        assert f"{SITE}/{path.relative_to(feeds_site).as_posix()}" in text, path
    # Every page's footer leads to it.
    footer = lxml.html.parse(str(feeds_site / "index.html")).getroot().find(".//footer")
    assert "/feeds/" in {a.get("href") for a in footer.iter("a")}


# --- a feed opened in a browser ----------------------------------------------------------


def test_a_feed_opened_in_a_browser_becomes_a_readable_page(any_site: Path) -> None:
    for path in feed_files(any_site):
        instruction = etree.parse(str(path)).getroot().getprevious()
        assert isinstance(instruction, etree._ProcessingInstruction), path
        assert instruction.target == "xml-stylesheet", path
        href = instruction.get("href")
        assert instruction.get("type") == "text/xsl", path
        stylesheet = (path.parent / href).resolve()
        assert stylesheet.is_file(), f"{path}: {href}"
        page = etree.XSLT(etree.parse(str(stylesheet)))(etree.parse(str(path)))
        html = lxml.html.fromstring(str(page))
        feed = feedparser.parse(str(path))
        assert html.get("lang") == "en-gb", path
        assert html.findtext(".//title").startswith(feed.feed.title)
        (heading,) = html.iter("h1")
        assert heading.text_content() == feed.feed.title
        items = html.findall(".//main/ol/li")
        assert len(items) == len(feed.entries), path
        for item, entry in zip(items, feed.entries, strict=True):
            link = item.find(".//h2/a")
            assert link.get("href") == entry.link and link.text_content() == entry.title
        # Relative, so the browser fetches it from the same origin as the feed (XSL
        # from another origin is refused), whatever host name the site is opened under.
        assert not urlsplit(href).scheme and not href.startswith("/"), href


def test_feeds_made_from_the_newest_posts_only_equal_feeds_made_from_every_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Feed items are made only for posts some feed can list (the newest of each group, and
    ties of the same date); the feeds are the same as when every post gets an item."""
    from coproweek_feeds import plan

    quick = {
        "COPROWEEK_CARDS_ENABLED": False,
        "COPROWEEK_SEARCH_ENABLED": False,
        "COPROWEEK_FEEDS_ITEM_LIMIT": 2,
        "COPROWEEK_FEEDS_PER_TAG": True,
        "COPROWEEK_PROJECT_ROOT": str(ROOT),
    }
    chosen, printed = build(ROOT / "content", tmp_path / "chosen", **quick)
    assert chosen.ok, printed
    assert len(plan.listed_articles(_published_articles(), 2, True)) < len(_published_articles())
    monkeypatch.setattr(plan, "listed_articles", lambda articles, limit, per_tag: articles)
    every, printed = build(ROOT / "content", tmp_path / "every", **quick)
    assert every.ok, printed
    feeds = sorted((tmp_path / "chosen/feeds").rglob("*.xml"))
    assert len(feeds) > 10
    for feed in feeds:
        other = tmp_path / "every/feeds" / feed.relative_to(tmp_path / "chosen/feeds")
        assert feed.read_bytes() == other.read_bytes(), feed.name


def _published_articles() -> list:
    """Stand-ins for Pelican's articles of the sample site, enough for listed_articles."""
    from datetime import date
    from types import SimpleNamespace

    from coproweek_content.loader import SiteContext, load_site

    site = load_site(SiteContext(ROOT / "content", ROOT, today=date(2026, 6, 1)))
    return [
        SimpleNamespace(
            source_path=str(post.source_path),
            date=post.date,
            entry=post,
            category=SimpleNamespace(slug=post.kind + "s"),
            tags=[SimpleNamespace(slug=tag) for tag in post.tags],
        )
        for post in site.published
    ]
