"""Card layouts (bold, light, photo): real builds of tests/fixtures/card-layouts, checked on
the decoded card images, and the content problems a layout can have."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, build, check, copy_fixture
from coproweek_content.colours import relative_luminance
from PIL import Image, ImageChops, ImageFilter

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots" / "cards"
PALETTE = {"background": "#FBF8FF", "text": "#1B1B1B", "accent": "#5A2A82"}
# The colours each layout draws its words in (the palette above, white on a photo).
TEXT_COLOURS = {
    "light": ("#1B1B1B", "#5A2A82"),
    "bold": ("#FBF8FF",),
    "photo": ("#FFFFFF",),
}
EXPECTED_LAYOUTS = {
    "content/campaigns/2024.md": "bold",
    "content/quotes/2024/bold-from-the-campaign.md": "bold",
    "content/quotes/2024/arabic-in-bold.md": "bold",
    "content/quotes/2024/light-by-choice.md": "light",
    "content/quotes/2024/photo-of-the-campaign.md": "photo",
    "content/quotes/2024/urdu-on-a-pale-photo.md": "photo",
    "content/blog/2024/a-photo-title-card.md": "photo",
}


class Built:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.manifest = json.loads((output / "cards" / "manifest.json").read_text("utf-8"))

    def card(self, source_part: str) -> dict[str, Any]:
        return next(c for c in self.manifest["cards"] if source_part in c["source"])

    def path(self, entry: dict[str, Any]) -> Path:
        return self.output / entry["url"].lstrip("/")


def _build(content: Path, output: Path, cache: Path | None = None) -> Built:
    result, printed = build(content, output, cache)
    assert result.ok, printed
    return Built(output)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    content = copy_fixture("card-layouts", tmp_path_factory.mktemp("layouts"))
    return _build(content, content.parent / "output")


def test_a_campaign_chooses_the_layout_and_a_post_may_override_it(built: Built) -> None:
    layouts = {card["source"]: card["layout"] for card in built.manifest["cards"]}
    assert layouts == EXPECTED_LAYOUTS


def test_every_layout_in_every_size_stays_small(built: Built) -> None:
    for card in built.manifest["cards"]:
        assert len(card["files"]) == 5
        for entry in card["files"]:
            path = built.path(entry)
            with Image.open(path) as image:
                assert image.size == (entry["width"], entry["height"])
                # A photo in PNG would be megabytes: photo cards are JPEG in every size.
                if card["layout"] == "photo":
                    assert image.format == "JPEG", path.name
            if path.suffix == ".jpg":
                assert path.stat().st_size < 300_000, path.name


@functools.cache
def _luminance(pixel: tuple[int, ...]) -> float:
    return relative_luminance("#{:02X}{:02X}{:02X}".format(*pixel[:3]))


def _ratio(first: float, second: float) -> float:
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def _near(image: Image.Image, colour: str, distance: int) -> Image.Image:
    """A mask of the pixels within `distance` of `colour` on every channel."""
    solid = Image.new("RGB", image.size, colour)
    difference = ImageChops.difference(image, solid)
    channels = [band.point(lambda v: 255 if v <= distance else 0) for band in difference.split()]
    return ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])


def measured_contrast(image: Image.Image, colour: str) -> tuple[float, int]:
    """The contrast of the words drawn in `colour` with the pixels right around them, as
    decoded: (the lowest ratio against the surrounding pixels, how many word pixels).

    Word pixels are those within a small distance of the colour, in strokes at least 3
    pixels wide (single stray pixels, such as a logo's edge, are not words); the surrounding
    pixels are those within 12 pixels of a word, leaving out the 4 pixels next to any pixel
    of that colour (anti-aliased edges and JPEG's ringing). The words' colour is the median
    of their pixels; the surrounding pixel nearest to it in luminance (ignoring the 0.2 %
    most extreme, single pixels of JPEG noise) decides the ratio."""
    near = _near(image, colour, 40)
    words = near.filter(ImageFilter.MinFilter(3))
    count = words.histogram()[255]
    ring = ImageChops.subtract(
        words.filter(ImageFilter.MaxFilter(25)), near.filter(ImageFilter.MaxFilter(9))
    )
    word_colours = _colours(image, words)
    surrounding = _colours(image, ring)
    if not word_colours or not surrounding:
        return 0.0, count
    word_lum = _quantile([(n, _luminance(c)) for n, c in word_colours], 0.5)
    # The worst surrounding pixels are those closest in luminance to the words.
    distance = _quantile([(n, abs(_luminance(c) - word_lum)) for n, c in surrounding], 0.002)
    nearest = word_lum + distance if word_lum < 0.5 else word_lum - distance
    return _ratio(word_lum, nearest), count


def _colours(image: Image.Image, mask: Image.Image) -> list[tuple[int, tuple[int, ...]]]:
    """(how many pixels, colour) of the pixels under the mask."""
    masked = image.copy()
    masked.putalpha(mask)
    found = masked.getcolors(image.width * image.height) or []
    return [(n, colour[:3]) for n, colour in found if colour[3] == 255]


def _quantile(weighted: list[tuple[int, float]], share: float) -> float:
    values = sorted(weighted, key=lambda item: item[1])
    target = share * sum(n for n, _ in values)
    seen = 0
    for n, value in values:
        seen += n
        if seen > target:
            return value
    return values[-1][1]


@pytest.mark.parametrize("layout", ["bold", "light", "photo"])
def test_each_layout_has_enough_contrast_on_its_pixels(built: Built, layout: str) -> None:
    """Decoded from the files people post: the words of every card of the layout, in the
    link preview and the story size, reach 4.5 to 1 against the pixels around them."""
    cards = [card for card in built.manifest["cards"] if card["layout"] == layout]
    assert cards
    for card in cards:
        for entry in card["files"]:
            if entry["format"] not in ("link", "story"):
                continue
            with Image.open(built.path(entry)) as opened:
                image = opened.convert("RGB")
            for colour in TEXT_COLOURS[layout]:
                ratio, pixels = measured_contrast(image, colour)
                assert pixels > 300, f"{entry['url']}: no words found in {colour}"
                assert ratio >= 4.5, f"{entry['url']}: words in {colour} at {ratio:.2f} to 1"


def test_without_the_scrim_the_photo_would_fail(built: Built) -> None:
    """The measurement above can fail: white words straight on the pale photo do."""
    photo = FIXTURES / "card-layouts" / "content" / "images" / "2024" / "pale-snow.jpg"
    with Image.open(photo) as opened:
        image = opened.convert("RGB")
    # A white block as stand-in words, on the photo as it is.
    image.paste((255, 255, 255), (100, 100, 200, 130))
    ratio, pixels = measured_contrast(image, "#FFFFFF")
    assert pixels > 300
    assert ratio < 4.5


def test_long_alt_text_describes_each_layout(built: Built) -> None:
    bold = built.card("bold-from-the-campaign")["alt_long"]
    assert "the background in the campaign's colour" in bold
    assert "Severnside Peer Research Collective and Hillcrest Youth Forum" in bold
    light = built.card("light-by-choice")["alt_long"]
    assert "dark text on a light background with a coloured band along the top" in light
    photo = built.card("urdu-on-a-pale-photo")["alt_long"]
    assert "white words on a darkened photo: A pale, almost white pattern of soft shapes" in photo
    for card in built.manifest["cards"]:
        assert not card["alt"].lower().startswith(("image of", "picture of"))


def test_one_card_of_each_layout_in_each_size_for_people_to_look_at(built: Built) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chosen = {
        "bold": built.card("bold-from-the-campaign"),
        "light": built.card("light-by-choice"),
        "photo": built.card("photo-of-the-campaign"),
    }
    for layout, card in chosen.items():
        assert card["layout"] == layout
        for entry in card["files"]:
            source = built.path(entry)
            target = SCREENSHOTS / f"{layout}-{entry['format']}{source.suffix}"
            shutil.copyfile(source, target)
            with Image.open(target) as image:
                assert image.size == (entry["width"], entry["height"])


def test_changing_a_layout_redraws_only_what_it_changes(tmp_path: Path) -> None:
    content = copy_fixture("card-layouts", tmp_path)
    cache = tmp_path / "cache"
    first = _build(content, tmp_path / "first", cache)
    light = content / "quotes" / "2024" / "light-by-choice.md"
    light.write_text(light.read_text("utf-8").replace("Card-layout: light", "Card-layout: bold"))
    second = _build(content, tmp_path / "second", cache)
    before = {c["source"]: [f["url"] for f in c["files"]] for c in first.manifest["cards"]}
    after = {c["source"]: [f["url"] for f in c["files"]] for c in second.manifest["cards"]}
    changed = {source for source in before if before[source] != after[source]}
    assert changed == {"content/quotes/2024/light-by-choice.md"}
    assert second.card("light-by-choice")["layout"] == "bold"
    # A partner's new logo redraws every card that shows it.
    logo = content / "images" / "logos" / "hillcrest.png"
    with Image.open(logo) as opened:
        opened.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(logo)
    third = _build(content, tmp_path / "third", cache)
    again = {c["source"]: [f["url"] for f in c["files"]] for c in third.manifest["cards"]}
    assert all(again[source] != after[source] for source in after)


def _files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_give_the_same_cards_previews_and_packs(tmp_path: Path, built: Built) -> None:
    content = copy_fixture("card-layouts", tmp_path)
    again = _build(content, tmp_path / "output")
    for folder in ("cards", "campaigns/2024/cards"):
        assert _files_under(again.output / folder) == _files_under(built.output / folder)


def _problems(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> str:
    content = copy_fixture("card-layouts", tmp_path)
    for name, (old, new) in edits.items():
        path = content / name
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new), "utf-8")
    code, printed = check(content)
    assert code != 0, printed
    assert "Traceback" not in printed
    return printed


def test_layout_problems_are_explained_with_file_and_line(tmp_path: Path) -> None:
    printed = _problems(
        tmp_path,
        {
            "quotes/2024/light-by-choice.md": ("Card-layout: light", "Card-layout: fancy"),
            "campaigns/2024.md": ("Card-photo-consent: no people\n", ""),
            "quotes/2024/urdu-on-a-pale-photo.md": (
                "Card-photo-consent: no people",
                "Card-photo-consent:",
            ),
            "blog/2024/a-photo-title-card.md": ("/images/2024/pale-snow.jpg", "/images/gone.jpg"),
        },
    )
    assert 'content/quotes/2024/light-by-choice.md:7: Card-layout: "fancy" is not a card' in printed
    assert "choose one of: bold, light, photo." in printed
    assert "content/campaigns/2024.md:12: Card-photo-consent is missing" in printed
    assert "content/quotes/2024/urdu-on-a-pale-photo.md:10: Card-photo-consent is empty." in printed
    assert (
        'content/blog/2024/a-photo-title-card.md:10: Card-photo: the image file "/images/gone.jpg"'
        in printed
    )


def test_a_photo_layout_without_a_photo_is_a_content_problem(tmp_path: Path) -> None:
    printed = _problems(
        tmp_path,
        {
            "campaigns/2024.md": (
                "Card-photo: /images/2024/bright-blobs.jpg\n"
                "Card-photo-alt: Bright yellow and pale blue circles on a light background.\n"
                "Card-photo-consent: no people\n",
                "",
            )
        },
    )
    assert (
        "content/quotes/2024/photo-of-the-campaign.md:7: this post's cards use the photo" in printed
    )
    assert "Found 1 problem in 1 file." in printed


def test_partner_logos_must_match_the_partners(tmp_path: Path) -> None:
    printed = _problems(
        tmp_path,
        {"campaigns/2024.md": (", /images/logos/hillcrest.png", "")},
    )
    assert (
        "content/campaigns/2024.md:10: Partner-logos names 1 file but Partners names 2 partners"
        in printed
    )


def test_cards_use_the_sites_typeface() -> None:
    """The cards' first font is the theme's own Atkinson Hyperlegible: the same family and
    the same glyph widths as the WOFF2 files the pages load (Pillow reads both)."""
    from coproweek_cards import fonts
    from PIL import ImageFont

    sample = "Co-production Week 2025: what's missing? Ŵŷ 0123456789"
    theme = Path(__file__).resolve().parent.parent / "theme" / "static" / "fonts"
    for weight in ("regular", "bold"):
        card_font = ImageFont.truetype(fonts.atkinson(weight).path, 100)
        site_font = ImageFont.truetype(
            str(theme / f"AtkinsonHyperlegible-{weight.title()}.woff2"), 100
        )
        assert (
            card_font.getname() == site_font.getname() == ("Atkinson Hyperlegible", weight.title())
        )
        assert card_font.getlength(sample) == site_font.getlength(sample)


@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_figures_on_cards_have_a_plain_zero(weight: str) -> None:
    """Atkinson Hyperlegible's zero is slashed, so dates read like code ("2Ø25"): the
    figures of a card's words are drawn in Noto Sans, its letters in Atkinson."""
    from coproweek_cards.compose import FontSettings
    from coproweek_cards.settings import CardsSettings
    from coproweek_cards.text import split_runs

    chain = FontSettings(CardsSettings().font_dirs).chain(weight, False)
    runs = split_runs("Tuesday 10:00, 30 June 2025", chain)
    faces = {run.text.strip(): Path(run.face.path).name for run in runs if run.text.strip()}
    figures = [name for text, name in faces.items() if any(c.isdigit() for c in text)]
    letters = [name for text, name in faces.items() if any(c.isalpha() for c in text)]
    assert figures and all(name.startswith("NotoSans-") for name in figures), faces
    assert letters and all("Atkinson" in name for name in letters), faces
