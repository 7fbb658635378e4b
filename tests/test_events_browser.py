"""The events pages in a real browser (Debian's Chromium) and in the Nu HTML checker: no axe
violations at a phone and a desktop width, no validator errors, usable without JavaScript;
screenshots in tests/screenshots/events-*.png for a person to look at."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import serve
from conftest import FIXTURES, build
from playwright.sync_api import Browser
from test_theme import VALIDATOR

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = (320, 1280)
PAGES = {
    "events": "/campaigns/2026/events/",
    "event": "/events/2026/clocks-go-back-walk/",
    "event-cancelled": "/events/2026/cancelled-workshop/",
    "event-hybrid": "/events/2026/open-day/",
    "upcoming": "/events/",
    "campaign": "/campaigns/2026/",
    "home": "/",
}


@pytest.fixture(scope="module")
def events_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("events-browser") / "output"
    result, printed = build(FIXTURES / "events" / "content", output)
    assert result.ok, printed
    return output


@pytest.fixture(scope="module")
def events_url(events_output: Path) -> Iterator[str]:
    with serve(events_output) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations_on_the_events_pages(
    browser: Browser, events_url: str, width: int
) -> None:
    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    for name, path in PAGES.items():
        response = page.goto(events_url + path)
        assert response is not None and response.status == 200, path
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"{name} ({path}) at {width}px:\n{results.generate_report()}")
        used = page.evaluate("document.documentElement.scrollWidth")
        if used > width:
            problems.append(f"{name} ({path}) scrolls sideways at {width}px ({used}px wide)")
    page.close()
    assert not problems, "\n\n".join(problems)


def test_the_nu_checker_finds_no_errors_in_the_events_pages(events_output: Path) -> None:
    pages = [str(events_output / path.lstrip("/") / "index.html") for path in PAGES.values()]
    run = subprocess.run([VALIDATOR, *pages], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    css = events_output / "theme" / "css"
    run = subprocess.run(
        [VALIDATOR, "--also-check-css", "--match", "events.css", "--root", str(css)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_without_javascript_an_event_can_be_found_and_added_to_a_calendar(
    browser: Browser, events_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(events_url + "/campaigns/2026/events/")
    page.get_by_role("link", name="Autumn walk when the clocks go back").click()
    assert page.locator("h1").inner_text() == "Autumn walk when the clocks go back"
    link = page.get_by_role("link", name="Add to calendar")
    with page.expect_download() as download:
        link.click()
    saved = download.value.path()
    assert saved is not None and b"BEGIN:VEVENT" in Path(saved).read_bytes()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_events_pages(browser: Browser, events_url: str, width: int) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    for name in ("events", "event"):
        page.goto(events_url + PAGES[name])
        target = SCREENSHOTS / f"events-{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000
    page.close()
