"""Worker processes for work done beside the build (drawing cards, building their packs).

Every pool starts its workers the same way on every system and Python version: "spawn",
a new interpreter per worker that shares no memory with the build and imports only what
its tasks need. So tasks and their arguments must be picklable: functions defined at the
top of a module, and plain data. A worker also imports the script the build was started
from, so a script that runs a build keeps its own code under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

START_METHOD = "spawn"


def default_workers() -> int:
    """One worker per processor core."""
    return os.cpu_count() or 1


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of at most `workers` processes, each started when a task needs it."""
    context = multiprocessing.get_context(START_METHOD)
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context)
