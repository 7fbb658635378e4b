"""Static search (Pagefind) in a real browser, with and without JavaScript."""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path

from conftest import ROOT
from coproweek_content.body import plain_text
from coproweek_content.loader import SiteContext, load_site
from coproweek_content.source import read_source
from playwright.sync_api import Browser


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


def test_the_index_covers_published_posts_only(sample_site: Path) -> None:
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    fragments = b"".join(
        p.read_bytes() for p in (sample_site / "pagefind").rglob("*") if p.is_file()
    )
    assert fragments  # the index exists; the withdrawn post is checked byte by byte elsewhere


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
    from conftest import build

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
