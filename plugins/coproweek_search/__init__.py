"""coproweek_search: a static search index built with Pagefind, no server and no tracking.

Pagefind reads the finished pages, so only what was published is searchable: a withdrawn
post is never written and so never indexed. Templates mark the searchable part of a page
with data-pagefind-body, and type and campaign with data-pagefind-meta.

Only pages whose template carries data-pagefind-body (posts: article.html) are given to
Pagefind; Pagefind would skip every other page anyway. They are collected as Pelican writes
them, and once the posts and fixed pages are written, Pagefind indexes hard links to them in
a background process while Pelican writes the rest of the site. The bundle is put in place
at the end of the build.

The index is kept in the cache under a hash of the pages it is made from: when none of them
changed, the previous index is linked into the site and Pagefind is not run at all.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals

from .settings import setting

logger = logging.getLogger("pelican.coproweek_search")
BUNDLE = "pagefind"
TIMEOUT_SECONDS = 600
# Template context names of the pages whose template carries data-pagefind-body: "article"
# (article.html). page.html ("page") has none, so fixed pages are not searchable.
SEARCHABLE = ("article",)


@dataclass
class Job:
    """The search index of one build (one output folder)."""

    output: Path
    cache: Path
    pages: set[Path] = field(default_factory=set)
    staging: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    kept: Path | None = None  # where a newly made bundle is kept; None: nothing to keep


# Output folder -> its build's job. A job whose build failed before `finalized` is stopped
# when the next build of that folder starts, or when Python exits.
_jobs: dict[str, Job] = {}


def job_key(output: str | Path) -> str:
    return os.path.abspath(output)


def pages_digest(output: Path, pages: set[Path]) -> str:
    digest = hashlib.sha256()
    for relative in sorted(page.relative_to(output).as_posix() for page in pages):
        digest.update(relative.encode() + b"\0")
        digest.update(hashlib.sha256((output / relative).read_bytes()).digest())
    return digest.hexdigest()[:24]


def link_file(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (a copy where links are not possible)."""
    shutil.copytree(source, target, copy_function=link_file)


def put_bundle(bundle: Path, output: Path, move: bool) -> None:
    shutil.rmtree(output / BUNDLE, ignore_errors=True)
    if move:
        bundle.rename(output / BUNDLE)
    else:
        link_tree(bundle, output / BUNDLE)


def stage_pages(output: Path, pages: set[Path], site: Path) -> None:
    """The searchable pages at their own relative paths, so the index has the site's URLs."""
    for page in pages:
        target = site / page.relative_to(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        link_file(page, target)


def start_pagefind(site: Path, staging: Path) -> subprocess.Popen[bytes] | None:
    """Pagefind indexes `site` into staging/pagefind; its messages go to staging/pagefind.log."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    command += ["--output-path", str(staging / BUNDLE), "--quiet"]
    try:
        with open(staging / "pagefind.log", "wb") as log:
            return subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
    except OSError as error:
        logger.error("The search index could not be built: %s", error)
        return None


def pagefind_succeeded(job: Job) -> bool:
    assert job.process is not None and job.staging is not None
    try:
        code = job.process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        logger.error(
            "The search index could not be built: Pagefind took over %s seconds", TIMEOUT_SECONDS
        )
        return False
    if code != 0:
        log = (job.staging / "pagefind.log").read_text(encoding="utf-8", errors="replace")
        lines = [line for line in log.strip().splitlines() if line.strip()]
        logger.error("The search index could not be built: %s", lines[-1] if lines else code)
        return False
    return True


def stop(job: Job) -> None:
    """Kill Pagefind if it still runs, and remove the staging folder."""
    if job.process is not None and job.process.poll() is None:
        job.process.kill()
        job.process.wait()
    if job.staging is not None:
        shutil.rmtree(job.staging, ignore_errors=True)


@atexit.register
def stop_all() -> None:
    while _jobs:
        stop(_jobs.popitem()[1])


def begin(generator: Any) -> None:
    """A build starts (articles generator made): a fresh job for its output folder."""
    leftover = _jobs.pop(job_key(generator.output_path), None)
    if leftover is not None:
        stop(leftover)
    settings = generator.settings
    if not setting(settings, "COPROWEEK_SEARCH_ENABLED"):
        return
    cache = Path(
        setting(settings, "COPROWEEK_SEARCH_CACHE_DIR")
        or Path(settings["CACHE_PATH"]).parent / "search"
    )
    _jobs[job_key(generator.output_path)] = Job(Path(generator.output_path), cache)


def collect_page(path: str, context: dict[str, Any]) -> None:
    if not any(name in context for name in SEARCHABLE):
        return
    job = _jobs.get(job_key(context.get("OUTPUT_PATH", "")))
    if job is not None:
        job.pages.add(Path(path))


def make_staging(output: Path) -> Path:
    # Beside the output folder: on the same file system (hard links), never inside the site.
    name = output.name.lstrip(".")
    return Path(tempfile.mkdtemp(prefix=f".{name}.search-", dir=output.parent))


def start_index(generator: Any, **_: Any) -> None:
    """The posts and fixed pages are written: reuse the kept index, or start Pagefind."""
    job = _jobs.get(job_key(generator.output_path))
    if job is None or not job.pages:
        return  # no searchable page: see finish_index
    kept = job.cache / pages_digest(job.output, job.pages)
    if (kept / BUNDLE).is_dir():
        put_bundle(kept / BUNDLE, job.output, move=False)
        return
    job.kept = kept
    job.staging = make_staging(job.output)
    try:
        stage_pages(job.output, job.pages, job.staging / "site")
        job.process = start_pagefind(job.staging / "site", job.staging)
    except BaseException:
        stop(job)
        raise


def index_whole_site(job: Job) -> None:
    # With no data-pagefind-body anywhere (a site without posts) Pagefind's rule is to index
    # every page, as it did before pages were collected; that needs the finished site, so it
    # runs now, and so rarely that it is not kept.
    job.staging = make_staging(job.output)
    job.process = start_pagefind(job.output, job.staging)


def finish_index(pelican: Any) -> None:
    """The site is written: wait for Pagefind, put its bundle in place and keep it."""
    job = _jobs.pop(job_key(pelican.output_path), None)
    if job is None:
        return
    try:
        if not job.pages:
            index_whole_site(job)
        if job.process is None or not pagefind_succeeded(job):
            return
        assert job.staging is not None
        put_bundle(job.staging / BUNDLE, job.output, move=True)
        if job.kept is not None:
            shutil.rmtree(job.cache, ignore_errors=True)  # only the newest index is worth keeping
            link_tree(job.output / BUNDLE, job.kept / BUNDLE)
    finally:
        stop(job)


def register() -> None:
    signals.article_generator_init.connect(begin)
    signals.content_written.connect(collect_page)
    signals.page_writer_finalized.connect(start_index)
    signals.finalized.connect(finish_index)
