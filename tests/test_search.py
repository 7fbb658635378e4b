"""Static search (Pagefind): what readers find, in a real browser, and how builds keep it."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser_fixtures import serve
from conftest import ROOT, build
from coproweek_content.editions import Editions
from coproweek_content.loader import LoadedSite, SiteContext, load_site
from coproweek_content.render import text_of
from coproweek_content.views import edition_view
from pelican import signals
from playwright.sync_api import Browser

QUOTE = "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-1\nChannels: web\n\n"
WITHDRAWN = ROOT / "content/quotes/2024/withdrawn-example.md"
QUICK: dict[str, Any] = {"COPROWEEK_CARDS_ENABLED": False}


def sample_edition(language: str = "en") -> LoadedSite:
    """The bilingual sample site's posts in one language (the English ones at the root, the
    Welsh ones, under /cy/, in a search index of their own)."""
    context = SiteContext(ROOT / "content", ROOT, today=date(2026, 6, 1))
    bilingual = load_site(dataclasses.replace(context, editions=Editions(("en", "cy"))))
    return edition_view(bilingual, language)


def published_campaigns(language: str = "en") -> dict[str, int | None]:
    """Address (in its edition) -> campaign year of every published sample post."""
    site = sample_edition(language)
    return {f"/{post.date:%Y}/{post.slug}/": post.campaign_year for post in site.published}


def words_in_exactly_one_post() -> dict[int | None, tuple[str, str]]:
    """Campaign -> a long word that occurs in one published post only (of that campaign),
    and that post's address. No other post has a word starting as it does, so none holds
    another form of it (Pagefind finds word forms)."""
    site = sample_edition()
    texts = {
        f"/{post.date:%Y}/{post.slug}/": text_of(post.html_for(date(2026, 6, 1))).lower()
        for post in site.published
    }
    campaigns = published_campaigns()
    found: dict[int | None, tuple[str, str]] = {}
    for address, text in sorted(texts.items()):
        for word in sorted(set(re.findall(r"[a-z]{9,}", text))):
            if sum(word[:7] in other for other in texts.values()) == 1:
                found.setdefault(campaigns[address], (word, address))
    return found


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Address -> what the search index holds of the page (text and metadata)."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data
    return pages


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def search(browser: Browser, site_url: str, words: str) -> tuple[list[str], str]:
    """The result links and status when a reader searches for `words` on the search page."""
    page = browser.new_page()
    page.goto(f"{site_url}/search/")
    page.get_by_label("Words to search for").fill(words)
    page.get_by_role("button", name="Search").click()
    page.wait_for_function(
        "/match/.test(document.getElementById('search-status').textContent)", timeout=15000
    )
    links = page.locator("#search-results li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    status = page.locator("#search-status").inner_text()
    page.close()
    return links, status


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_index_holds_the_published_post_pages(sample_site: Path, language: str) -> None:
    # Each edition has its own index, of its own posts (and every event, in its words).
    edition = sample_site / ("cy" if language == "cy" else "")
    assert (edition / "pagefind" / "pagefind.js").is_file()
    indexed = indexed_pages(edition)
    events = [f"/{event.url}" for event in sample_edition(language).published_events]
    assert events  # the sample events are searchable too
    assert sorted(indexed) == sorted([*published_campaigns(language), *events])
    # Exactly the pages whose template marks a searchable part (posts and events, not fixed pages).
    pages = [page.relative_to(edition) for page in edition.rglob("*.html")]
    marked = [
        f"/{page.parent.as_posix()}/"
        for page in pages
        if (language == "cy" or page.parts[0] != "cy")
        and b"data-pagefind-body" in (edition / page).read_bytes()
    ]
    assert sorted(indexed) == sorted(marked)
    assert not [path for path in edition.iterdir() if path.name.startswith("pagefind-")]


def test_a_word_from_one_post_finds_that_post_whatever_its_campaign(
    browser: Browser, site_url: str
) -> None:
    found = words_in_exactly_one_post()
    assert {2025, 2024, 2023} <= set(found)
    for word, address in found.values():
        links, status = search(browser, site_url, word)
        assert links == [address], (word, links)
        assert status == "1 post matches.", (word, status)


def test_a_withdrawn_post_is_never_found(browser: Browser, site_url: str) -> None:
    source = WITHDRAWN.read_text(encoding="utf-8")
    assert "Withdrawn: yes" in source
    for word in ("Quillfeather", "marmalade"):
        assert word in source
        links, _ = search(browser, site_url, word)
        assert not any("withdrawn" in link for link in links), (word, links)
        # In quotes Pagefind looks for the word itself, not for words starting alike.
        links, status = search(browser, site_url, f'"{word}"')
        assert (links, status) == ([], f'No posts match \u201c"{word}"\u201d.'), word


def test_one_search_ranks_posts_of_every_campaign_together(browser: Browser, site_url: str) -> None:
    campaigns = published_campaigns()
    links, _ = search(browser, site_url, "co-production")
    assert len({campaigns[link] for link in links}) >= 3, links


def ranked(browser: Browser, site_url: str, query: str) -> list[tuple[str, float]]:
    """Address and score of every result, best first, from the bundle the search page loads."""
    page = browser.new_page()
    page.goto(f"{site_url}/search/")
    results = page.evaluate(
        """async (query) => {
            const bundle = document.getElementById("search-form").dataset.pagefind;
            const pagefind = await import(bundle);
            await pagefind.init();
            const search = await pagefind.search(query);
            return Promise.all(search.results.map(
                async (result) => [(await result.data()).url, result.score]));
        }""",
        query,
    )
    page.close()
    return [(url, score) for url, score in results]


@pytest.mark.parametrize("query", ["co-production", "time", "listened", "meeting tea", "power"])
def test_the_results_are_those_of_pagefinds_own_command_line(
    browser: Browser, site_url: str, cli_site_url: str, query: str
) -> None:
    """Pagefind's command line over the built site (it indexes the same post pages, as
    only they carry data-pagefind-body) ranks the same posts with the same scores, in the
    same order. Posts with equal scores come in the order Pagefind read them: ours by
    address, the command line's in the order the file system lists the folders."""
    ours, theirs = ranked(browser, site_url, query), ranked(browser, cli_site_url, query)
    assert ours, query
    assert [score for _, score in ours] == [score for _, score in theirs]
    assert sorted(ours) == sorted(theirs)
    assert search(browser, site_url, query)[1] == search(browser, cli_site_url, query)[1]


@pytest.fixture(scope="module")
def cli_site(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with its search index made by `python -m pagefind --site`."""
    site = tmp_path_factory.mktemp("cli") / "site"
    left_out = shutil.ignore_patterns("pagefind", "cards")

    def ignore(folder: str, names: list[str]) -> set[str]:
        # The English edition only: the Welsh one, under cy/, has an index of its own.
        return set(left_out(folder, names)) | ({"cy"} if Path(folder) == sample_site else set())

    shutil.copytree(sample_site, site, ignore=ignore)
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return site


@pytest.fixture(scope="module")
def cli_site_url(cli_site: Path) -> Iterator[str]:
    with serve(cli_site) as url:
        yield url


def test_the_bundle_holds_the_files_of_pagefinds_own_command_line(
    sample_site: Path, cli_site: Path
) -> None:
    """Byte for byte, but for the files that number the pages (Pagefind numbers them in the
    order it reads them) and the entry file that names those."""

    def bundle(site: Path) -> tuple[list[str], dict[str, bytes]]:
        files = files_of(site / "pagefind")
        numbered = [n for n in files if n.startswith("index/") or n.endswith(".pf_meta")]
        others = {n: data for n, data in files.items() if n not in numbered}
        del others["pagefind-entry.json"]
        return sorted(re.sub(r"_[0-9a-f]+\.", ".", name) for name in numbered), others

    assert bundle(sample_site) == bundle(cli_site)


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


def test_search_filters_by_campaign(browser: Browser, site_url: str) -> None:
    campaigns = published_campaigns()
    page = browser.new_page()
    page.goto(f"{site_url}/search/?q=co-production&campaign=2023")
    page.wait_for_selector("#search-results li a", timeout=15000)
    links = page.locator("#search-results li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert links
    for link in links:
        assert campaigns[link] == 2023, link
    page.close()


def test_old_results_go_as_soon_as_a_new_search_is_typed(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/search/?q=co-production")
    page.wait_for_selector("#search-results li a", timeout=15000)
    field = page.get_by_label("Words to search for")
    field.press("End")
    field.press_sequentially(" t")
    shown = page.evaluate(
        "[document.querySelectorAll('#search-results li').length,"
        " document.getElementById('search-status').textContent]"
    )
    assert shown == [0, ""]
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#search-results li a", timeout=15000)
    page.get_by_label("Type of post").select_option("Quotes")
    assert page.locator("#search-results li").count() == 0
    page.close()


def test_a_search_overtaken_by_typing_shows_nothing(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/search/")
    field = page.get_by_label("Words to search for")
    field.fill("co-production")
    with page.expect_response(lambda response: "/pagefind/fragment/" in response.url):
        page.get_by_role("button", name="Search").click()  # the index is still loading
        field.press_sequentially(" and more")
    page.wait_for_timeout(500)  # the search has its results: it would show them now
    assert page.locator("#search-results li").count() == 0
    assert page.locator("#search-status").inner_text() == ""
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


def write_quote(content: Path, words: str) -> Path:
    post = content / "quotes/2024/post.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(QUOTE + words + "\n", encoding="utf-8")
    return post


def test_an_unchanged_site_reuses_its_index_and_an_edit_indexes_again(tmp_path: Path) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache"
    write_quote(content, "We listen first.")
    first, printed = build(content, tmp_path / "one", cache=cache)
    assert first.ok, printed
    assert first.stats["search"]["reused"] is False
    second, printed = build(content, tmp_path / "two", cache=cache)
    assert second.ok, printed
    assert second.stats["search"]["reused"] is True
    assert files_of(tmp_path / "one/pagefind") == files_of(tmp_path / "two/pagefind")
    write_quote(content, "We listen closely.")
    third, printed = build(content, tmp_path / "three", cache=cache)
    assert third.ok, printed
    assert third.stats["search"]["reused"] is False
    (text,) = [page["content"] for page in indexed_pages(tmp_path / "three").values()]
    assert "closely" in text and "first" not in text
    assert len(list((cache / "search").iterdir())) == 1  # only the bundle in use is kept


def test_two_builds_give_identical_search_files(tmp_path: Path) -> None:
    one, printed = build(ROOT / "content", tmp_path / "one", **QUICK)
    assert one.ok, printed
    two, printed = build(ROOT / "content", tmp_path / "two", **QUICK)
    assert two.ok, printed
    assert not two.stats["search"]["reused"]  # each with its own cache: indexed twice
    assert files_of(tmp_path / "one/pagefind") == files_of(tmp_path / "two/pagefind")


def fake_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """Builds run this shell script as Pagefind (PAGEFIND_BINARY_PATH, which its command
    line honours)."""
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))


def leftovers(tmp_path: Path) -> list[str]:
    """Folders a build left beside its site, and bundles half made in the search cache."""
    beside = [path.name for path in tmp_path.glob(".out*")]
    return beside + [path.name for path in (tmp_path / "out-cache").glob("search/.*")]


def test_a_failing_pagefind_stops_the_build_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_quote(tmp_path / "content", "We listen.")
    fake_pagefind(tmp_path, monkeypatch, "echo 'Error: no space left on device' >&2\nexit 1\n")
    result, printed = build(tmp_path / "content", tmp_path / "out")
    assert not result.ok
    assert (
        "The search index could not be built: Pagefind stopped: Error: no space left on device"
    ) in printed
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


def test_a_build_that_fails_while_pagefind_runs_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_quote(tmp_path / "content", "We listen.")
    pid_file = tmp_path / "pagefind.pid"
    fake_pagefind(tmp_path, monkeypatch, f"echo $$ > '{pid_file}'\nexec sleep 600\n")

    class Failing:  # a generator that fails after the posts are written, before `finalized`
        def __init__(self, **_: Any) -> None:
            pass

        def generate_output(self, writer: Any) -> None:
            deadline = time.monotonic() + 60
            while not pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.01)  # until Pagefind has started
            raise RuntimeError("a later step fails")

    def failing(pelican: Any) -> type:
        return Failing

    signals.get_generators.connect(failing)
    try:
        failed, printed = build(tmp_path / "content", tmp_path / "out")
    finally:
        signals.get_generators.disconnect(failing)
    assert not failed.ok and "a later step fails" in printed
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


def test_a_site_without_posts_indexes_its_pages(tmp_path: Path) -> None:
    (tmp_path / "content/pages").mkdir(parents=True)
    (tmp_path / "content/pages/about.md").write_text(
        "Title: About\n\nWe are a marmalade collective.\n", encoding="utf-8"
    )
    result, printed = build(tmp_path / "content", tmp_path / "out")
    assert result.ok, printed
    assert "marmalade" in indexed_pages(tmp_path / "out")["/about/"]["content"]


def test_a_post_taken_off_the_site_leaves_the_index(tmp_path: Path) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache"
    (content / "pages").mkdir(parents=True)
    (content / "pages/about.md").write_text(
        "Title: About\n\nWe are a marmalade collective.\n", encoding="utf-8"
    )
    post = write_quote(content, "Words about the quince orchard.")
    result, printed = build(content, tmp_path / "out", cache=cache, **QUICK)
    assert result.ok, printed
    assert list(indexed_pages(tmp_path / "out")) == ["/2024/post/"]
    post.unlink()
    result, printed = build(content, tmp_path / "out", cache=cache, **QUICK)
    assert result.ok, printed
    texts = [page["content"] for page in indexed_pages(tmp_path / "out").values()]
    assert any("marmalade" in text for text in texts)
    assert not any("quince" in text for text in texts), texts
