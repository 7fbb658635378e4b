"""Event cards: real builds of a copy of tests/fixtures/events (built on the pinned day,
inside its campaign week), checked in the manifest, the gallery, the event pages and the
decoded card images."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import build, check, copy_fixture
from PIL import Image, ImageChops
from test_card_layouts import SCREENSHOTS, measured_contrast

PUBLISHED = {
    "peer-support-webinar",
    "clocks-go-back-walk",
    "spring-forward-drop-in",
    "open-day",
    "cancelled-workshop",
}
SIZES = {"link": (1200, 630), "x": (1200, 675), "square": (1080, 1080)}
SIZES |= {"portrait": (1080, 1350), "story": (1080, 1920)}
TEXT, ACCENT = "#1B1B1B", "#5A2A82"  # the fixture campaign's palette (light layout)
BAND = 30  # the light layout's band in the accent colour is above this, on a link preview


class Site:
    def __init__(self, output: Path, printed: str) -> None:
        self.output = output
        self.printed = printed
        manifest = json.loads((output / "cards" / "manifest.json").read_text("utf-8"))
        self.cards = [card for card in manifest["cards"] if card["kind"] == "event"]

    def card(self, slug: str) -> dict[str, Any]:
        return next(card for card in self.cards if card["source"].endswith(f"/{slug}.md"))

    def file(self, card: dict[str, Any], size: str) -> Path:
        entry = next(entry for entry in card["files"] if entry["format"] == size)
        return self.output / entry["url"].lstrip("/")


def _build(content: Path, output: Path) -> Site:
    result, printed = build(content, output)
    assert result.ok, printed
    return Site(output, printed)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    content = copy_fixture("events", tmp_path_factory.mktemp("event-cards"))
    return _build(content, content.parent / "output")


def test_every_published_event_has_a_card_in_five_sizes(site: Site) -> None:
    slugs = {card["source"].rsplit("/", 1)[1][:-3] for card in site.cards}
    assert slugs == PUBLISHED  # none for the withdrawn or the not yet announced event
    for card in site.cards:
        assert {entry["format"] for entry in card["files"]} == set(SIZES)
        for size, (width, height) in SIZES.items():
            path = site.file(card, size)
            with Image.open(path) as image:
                assert image.size == (width, height)
            if path.suffix == ".jpg":
                assert path.stat().st_size < 300_000, path.name


def test_held_back_events_have_no_card_anywhere(site: Site) -> None:
    names = [path.name for path in (site.output / "cards").rglob("*")]
    assert not [name for name in names if "withdrawn-talk" in name or "later-announcement" in name]
    gallery = (site.output / "campaigns" / "2026" / "cards" / "index.html").read_text("utf-8")
    assert "Quillwithdrawn" not in gallery and "Zephyrsecret" not in gallery


def test_the_alt_texts_and_the_post_text_say_what_when_and_where(site: Site) -> None:
    webinar = site.card("peer-support-webinar")
    when = "Tuesday 2 June 2026, 10:00 to 11:30 BST"
    assert webinar["alt"] == (
        "Event card: Event · Co-production Week 2026. Peer support in practice: a webinar. "
        f"{when}. Online. #CoProWeekTest"
    )
    assert (
        "An event card for Co-production Week 2026, dark text on a light background"
        in (webinar["alt_long"])
    )
    assert f"the date and time: {when}. Then the place: Online." in webinar["alt_long"]
    assert webinar["caption"] == (
        f"Peer support in practice: a webinar. {when}. Online. "
        "/events/2026/peer-support-webinar/ #CoProWeekTest"
    )
    walk = site.card("clocks-go-back-walk")  # after the clocks go back: GMT
    assert "Sunday 25 October 2026, 10:00 to 12:00 GMT." in walk["caption"]
    assert "Fernhill Community Garden, 4 Mill Lane, Fernhill." in walk["alt"]
    cancelled = site.card("cancelled-workshop")
    assert cancelled["alt"].startswith("Event card: CANCELLED. ")
    assert "At the top, in large letters: CANCELLED." in cancelled["alt_long"]
    assert cancelled["caption"].startswith("Cancelled: Writing plain-English letters together.")
    for card in site.cards:
        assert card["caption"].endswith(" #CoProWeekTest")
        assert not card["alt"].lower().startswith(("image of", "picture of"))


def test_the_words_reach_the_contrast_people_need_on_the_pixels(site: Site) -> None:
    for card in site.cards:
        for size in ("link", "story"):
            with Image.open(site.file(card, size)) as opened:
                image = opened.convert("RGB")
            for colour in (TEXT, ACCENT):
                ratio, pixels = measured_contrast(image, colour)
                assert pixels > 300, f"{card['source']} {size}: no words in {colour}"
                assert ratio >= 4.5, f"{card['source']} {size}: {colour} at {ratio:.2f} to 1"


def test_event_cards_are_in_the_campaign_gallery_manifest_and_pack(site: Site) -> None:
    folder = site.output / "campaigns" / "2026" / "cards"
    gallery = (folder / "index.html").read_text("utf-8")
    assert gallery.count("Event card: ") >= len(PUBLISHED)  # headings and the alt texts
    for slug in PUBLISHED:
        card = site.card(slug)
        assert f"Event card: {card['title']}" in gallery.replace("&#39;", "'")
        assert site.file(card, "story").name in gallery
        assert f"event-{slug}-cards.zip" in gallery
    campaign = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert {c["source"] for c in campaign["cards"] if c["kind"] == "event"} == {
        card["source"] for card in site.cards
    }
    with zipfile.ZipFile(folder / "2026-cards.zip") as pack:
        names = set(pack.namelist())
    for card in site.cards:
        assert {site.file(card, size).name for size in SIZES} <= names


def test_the_event_page_shares_its_own_card(site: Site) -> None:
    for slug in PUBLISHED:
        card = site.card(slug)
        page = (site.output / "events" / "2026" / slug / "index.html").read_text("utf-8")
        link = site.file(card, "link").name
        assert re.search(rf'<meta property="og:image" content="[^"]*/{re.escape(link)}">', page)
        assert re.search(rf'<meta name="twitter:image" content="[^"]*/{re.escape(link)}">', page)
        assert '<meta name="twitter:card" content="summary_large_image">' in page
        assert f'<meta property="og:image:alt" content="{card["alt"][:30]}' in page


def test_two_builds_give_the_same_event_cards(site: Site, tmp_path: Path) -> None:
    content = copy_fixture("events", tmp_path)
    again = _build(content, tmp_path / "output")
    for card in site.cards:
        for size in SIZES:
            assert site.file(card, size).read_bytes() == again.file(card, size).read_bytes()
    folder = Path("campaigns") / "2026" / "cards"
    for name in ("manifest.json", "2026-cards.zip"):
        assert (site.output / folder / name).read_bytes() == (
            again.output / folder / name
        ).read_bytes()


def test_a_withdrawn_events_cards_are_listed_for_takedown(site: Site) -> None:
    listed = site.printed.split("Cards to delete from social media", 1)[1]
    assert "content/events/2026/withdrawn-talk.md:" in listed
    assert re.search(r"event-withdrawn-talk-0-[0-9a-f]{8}-story\.png", listed)
    assert "later-announcement" not in listed


def test_an_event_too_long_for_its_card_is_a_content_problem(tmp_path: Path) -> None:
    content = copy_fixture("events", tmp_path)
    path = content / "events" / "2026" / "peer-support-webinar.md"
    long_title = " ".join(["Peer support in practice, planned by peer supporters and staff"] * 6)
    text = path.read_text("utf-8").replace("Peer support in practice: a webinar", long_title)
    path.write_text(text, encoding="utf-8")
    code, printed = check(content)
    assert code == 1
    assert (
        "content/events/2026/peer-support-webinar.md:1: this event does not fit on its social "
        "media card even at the smallest readable type size: Link preview (1200x630: the title)"
    ) in printed
    assert "How to fix: shorten the Title" in printed
    assert "Traceback" not in printed


def test_one_event_card_in_each_size_for_people_to_look_at(site: Site) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    card = site.card("cancelled-workshop")
    for size, (width, height) in SIZES.items():
        source = site.file(card, size)
        target = SCREENSHOTS / f"event-{size}{source.suffix}"
        shutil.copyfile(source, target)
        with Image.open(target) as image:
            assert image.size == (width, height)


def _accent_box(path: Path, bottom: int) -> tuple[int, int, int, int]:
    """Where the accent-coloured words are, below the band along the top and above `bottom`
    (the footer's hashtag is below)."""
    with Image.open(path) as opened:
        image = opened.convert("RGB").crop((0, BAND, opened.width, bottom))
    solid = Image.new("RGB", image.size, ACCENT)
    near = ImageChops.difference(image, solid).convert("L").point(lambda v: 255 if v < 40 else 0)
    box = near.getbbox()
    assert box is not None, f"{path.name}: no words in the accent colour"
    return box


def test_a_title_in_a_right_to_left_script_sets_the_card_from_the_right(
    site: Site, tmp_path: Path
) -> None:
    content = copy_fixture("events", tmp_path)
    path = content / "events" / "2026" / "peer-support-webinar.md"
    arabic = "ورشة عن دعم الأقران"  # "a workshop on peer support"
    text = path.read_text("utf-8").replace("Peer support in practice: a webinar", arabic)
    path.write_text(text, encoding="utf-8")
    rtl = _build(content, tmp_path / "output").card("peer-support-webinar")
    assert arabic in rtl["alt"] and arabic in rtl["caption"]
    # Link preview: the safe zone runs from x=72 to 1128; the footer starts below y=520.
    left_to_right = _accent_box(site.file(site.card("peer-support-webinar"), "link"), 520)
    right_to_left = _accent_box(Site(tmp_path / "output", "").file(rtl, "link"), 520)
    assert left_to_right[0] < 90  # the date and time start at the left edge
    assert right_to_left[2] > 1110 and right_to_left[0] > 120  # they end at the right edge
