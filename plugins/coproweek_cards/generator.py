"""Drawing the cards (from the cache when possible) and writing the gallery, the download
packs and the manifests."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from . import render
from .cache import CardCache
from .compose import FontSettings
from .layouts import FORMATS
from .plan import Card, CardOptions
from .render import Job, render_to_file
from .settings import cache_dir, setting

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same cards make the same zip file


@dataclass
class Stats:
    """What the last build did with cards (tests and the build summary read it)."""

    rendered: int = 0
    reused: int = 0
    removed: int = 0
    takedown: list[str] = field(default_factory=list)


LAST = Stats()


@dataclass
class Plan:
    cards: list[Card] = field(default_factory=list)
    takedown: dict[str, list[str]] = field(default_factory=dict)  # source -> card file names


CURRENT = Plan()


def draw_missing(jobs: list[Job], workers: int, pool_min: int) -> list[tuple[str, int]]:
    if len(jobs) < pool_min or workers < 2:
        return [render_to_file(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(render_to_file, jobs, chunksize=chunk))


def _job(card: Card, fmt: str, font_settings: FontSettings, target: str, key: str) -> Job:
    words, palette = tuple(card.words.items()), tuple(card.palette.items())
    return Job(words, palette, card.layout, fmt, font_settings, target, key)


def _manifest_entry(card: Card, site_url: str) -> dict[str, Any]:
    return {
        "source": card.source,
        "page": f"{site_url}/{card.page_url}",
        "title": card.title,
        "kind": card.kind,
        "number": card.number,
        "campaign": card.campaign_year,
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


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def place(cached: Path, target: Path) -> None:
    """Put a cached file into the site: a hard link costs nothing, a copy where links fail."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)


def _write_zip(path: Path, output: Path, cards: list[Card], manifest: bytes, packs: Path) -> Path:
    """The download pack; the manifest names every card by its hash, so it keys the pack."""
    cached = packs / f"{hashlib.sha256(manifest).hexdigest()[:20]}.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not cached.is_file():
        packs.mkdir(parents=True, exist_ok=True)
        _build_zip(cached, output, cards, manifest)
    place(cached, path)
    return cached


def _build_zip(path: Path, output: Path, cards: list[Card], manifest: bytes) -> None:
    members = sorted(image.url for card in cards for image in card.images.values())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as pack:
        info = zipfile.ZipInfo("manifest.json", ZIP_TIME)
        info.external_attr = 0o644 << 16
        pack.writestr(info, manifest)
        for url in members:
            info = zipfile.ZipInfo(url.rsplit("/", 1)[-1], ZIP_TIME)
            info.external_attr = 0o644 << 16
            pack.writestr(info, (output / url).read_bytes())


class CardsGenerator(Generator):
    """Writes output/cards/, the gallery per campaign, its zip pack and the manifests."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        if not setting(self.settings, "COPROWEEK_CARDS_ENABLED"):
            return
        options = CardOptions.from_settings(self.settings)
        cache = CardCache(cache_dir(self.settings))
        cards = CURRENT.cards
        stats = Stats()
        jobs: list[Job] = []
        for card in cards:
            for image in card.images.values():
                fmt = FORMATS[image.format]
                cache.remember(card.source, image.file_name)
                if cache.has(image.key, fmt.extension):
                    stats.reused += 1
                    continue
                target = str(cache.path(image.key, fmt.extension))
                jobs.append(_job(card, image.format, options.fonts, target, image.key))
        cache.files.mkdir(parents=True, exist_ok=True)
        workers = setting(self.settings, "COPROWEEK_CARDS_WORKERS") or os.cpu_count() or 1
        draw_missing(jobs, workers, setting(self.settings, "COPROWEEK_CARDS_POOL_MIN"))
        stats.rendered = len(jobs)

        output = Path(self.output_path)
        keep: set[str] = set()
        for card in cards:
            for image in card.images.values():
                cached = cache.path(image.key, FORMATS[image.format].extension)
                target = output / image.url
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    place(cached, target)
                except FileNotFoundError:  # removed meanwhile by a build of other content
                    render_to_file(_job(card, image.format, options.fonts, str(cached), image.key))
                    stats.rendered += 1
                    place(cached, target)
                image.length = cached.stat().st_size
                keep.add(str(target))
        _remove_stale(output / options.output_dir, keep)
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
        site_url = options.site_url
        _write_json(
            output / options.output_dir / "manifest.json",
            {"cards": [_manifest_entry(card, site_url) for card in cards]},
        )
        template = self.get_template("gallery")
        campaigns = self.context.get("campaigns", {})
        packs = cache_dir(self.settings) / "packs"
        used_packs: set[Path] = set()
        for year, campaign in sorted(campaigns.items()):
            chosen = [card for card in cards if card.campaign_year == year]
            folder = gallery_url(year).rstrip("/")
            manifest = {"campaign": year, "cards": [_manifest_entry(c, site_url) for c in chosen]}
            text = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
            _write_json(output / folder / "manifest.json", manifest)
            pack = output / folder / f"{year}-cards.zip"
            used_packs.add(_write_zip(pack, output, chosen, text.encode(), packs))
            writer.write_file(
                f"{folder}/index.html",
                template,
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                campaign=campaign,
                cards=chosen,
                formats=FORMATS,
                zip_url=f"{folder}/{year}-cards.zip",
                manifest_url=f"{folder}/manifest.json",
                url=f"{folder}/",
            )
        for stale in packs.glob("*.zip") if packs.is_dir() else ():
            if stale not in used_packs:
                stale.unlink()


def gallery_url(year: int) -> str:
    return f"campaigns/{year}/cards/"


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Cards left from an earlier build in the same output/ (withdrawn or changed) go."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "manifest.json" and str(path) not in keep:
            path.unlink()
