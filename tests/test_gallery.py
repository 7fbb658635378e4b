"""The cards gallery in a real browser (Debian's Chromium through Playwright): what a first
visit downloads, texts that fit their boxes at 320 pixels, copy buttons, axe-core, and
screenshots for a person to look at. Built from the sample content with the default page
size (40 cards a page), as a site would have it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import serve
from conftest import ROOT, build
from playwright.sync_api import Browser, Page, Response

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
GALLERY = "/campaigns/2025/cards/"
FIRST_LOAD_LIMIT = 500_000  # bytes: HTML, CSS, fonts, scripts and images before scrolling


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    output = tmp_path_factory.mktemp("gallery") / "output"
    result, printed = build(ROOT / "content", output, COPROWEEK_PROJECT_ROOT=str(ROOT))
    assert result.ok, printed
    with serve(output) as url:
        yield url


def _page(browser: Browser, width: int, javascript: bool = True) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    return context.new_page()


@pytest.mark.parametrize("width", [320, 1280])
def test_first_load_of_a_gallery_page_is_small(
    browser: Browser, gallery_site: str, width: int
) -> None:
    page = _page(browser, width)
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(gallery_site + GALLERY, wait_until="networkidle")
    weight = sum(len(response.body()) for response in responses)
    kinds = {response.request.resource_type for response in responses}
    images = [r.url for r in responses if r.request.resource_type == "image"]
    cards = page.locator(".gallery > li").count()
    page.context.close()
    assert cards >= 8, "the sample campaign should fill a gallery page"
    assert {"document", "stylesheet", "image"} <= kinds
    assert all(url.endswith("-preview.webp") for url in images)  # never a full-size card
    assert len(images) < cards  # the previews further down wait until they are scrolled to
    assert weight < FIRST_LOAD_LIMIT, f"{weight} bytes at {width}px"


def test_each_card_has_one_preview_and_its_sizes_as_links(
    browser: Browser, gallery_site: str
) -> None:
    page = _page(browser, 1280)
    page.goto(gallery_site + GALLERY)
    for card in page.locator(".gallery > li").all():
        assert card.locator("img").count() == 1
        links = card.locator(".gallery-downloads a[download]")
        labels = [re.split(r"\s+for\s+", text)[0] for text in links.all_inner_texts()]
        assert labels[:5] == ["Link preview", "X post", "Square post", "Portrait post", "Story"]
        assert labels[5].startswith("Every card of this")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_texts_fit_their_boxes_at_320_pixels(
    browser: Browser, gallery_site: str, javascript: bool
) -> None:
    page = _page(browser, 320, javascript)
    page.goto(gallery_site + GALLERY)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    boxes = page.locator(".copy-text")
    assert boxes.count() >= 24
    cut = page.evaluate(
        """[...document.querySelectorAll('.copy-text, .copy-box')].filter(e =>
            e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1
            || e.getBoundingClientRect().right > 320).length"""
    )
    assert cut == 0
    # The whole short alt text is shown, hashtag and all.
    first = boxes.first.inner_text()
    assert first.startswith(("Quote card:", "Title card:")) and first.endswith("#CoProWeek")
    # Copy buttons come with the script only: without it the texts are there to select.
    assert page.locator(".copy-button").count() == (boxes.count() if javascript else 0)
    page.context.close()


def test_a_copy_button_copies_its_text(browser: Browser, gallery_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(gallery_site + GALLERY)
    text = page.locator("#post-1").inner_text()
    page.locator("#post-1-label .copy-button").click()
    assert page.evaluate("navigator.clipboard.readText()") == text
    page.wait_for_function(
        "document.getElementById('copy-status').textContent.startsWith('Copied')"
    )
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_gallery_has_no_axe_violations_and_a_screenshot(
    browser: Browser, gallery_site: str, width: int
) -> None:
    page = _page(browser, width)
    page.goto(gallery_site + GALLERY)
    results = Axe().run(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"gallery-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    page.context.close()
    assert results.violations_count == 0, results.generate_report()
    assert target.stat().st_size > 20_000
