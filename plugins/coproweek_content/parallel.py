"""Checking many posts on two cores.

When many posts need checking (a cold build, or one after the checks changed), a forked
worker process checks every second one, and renders its Markdown, while this process does
the others; the reader then takes the HTML ready-made instead of rendering it while
Pelican reads the posts. The results are the same as one process's, in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

# Set just before the worker is forked, which inherits them: the jobs and what does one.
_work: tuple[list, Callable] | None = None


def map_in_two(jobs: list[Job], do: Callable[[Job], Result]) -> list[Result]:
    """[do(job) for job in jobs], the odd ones done by a forked worker meanwhile."""
    global _work
    forks = "fork" in multiprocessing.get_all_start_methods()
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2 or not forks:
        return [do(job) for job in jobs]
    _work = (jobs, do)
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            theirs = pool.submit(_do_odd_jobs)
            mine = [do(job) for job in jobs[0::2]]
            odd = theirs.result()
    finally:
        _work = None
    results: list[Result] = []
    for index, result in enumerate(mine):
        results.append(result)
        if index < len(odd):
            results.append(odd[index])
    return results


def _do_odd_jobs() -> list:
    assert _work is not None, "set before the worker was forked"
    jobs, do = _work
    return [do(job) for job in jobs[1::2]]
