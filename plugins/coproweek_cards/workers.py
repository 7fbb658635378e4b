"""Worker processes that draw cards and build download packs beside the build.

Drawing starts as soon as the cards are planned, before Pelican writes any page, so the
pages and the cards are made at the same time on different cores; the packs are built
while the rest of the site is written, and the build waits for them only at the end.

Workers are forked, and inherit what the build worked out (fonts, the compositions the
checks made), or started fresh: a new interpreter that shares no memory with the build.
While a forked worker lives, each page of memory the build writes to is copied first, so
a fresh worker suits a few cards (an edit), a forked pool many (a cold build).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from .fresh import FreshWorker
from .render import Job, render_to_file

# Workers run at a lower priority than the build: where they compete for a core, the pages
# (which the rest of the build waits for) come first.
WORKER_NICENESS = 10


def _lower_priority() -> None:
    os.nice(WORKER_NICENESS)


class Workers:
    """`count` forked workers, or one fresh worker if `fresh`, started on first use."""

    def __init__(self, count: int, fresh: bool = False) -> None:
        self.count = 1 if fresh else max(1, count)
        self.fresh = fresh
        self._pool: Executor | None = None
        self._drawn: Iterator[tuple[str, int]] | None = None
        self._draw_started = 0.0
        self._tasks: list[Future[Any]] = []

    def _executor(self) -> Executor:
        if self._pool is None:
            if self.fresh:
                self._pool = FreshWorker(WORKER_NICENESS)
            else:
                context = multiprocessing.get_context("fork")
                self._pool = ProcessPoolExecutor(
                    self.count, mp_context=context, initializer=_lower_priority
                )
        return self._pool

    def draw(self, jobs: list[Job]) -> None:
        """Start drawing `jobs`; `drawn` waits for them."""
        self._draw_started = time.perf_counter()
        if jobs:
            chunk = max(1, len(jobs) // (self.count * 8))
            self._drawn = self._executor().map(render_to_file, jobs, chunksize=chunk)

    def drawn(self) -> float:
        """Wait until every card is drawn (a failed drawing raises here); returns the wall
        time since drawing started."""
        if self._drawn is not None:
            for _ in self._drawn:
                pass
            self._drawn = None
        return time.perf_counter() - self._draw_started

    def run(self, task: Callable[..., Any], *args: Any) -> None:
        """Run `task(*args)` in a worker; `finish` waits for it."""
        self._tasks.append(self._executor().submit(task, *args))

    def finish(self) -> list[Any]:
        """Wait for every task (a failed one raises here), stop the workers and return what
        the tasks returned, in the order they were given."""
        try:
            self.drawn()
            return [task.result() for task in self._tasks]
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop at once: what has not started is dropped (a build that failed)."""
        self._tasks, self._drawn = [], None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def draw_all(jobs: list[Job], workers: int) -> float:
    """Draw `jobs` in `workers` processes and wait; returns the wall time."""
    pool = Workers(workers)
    try:
        pool.draw(jobs)
        return pool.drawn()
    finally:
        pool.stop()
