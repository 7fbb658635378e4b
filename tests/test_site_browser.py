"""The campaign site as a reader sees it in Chromium: both colour schemes, the campaign
banner using the width, one quote component, the search form, the skip link's target,
right-to-left quotes and digits without a slashed zero. Screenshots go to tests/screenshots/
(site-*.png) for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import serve
from conftest import FIXTURES, build
from playwright.sync_api import Browser, Page

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SCHEMES = ("light", "dark")
WIDTHS = (320, 1280)
PAGES = {
    "home": "/",
    "campaign": "/campaigns/2025/",
    "quote": "/2025/gwenllian-llanfairpwllgwyngyll-bilingual-reminders/",
    "blog": "/2024/five-things-people-told-us-were-missing/",
}
YELLOW = "rgb(255, 221, 0)"


def _open(browser: Browser, width: int = 1280, scheme: str = "light") -> Page:
    return browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def languages_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    output = tmp_path_factory.mktemp("languages-browser") / "output"
    result, printed = build(FIXTURES / "languages" / "content", output)
    assert result.ok, printed
    with serve(output) as url:
        yield url


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_site_for_people_to_look_at(
    browser: Browser, site_url: str, width: int, scheme: str
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = _open(browser, width, scheme)
    for name, path in PAGES.items():
        page.goto(site_url + path)
        page.evaluate("document.fonts.ready")
        target = SCREENSHOTS / f"site-{name}-{width}-{scheme}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000
    page.close()


def test_dark_pages_are_dark_and_the_banner_wears_the_campaign(
    browser: Browser, site_url: str
) -> None:
    colours = (
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    banner = "getComputedStyle(document.querySelector('.campaign-banner')).backgroundColor"
    light, dark = _open(browser, scheme="light"), _open(browser, scheme="dark")
    light.goto(site_url + "/campaigns/2023/")
    dark.goto(site_url + "/campaigns/2023/")
    assert light.evaluate(colours) == ["rgb(255, 255, 255)", "rgb(27, 27, 27)"]
    assert dark.evaluate(colours) == ["rgb(20, 22, 26)", "rgb(242, 242, 242)"]
    assert light.evaluate(banner) == "rgb(0, 89, 92)"  # the 2023 campaign's accent
    red, green, blue = (int(part) for part in dark.evaluate(banner)[4:-1].split(","))
    assert green > red and blue > red and green > 89  # the same teal, lighter
    dark.goto(site_url + "/archive/")  # pages of no campaign follow the reader too
    assert dark.evaluate(colours) == ["rgb(20, 22, 26)", "rgb(242, 242, 242)"]
    light.close()
    dark.close()


@pytest.mark.parametrize("path", ["/", "/campaigns/2025/"])
def test_the_campaign_pages_use_the_width_of_a_desktop_screen(
    browser: Browser, site_url: str, path: str
) -> None:
    page = _open(browser, 1280)
    page.goto(site_url + path)
    right = page.evaluate(
        """Math.max(...[...document.querySelectorAll('main .campaign-banner, main .post-list > li,'
            + ' main .wall > li')].map(e => e.getBoundingClientRect().right))"""
    )
    assert right > 1100, f"the content of {path} ends at {right}px of 1280"
    banner = page.locator(".campaign-banner").bounding_box()
    card = page.locator(".campaign-banner img").bounding_box()
    assert banner and card and banner["width"] > 1100
    assert card["x"] > banner["x"] + banner["width"] / 2  # the title card beside the words
    page.close()


def test_one_quote_component_looks_the_same_everywhere(browser: Browser, site_url: str) -> None:
    """Lists, the wall, a quote page and a pull quote in a blog: the words are the largest
    text in the box, and every attribution is styled alike."""
    page = _open(browser, 1280)
    measure = """(selector) => [...document.querySelectorAll(selector)].map(figure => {
        const sizes = [...figure.querySelectorAll('*')].filter(e => e.childNodes.length
            && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => [e.closest('blockquote') ? 'words' : 'other', parseFloat(getComputedStyle(e).fontSize)]);
        const caption = getComputedStyle(figure.querySelector('figcaption'));
        const bar = getComputedStyle(figure);
        return {
            words: Math.min(...sizes.filter(s => s[0] === 'words').map(s => s[1])),
            other: Math.max(...sizes.filter(s => s[0] === 'other').map(s => s[1])),
            caption: [caption.fontWeight, caption.fontFamily],
            bar: [bar.borderInlineStartWidth, bar.borderInlineStartStyle],
        };
    })"""
    seen = []
    for path, selector in (
        ("/type/quotes/", ".post-list figure"),
        ("/campaigns/2025/", "main figure"),
        (PAGES["quote"], "article figure"),
        (PAGES["blog"], ".prose figure.pull-quote"),
    ):
        page.goto(site_url + path)
        figures = page.evaluate(measure, selector)
        assert figures, path
        for figure in figures:
            assert figure["words"] > figure["other"], (path, figure)
            seen.append((*figure["caption"], *figure["bar"]))
    assert len(set(seen)) == 1, set(seen)
    page.close()


def test_after_the_skip_link_main_keeps_its_colours(browser: Browser, site_url: str) -> None:
    page = _open(browser, 1280)
    page.goto(site_url + "/campaigns/2025/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    styles = page.evaluate(
        """[getComputedStyle(document.getElementById('main')).backgroundColor,
            getComputedStyle(document.getElementById('main')).color,
            getComputedStyle(document.body).color,
            getComputedStyle(document.getElementById('main')).outlineStyle]"""
    )
    assert styles[0] == "rgba(0, 0, 0, 0)"  # not the yellow of a focused control
    assert styles[1] == styles[2]
    assert styles[3] == "solid"  # still shows where focus went
    page.close()


def test_the_search_form_follows_the_readers_font_size(browser: Browser, site_url: str) -> None:
    page = _open(browser, 1280)
    page.goto(site_url + "/search/")
    fields = "#search-words, #search-type, #search-campaign, .search-form button"

    def sizes() -> list[float]:
        return page.evaluate(
            f"[...document.querySelectorAll('{fields}')].map(e => parseFloat(getComputedStyle(e).fontSize))"
        )

    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert sizes() == [body] * 4
    page.add_style_tag(content="html { font-size: 150%; }")  # a reader's larger default
    larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger == pytest.approx(body * 1.5) and sizes() == [larger] * 4
    for field in ("search-words", "search-type", "search-campaign"):
        label = page.locator(f"label[for={field}]").bounding_box()
        box = page.locator(f"#{field}").bounding_box()
        assert label and box and label["y"] + label["height"] <= box["y"] + 1  # label above
        assert abs(label["x"] - box["x"]) < 2
        assert box["height"] >= 44
    button = page.locator(".search-form button").bounding_box()
    assert button and button["height"] >= 44
    page.locator("#search-words").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as :focus-visible wants
    outline = page.evaluate(
        "[getComputedStyle(document.activeElement).outlineColor, getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert outline == [YELLOW, "solid"]
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == YELLOW
    page.close()


def test_an_urdu_quote_is_set_right_to_left(browser: Browser, languages_url: str) -> None:
    page = _open(browser, 1280)
    page.goto(languages_url + "/2024/urdu-every-voice/")
    quote = page.locator("article blockquote")
    assert quote.evaluate(
        "e => [e.lang, getComputedStyle(e).direction, getComputedStyle(e).textAlign]"
    ) == [
        "ur",
        "rtl",
        "right",
    ]
    box, words = (
        quote.bounding_box(),
        quote.locator("p").evaluate(
            "p => { const r = document.createRange(); r.selectNodeContents(p); return r.getBoundingClientRect().toJSON(); }"
        ),
    )
    assert box and box["x"] + box["width"] - (words["x"] + words["width"]) < 30  # flush right
    page.goto(languages_url + "/2024/listening-in-arabic/")
    pull = page.locator(".pull-quote blockquote")
    assert pull.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.close()


def test_dates_use_digits_without_a_slashed_zero(browser: Browser, site_url: str) -> None:
    page = _open(browser, 1280)
    page.goto(site_url + "/campaigns/2025/")
    page.evaluate("document.fonts.ready")
    faces = page.evaluate(
        """[...document.fonts].filter(f => f.status === 'loaded')
            .map(f => [f.family, f.weight, f.unicodeRange])"""
    )
    digit_faces = [face for face in faces if face[2] == "U+30-39"]
    assert digit_faces, faces  # the digits came from the plain-zero face
    # And they are drawn from it: a "0" is as wide as Noto's, not Atkinson's.
    widths = page.evaluate(
        """() => { const c = document.createElement('canvas').getContext('2d');
            c.font = '100px "Atkinson Hyperlegible"'; const zero = c.measureText('0').width;
            c.font = '100px "Atkinson Hyperlegible"'; const oh = c.measureText('O').width;
            return [zero, oh]; }"""
    )
    assert widths[0] == pytest.approx(57.2 * 0.935, abs=1.5)  # Noto's 572 units, scaled
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_the_language_pages(
    browser: Browser, languages_url: str, width: int
) -> None:
    for scheme in SCHEMES:
        page = _open(browser, width, scheme)
        for path in (
            "/",
            "/campaigns/2024/",
            "/2024/urdu-every-voice/",
            "/2024/listening-in-arabic/",
        ):
            page.goto(languages_url + path)
            results = Axe().run(page)
            assert results.violations_count == 0, f"{path} {scheme}\n{results.generate_report()}"
        page.close()


def test_banner_and_quotes_keep_their_shapes_in_forced_colours(
    browser: Browser, site_url: str
) -> None:
    """Windows High Contrast replaces every colour: the buttons and the quote bars are
    borders, so they still show."""
    context = browser.new_context(forced_colors="active", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/campaigns/2025/")
    for selector in (".campaign-banner .button", "main .quote"):
        shapes = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)].map(e => {
                const s = getComputedStyle(e);
                return e.matches('.button') ? [s.borderTopStyle, parseFloat(s.borderTopWidth)]
                    : [s.borderInlineStartStyle, parseFloat(s.borderInlineStartWidth)]; })""",
            selector,
        )
        assert shapes and all(style == "solid" and width >= 2 for style, width in shapes), shapes
    context.close()


def test_the_banner_prints_as_black_on_white(browser: Browser, site_url: str) -> None:
    page = _open(browser, 1280)
    page.goto(site_url + "/")
    page.emulate_media(media="print")
    colours = page.evaluate(
        """[getComputedStyle(document.querySelector('.campaign-banner')).backgroundColor,
            getComputedStyle(document.querySelector('.campaign-banner h1')).color]"""
    )
    assert colours == ["rgba(0, 0, 0, 0)", "rgb(0, 0, 0)"]
    assert not page.locator(".banner-card").is_visible()
    page.close()


def test_welsh_letters_come_from_a_face_that_has_them(browser: Browser, site_url: str) -> None:
    """Atkinson Hyperlegible has no ŵ or ŷ: pages that use them load the Noto subset for
    them (and pages that do not, do not)."""
    loaded = """[...document.fonts].filter(f => f.status === 'loaded').map(f => f.unicodeRange)"""
    page = _open(browser, 1280)
    page.goto(site_url + "/cy/campaigns/2025/")
    page.evaluate("document.fonts.ready")
    assert "ŵ" in page.locator("main").inner_text()
    assert any("U+174-177" in ranges for ranges in page.evaluate(loaded))
    # Drawn from it: a ŵ as wide as Noto's w (scaled), not Atkinson's w and a loose accent.
    widths = page.evaluate(
        """() => { const c = document.createElement('canvas').getContext('2d');
            c.font = '100px "Atkinson Hyperlegible"';
            return [c.measureText('\\u0175').width, c.measureText('w').width]; }"""
    )
    assert widths[0] != pytest.approx(widths[1], abs=0.5)
    page.goto(site_url + "/privacy/")
    page.evaluate("document.fonts.ready")
    assert not any("U+174-177" in ranges for ranges in page.evaluate(loaded))
    page.close()
