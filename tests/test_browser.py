"""The built sample site in a real browser (Debian's Chromium through Playwright).

axe-core must find no violations on any kind of page at a phone width and a desktop width;
keyboard users must reach the skip link first and the main content next. (Screenshots of
the site for a person to look at: test_site_browser.py.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import serve
from conftest import FIXTURES, build
from playwright.sync_api import Browser, Page

WIDTHS = (320, 1280)
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def dark_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The theme fixture: a campaign with a dark palette (white text, orange links)."""
    output = tmp_path_factory.mktemp("dark") / "output"
    result, printed = build(FIXTURES / "theme" / "content", output)
    assert result.ok, printed
    with serve(output) as url:
        yield url


def page_types(output: Path) -> dict[str, str]:
    """One address of each kind of page, picked from what the sample build wrote."""
    types = {
        "home": "/",
        "campaign": "/campaigns/2025/",
        "campaigns archive": "/campaigns/",
        "archive": "/archive/",
        "year archive": "/2024/",
        "tag": "/tag/digital/",
        "organisation": "/organisations/kingsmere-housing-partnership/",
        "wellbeing": "/wellbeing/keep-learning/",
        "quote": "/2025/gwenllian-llanfairpwllgwyngyll-bilingual-reminders/",
        "blog": "/2025/co-designing-a-digital-front-door/",
        "statement": "/accessibility/",
        "404": "/404.html",  # http.server does not serve it for missing pages; web servers do
    }
    galleries = sorted(output.glob("campaigns/*/cards/index.html"))
    if galleries:
        types["gallery"] = "/" + str(galleries[-1].parent.relative_to(output)) + "/"
        later = sorted(galleries[-1].parent.glob("page/*/index.html"))
        if later:
            types["gallery, a later page"] = "/" + str(later[-1].parent.relative_to(output)) + "/"
    return types | welsh_page_types(output, types)


def welsh_page_types(output: Path, types: dict[str, str]) -> dict[str, str]:
    """On a site in two languages, the same kinds of page in Welsh: the mirrored ones, and
    the Welsh versions of the quote and blog post (their language links lead there)."""
    found = {}
    for name, path in types.items():
        mirrored = "/cy" + path
        file = output / mirrored.strip("/")
        if (file / "index.html").is_file() or file.is_file():
            found[f"{name} (Welsh)"] = mirrored
        if name in ("quote", "blog", "statement"):
            page = (output / path.strip("/") / "index.html").read_text(encoding="utf-8")
            link = re.search(r'class="language-link"><a href="(/cy/[^"]+)"', page)
            if link and link.group(1) != "/cy/":
                found[f"{name} (Welsh)"] = link.group(1)
    return found


def _open(browser: Browser, width: int, scheme: str = "light") -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:"))
            else None
        ),
    )
    page.outside_requests = outside  # type: ignore[attr-defined]
    return page


def test_page_types_cover_the_issue(sample_site: Path) -> None:
    covered = set(page_types(sample_site))
    required = {"home", "campaign", "archive", "tag", "quote", "blog", "statement", "404"}
    assert required <= covered, required - covered
    # The gallery comes from the cards plugin: checked whenever the build makes one.
    if any(sample_site.glob("campaigns/*/cards/index.html")):
        assert {"gallery", "gallery, a later page"} <= covered  # conftest pages the galleries


@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(
    browser: Browser, site_url: str, sample_site: Path, width: int, scheme: str
) -> None:
    axe = Axe()
    problems = []
    page = _open(browser, width, scheme)
    for name, path in page_types(sample_site).items():
        response = page.goto(site_url + path)
        assert response is not None
        assert response.status == 200, path
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"{name} ({path}) at {width}px, {scheme}:\n{results.generate_report()}")
        width_used = page.evaluate("document.documentElement.scrollWidth")
        if width_used > width:
            problems.append(f"{name} ({path}) scrolls sideways at {width}px ({width_used}px wide)")
    assert page.outside_requests == []  # type: ignore[attr-defined]
    page.close()
    assert not problems, "\n\n".join(problems)


def test_keyboard_reaches_skip_link_then_main_content(browser: Browser, site_url: str) -> None:
    page = _open(browser, 1280)
    for path in ("/", "/campaigns/2025/"):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.className, document.activeElement.textContent]"
        )
        assert focused == ["skip-link", "Skip to main content"]
        assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown when focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")
        inside = page.evaluate("document.getElementById('main').contains(document.activeElement)")
        assert inside, f"after the skip link, Tab left the main content on {path}"
    page.close()


def test_pages_work_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/campaigns/2025/")
    assert page.locator("h1").count() == 1
    assert page.locator(".wall figure").count() >= 3
    context.close()


def test_text_spacing_does_not_hide_content(browser: Browser, site_url: str) -> None:
    """WCAG 1.4.12: with the spacing a reader may set, nothing is cut off or overlaps sideways."""
    page = _open(browser, 320)
    page.goto(site_url + "/campaigns/2025/")
    page.add_style_tag(
        content="* { line-height: 1.5 !important; letter-spacing: .12em !important;"
        " word-spacing: .16em !important; } p { margin-bottom: 2em !important; }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    clipped = page.evaluate(
        """[...document.querySelectorAll('main *')].filter(e => {
            const s = getComputedStyle(e);
            return (s.overflow === 'hidden' || s.overflowY === 'hidden') && e.scrollHeight > e.clientHeight + 1
                && !e.classList.contains('visually-hidden');
        }).length"""
    )
    assert clipped == 0
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_dark_campaign_palette_stays_accessible(
    browser: Browser, dark_site_url: str, width: int
) -> None:
    page = _open(browser, width)
    for path in ("/", "/campaigns/2026/", "/2026/yusuf-keys-to-the-room/"):
        page.goto(dark_site_url + path)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 33, 61)"
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    # The focus style shows on the dark background too: dark text on yellow.
    page.goto(dark_site_url + "/campaigns/2026/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.textContent, getComputedStyle(document.activeElement).backgroundColor]"
    )
    assert focused == ["Co-production Week", "rgb(255, 221, 0)"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"site-dark-campaign-focus-{width}.png"))
    page.close()


def test_print_stylesheet_leaves_out_navigation(browser: Browser, site_url: str) -> None:
    page = _open(browser, 1280)
    page.goto(site_url + "/2025/co-designing-a-digital-front-door/")
    assert page.locator(".share").is_visible()
    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".share", ".related", ".site-footer nav"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("h1").is_visible()
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    page.close()


def test_reduced_motion_turns_smooth_scrolling_off(browser: Browser, site_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    context.close()
    context = browser.new_context(reduced_motion="no-preference")
    page = context.new_page()
    page.goto(site_url + "/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    context.close()
