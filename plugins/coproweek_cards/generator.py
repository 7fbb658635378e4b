"""Drawing the cards (from the cache when possible) and writing the gallery, the download
packs and the manifests."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from . import render
from .cache import CardCache
from .compose import FontSettings
from .layouts import FORMATS
from .packs import PackJob, build_pack, pack_members, pack_path
from .plan import Card, CardOptions
from .render import Job, render_to_file
from .settings import cache_dir, setting
from .workers import Workers


@dataclass
class Stats:
    """What the last build did with cards (tests and the build summary read it)."""

    rendered: int = 0
    reused: int = 0
    removed: int = 0
    takedown: list[str] = field(default_factory=list)
    draw_seconds: float = 0.0  # wall time from the start of drawing until all were drawn


LAST = Stats()


@dataclass
class Plan:
    cards: list[Card] = field(default_factory=list)
    takedown: dict[str, list[str]] = field(default_factory=dict)  # source -> card file names
    cache: CardCache | None = None
    drawing: int = 0  # how many card files the workers draw
    workers: Workers | None = None
    packs: Path | None = None  # the cache folder of packs
    used_packs: set[Path] = field(default_factory=set)  # the packs this build links
    to_link: list[tuple[Path, Path]] = field(default_factory=list)  # (pack, into the site)


CURRENT = Plan()


def start_drawing(cards: list[Card], settings: dict[str, Any]) -> None:
    """Have worker processes draw the card files the cache lacks, while Pelican writes the
    pages; CardsGenerator waits for them, and then has a worker build each campaign pack
    the cache lacks while the rest of the site is written."""
    stop_workers()  # those of a build that failed before it finished
    options = CardOptions.from_settings(settings)
    cache = CardCache(cache_dir(settings))
    jobs: list[Job] = []
    for card in cards:
        for image in card.images.values():
            fmt = FORMATS[image.format]
            cache.remember(card.source, image.file_name)
            if not cache.has(image.key, fmt.extension):
                target = str(cache.path(image.key, fmt.extension))
                jobs.append(_job(card, image.format, options.fonts, target, image.key))
    cache.files.mkdir(parents=True, exist_ok=True)
    cores = setting(settings, "COPROWEEK_CARDS_WORKERS") or os.cpu_count() or 1
    few = len(jobs) < setting(settings, "COPROWEEK_CARDS_POOL_MIN")
    # A forked worker shares the build's memory, and while it lives every page of it the
    # build writes to is copied first: at 2,000 posts that costs the build more than a
    # fresh worker costs to start on the other core. Forking pays only for many cards,
    # which then reuse the compositions the checks worked out.
    workers = Workers(1, fresh=True) if few else Workers(cores)
    CURRENT.cache, CURRENT.drawing, CURRENT.workers = cache, len(jobs), workers
    CURRENT.packs = cache.folder / "packs"
    CURRENT.used_packs, CURRENT.to_link = set(), []
    workers.draw(jobs)


def _measure(cards: list[Card], cache: CardCache) -> None:
    for card in cards:
        for image in card.images.values():
            image.length = cache.length(image.key, FORMATS[image.format].extension)


def stop_workers() -> None:
    if CURRENT.workers is not None:
        CURRENT.workers.stop()
        CURRENT.workers = None


def finish_packs() -> None:
    """Wait for the packs being built and link them into the site, then drop the packs this
    build did not use."""
    workers, CURRENT.workers = CURRENT.workers, None
    packs, CURRENT.packs = CURRENT.packs, None
    if workers is None or packs is None:
        return
    workers.finish()
    for pack, target in CURRENT.to_link:
        place(pack, target)
    if packs.is_dir():
        for pack in packs.glob("*.zip"):
            if pack not in CURRENT.used_packs:
                pack.unlink(missing_ok=True)


def _job(card: Card, fmt: str, font_settings: FontSettings, target: str, key: str) -> Job:
    words, palette = tuple(card.words.items()), tuple(card.palette.items())
    return Job(words, palette, card.layout, fmt, font_settings, target, key)


# The manifests keep the layout of json.dumps(indent=1), which runs the pure-Python encoder.
# They are put together from pieces the C encoder writes instead, with the newlines and
# indents in its separators: an encoded string never holds a raw newline, so they cannot clash.
_CARD_FIELDS = json.JSONEncoder(ensure_ascii=False, separators=(",\n   ", ": "))
_FILE_FIELDS = json.JSONEncoder(ensure_ascii=False, separators=(",\n     ", ": "))


def _files_json(files: list[dict[str, Any]]) -> str:
    """A card's list of files, laid out for its depth in the manifest."""
    if not files:
        return "[]"
    # One call for all files: they are parted by "},\n     {" and nothing else is (inside a
    # file, a separator is followed by a quoted name), so that is where their braces go.
    inner = _FILE_FIELDS.encode(files)[2:-2].replace("},\n     {", "\n    },\n    {\n     ")
    return f"[\n    {{\n     {inner}\n    }}\n   ]"


def _manifest_entry(card: Card, site_url: str) -> bytes:
    """One card as it stands in both manifests (at the same depth in each)."""
    fields = {
        "source": card.source,
        "page": f"{site_url}/{card.page_url}",
        "title": card.title,
        "kind": card.kind,
        "number": card.number,
        "campaign": card.campaign_year,
        "alt": card.alt,
        "alt_long": card.alt_long,
        "caption": card.caption,
    }
    files = [
        {
            "format": image.format,
            "url": f"{site_url}/{image.url}",
            "width": image.width,
            "height": image.height,
            "mime_type": image.mime_type,
            "bytes": image.length,
        }
        for image in card.images.values()
    ]
    members = _CARD_FIELDS.encode(fields)[1:-1]
    return f'{{\n   {members},\n   "files": {_files_json(files)}\n  }}'.encode()


def _manifest(entries: list[bytes], campaign: int | None = None) -> bytes:
    """The manifest file, byte for byte what json.dumps(indent=1) gave, and a newline."""
    head = "" if campaign is None else f'\n "campaign": {json.dumps(campaign)},'
    cards = b"[\n  " + b",\n  ".join(entries) + b"\n ]" if entries else b"[]"
    return f'{{{head}\n "cards": '.encode() + cards + b"\n}\n"


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def place(cached: Path | str, target: Path | str) -> None:
    """Put a cached file into the site: a hard link costs nothing, a copy where links fail."""
    try:
        os.link(cached, target)
    except FileExistsError:
        os.unlink(target)
        place(cached, target)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)


def _link_pack(year: int, cards: list[Card], manifest: bytes, target: Path) -> None:
    """The campaign's pack into the site: now if the cache has it, else once a worker has
    built it (finish_packs)."""
    workers, packs, cache = CURRENT.workers, CURRENT.packs, CURRENT.cache
    assert workers is not None and packs is not None and cache is not None
    pack = pack_path(packs, year, manifest)
    CURRENT.used_packs.add(pack)
    target.parent.mkdir(parents=True, exist_ok=True)
    if pack.is_file():
        place(pack, target)
        return
    files = str(cache.files)  # strings: thousands of paths, made and pickled for a worker
    members = pack_members(
        cards,
        lambda image: os.path.join(files, f"{image.key}.{FORMATS[image.format].extension}"),
    )
    workers.run(build_pack, PackJob(str(pack), manifest, members))
    CURRENT.to_link.append((pack, target))


class CardsGenerator(Generator):
    """Writes output/cards/, the gallery per campaign, its zip pack and the manifests."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        if not setting(self.settings, "COPROWEEK_CARDS_ENABLED"):
            return
        options = CardOptions.from_settings(self.settings)
        cards = CURRENT.cards
        cache, workers = CURRENT.cache, CURRENT.workers
        assert cache is not None and workers is not None, "cards are planned before output"
        stats = Stats(rendered=CURRENT.drawing)
        stats.reused = sum(len(card.images) for card in cards) - CURRENT.drawing
        stats.draw_seconds = workers.drawn()

        output = Path(self.output_path)
        folders: set[str] = set()
        for card in cards:
            for image in card.images.values():
                extension = FORMATS[image.format].extension
                cached = cache.path(image.key, extension)
                target = os.path.join(self.output_path, image.url)
                folder = os.path.dirname(target)
                if folder not in folders:
                    os.makedirs(folder, exist_ok=True)
                    folders.add(folder)
                try:
                    place(cached, target)
                except FileNotFoundError:  # removed meanwhile by a build of other content
                    render_to_file(_job(card, image.format, options.fonts, str(cached), image.key))
                    stats.rendered += 1
                    cache.lengths.pop(image.key, None)
                    place(cached, target)
        _measure(cards, cache)
        stats.removed = cache.save({image.key for card in cards for image in card.images.values()})

        self._write_galleries(writer, output, cards, options)
        render.forget()
        stats.takedown = [
            f"{source}: {name}"
            for source, names in sorted(CURRENT.takedown.items())
            for name in names
        ]
        LAST.__dict__.update(stats.__dict__)
        print(f"Cards: {stats.rendered} rendered, {stats.reused} reused.", file=sys.stdout)
        if CURRENT.takedown:
            print(
                "Cards to delete from social media (consent withdrawn or ended):", file=sys.stdout
            )
            for source, names in sorted(CURRENT.takedown.items()):
                print(f"  {source}:", file=sys.stdout)
                for name in names:
                    print(f"    {name}", file=sys.stdout)

    def _write_galleries(
        self, writer: Any, output: Path, cards: list[Card], options: CardOptions
    ) -> None:
        entries = [_manifest_entry(card, options.site_url) for card in cards]
        _write_bytes(output / options.output_dir / "manifest.json", _manifest(entries))
        by_year: dict[int | None, list[tuple[Card, bytes]]] = defaultdict(list)
        for card, entry in zip(cards, entries, strict=True):
            by_year[card.campaign_year].append((card, entry))
        template = self.get_template("gallery")
        campaigns = self.context.get("campaigns", {})
        for year, campaign in sorted(campaigns.items()):
            chosen = [card for card, _ in by_year.get(year, ())]
            manifest = _manifest([entry for _, entry in by_year.get(year, ())], year)
            folder = gallery_url(year).rstrip("/")
            _write_bytes(output / folder / "manifest.json", manifest)
            _link_pack(year, chosen, manifest, output / folder / f"{year}-cards.zip")
            size = setting(self.settings, "COPROWEEK_CARDS_GALLERY_PAGE_SIZE")
            pages = gallery_pages(chosen, size)
            urls = [gallery_url(year, number) for number in range(1, len(pages) + 1)]
            for number, on_page in enumerate(pages, 1):
                writer.write_file(
                    f"{urls[number - 1]}index.html",
                    template,
                    self.context,
                    relative_urls=self.settings.get("RELATIVE_URLS", False),
                    campaign=campaign,
                    cards=on_page,
                    card_count=len(chosen),
                    page_size=len(pages[0]),
                    page_number=number,
                    page_urls=urls,
                    formats=FORMATS,
                    zip_url=f"{folder}/{year}-cards.zip",
                    manifest_url=f"{folder}/manifest.json",
                    url=urls[number - 1],
                )


def gallery_url(year: int, page: int = 1) -> str:
    """The gallery of a campaign's cards; from page 2 on, as Pelican pages its lists."""
    first = f"campaigns/{year}/cards/"
    return first if page == 1 else f"{first}page/{page}/"


def gallery_pages(cards: list[Card], size: int | None) -> list[list[Card]]:
    """The cards in pages of `size` (None or 0: all on one page); always at least one page,
    so an empty campaign still gets its gallery."""
    if not size or size < 1:
        return [cards]
    return [cards[start : start + size] for start in range(0, len(cards), size)] or [[]]
