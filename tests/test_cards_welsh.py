"""Cards in Welsh: a real bilingual build of tests/fixtures/cards-welsh (a campaign with a
Welsh file, a Welsh quote with its English version, a Welsh blog post, two events), checked
in each edition's manifest, gallery and card files.

What a card shows is checked by drawing the words it should show with the cards' own
drawing code and comparing the pixels with the file the build wrote (PNG sizes: lossless):
the same pixels mean the same words, and a card drawn with the English words differs.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import serve
from conftest import build, copy_fixture
from coproweek_cards.bilingual import BILINGUAL, compose_card, layout_of, render_card
from coproweek_cards.compose import FontSettings
from coproweek_cards.layouts import FORMATS, card_format
from coproweek_cards.render import Job
from PIL import Image, ImageChops
from playwright.sync_api import Browser
from test_card_layouts import SCREENSHOTS, measured_contrast

BILINGUAL_SITE = {"COPROWEEK_LANGUAGES": ("en", "cy")}
PALETTE = {"background": "#FFFFFF", "text": "#1B1B1B", "accent": "#5A2A82"}
FONTS = FontSettings(("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"))
WELSH_TITLE = {
    "kicker": "Wythnos Cydgynhyrchu 2026",
    "text": "Rhannu grym yn agored",
    "attribution": "30 Mai – 3 Mehefin 2026",
    "kicker_2": "Co-production Week 2026",
    "text_2": "Sharing power in the open",
    "attribution_2": "30 May to 3 June 2026",
    "wordmark": "Co-production Week",
    "hashtag": "#WythnosCydgynhyrchu #CoProWeekTest",
}


class Edition:
    def __init__(self, output: Path) -> None:
        self.output = output
        manifest = json.loads((output / "cards" / "manifest.json").read_text("utf-8"))
        self.cards: list[dict[str, Any]] = manifest["cards"]

    def card(self, source: str) -> dict[str, Any]:
        return next(card for card in self.cards if card["source"] == f"content/{source}")

    def file(self, card: dict[str, Any], size: str) -> Path:
        entry = next(entry for entry in card["files"] if entry["format"] == size)
        path = re.sub(r"^/(cy/)?", "", entry["url"])
        return self.output / path

    def gallery(self) -> str:
        return (self.output / "campaigns/2026/cards/index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    content = copy_fixture("cards-welsh", tmp_path_factory.mktemp("cards-welsh"))
    result, printed = build(content, content.parent / "output", **BILINGUAL_SITE)
    assert result.ok, printed
    return content, printed


@pytest.fixture(scope="module")
def english(built: tuple[Path, str]) -> Edition:
    return Edition(built[0].parent / "output")


@pytest.fixture(scope="module")
def welsh(built: tuple[Path, str]) -> Edition:
    return Edition(built[0].parent / "output" / "cy")


def drawn(words: dict[str, str], layout: str, size: str, target: Path) -> Image.Image:
    """The card the cards' drawing code makes of `words` (as a build's worker does)."""
    job = Job(tuple(words.items()), tuple(PALETTE.items()), layout, size, FONTS, str(target))
    render_card(job)
    with Image.open(target) as image:
        return image.convert("RGB")


def same_pixels(path: Path, image: Image.Image) -> bool:
    with Image.open(path) as built:
        return ImageChops.difference(built.convert("RGB"), image).getbbox() is None


def test_each_edition_has_cards_for_its_own_posts_only(english: Edition, welsh: Edition) -> None:
    def sources(edition: Edition) -> set[str]:
        return {card["source"] for card in edition.cards if card["kind"] != "event"}

    assert sources(welsh) == {
        "content/campaigns/2026.md",
        "content/quotes/2026/cofnodion.md",
        "content/blog/2026/gwersi-gwrando.md",
    }
    assert sources(english) == {"content/campaigns/2026.md", "content/quotes/2026/minutes.md"}
    for card in welsh.cards:
        for entry in card["files"]:
            assert entry["url"].startswith("/cy/cards/2026/"), entry["url"]
            assert welsh.file(card, entry["format"]).is_file()


def test_a_welsh_quote_card_says_everything_in_welsh(welsh: Edition) -> None:
    card = welsh.card("quotes/2026/cofnodion.md")
    quote = (
        "“Rydyn ni’n ysgrifennu’r cofnodion gyda’n gilydd nawr, mewn geiriau mae pawb yn eu deall.”"
    )
    person = "— Tamsin, Gwirfoddolwr, Ymddiriedolaeth Llyfrgell Glan-yr-afon"
    assert card["alt"] == f"Cerdyn dyfyniad: {quote} {person}. #WythnosCydgynhyrchu"
    assert card["alt_long"].startswith(
        "Dyfyniad ar gyfer Wythnos Cydgynhyrchu 2026, testun tywyll ar gefndir golau gyda "
        "band lliw ar hyd y brig. Y dyfyniad: “Rydyn ni’n"
    )
    assert card["alt_long"].endswith(
        "Ar y gwaelod, yr hashnod #WythnosCydgynhyrchu a’r enw Co-production Week."
    )
    assert card["caption"] == f"{quote} {person} /cy/2026/cofnodion/ #WythnosCydgynhyrchu"


def test_a_welsh_blog_card_draws_the_welsh_words(welsh: Edition, tmp_path: Path) -> None:
    card = welsh.card("blog/2026/gwersi-gwrando.md")
    words = {
        "kicker": "Blog · Wythnos Cydgynhyrchu 2026",
        "text": "Beth ddysgon ni o’r sesiynau gwrando",
        "attribution": "Gan Eirlys, Gweithiwr Ymgysylltu",
        "wordmark": "Co-production Week",
        "hashtag": "#WythnosCydgynhyrchu",
    }
    assert card["alt"].startswith("Cerdyn teitl: Blog · Wythnos Cydgynhyrchu 2026. ")
    assert "Gan Eirlys, Gweithiwr Ymgysylltu." in card["caption"]
    built = welsh.file(card, "square")
    assert same_pixels(built, drawn(words, "light-title", "square", tmp_path / "cy.png"))
    english = {**words, "kicker": "Blog · Co-production Week 2026", "attribution": "By Eirlys"}
    assert not same_pixels(built, drawn(english, "light-title", "square", tmp_path / "en.png"))


def test_a_cancelled_welsh_event_card_says_so_in_welsh(welsh: Edition, tmp_path: Path) -> None:
    card = welsh.card("events/2026/gweithdy-llythyrau.md")
    when = "Dydd Mercher 3 Mehefin 2026, 13:00 – 15:00 BST"
    words = {
        "notice": "WEDI’I GANSLO",
        "kicker": "Digwyddiad · Wythnos Cydgynhyrchu 2026",
        "text": "Llythyrau clir gyda’n gilydd",
        "when": when,
        "place": "Llyfrgell Glan-yr-afon,\n12 Heol yr Orsaf, Glan-yr-afon, ac ar-lein",
        "wordmark": "Co-production Week",
        "hashtag": "#WythnosCydgynhyrchu",
    }
    assert card["alt"] == (
        "Cerdyn digwyddiad: WEDI’I GANSLO. Digwyddiad · Wythnos Cydgynhyrchu 2026. "
        f"Llythyrau clir gyda’n gilydd. {when}. Llyfrgell Glan-yr-afon, 12 Heol yr Orsaf, "
        "Glan-yr-afon, ac ar-lein. #WythnosCydgynhyrchu"
    )
    assert card["caption"].startswith(f"Wedi’i ganslo: Llythyrau clir gyda’n gilydd. {when}.")
    built = welsh.file(card, "square")
    assert same_pixels(built, drawn(words, "light-event", "square", tmp_path / "cy.png"))
    english = {**words, "notice": "CANCELLED"}
    assert not same_pixels(built, drawn(english, "light-event", "square", tmp_path / "en.png"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, SCREENSHOTS / "welsh-event-cancelled-square.png")
    # The Welsh date and place are longer than the English: on a link preview they are set
    # smaller, in as few lines as they take, rather than the card being refused.
    fmt = card_format("link", "light-event")
    composition = compose_card(words, layout_of("light-event"), fmt, FONTS, PALETTE)
    first = next(run for run in composition.runs if "Dydd Mercher" in run.text)
    last = next(run for run in composition.runs if "BST" in run.text)
    assert first.baseline == last.baseline  # on one line
    with Image.open(welsh.file(card, "link")) as image:
        image.save(SCREENSHOTS / "welsh-event-cancelled-link.png")


def test_a_hybrid_event_in_both_editions(english: Edition, welsh: Edition) -> None:
    cymraeg = welsh.card("events/2026/diwrnod-agored.md")["alt"]
    assert "Dydd Mawrth 2 Mehefin 2026, 10:00 – 12:00 BST." in cymraeg
    assert "Llyfrgell Glan-yr-afon, Heol yr Orsaf, ac ar-lein." in cymraeg
    assert english.card("events/2026/diwrnod-agored.md")["alt"] == (
        "Event card: Event · Co-production Week 2026. Diwrnod agored. Tuesday 2 June 2026, "
        "10:00 to 12:00 BST. Llyfrgell Glan-yr-afon, Heol yr Orsaf, and online. #CoProWeekTest"
    )


def test_the_bilingual_title_card_is_the_same_in_both_editions_welsh_first(
    english: Edition, welsh: Edition, tmp_path: Path
) -> None:
    ours, theirs = english.card("campaigns/2026.md"), welsh.card("campaigns/2026.md")
    assert ours["layout"] == theirs["layout"] == "light"
    assert {size: english.file(ours, size).read_bytes() for size in FORMATS} == {
        size: welsh.file(theirs, size).read_bytes() for size in FORMATS
    }
    assert [entry["url"] for entry in ours["files"]] == [
        entry["url"].removeprefix("/cy") for entry in theirs["files"]
    ]
    for entry in ours["files"]:
        fmt = card_format(entry["format"], "light-bilingual")
        with Image.open(english.file(ours, entry["format"])) as image:
            assert image.size == (fmt.width, fmt.height)
    alt = ours["alt"]
    assert alt == theirs["alt"]
    assert alt.startswith("Cerdyn teitl: Wythnos Cydgynhyrchu 2026. Rhannu grym yn agored. ")
    assert alt.index("Rhannu grym yn agored") < alt.index("Title card: Co-production Week 2026.")
    assert "At the bottom, the hashtags #WythnosCydgynhyrchu #CoProWeekTest" in ours["alt_long"]
    assert "Ar y gwaelod, yr hashnodau #WythnosCydgynhyrchu #CoProWeekTest" in ours["alt_long"]
    assert ours["caption"] == (
        "Wythnos Cydgynhyrchu 2026: Rhannu grym yn agored. 30 Mai – 3 Mehefin 2026. "
        "Co-production Week 2026: Sharing power in the open. 30 May to 3 June 2026. "
        "/campaigns/2026/ #WythnosCydgynhyrchu #CoProWeekTest"
    )
    # The pixels are those of the Welsh words above the English ones.
    for size in ("square", "story"):
        built = english.file(ours, size)
        assert same_pixels(built, drawn(WELSH_TITLE, "light-bilingual", size, tmp_path / "a.png"))
        swapped = {**WELSH_TITLE, "text": WELSH_TITLE["text_2"], "text_2": WELSH_TITLE["text"]}
        assert not same_pixels(built, drawn(swapped, "light-bilingual", size, tmp_path / "b.png"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size in ("link", "story"):
        with Image.open(english.file(ours, size)) as image:
            image.save(SCREENSHOTS / f"bilingual-title-{size}.png")


@pytest.mark.parametrize("style", sorted({layout.style for layout in BILINGUAL.values()}))
def test_the_bilingual_layout_sets_both_themes_at_one_size_welsh_first(style: str) -> None:
    """In every size, in every style: inside the safe zone, the two themes at one size,
    the Welsh above the English."""
    layout = layout_of(f"{style}-bilingual")
    for size, fmt in FORMATS.items():
        composition = compose_card(
            WELSH_TITLE, layout, card_format(size, layout.name), FONTS, PALETTE
        )
        assert composition.ink is not None and fmt.safe.contains(composition.ink), size
        words = [run for run in composition.runs if run.text.strip()]  # not spaces alone
        cymraeg = [run for run in words if run.text in WELSH_TITLE["text"]]
        english = [run for run in words if run.text in WELSH_TITLE["text_2"]]
        assert cymraeg and english, size
        assert len({run.size for run in cymraeg + english}) == 1, size
        assert max(run.baseline for run in cymraeg) < min(run.baseline for run in english)


def test_the_bilingual_card_has_the_contrast_of_the_title_card(english: Edition) -> None:
    card = english.card("campaigns/2026.md")
    with Image.open(english.file(card, "square")) as image:
        for colour in (PALETTE["text"], PALETTE["accent"]):
            ratio, pixels = measured_contrast(image.convert("RGB"), colour)
            assert pixels > 500 and ratio >= 4.5, (colour, ratio)


def test_each_gallery_is_in_its_language(english: Edition, welsh: Edition) -> None:
    cymraeg, saesneg = welsh.gallery(), english.gallery()
    assert '<html lang="cy">' in cymraeg
    for words in (
        "<h1>Cardiau cyfryngau cymdeithasol ar gyfer Wythnos Cydgynhyrchu 2026</h1>",
        '<h3 id="alt-1-label">Testun amgen (byr)</h3>',
        'data-copy-label="post awgrymedig cerdyn 1"',
        'data-copy="Copïo"',
        'data-copied-what="Wedi copïo {label}."',
        "Rhagolwg dolen<span",
    ):
        assert words in cymraeg, words
    assert "Alt text" not in cymraeg and "Download" not in cymraeg
    assert "data-copy=" not in saesneg and '<h3 id="alt-1-label">Alt text (short)</h3>' in saesneg
    # The bilingual card's alt text, each part marked with its language, Welsh first.
    for page in (cymraeg, saesneg):
        found = re.search(
            r'id="alt-1"[^>]*><span lang="cy">Cerdyn teitl: [^<]*</span> '
            r'<span lang="en-gb">Title card: [^<]*</span></p>',
            page,
        )
        assert found, page[:2000]


def test_the_editions_keep_their_cards_apart_in_the_cache(built: tuple[Path, str]) -> None:
    content, printed = built
    assert printed.count("Cards: 0 rendered") == 0
    result, again = build(content, content.parent / "output", **BILINGUAL_SITE)
    assert result.ok, again
    # Neither edition's build drops the other's cards from the cache: nothing is redrawn.
    assert again.count("Cards: 0 rendered") == 2, again
    cache = content.parent / "output-cache" / "cards"
    assert (cache / "cy" / "files").is_dir()
    welsh_keys = {path.stem for path in (cache / "cy" / "files").iterdir()}
    english_keys = {path.stem for path in (cache / "files").iterdir()}
    assert welsh_keys and english_keys
    assert "Taken down" not in again and "Cards to delete" not in again


@pytest.mark.browser
def test_the_welsh_gallery_copies_in_welsh(browser: Browser, built: tuple[Path, str]) -> None:
    """The copy buttons say their words in Welsh (from the page's data- attributes), the
    page passes axe, and a screenshot of it is kept."""
    with serve(built[0].parent / "output") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(url + "/cy/campaigns/2026/cards/")
        button = page.locator("#post-1-label .copy-button")
        assert button.text_content() == "Copïo post awgrymedig cerdyn 1"
        text = page.locator("#post-1").inner_text()
        button.click()
        assert page.evaluate("navigator.clipboard.readText()") == text
        page.wait_for_function(
            "document.getElementById('copy-status').textContent"
            " === 'Wedi copïo post awgrymedig cerdyn 1.'"
        )
        assert button.text_content().startswith("Wedi copïo")
        results = Axe().run(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "gallery-welsh-1280.png"))
        context.close()
    assert results.violations_count == 0, results.generate_report()
