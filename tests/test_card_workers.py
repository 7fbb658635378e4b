"""The processes that draw cards and build packs beside the build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import worker_tasks
from conftest import ROOT
from coproweek_cards import render
from coproweek_cards.fresh import FreshWorker, WorkerStopped
from coproweek_cards.workers import Workers


@pytest.fixture
def a_known_composition() -> object:
    render.remember("a-key", object())  # type: ignore[arg-type]
    yield
    render.forget()


@pytest.mark.usefixtures("a_known_composition")
def test_a_fresh_worker_shares_nothing_with_the_build() -> None:
    for fresh, inherited in ((True, 0), (False, 1)):
        workers = Workers(1, fresh=fresh)
        workers.run(worker_tasks.compositions_known)
        workers.run(os.getpid)
        known, pid = workers.finish()
        assert known == inherited, f"fresh={fresh}"
        assert pid != os.getpid()


def test_what_a_task_raises_is_raised_in_the_build() -> None:
    workers = Workers(1, fresh=True)
    workers.run(worker_tasks.fail, "the card could not be drawn")
    with pytest.raises(ValueError, match="the card could not be drawn"):
        workers.finish()


def test_a_worker_that_ends_is_reported_not_waited_for() -> None:
    worker = FreshWorker()
    try:
        first = worker.submit(worker_tasks.end_the_process, 3)
        second = worker.submit(os.getpid)
        for future in (first, second):
            with pytest.raises(WorkerStopped, match="exit code 3"):
                future.result(timeout=60)
    finally:
        worker.shutdown(cancel_futures=True)


def test_tasks_after_an_error_still_run_in_order() -> None:
    worker = FreshWorker()
    try:
        futures = [worker.submit(pow, 2, n) for n in range(3)]
        futures.insert(1, worker.submit(worker_tasks.fail, "no"))
        assert futures[0].result(timeout=60) == 1
        assert isinstance(futures[1].exception(timeout=60), ValueError)
        assert [future.result(timeout=60) for future in futures[2:]] == [2, 4]
    finally:
        worker.shutdown()


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """multiprocessing's spawn would run such a script again in the worker."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import os\n"
        "from coproweek_cards.fresh import FreshWorker\n"
        "print('script ran', flush=True)\n"
        "worker = FreshWorker()\n"
        "print('worker pid differs:', worker.submit(os.getpid).result(timeout=60) != os.getpid())\n"
        "worker.shutdown()\n",
        encoding="utf-8",
    )
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=environment, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.count("script ran") == 1
    assert "worker pid differs: True" in ran.stdout


def test_tasks_and_answers_larger_than_a_pipe_do_not_block() -> None:
    """A pack's task lists thousands of files: more than a pipe holds at once."""
    worker = FreshWorker()
    try:
        large = ["x" * 100] * 5000  # about 500 KB pickled, each way
        futures = [worker.submit(list, large) for _ in range(4)]
        assert all(future.result(timeout=120) == large for future in futures)
    finally:
        worker.shutdown()
