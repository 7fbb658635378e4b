"""What one build does with cards, kept in its build state (never in a module global).

The content checks plan the cards; when Pelican has read the posts, worker processes start
drawing the card files the cache lacks while Pelican writes the pages; CardsGenerator waits
for them, places the cards and has the workers build each campaign pack the cache lacks
while the rest of the site is written; the build waits for the packs when Pelican has
finished. However the build ends, its state closes this object, which stops the workers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.loader import LoadedSite
from coproweek_content.pool import default_workers, process_pool

from .bilingual import render_card
from .cache import CardCache
from .packs import PackJob, build_pack
from .plan import Card, CardOptions, all_cards
from .render import Job
from .settings import CardsSettings, cache_dir

PART = "coproweek_cards"
PREVIEW = "preview.webp"  # the cached gallery preview of a card, beside its first size


@dataclass(eq=False)
class CardsBuild:
    planned: tuple[LoadedSite, CardOptions, list[Card]] | None = None
    cards: list[Card] = field(default_factory=list)  # every card this build draws or places
    takedown: dict[str, list[str]] = field(default_factory=dict)  # source -> card file names
    cache: CardCache | None = None
    drawing: int = 0  # how many card files the workers draw
    workers: int = 1
    used_packs: set[Path] = field(default_factory=set)  # the cached packs this site links
    _pool: ProcessPoolExecutor | None = None
    _drawn: Iterator[tuple[str, int]] | None = None
    _draw_started: float = 0.0
    _packs: list[tuple[Future[str], Path]] = field(default_factory=list)  # (pack, in the site)

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> CardsBuild:
        """This build's cards (settings, generator settings or a template context)."""
        return BuildState.of(settings).part(PART, cls)

    def planned_cards(self, site: LoadedSite, options: CardOptions) -> list[Card]:
        """Every card of the site, planned once per build (the checks plan them first)."""
        if self.planned is None or self.planned[0] is not site or self.planned[1] != options:
            self.planned = (site, options, all_cards(site, options))
        return self.planned[2]

    def start_drawing(self, cards: list[Card], settings: dict[str, Any]) -> None:
        """Have worker processes draw the card files the cache lacks; `drawn` waits."""
        options = CardOptions.from_settings(settings)
        self.cards, self.cache = cards, CardCache(cache_dir(settings))
        jobs: list[Job] = []
        for card in cards:
            first = card.link
            for image in card.images.values():
                self.cache.remember(card.source, image.file_name)
                preview = image is first and not self.cache.has(image.key, PREVIEW)
                if preview or not self.cache.has(image.key, image.extension):
                    target = str(self.cache.path(image.key, image.extension))
                    job = drawing_job(card, image.format, options, target)
                    if image is first:  # the gallery's preview is drawn with the first size
                        job = replace(job, preview=str(self.cache.path(image.key, PREVIEW)))
                    jobs.append(job)
        self.cache.files.mkdir(parents=True, exist_ok=True)
        self.drawing = len(jobs)
        self.workers = worker_count(settings, len(jobs))
        self._draw_started = time.perf_counter()
        if jobs:
            self._drawn = draw(self._started(), jobs, self.workers)

    def drawn(self) -> float:
        """Wait until every card is drawn (what a worker raised is raised here); returns
        the wall time since drawing started."""
        if self._drawn is not None:
            for _ in self._drawn:
                pass
            self._drawn = None
        return time.perf_counter() - self._draw_started

    def build_pack(self, job: PackJob, target: Path) -> None:
        """Have a worker build a pack; `finish_packs` puts it at `target` in the site."""
        self._packs.append((self._started().submit(build_pack, job), target))

    def finish_packs(self) -> list[tuple[Path, Path]]:
        """Wait for the packs being built (what a worker raised is raised here) and stop
        the workers; returns (pack, where it goes in the site) for each."""
        try:
            return [(Path(future.result()), target) for future, target in self._packs]
        finally:
            self._packs = []
            self.close()

    def close(self) -> None:
        """Stop the workers: what has not started is dropped (a build that failed)."""
        self._drawn = None
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = process_pool(self.workers)
        return self._pool


def draw(pool: ProcessPoolExecutor, jobs: list[Job], workers: int) -> Iterator[tuple[str, int]]:
    """Start drawing `jobs` in `pool`; what each returns, in order, as they finish."""
    # A few tasks per worker: fewer messages than one card each, and a slow chunk at the
    # end still leaves the other workers busy.
    return pool.map(render_card, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


def drawing_job(card: Card, fmt: str, options: CardOptions, target: str) -> Job:
    words, palette = tuple(card.words.items()), tuple(card.palette.items())
    return Job(words, palette, card.layout, fmt, options.fonts, target)


def worker_count(settings: dict[str, Any], cards: int) -> int:
    """COPROWEEK_CARDS_WORKERS (one per core unless set); one worker for fewer cards
    than COPROWEEK_CARDS_POOL_MIN (see settings.py)."""
    if cards < CardsSettings.of(settings).pool_min:
        return 1
    return CardsSettings.of(settings).workers or default_workers()
