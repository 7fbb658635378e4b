"""Static search (Pagefind) in a real browser, with and without JavaScript."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import coproweek_search
import pytest
from conftest import ROOT, SAMPLE_SETTINGS, build
from coproweek_content.body import plain_text
from coproweek_content.loader import SiteContext, load_site
from coproweek_content.source import read_source
from pelican import signals
from playwright.sync_api import Browser

QUOTE = "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-1\nChannels: web\n\n"


def published_campaigns() -> dict[str, int | None]:
    """Address -> campaign year of every published sample post."""
    site = load_site(SiteContext(ROOT / "content", ROOT, today=date(2026, 6, 1)))
    return {f"/{post.date:%Y}/{post.slug}/": post.campaign_year for post in site.published}


def words_in_exactly_one_post() -> dict[int | None, tuple[str, str]]:
    """Campaign -> a long word that occurs in one published post only (of that campaign),
    and that post's address. No other post has a word starting as it does, so none holds
    another form of it (Pagefind finds word forms)."""
    site = load_site(SiteContext(ROOT / "content", ROOT, today=date(2026, 6, 1)))
    texts = {
        f"/{post.date:%Y}/{post.slug}/": plain_text(read_source(post.source_path).body).lower()
        for post in site.published
    }
    campaigns = published_campaigns()
    found: dict[int | None, tuple[str, str]] = {}
    for address, text in sorted(texts.items()):
        for word in sorted(set(re.findall(r"[a-z]{9,}", text))):
            if sum(word[:7] in other for other in texts.values()) == 1:
                found.setdefault(campaigns[address], (word, address))
    return found


def bundles(site: Path) -> list[str]:
    """The search bundles the search page loads, the primary first (addresses in the site)."""
    form = re.search(r"<form[^>]*id=.?search-form[^>]*>", (site / "search/index.html").read_text())
    assert form, "the search page has its form"
    attributes = dict(re.findall(r'(data-pagefind(?:-merge)?)="([^"]*)"', form.group(0)))
    primary = html.unescape(attributes["data-pagefind"]).removesuffix("pagefind.js")
    return [primary, *html.unescape(attributes.get("data-pagefind-merge", "")).split()]


def bundle_pages(bundle: Path) -> dict[str, dict[str, Any]]:
    """Address -> fragment (text and metadata) of every page in one Pagefind bundle."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data
    return pages


def indexed_pages(site: Path) -> dict[str, str]:
    """Address -> text of every page in the search index, over every bundle."""
    pages = {}
    for bundle in bundles(site):
        for address, data in bundle_pages(site / bundle.strip("/")).items():
            assert address not in pages, f"{address} is in two bundles"
            pages[address] = data["content"]
    return pages


def test_the_index_covers_published_posts_only(sample_site: Path) -> None:
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    indexed = indexed_pages(sample_site)
    assert sorted(indexed) == sorted(published_campaigns())
    # Exactly the pages whose template marks a searchable part (posts, not fixed pages).
    marked = [
        f"/{page.parent.relative_to(sample_site).as_posix()}/"
        for page in sample_site.rglob("*.html")
        if b"data-pagefind-body" in page.read_bytes()
    ]
    assert sorted(indexed) == sorted(marked)
    for word, address in words_in_exactly_one_post().values():
        assert word in indexed[address].lower()


def test_each_campaign_has_its_own_bundles(sample_site: Path) -> None:
    """The newest campaign (its first part) is the primary bundle; the others, the parts of
    campaigns with more posts than the bundle size and the posts without a campaign are
    merged into it, in that order; a merged bundle holds only the index."""
    campaigns = published_campaigns()
    size = SAMPLE_SETTINGS["COPROWEEK_SEARCH_BUNDLE_SIZE"]
    found = bundles(sample_site)
    assert found[0] == "/pagefind/" and len(set(found)) == len(found)
    order = []
    for bundle in found:
        pages = bundle_pages(sample_site / bundle.strip("/"))
        years = {campaigns[address] for address in pages}
        assert len(years) == 1, f"{bundle} holds posts of one campaign: {years}"
        year = years.pop()
        order.append(year)
        assert {data["meta"].get("campaign") for data in pages.values()} == {
            str(year) if year else None
        }
        if bundle != "/pagefind/":
            assert re.fullmatch(rf"/pagefind-{year or 'other'}(-[1-9][0-9]*)?/", bundle), bundle
            assert not list((sample_site / bundle.strip("/")).glob("*.js"))
    years = sorted({year for year in campaigns.values() if year}, reverse=True)
    assert order == sorted(order, key=lambda year: -(year or 0)), "newest first, none last"
    for year in [*years, None]:
        posts = sum(1 for y in campaigns.values() if y == year)
        parts = order.count(year)
        assert parts <= -(-posts // size), year
        assert (parts > 1) == (posts > size), year  # (true of these posts' paths)
    assert sorted(indexed_pages(sample_site)) == sorted(campaigns)  # each post once


def search(browser: Browser, site_url: str, word: str) -> tuple[list[str], str]:
    """The result links and status when a reader searches for `word`."""
    page = browser.new_page()
    page.goto(f"{site_url}/search/")
    page.get_by_label("Words to search for").fill(word)
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#search-results li a", timeout=15000)
    links = page.locator("#search-results li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    status = page.locator("#search-status").inner_text()
    page.close()
    return links, status


def test_a_word_from_one_post_finds_that_post_whatever_its_campaign(
    browser: Browser, site_url: str
) -> None:
    """Only that post: the bundles without the word add nothing (Pagefind would otherwise
    search them for a shorter start of it, as "be" for "beginners")."""
    found = words_in_exactly_one_post()
    assert {2025, 2023} <= set(found)  # the primary bundle and a merged one
    for word, address in found.values():
        links, status = search(browser, site_url, word)
        assert [link.rstrip("/") for link in links] == [address.rstrip("/")], (word, links)
        assert status == "1 post matches.", (word, status)


def test_one_search_ranks_the_results_of_every_bundle_together(
    browser: Browser, site_url: str
) -> None:
    campaigns = published_campaigns()
    links, _ = search(browser, site_url, "co-production")
    years = {campaigns["/" + "/".join(link.rstrip("/").split("/")[-2:]) + "/"] for link in links}
    assert len(years) >= 3, links


def test_search_filters_by_type(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/search/?q=co-production&type=Blogs")
    page.wait_for_selector("#search-results li a", timeout=15000)
    links = page.locator("#search-results li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert links
    for link in links:
        year, slug = link.rstrip("/").split("/")[-2:]
        assert (ROOT / "content" / "blog" / year / f"{slug}.md").is_file(), link
    page.close()


def test_search_filters_by_campaign_in_a_merged_bundle(browser: Browser, site_url: str) -> None:
    campaigns = published_campaigns()
    page = browser.new_page()
    page.goto(f"{site_url}/search/?q=co-production&campaign=2023")
    page.wait_for_selector("#search-results li a", timeout=15000)
    links = page.locator("#search-results li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert links
    for link in links:
        assert campaigns["/" + "/".join(link.rstrip("/").split("/")[-2:]) + "/"] == 2023, link
    page.close()


def test_without_javascript_the_search_page_points_to_the_archives(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/search/")
    assert "Search needs JavaScript" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="archive").first.is_visible()
    assert not page.locator("#search-form").is_visible()
    context.close()


def test_an_unchanged_site_reuses_its_search_index(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "quotes" / "2024").mkdir(parents=True)
    post = content / "quotes/2024/post.md"
    post.write_text(
        "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-1\nChannels: web\n\nWe listen first.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    first, printed = build(content, tmp_path / "one", cache=cache)
    assert first.ok, printed
    second, printed = build(content, tmp_path / "two", cache=cache)
    assert second.ok, printed
    entry = "pagefind/pagefind-entry.json"
    assert (tmp_path / "one" / entry).read_bytes() == (tmp_path / "two" / entry).read_bytes()
    assert (
        tmp_path / "two" / entry
    ).stat().st_nlink > 1  # linked from the kept index, not made again
    post.write_text(
        post.read_text(encoding="utf-8").replace("listen first", "listen closely"), encoding="utf-8"
    )
    third, printed = build(content, tmp_path / "three", cache=cache)
    assert third.ok, printed
    fragments = b"".join(
        gzip.decompress(p.read_bytes()) for p in (tmp_path / "three/pagefind/fragment").iterdir()
    )
    assert b"closely" in fragments


def started_pagefinds(
    monkeypatch: pytest.MonkeyPatch, site: Path | None = None
) -> list[subprocess.Popen[bytes] | None]:
    """Every Pagefind process the builds start; with `site`, Pagefind is given that folder."""
    started: list[subprocess.Popen[bytes] | None] = []
    original = coproweek_search.start_pagefind

    def start(given: Path, staging: Path) -> subprocess.Popen[bytes] | None:
        started.append(original(site or given, staging))
        return started[-1]

    monkeypatch.setattr(coproweek_search, "start_pagefind", start)
    return started


def leftovers(output: Path) -> list[Path]:
    return sorted(output.parent.glob(f".{output.name}.*"))


def test_a_failing_index_fails_the_build_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content/quotes/2024").mkdir(parents=True)
    (tmp_path / "content/quotes/2024/post.md").write_text(QUOTE + "We listen.\n", encoding="utf-8")
    started = started_pagefinds(monkeypatch, site=tmp_path / "missing")
    result, printed = build(tmp_path / "content", tmp_path / "out")
    assert not result.ok
    assert "The search index could not be built" in printed
    assert started and all(process and process.poll() is not None for process in started)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path / "out") == []


def test_one_failing_shard_fails_the_build_and_stops_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    started: list[subprocess.Popen[bytes] | None] = []
    original = coproweek_search.start_pagefind

    def start(site: Path, staging: Path) -> subprocess.Popen[bytes] | None:
        broken = staging.name == "pagefind-2023"
        started.append(original(tmp_path / "missing" if broken else site, staging))
        return started[-1]

    monkeypatch.setattr(coproweek_search, "start_pagefind", start)
    quick = {"COPROWEEK_CARDS_ENABLED": False, "COPROWEEK_SEARCH_SPLIT_FROM": 1}
    result, printed = build(content, tmp_path / "out", cache=tmp_path / "cache", **quick)
    assert not result.ok
    assert "The search index could not be built (pagefind-2023)" in printed
    assert len(started) == 4 and all(p and p.poll() is not None for p in started)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path / "out") == []
    monkeypatch.setattr(coproweek_search, "start_pagefind", original)
    again, printed = build(content, tmp_path / "out", cache=tmp_path / "cache", **quick)
    assert again.ok, printed
    assert "/2023/tomasz-trust-is-evidence/" in indexed_pages(tmp_path / "out")


def test_a_build_that_fails_later_leaves_no_pagefind_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content/quotes/2024").mkdir(parents=True)
    (tmp_path / "content/quotes/2024/post.md").write_text(QUOTE + "We listen.\n", encoding="utf-8")
    started = started_pagefinds(monkeypatch)

    class Failing:  # a generator that fails after the posts are written, before `finalized`
        def __init__(self, **_: Any) -> None:
            pass

        def generate_output(self, writer: Any) -> None:
            raise RuntimeError("a later step fails")

    def failing(pelican: Any) -> type:
        return Failing

    signals.get_generators.connect(failing)
    try:
        failed, printed = build(tmp_path / "content", tmp_path / "out")
    finally:
        signals.get_generators.disconnect(failing)
    assert not failed.ok and "a later step fails" in printed
    assert started
    # Pagefind may still be running: it writes only into its staging folder, never into the
    # site, and the next build of that site stops it.
    assert not (tmp_path / "out").exists()
    again, printed = build(tmp_path / "content", tmp_path / "out")
    assert again.ok, printed
    assert all(process and process.poll() is not None for process in started)
    assert leftovers(tmp_path / "out") == []
    assert "/2024/post/" in indexed_pages(tmp_path / "out")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_editing_one_post_indexes_only_its_bundle(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"
    quick = {
        "COPROWEEK_CARDS_ENABLED": False,
        "COPROWEEK_SEARCH_SPLIT_FROM": 1,
        "COPROWEEK_SEARCH_BUNDLE_SIZE": 5,
    }
    first, printed = build(content, tmp_path / "one", cache=cache, **quick)
    assert first.ok, printed
    shards = [bundle.strip("/") for bundle in bundles(tmp_path / "one")]
    assert len(shards) > 4, "campaigns split into parts"
    assert sorted(coproweek_search.LAST.indexed) == sorted(shards)  # in the order they finished
    address = "/2024/delroy-what-is-missing-is-time/"
    (mine,) = [s for s in shards if address in bundle_pages(tmp_path / "one" / s)]
    post = content / "quotes/2024/delroy-what-is-missing-is-time.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nAnd marmalade.\n", encoding="utf-8")
    second, printed = build(content, tmp_path / "two", cache=cache, **quick)
    assert second.ok, printed
    assert [bundle.strip("/") for bundle in bundles(tmp_path / "two")] == shards
    assert coproweek_search.LAST.indexed == [mine]
    assert sorted(coproweek_search.LAST.reused) == sorted(set(shards) - {mine})
    for shard in shards:  # the other shards are the same files, linked from the cache
        entry = f"{shard}/pagefind-entry.json"
        same = (tmp_path / "one" / entry).stat().st_ino == (tmp_path / "two" / entry).stat().st_ino
        assert same == (shard != mine), shard
    assert "marmalade" in bundle_pages(tmp_path / "two" / mine)[address]["content"]
    fresh, printed = build(content, tmp_path / "fresh", cache=tmp_path / "fresh-cache", **quick)
    assert fresh.ok, printed
    ours, theirs = files_of(tmp_path / "two"), files_of(tmp_path / "fresh")
    differing = sorted(
        name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name)
    )
    assert not differing, differing[:10]


@pytest.mark.parametrize("size", [None, 0, -3])
def test_a_bundle_size_of_none_or_below_one_keeps_one_bundle_per_campaign(
    tmp_path: Path, size: Any
) -> None:
    quick = {"COPROWEEK_CARDS_ENABLED": False, "COPROWEEK_SEARCH_SPLIT_FROM": 1}
    result, printed = build(
        ROOT / "content", tmp_path / "out", COPROWEEK_SEARCH_BUNDLE_SIZE=size, **quick
    )
    assert result.ok, printed
    years = sorted({year for year in published_campaigns().values() if year}, reverse=True)
    expected = ["/pagefind/", *(f"/pagefind-{year}/" for year in years[1:]), "/pagefind-other/"]
    assert bundles(tmp_path / "out") == expected


def test_a_site_below_the_split_size_has_one_index(tmp_path: Path) -> None:
    """The default: one Pagefind index of every post (ranked by the whole site's words)
    until a site has COPROWEEK_SEARCH_SPLIT_FROM posts."""
    result, printed = build(
        ROOT / "content",
        tmp_path / "out",
        COPROWEEK_PROJECT_ROOT=str(ROOT),
        COPROWEEK_CARDS_ENABLED=False,
    )
    assert result.ok, printed
    assert bundles(tmp_path / "out") == ["/pagefind/"]
    assert coproweek_search.LAST.indexed == ["pagefind"]
    assert sorted(indexed_pages(tmp_path / "out")) == sorted(published_campaigns())


def test_a_site_without_posts_indexes_its_pages(tmp_path: Path) -> None:
    (tmp_path / "content/pages").mkdir(parents=True)
    (tmp_path / "content/pages/about.md").write_text(
        "Title: About\n\nWe are a marmalade collective.\n", encoding="utf-8"
    )
    result, printed = build(tmp_path / "content", tmp_path / "out")
    assert result.ok, printed
    assert bundles(tmp_path / "out") == ["/pagefind/"]
    assert any("marmalade" in text for text in indexed_pages(tmp_path / "out").values())


def test_a_site_whose_last_post_went_indexes_none_of_the_old_pages(tmp_path: Path) -> None:
    """The next build writes over the site of two builds ago, which still has the post's
    page until the build's last step; the whole-site index must not pick it up."""
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages/about.md").write_text(
        "Title: About\n\nWe are a marmalade collective.\n", encoding="utf-8"
    )
    post = content / "quotes/2024/gone.md"
    post.parent.mkdir(parents=True)
    post.write_text(
        "Speaker: Bethan\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-8\nChannels: web\n\n"
        "Words about the quince orchard.\n",
        encoding="utf-8",
    )
    for _ in range(2):
        result, printed = build(content, tmp_path / "out", COPROWEEK_CARDS_ENABLED=False)
        assert result.ok, printed
    post.unlink()
    result, printed = build(content, tmp_path / "out", COPROWEEK_CARDS_ENABLED=False)
    assert result.ok, printed
    assert coproweek_search.LAST.indexed == ["pagefind"]
    texts = indexed_pages(tmp_path / "out")
    assert any("marmalade" in text for text in texts.values())
    assert not any("quince" in text for text in texts.values()), texts
    assert not (tmp_path / "out/2024/gone").exists()
    assert "gone" not in (tmp_path / "out/sitemap.xml").read_text(encoding="utf-8")
