"""Placing the drawn cards into the site, and writing the galleries, manifests and packs."""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.editions import EDITION_LANGUAGES
from pelican.generators import Generator

from .bilingual import render_card
from .cache import CardCache
from .layouts import FORMATS
from .manifests import manifest, manifest_entry
from .packs import PackJob, pack_members, pack_path
from .plan import Card, CardOptions
from .settings import CardsSettings
from .state import PREVIEW, CardsBuild, drawing_job


class CardsGenerator(Generator):
    """Writes output/cards/, the gallery per campaign, its zip pack and the manifests."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        if not CardsSettings.of(self.settings).enabled:
            return
        options = CardOptions.from_settings(self.settings)
        build = CardsBuild.of(self.settings)
        cache, cards = build.cache, build.cards
        assert cache is not None, "cards are planned before output"
        draw_seconds = build.drawn()
        rendered = build.drawing + self._place(cards, cache, options)
        for card in cards:
            for image in card.images.values():
                image.length = cache.length(image.key, image.extension)
        removed = cache.save({image.key for card in cards for image in card.images.values()})
        self._write_galleries(writer, cards, options, build)

        state = BuildState.of(self.settings)
        takedown = sorted(build.takedown.items())
        state.stats["cards"] = {
            "rendered": rendered,
            "reused": sum(len(card.images) for card in cards) - rendered,
            "removed": removed,
            "takedown": [f"{source}: {name}" for source, names in takedown for name in names],
            "draw_seconds": draw_seconds,
        }
        state.notes.append(f"Cards: {rendered} rendered, {state.stats['cards']['reused']} reused.")
        if takedown:
            state.notes.append(
                "Cards to delete from social media (consent withdrawn or ended, an event "
                "withdrawn, or the file deleted):"
            )
            for source, names in takedown:
                state.notes.append(f"  {source}:")
                state.notes += [f"    {name}" for name in names]

    def _place(self, cards: list[Card], cache: CardCache, options: CardOptions) -> int:
        """Link every card file into the site; returns how many had to be drawn here."""
        drawn_here = 0
        folders: set[str] = set()
        for card in cards:
            first = card.link
            for image in card.images.values():
                cached = cache.path(image.key, image.extension)
                target = os.path.join(self.output_path, image.url)
                folder = os.path.dirname(target)
                if folder not in folders:
                    os.makedirs(folder, exist_ok=True)
                    folders.add(folder)
                files = [(cached, target)]
                if image is first:
                    preview = os.path.join(self.output_path, card.preview_url)
                    files.append((cache.path(image.key, PREVIEW), preview))
                try:
                    for cached_file, site_file in files:
                        place(cached_file, site_file)
                except FileNotFoundError:  # removed meanwhile by a build of other content
                    job = drawing_job(card, image.format, options, str(cached))
                    if image is first:
                        job = replace(job, preview=str(cache.path(image.key, PREVIEW)))
                    render_card(job)
                    drawn_here += 1
                    cache.lengths.pop(image.key, None)
                    for cached_file, site_file in files:
                        if not os.path.exists(site_file):
                            place(cached_file, site_file)
        return drawn_here

    def _write_galleries(
        self, writer: Any, cards: list[Card], options: CardOptions, build: CardsBuild
    ) -> None:
        output = Path(self.output_path)
        entries = [manifest_entry(card, options.site_url) for card in cards]
        _write_bytes(output / options.output_dir / "manifest.json", manifest(entries))
        by_year: dict[int | None, list[tuple[Card, bytes]]] = defaultdict(list)
        for card, entry in zip(cards, entries, strict=True):
            by_year[card.campaign_year].append((card, entry))
        if "gettext" not in self.env.globals:  # the build has not given the theme its words
            self.env.add_extension("jinja2.ext.i18n")
            self.env.install_gettext_translations(options.words().translations, newstyle=True)
        template = self.get_template("gallery")
        campaigns = self.context.get("campaigns", {})
        for year, campaign in sorted(campaigns.items()):
            chosen = [card for card, _ in by_year.get(year, ())]
            campaign_manifest = manifest([entry for _, entry in by_year.get(year, ())], year)
            folder = gallery_url(year).rstrip("/")
            _write_bytes(output / folder / "manifest.json", campaign_manifest)
            _pack(
                build, str(year), chosen, campaign_manifest, output / folder / f"{year}-cards.zip"
            )
            post_packs = _post_packs(build, by_year.get(year, []), year, output / folder)
            size = CardsSettings.of(self.settings).gallery_page_size
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
                    post_zips=post_packs,
                    gallery_folder=folder,
                    manifest_url=f"{folder}/manifest.json",
                    url=urls[number - 1],
                    card_language=options.language,
                    html_langs=EDITION_LANGUAGES,
                )


def _post_packs(
    build: CardsBuild, cards: list[tuple[Card, bytes]], year: int, folder: Path
) -> dict[str, str]:
    """A pack of each post's cards (and one of the campaign's own card), beside the
    campaign's pack; returns {source: the pack's file name in the gallery folder}."""
    by_source: dict[str, list[tuple[Card, bytes]]] = defaultdict(list)
    for card, entry in cards:
        by_source[card.source].append((card, entry))
    addresses: dict[str, str] = {}
    for source, chosen in by_source.items():
        name = f"{chosen[0][0].slug}-cards.zip"
        if name in addresses.values():  # two posts of the campaign with one slug
            name = f"{chosen[0][0].slug}-{len(addresses)}-cards.zip"
        post_manifest = manifest([entry for _, entry in chosen], year)
        _pack(build, chosen[0][0].slug, [card for card, _ in chosen], post_manifest, folder / name)
        addresses[source] = name
    return addresses


def _pack(
    build: CardsBuild, name: str, cards: list[Card], pack_manifest: bytes, target: Path
) -> None:
    """A pack into the site: now if the cache has it, else once a worker has built it (at
    the end of the build)."""
    cache = build.cache
    assert cache is not None
    pack = pack_path(cache.packs, name, pack_manifest)
    build.used_packs.add(pack)
    if pack.is_file():
        place(pack, target)
        return
    files = str(cache.files)  # strings: thousands of paths, made and pickled for a worker
    members = pack_members(
        cards,
        lambda image: os.path.join(files, f"{image.key}.{image.extension}"),
    )
    build.build_pack(PackJob(str(pack), pack_manifest, members), target)


def finish_packs(build: CardsBuild) -> None:
    """Wait for the packs being built, place them into the site, and drop the cached packs
    this build did not use."""
    cache = build.cache
    for pack, target in build.finish_packs():
        place(pack, target)
    if cache is not None and cache.packs.is_dir():
        for pack in cache.packs.glob("*.zip"):
            if pack not in build.used_packs:
                pack.unlink(missing_ok=True)


def place(cached: Path | str, target: Path | str) -> None:
    """Put a cached file into the site: a hard link costs nothing, a copy where links fail."""
    try:
        os.link(cached, target)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


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
