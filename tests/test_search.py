"""Static search (Pagefind) in a real browser, with and without JavaScript."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import coproweek_search
import pytest
from conftest import ROOT, build
from coproweek_content.body import plain_text
from coproweek_content.loader import SiteContext, load_site
from coproweek_content.source import read_source
from pelican import signals
from playwright.sync_api import Browser

QUOTE = "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-1\nChannels: web\n\n"


def word_in_exactly_one_post() -> tuple[str, str]:
    """A long word that occurs in one published post only, and that post's address."""
    site = load_site(SiteContext(ROOT / "content", ROOT, today=date(2026, 6, 1)))
    owners: dict[str, set[str]] = {}
    for post in site.published:
        words = re.findall(r"[a-z]{9,}", plain_text(read_source(post.source_path).body).lower())
        for word in set(words):
            owners.setdefault(word, set()).add(f"/{post.date:%Y}/{post.slug}/")
    unique = sorted(word for word, posts in owners.items() if len(posts) == 1)
    assert unique, "the sample content should have a word used in one post only"
    word = unique[0]
    return word, next(iter(owners[word]))


def indexed_pages(site: Path) -> dict[str, str]:
    """Address -> text of every page in the search index (Pagefind's fragment files)."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data["content"]
    return pages


def test_the_index_covers_published_posts_only(sample_site: Path) -> None:
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    indexed = indexed_pages(sample_site)
    site = load_site(SiteContext(ROOT / "content", ROOT, today=date(2026, 6, 1)))
    assert sorted(indexed) == sorted(f"/{post.date:%Y}/{post.slug}/" for post in site.published)
    # Exactly the pages whose template marks a searchable part (posts, not fixed pages).
    marked = [
        f"/{page.parent.relative_to(sample_site).as_posix()}/"
        for page in sample_site.rglob("*.html")
        if b"data-pagefind-body" in page.read_bytes()
    ]
    assert sorted(indexed) == sorted(marked)
    word, address = word_in_exactly_one_post()
    assert word in indexed[address].lower()


def test_searching_a_word_from_one_post_finds_that_post_first(
    browser: Browser, site_url: str
) -> None:
    word, address = word_in_exactly_one_post()
    page = browser.new_page()
    page.goto(f"{site_url}/search/")
    page.get_by_label("Words to search for").fill(word)
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#search-results li a", timeout=15000)
    first = page.locator("#search-results li a").first.get_attribute("href") or ""
    assert first.rstrip("/").endswith(address.rstrip("/")), (word, first, address)
    assert "match" in page.locator("#search-status").inner_text()  # Pagefind also finds word forms
    page.close()


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
