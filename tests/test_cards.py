"""Social media cards: real builds of tests/fixtures/cards, checked on the rendered images."""

from __future__ import annotations

import html
import itertools
import json
import multiprocessing
import random
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, build, check, copy_fixture
from coproweek_cards import captions, fonts, generator, manifests, packs
from coproweek_cards.compose import FontSettings
from coproweek_cards.layouts import FORMATS, LAYOUTS, Box
from coproweek_cards.plan import Card, CardImage
from coproweek_cards.render import background
from coproweek_cards.settings import CardsSettings
from coproweek_cards.text import Setter, place, split_runs
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

FONT_SETTINGS = FontSettings(CardsSettings().font_dirs)


class Built:
    def __init__(self, content: Path, output: Path, printed: str, stats: dict[str, Any]) -> None:
        self.content = content
        self.output = output
        self.printed = printed
        self.stats = stats
        self.manifest = json.loads((output / "cards" / "manifest.json").read_text("utf-8"))

    def card(self, source_part: str, number: int = 1) -> dict[str, Any]:
        return next(
            c
            for c in self.manifest["cards"]
            if source_part in c["source"] and c["number"] == number
        )

    def file(self, card: dict[str, Any], fmt: str) -> Path:
        url = next(f["url"] for f in card["files"] if f["format"] == fmt)
        return self.output / url.lstrip("/")


def _build(content: Path, **settings: Any) -> Built:
    output = content.parent / "output"
    result, printed = build(content, output, **settings)
    assert result.ok, printed
    return Built(content, output, printed, result.stats["cards"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    content = copy_fixture("cards", tmp_path_factory.mktemp("cards"))
    return _build(content)


def test_raqm_is_active() -> None:
    assert features.check("raqm"), "install libfribidi0: without it Arabic is drawn unjoined"


def test_every_card_in_every_size(built: Built) -> None:
    sources = {c["source"] for c in built.manifest["cards"]}
    assert sources == {
        "content/campaigns/2024.md",
        "content/quotes/2024/arabic-listening-first.md",
        "content/quotes/2024/urdu-every-voice.md",
        "content/quotes/2024/bengali-decide-together.md",
        "content/quotes/2024/emoji-tea-and-biscuits.md",
        "content/quotes/2024/long-but-allowed.md",
        "content/quotes/2024/chinese-same-table.md",
        "content/blog/2024/listening-sessions.md",
    }
    blog = [c for c in built.manifest["cards"] if "listening-sessions" in c["source"]]
    assert sorted((c["kind"], c["number"]) for c in blog) == [("quote", 1), ("title", 0)]
    for card in built.manifest["cards"]:
        assert [f["format"] for f in card["files"]] == list(FORMATS)
        for entry in card["files"]:
            path = built.output / entry["url"].lstrip("/")
            with Image.open(path) as image:
                fmt = FORMATS[entry["format"]]
                assert image.size == (fmt.width, fmt.height) == (entry["width"], entry["height"])
                assert image.format == fmt.image_format
            assert entry["bytes"] == path.stat().st_size
            assert re.fullmatch(r"[a-z0-9-]+-\d+-[0-9a-f]{8}-[a-z]+\.(jpg|png)", path.name)
    sizes = {(f.width, f.height) for f in FORMATS.values()}
    assert sizes == {(1200, 630), (1200, 675), (1080, 1080), (1080, 1350), (1080, 1920)}


def test_link_previews_are_small_jpegs(built: Built) -> None:
    for card in built.manifest["cards"]:
        path = built.file(card, "link")
        assert path.suffix == ".jpg"
        assert path.stat().st_size < 300_000


def _text_pixels(
    image: Image.Image, plain: Image.Image, tolerance: int, safe: Box | None = None
) -> int:
    """Pixels that differ from the card drawn without words (outside `safe` when given)."""
    difference = ImageChops.difference(image.convert("RGB"), plain).convert("L")
    mask = difference.point(lambda v: 255 if v > tolerance else 0)
    if safe is not None:
        box = (safe.left, safe.top, safe.right - 1, safe.bottom - 1)
        ImageDraw.Draw(mask).rectangle(box, fill=0)
    return mask.histogram()[255]


def test_no_text_outside_the_safe_zone(built: Built) -> None:
    palette = {"background": "#FBF8FF", "text": "#1B1B1B", "accent": "#5A2A82"}
    for card in built.manifest["cards"]:
        layout = LAYOUTS["light-quote" if card["kind"] == "quote" else "light-title"]
        for entry in card["files"]:
            fmt = FORMATS[entry["format"]]
            plain = background(layout, fmt, palette)
            with Image.open(built.output / entry["url"].lstrip("/")) as image:
                # PNG is exact; JPEG compression blurs edges a little, so allow faint noise.
                tolerance = 0 if fmt.image_format == "PNG" else 48
                outside = _text_pixels(image, plain, tolerance, fmt.safe)
                inside = _text_pixels(image, plain, tolerance)
            assert outside == 0, f"{entry['url']}: {outside} text pixels outside the safe zone"
            assert inside > 1000, f"{entry['url']} has no text"


def _covering(char: str, face: fonts.Face) -> bool:
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return ord(char) in (font.getBestCmap() or {})


@pytest.mark.parametrize(
    ("slug", "font_file"),
    [
        ("arabic-listening-first", "NotoNaskhArabic"),
        ("urdu-every-voice", "NotoNastaliqUrdu"),
        ("bengali-decide-together", "NotoSansBengali"),
        ("emoji-tea-and-biscuits", "NotoColorEmoji"),
        ("chinese-same-table", "NotoSansCJK"),
    ],
)
def test_scripts_and_emoji_use_a_covering_font(built: Built, slug: str, font_file: str) -> None:
    card = built.card(slug)
    text = re.search(r": (.*) — ", card["alt"]).group(1)  # the quote's words from the alt text
    urdu = fonts.needs_urdu(text)
    chain = FONT_SETTINGS.chain("regular", urdu)
    runs = split_runs(text, chain)
    used = {Path(run.face.path).stem.removesuffix("-Regular") for run in runs}
    assert font_file in used
    for run in runs:
        for char in run.text:
            if fonts.is_joiner(char):
                continue
            assert _covering(char, run.face), f"{char!r} drawn with {run.face.name}"
    # The card really shows those glyphs: pixels in the text colour (or, for emoji, colours
    # that are neither the text nor the accent colour) inside the text area.
    with Image.open(built.file(card, "square")) as image:
        colours = {c for _, c in image.convert("RGB").getcolors(1_000_000)}
    if font_file == "NotoColorEmoji":
        assert any(abs(r - g) > 60 and abs(g - b) > 30 for r, g, b in colours)


def test_raqm_shapes_arabic_on_cards() -> None:
    """Joined Arabic letters (raqm) look different from the isolated forms of basic layout."""
    chain = FONT_SETTINGS.chain("regular", False)
    (run,) = split_runs("نستمع", chain)
    face_path = run.face.path
    images = []
    for engine in (ImageFont.Layout.RAQM, ImageFont.Layout.BASIC):
        font = ImageFont.truetype(face_path, 80, layout_engine=engine)
        image = Image.new("L", (400, 160), 255)
        ImageDraw.Draw(image).text(
            (380, 110),
            "نستمع",
            font=font,
            anchor="rs",
            direction="rtl" if engine == ImageFont.Layout.RAQM else None,
        )
        images.append(image)
    assert ImageChops.difference(*images).getbbox() is not None
    assert fonts.pillow_font(run.face, 80).layout_engine == ImageFont.Layout.RAQM


def test_alt_text_and_page_meta(built: Built) -> None:
    for card in built.manifest["cards"]:
        assert not card["alt"].lower().startswith(("image of", "picture of"))
    card = built.card("long-but-allowed")
    assert "When we started, nobody explained the acronyms" in card["alt"]
    assert "Gethin, Expert Citizen, Severnside Peer Research Collective" in card["alt"]
    assert card["alt"].endswith("#CoProWeek")
    assert len(card["alt_long"]) > len(card["alt"])
    page = (built.output / "2024" / "long-but-allowed" / "index.html").read_text("utf-8")
    meta = dict(
        (html.unescape(k), html.unescape(v))
        for k, v in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)
    )
    assert meta["og:image:alt"] == card["alt"]
    assert meta["twitter:image:alt"] == card["alt"]
    link = next(f for f in card["files"] if f["format"] == "link")
    assert meta["og:image"].endswith(link["url"].lstrip("/"))
    assert meta["og:image:type"] == "image/jpeg"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    # Only the display name reaches the card, never the full name in the file.
    assert "Ambrose-Llewellyn" not in json.dumps(built.manifest, ensure_ascii=False)


def test_a_gallery_of_few_cards_is_one_page(built: Built) -> None:
    folder = built.output / "campaigns" / "2024" / "cards"
    assert not (folder / "page").exists()
    page = (folder / "index.html").read_text("utf-8")
    assert "Pages of this gallery" not in page and 'rel="next"' not in page


@pytest.mark.parametrize("size", [None, 0, -3])
def test_a_page_size_of_none_or_below_one_puts_every_card_on_one_page(size: Any) -> None:
    cards: list[Any] = list(range(7))  # stand-ins: pages only slice the list
    assert generator.gallery_pages(cards, size) == [cards]
    assert generator.gallery_pages([], size) == [[]]
    assert generator.gallery_pages(cards, 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert generator.gallery_pages([], 3) == [[]]  # an empty campaign still has its page


def test_a_large_gallery_comes_in_pages(sample_site: Path) -> None:
    """conftest pages the sample's galleries at 4 cards: every card is on exactly one page,
    in the campaign's order, and every page links to every other and to the whole pack."""
    galleries = sorted(sample_site.glob("campaigns/*/cards/manifest.json"))
    assert galleries
    for manifest in galleries:
        folder = manifest.parent
        year = folder.parent.name
        cards = json.loads(manifest.read_text("utf-8"))["cards"]
        count = -(-len(cards) // 4)
        assert count > 1, f"{year}: too few cards in the sample to page"
        addresses = [f"/campaigns/{year}/cards/"]
        addresses += [f"/campaigns/{year}/cards/page/{n}/" for n in range(2, count + 1)]
        assert sorted(folder.glob("page/*/index.html")) == sorted(
            folder / "page" / str(n) / "index.html" for n in range(2, count + 1)
        )
        shown: list[str] = []
        numbers: list[str] = []
        titles = set()
        for number, address in enumerate(addresses, 1):
            page = (sample_site / address.strip("/") / "index.html").read_text("utf-8")
            titles.add(re.search(r"<title>([^<]*)</title>", page)[1])
            assert f"page {number} of {count}" in page
            on_page = re.findall(r'<h2 id="card-(\d+)">', page)
            assert 1 <= len(on_page) <= 4
            numbers += on_page
            shown += re.findall(r'href="([^"]+)" download', page)
            listed = re.findall(
                r'<li><a href="([^"]+)"( aria-current="page")?>Page (\d+)</a>', page
            )
            assert [href for href, _, _ in listed] == addresses
            assert [int(n) for _, current, n in listed if current] == [number]
            previous = re.search(r'<a rel="prev" href="([^"]+)"', page)
            following = re.search(r'<a rel="next" href="([^"]+)"', page)
            assert (previous[1] if previous else None) == (
                addresses[number - 2] if number > 1 else None
            )
            assert (following[1] if following else None) == (
                addresses[number] if number < count else None
            )
            assert f'href="/campaigns/{year}/cards/{year}-cards.zip" download' in page
        assert len(titles) == count  # every page has its own title
        assert numbers == [str(n) for n in range(1, len(cards) + 1)]
        files = [f["url"] for card in cards for f in card["files"]]
        assert [url for url in shown if not url.endswith(".zip")] == files


def test_gallery_zip_and_manifest(built: Built) -> None:
    folder = built.output / "campaigns" / "2024" / "cards"
    page = (folder / "index.html").read_text("utf-8")
    campaign_manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert len(campaign_manifest["cards"]) == len(built.manifest["cards"])
    for card in campaign_manifest["cards"]:
        for entry in card["files"]:
            assert f'href="{entry["url"]}" download' in page
        assert html.escape(card["caption"], quote=False) in page or card[
            "caption"
        ] in html.unescape(page)
        assert captions.fits_everywhere(card["caption"])
        assert card["caption"].endswith("#CoProWeek")
    # One preview per card, its sizes as download links, and its three texts to copy.
    count = len(campaign_manifest["cards"])
    assert page.count("<img ") == page.count(' alt="') == count
    assert page.count('class="copy-text"') == 3 * count
    previews = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', page)
    for card, (src, alt) in zip(campaign_manifest["cards"], previews, strict=True):
        assert html.unescape(alt) == card["alt"]
        with Image.open(built.output / src.lstrip("/")) as preview:
            assert preview.format == "WEBP" and preview.width == 480
    _assert_pack_holds_the_campaign(built)
    # A pack per post, beside the campaign's: the post's cards in every size.
    post_zips = re.findall(r'href="(/campaigns/2024/cards/[^"]+-cards\.zip)" download', page)
    by_source: dict[str, list[str]] = {}
    for card in campaign_manifest["cards"]:
        by_source.setdefault(card["source"], []).extend(
            f["url"].rsplit("/", 1)[-1] for f in card["files"]
        )
    assert len(set(post_zips) - {"/campaigns/2024/cards/2024-cards.zip"}) == len(by_source)
    blog_zip = built.output / "campaigns/2024/cards/listening-sessions-cards.zip"
    with zipfile.ZipFile(blog_zip) as pack:
        names = pack.namelist()
        assert names[0] == "manifest.json"
        assert sorted(names[1:]) == sorted(by_source["content/blog/2024/listening-sessions.md"])
    with zipfile.ZipFile(folder / "2024-cards.zip") as pack:
        assert len(pack.namelist()) == 1 + 5 * len(campaign_manifest["cards"])
        assert {info.date_time for info in pack.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_no_cards_without_social_consent(built: Built) -> None:
    names = [p.name for p in (built.output / "cards").rglob("*.*")]
    assert not [n for n in names if "withdrawn-marmalade" in n or "web-only" in n]
    everything = "".join(p.read_text("utf-8", "replace") for p in built.output.rglob("*.html"))
    assert "marmalade" not in everything and "Vantbrook" not in everything
    with zipfile.ZipFile(built.output / "campaigns" / "2024" / "cards" / "2024-cards.zip") as pack:
        assert not [n for n in pack.namelist() if "withdrawn-marmalade" in n or "web-only" in n]
    assert "withdrawn-marmalade-rota-1-" in built.printed
    assert any("withdrawn-marmalade-rota-1-" in line for line in built.stats["takedown"])


def _pack_of(built: Built, year: int = 2024) -> Path:
    return built.output / "campaigns" / str(year) / "cards" / f"{year}-cards.zip"


def _assert_pack_holds_the_campaign(built: Built, year: int = 2024) -> None:
    """The pack holds the campaign's manifest.json, then every card file of the campaign
    (the files of the site, sorted by address), and nothing else."""
    folder = built.output / "campaigns" / str(year) / "cards"
    manifest = (folder / "manifest.json").read_bytes()
    urls = sorted(f["url"] for c in json.loads(manifest)["cards"] for f in c["files"])
    with zipfile.ZipFile(folder / f"{year}-cards.zip") as pack:
        assert pack.testzip() is None
        assert pack.namelist() == ["manifest.json"] + [url.rsplit("/", 1)[-1] for url in urls]
        assert pack.read("manifest.json") == manifest
        for url in urls:
            assert (
                pack.read(url.rsplit("/", 1)[-1]) == (built.output / url.lstrip("/")).read_bytes()
            )


def test_caching_second_build_and_one_changed_quote(tmp_path: Path) -> None:
    content = copy_fixture("cards", tmp_path)
    card_cache = tmp_path / "card-cache"  # outside output/, as the default .cache/cards is
    first = _build(content, COPROWEEK_CARDS_CACHE_DIR=str(card_cache))
    total = 5 * len(first.manifest["cards"])
    assert (first.stats["rendered"], first.stats["reused"]) == (total, 0)
    names_before = {p.name for p in (first.output / "cards").rglob("*.*")}
    pack_before = _pack_of(first).read_bytes()

    # A wiped output/ costs a copy, not a redraw; nothing changed, so nothing is drawn.
    shutil.rmtree(first.output)
    second = _build(content, COPROWEEK_CARDS_CACHE_DIR=str(card_cache))
    assert (second.stats["rendered"], second.stats["reused"]) == (0, total)
    assert {p.name for p in (second.output / "cards").rglob("*.*")} == names_before
    assert _pack_of(second).read_bytes() == pack_before

    # Editing one quote re-draws only its five cards, under new names, and the pack follows.
    quote = content / "quotes" / "2024" / "bengali-decide-together.md"
    quote.write_text(quote.read_text("utf-8").replace("নিই", "নিয়েছি"), "utf-8")
    third = _build(content, COPROWEEK_CARDS_CACHE_DIR=str(card_cache))
    assert (third.stats["rendered"], third.stats["reused"]) == (5, total - 5)
    names_after = {p.name for p in (third.output / "cards").rglob("*.*")}
    changed = names_before ^ names_after
    assert len(changed) == 12  # five sizes and the gallery's preview, old and new
    assert all(n.startswith("bengali-decide-together-") for n in changed)
    _assert_pack_holds_the_campaign(third)
    cards = len(first.manifest["cards"])
    cached = list((card_cache / "files").iterdir())
    # The old Bengali cards were removed from the cache (each card has a preview too) ...
    assert len(cached) == total + cards
    # ... and the old packs too: the campaign's and one per post (and campaign card).
    sources = {card["source"] for card in first.manifest["cards"]}
    assert len(list((card_cache / "packs").iterdir())) == 1 + len(sources)

    # Withdrawing a published quote: its cards leave output/, the pack and the cache, and
    # the build lists every card file that was shared (the gallery's previews never are).
    old = {
        n
        for n in names_after
        if n.startswith("emoji-tea-and-biscuits-") and not n.endswith("-preview.webp")
    }
    emoji = content / "quotes" / "2024" / "emoji-tea-and-biscuits.md"
    emoji.write_text(
        emoji.read_text("utf-8").replace("Channels:", "Withdrawn: yes\nChannels:"), "utf-8"
    )
    fourth = _build(content, COPROWEEK_CARDS_CACHE_DIR=str(card_cache))
    assert fourth.stats["rendered"] == 0
    left = {p.name for p in (fourth.output / "cards").rglob("*.*")}
    assert not [n for n in left if n.startswith("emoji-tea")]
    _assert_pack_holds_the_campaign(fourth)
    assert all(name in fourth.printed for name in old)
    assert len(list((card_cache / "files").iterdir())) == total - 5 + cards - 1


def test_a_quote_longer_than_a_card_is_published_in_full_without_a_card(tmp_path: Path) -> None:
    content = copy_fixture("cards-too-long", tmp_path)
    code, printed = check(content, COPROWEEK_STRICT=True)
    assert code == 0, printed  # never a reason to refuse someone's words
    assert "content/quotes/2024/far-too-long.md:8: notice: this quote is" in printed
    assert "published in full but has no card" in printed and "Excerpt:" in printed
    result, printed = build(content, content.parent / "full")
    assert result.ok, printed
    words = (content / "quotes/2024/far-too-long.md").read_text("utf-8").split("\n\n", 1)[1]
    page = (content.parent / "full/2024/far-too-long/index.html").read_text("utf-8")
    assert " ".join(words.split()[-12:]) in " ".join(page.split())  # the last words too
    manifest = (content.parent / "full/cards/manifest.json").read_text("utf-8")
    assert "far-too-long-1-" not in manifest
    # Allowed by the character count, the quote still cannot be drawn at a readable size.
    code, printed = check(content, COPROWEEK_CARD_MAX_CHARS=2000)
    assert code == 1, printed
    assert "content/quotes/2024/far-too-long.md:8: this quote does not fit" in printed
    assert "Link preview (1200x630: the words)" in printed
    assert "Excerpt:" in printed
    result, printed = build(content, content.parent / "output", COPROWEEK_CARD_MAX_CHARS=2000)
    assert not result.ok and not (content.parent / "output").exists()


def test_a_character_without_a_font_is_named(tmp_path: Path) -> None:
    content = copy_fixture("cards-too-long", tmp_path)
    quote = content / "quotes" / "2024" / "far-too-long.md"
    quote.write_text(
        quote.read_text("utf-8").split("\n\n")[0] + "\n\nA private sign \ue000 here.\n", "utf-8"
    )
    code, printed = check(content)
    assert code == 1
    assert "content/quotes/2024/far-too-long.md:8:" in printed
    assert "U+E000" in printed and "empty box" in printed


def test_low_contrast_palette_is_a_content_error(tmp_path: Path) -> None:
    content = copy_fixture("cards-too-long", tmp_path)
    (content / "quotes" / "2024" / "far-too-long.md").unlink()
    assert check(content)[0] == 0
    # A campaign palette is checked where it is written (the campaign file)...
    campaign = content / "campaigns" / "2024.md"
    original = campaign.read_text("utf-8")
    campaign.write_text(original.replace("#5A2A82", "#C9B8E0"), "utf-8")
    code, printed = check(content)
    lines = original.splitlines()
    accent_line = next(i for i, text in enumerate(lines, 1) if text.startswith("Accent"))
    assert code == 1 and f"content/campaigns/2024.md:{accent_line}:" in printed
    assert "contrast" in printed
    # ...and so is the palette of cards outside any campaign, by the cards plugin.
    campaign.write_text(original, "utf-8")
    code, printed = check(
        content, COPROWEEK_CARDS_DEFAULT_PALETTE=("#FFFFFF", "#1B1B1B", "#C9B8E0")
    )
    assert code == 1
    assert "pelicanconf.py:1: cards draw attribution text in Accent #C9B8E0" in printed
    assert "below the 4.5 to 1" in printed


def test_captions_count_like_each_network() -> None:
    url = "https://example.org/2024/a-very-long-address-for-a-post-that-goes-on/"
    long = "“" + " ".join(["word"] * 120) + "”"
    text = captions.caption(long, "— Sam, Carer", url, "#CoProWeek")
    assert text.endswith(f"{url} #CoProWeek")
    assert captions.x_length(text) <= 280 and captions.bluesky_length(text) <= 300
    assert captions.x_length("ab " + url) == 3 + 23
    assert captions.x_length("你好") == 4  # Chinese counts double on X
    assert captions.x_length("আমরা") == 4  # Bengali counts single
    assert captions.bluesky_length("👩‍👩‍👧 hi") == 4


def test_benchmark_module_imports() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "cards_bench", FIXTURES.parent.parent / "benchmarks" / "cards.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.main)


def test_sample_site_cards(sample_site: Path) -> None:
    manifest = json.loads((sample_site / "cards" / "manifest.json").read_text("utf-8"))
    sources = {card["source"] for card in manifest["cards"]}
    assert "content/quotes/2024/withdrawn-example.md" not in sources
    assert not list((sample_site / "cards").rglob("withdrawn-example*"))
    assert {"content/campaigns/2023.md", "content/campaigns/2024.md"} <= sources
    for year in (2023, 2024, 2025):
        assert (sample_site / "campaigns" / str(year) / "cards" / f"{year}-cards.zip").is_file()
    home = (sample_site / "index.html").read_text("utf-8")
    assert '<meta property="og:image" content="' in home
    assert '<meta name="twitter:card" content="summary_large_image">' in home


def test_logo_image_replaces_the_wordmark(tmp_path: Path) -> None:
    content = copy_fixture("cards-too-long", tmp_path)
    (content / "quotes" / "2024" / "far-too-long.md").unlink()
    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((0, 0, 299, 99), fill=(200, 30, 40, 255))
    logo.save(content.parent / "logo.png")
    built = _build(content, COPROWEEK_CARDS_LOGO="logo.png", COPROWEEK_CARDS_FORMATS=("square",))
    (card,) = built.manifest["cards"]
    assert "logo of Co-production Week" in card["alt_long"]
    fmt = FORMATS["square"]
    with Image.open(built.file(card, "square")) as image:
        rgb = image.convert("RGB")
        corner = rgb.crop(
            (fmt.safe.right - 100, fmt.safe.bottom - 40, fmt.safe.right, fmt.safe.bottom)
        )
        assert (200, 30, 40) in {colour for _, colour in corner.getcolors(10_000)}
        plain = background(
            LAYOUTS["light-title"],
            fmt,
            {"background": "#FBF8FF", "text": "#1B1B1B", "accent": "#5A2A82"},
        )
        assert _text_pixels(rgb, plain, 0, fmt.safe) == 0


def test_card_cache_lives_outside_output_by_default() -> None:
    from coproweek_cards.settings import cache_dir

    assert cache_dir({"PATH": "/site/content"}) == Path("/site/.cache/cards")
    project = {"PATH": "/site/content", "COPROWEEK_PROJECT_ROOT": "/work"}
    assert cache_dir(project) == Path("/work/.cache/cards")


def test_mixed_directions_keep_their_spaces() -> None:
    """An English word inside Arabic sits between its neighbours with one space each side."""
    chain = FONT_SETTINGS.chain("regular", False)
    text = "نحن نستخدم WhatsApp كل يوم"
    setter = Setter(text, chain, 1.3)
    block = setter.block(40, 2000)
    assert block is not None and block.rtl and len(block.lines) == 1
    runs = [r for r in place(block, chain, Box(0, 0, 2000, 200), 0, "#000000") if r.text.strip()]
    assert [r.text for r in runs] == ["كل يوم", "WhatsApp", "نحن نستخدم"]  # left to right
    gaps = [b.x - (a.x + a.width) for a, b in itertools.pairwise(runs)]
    space = fonts.pillow_font(runs[1].face, 40).getlength(" ")
    assert all(abs(gap - space) < space * 0.6 for gap in gaps), gaps


def _card(number: int, campaign_year: int | None, formats: tuple[str, ...]) -> Card:
    text = 'Line one\n"quoted", back\\slash, tab\t, नमस्ते, 😀 — “curly”'
    card = Card(
        source=f"content/quotes/{number}.md",
        line=3,
        kind="quote",
        number=number,
        slug="slug",
        folder="misc",
        layout="light-quote",
        words={},
        palette={},
        alt=text,
        alt_long=text,
        caption=text,
        page_url=f"{number}/slug/",
        title=text,
        campaign_year=campaign_year,
    )
    for length, fmt in enumerate(formats, 1):
        url = f"cards/x/{number}-{fmt}.png"
        image = CardImage(fmt, fmt, url, 1080, 1350, "image/png", "key", "", "", length * 1000)
        card.images[fmt] = image
    return card


def _as_json(card: Card, site_url: str) -> dict[str, Any]:
    return {
        "source": card.source,
        "page": f"{site_url}/{card.page_url}",
        "title": card.title,
        "kind": card.kind,
        "number": card.number,
        "campaign": card.campaign_year,
        "layout": card.style,
        "alt": card.alt,
        "alt_long": card.alt_long,
        "caption": card.caption,
        "files": [
            {
                "format": image.format,
                "url": f"{site_url}/{image.url}",
                "width": image.width,
                "height": image.height,
                "mime_type": image.mime_type,
                "bytes": image.length,
            }
            for image in card.images.values()
        ],
    }


def test_manifests_are_laid_out_as_json_dumps_with_indent_1() -> None:
    """The fast manifest writer gives the same bytes as json.dumps(indent=1), so manifests
    and the zip packs they key stay the same from one version of the kit to the next."""
    cards = [_card(1, 2024, ("link", "x", "square")), _card(2, None, ()), _card(3, 2024, ("x",))]
    entries = [manifests.manifest_entry(card, "https://example.org") for card in cards]

    def dumps(data: Any) -> bytes:
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()

    everything = [_as_json(card, "https://example.org") for card in cards]
    assert manifests.manifest(entries) == dumps({"cards": everything})
    assert manifests.manifest(entries[:1], 2024) == dumps(
        {"campaign": 2024, "cards": everything[:1]}
    )
    assert manifests.manifest([], 2025) == dumps({"campaign": 2025, "cards": []})
    assert manifests.manifest([]) == dumps({"cards": []})


def test_stats_time_the_drawing(built: Built) -> None:
    assert built.stats["rendered"] > 0 and built.stats["draw_seconds"] > 0


def _pack_inputs(output: Path, sizes: dict[int, int]) -> list[Card]:
    """Cards numbered as `sizes` keys, each with three files of about that many bytes."""
    cards = [_card(number, 2024, ("link", "x", "square")) for number in sorted(sizes)]
    for card in cards:
        for offset, image in enumerate(card.images.values()):
            file = output / image.url
            file.parent.mkdir(parents=True, exist_ok=True)
            if not file.exists():
                file.write_bytes(random.Random(image.url).randbytes(sizes[card.number] + offset))
    return cards


def _pack(path: Path, output: Path, cards: list[Card]) -> bytes:
    entries = [manifests.manifest_entry(card, "https://example.org") for card in cards]
    members = packs.pack_members(cards, lambda image: str(output / image.url))
    packs.write_pack(path, manifests.manifest(entries, 2024), members)
    return path.read_bytes()


def test_a_pack_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    """The same cards make the same pack, whenever their files were written."""
    output = tmp_path / "output"
    cards = _pack_inputs(output, {n: 3000 + 997 * n for n in range(1, 5)})
    first = _pack(tmp_path / "first.zip", output, cards)
    for file in output.rglob("*.png"):
        file.write_bytes(file.read_bytes())  # written again: a new modification time
    assert _pack(tmp_path / "second.zip", output, cards) == first
    with zipfile.ZipFile(tmp_path / "second.zip") as pack:
        assert pack.testzip() is None
        urls = sorted(image.url for card in cards for image in card.images.values())
        assert pack.namelist() == ["manifest.json"] + [url.rsplit("/", 1)[-1] for url in urls]
        assert {info.date_time for info in pack.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.compress_type for info in pack.infolist()} == {zipfile.ZIP_STORED}


def test_a_pack_past_the_zip64_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the ZIP64 limits lowered, big members, members past the limit and the member
    count need ZIP64 records, as in a real pack of many gigabytes: the pack still opens, and
    is still the same bytes every time."""
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 60_000)
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 10)
    output = tmp_path / "output"
    cards = _pack_inputs(output, {n: 3000 + 997 * n for n in range(1, 7)} | {6: 70_000})
    first = _pack(tmp_path / "first.zip", output, cards)
    assert b"PK\x06\x06" in first  # the ZIP64 end of central directory record
    assert _pack(tmp_path / "second.zip", output, cards) == first
    with zipfile.ZipFile(tmp_path / "first.zip") as pack:
        assert pack.testzip() is None
        assert len(pack.namelist()) == 1 + 3 * len(cards)


def _files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_make_the_same_cards_and_packs(tmp_path: Path) -> None:
    """Built again from nothing (another output and card cache, so every card is drawn and
    packed again), the cards, the manifests and the packs are byte for byte the same."""
    first = _build(copy_fixture("cards", tmp_path / "first"))
    second = _build(copy_fixture("cards", tmp_path / "second"))
    assert second.stats["rendered"] == first.stats["rendered"] > 0
    for folder in ("cards", "campaigns/2024/cards"):
        files = _files_under(first.output / folder)
        assert files and _files_under(second.output / folder) == files


def _truncated_logo(path: Path) -> None:
    """A PNG whose size can be read but not its pixels (the file was cut short)."""
    logo = Image.new("RGBA", (300, 100), (200, 30, 40, 255))
    logo.save(path)
    path.write_bytes(path.read_bytes()[:60])


def test_a_card_a_worker_cannot_draw_stops_the_build(tmp_path: Path) -> None:
    """The worker drawing the cards fails (the logo file is damaged): the build stops with
    the kit's message, the site built before is left as it was, and no worker is left."""
    content = copy_fixture("cards-too-long", tmp_path)
    (content / "quotes" / "2024" / "far-too-long.md").unlink()
    output = _build(content).output
    before = _files_under(output)
    _truncated_logo(content.parent / "logo.png")
    result, printed = build(content, output, COPROWEEK_CARDS_LOGO="logo.png")
    assert not result.ok
    assert "The build stopped because of an unexpected problem" in printed
    assert "This is a fault in the site kit" in printed
    assert _files_under(output) == before
    assert [path.name for path in output.parent.iterdir() if path.name.startswith(".")] == []
    assert multiprocessing.active_children() == []


def test_a_build_that_fails_while_cards_are_drawn_leaves_no_worker(tmp_path: Path) -> None:
    """A template error stops the build while the workers are still drawing: nothing is
    published and every worker process has ended when the build returns."""
    content = copy_fixture("cards", tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    template = article.read_text("utf-8")
    article.write_text(
        template.replace("{% block content %}", "{% block content %}{{ no_such_function() }}"),
        "utf-8",
    )
    result, printed = build(content, tmp_path / "output", THEME=str(theme))
    assert not result.ok
    assert "no_such_function" in printed
    assert not (tmp_path / "output").exists()
    assert multiprocessing.active_children() == []
