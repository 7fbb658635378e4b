"""The worker processes that draw cards and build packs beside the build."""

from __future__ import annotations

import dataclasses
import random
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import worker_tasks
from coproweek_cards.compose import FontSettings
from coproweek_cards.packs import PackJob, build_pack, write_pack
from coproweek_cards.render import Job, render_to_file
from coproweek_cards.settings import CardsSettings
from coproweek_content.pool import process_pool

FONT_SETTINGS = FontSettings(CardsSettings().font_dirs)
WORDS = {
    "text": "“Nothing about us without us. نحن نستمع أولاً 🫖”",
    "attribution": "— Sam, Carer",
    "hashtag": "#CoProWeek",
    "wordmark": "Co-production Week",
}
PALETTE = {"background": "#FBF8FF", "text": "#1B1B1B", "accent": "#5A2A82"}


def test_what_a_task_raises_is_raised_in_the_build() -> None:
    with process_pool(1) as pool:
        future = pool.submit(worker_tasks.fail, "the card could not be drawn")
        with pytest.raises(ValueError, match="the card could not be drawn"):
            future.result(timeout=120)


def test_a_worker_that_ends_is_reported_not_waited_for() -> None:
    with process_pool(1) as pool:
        future = pool.submit(worker_tasks.end_the_process, 3)
        with pytest.raises(BrokenProcessPool):
            future.result(timeout=120)


def test_a_card_drawn_by_a_worker_is_the_card_drawn_by_the_build(tmp_path: Path) -> None:
    """Workers draw the cards, and the build itself draws one whose cached file went
    missing meanwhile: both give the same bytes."""
    jobs = [
        Job(
            tuple(WORDS.items()),
            tuple(PALETTE.items()),
            "light-quote",
            fmt,
            FONT_SETTINGS,
            str(tmp_path / f"worker-{fmt}"),
        )
        for fmt in ("link", "square")
    ]
    with process_pool(2) as pool:
        drawn = list(pool.map(render_to_file, jobs))
    for job, (target, length) in zip(jobs, drawn, strict=True):
        here = dataclasses.replace(job, target=str(tmp_path / f"build-{job.format}"))
        render_to_file(here)
        assert Path(target).read_bytes() == Path(here.target).read_bytes()
        assert length == Path(target).stat().st_size > 1000


def test_a_pack_built_by_a_worker_is_the_pack_built_by_the_build(tmp_path: Path) -> None:
    members = []
    for number in range(5):
        file = tmp_path / f"card-{number}.png"
        file.write_bytes(random.Random(number).randbytes(2000 + number))
        members.append((file.name, str(file)))
    job = PackJob(str(tmp_path / "packs" / "2024-worker.zip"), b'{"cards": []}\n', tuple(members))
    with process_pool(1) as pool:
        assert pool.submit(build_pack, job).result(timeout=120) == job.pack
    write_pack(tmp_path / "here.zip", job.manifest, job.members)
    assert Path(job.pack).read_bytes() == (tmp_path / "here.zip").read_bytes()
    assert sorted(path.name for path in (tmp_path / "packs").iterdir()) == ["2024-worker.zip"]
