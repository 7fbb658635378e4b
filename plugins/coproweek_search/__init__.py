"""coproweek_search: a static search index built with Pagefind, no server and no tracking.

Pagefind reads the finished pages, so only what was published is searchable: a withdrawn
post is never written and so never indexed. Templates mark the searchable part of a page
with data-pagefind-body, and type and campaign with data-pagefind-meta.

Only pages whose template carries data-pagefind-body (posts: article.html) are given to
Pagefind; Pagefind would skip every other page anyway. They are collected as Pelican writes
them. As soon as the last post of a shard (below) is written, a thread hashes its pages and
Pagefind indexes hard links to them in a background process, while Pelican writes the rest
of the site (at a lower priority, so it takes the cores the build leaves). When it is done,
another thread keeps the shard's bundle in the cache, puts it in the site and removes what
Pagefind worked in; the build waits for all that at the end.

On a large site the index is split into shards, one Pagefind bundle per campaign year and one
for the posts without a campaign: pagefind/ for the newest campaign (the primary bundle, whose
pagefind.js the search page loads), pagefind-YEAR/ and pagefind-other/ for the rest, which
the search page merges into the primary (Pagefind's mergeIndex). A campaign with more posts
than COPROWEEK_SEARCH_BUNDLE_SIZE is split again into parts (pagefind-YEAR-2/ ...), each
post in the part a hash of its file's path picks. Each shard is kept in the cache under a
hash of its own pages: a shard none of whose pages changed is linked into the site from the
cache, so editing one post runs Pagefind on that post's shard only.
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
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from pelican import signals

from .settings import setting

logger = logging.getLogger("pelican.coproweek_search")
BUNDLE = "pagefind"
TIMEOUT_SECONDS = 600
# Template context names of the pages whose template carries data-pagefind-body: "article"
# (article.html). page.html ("page") has none, so fixed pages are not searchable.
SEARCHABLE = ("article",)
# The generator lists whose posts Pelican writes with article.html.
WRITTEN = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
NO_CAMPAIGN = "other"  # the shard of the posts without a campaign
WHOLE_SITE = "all"  # the one shard of a site too small to split
RUNTIME = shutil.ignore_patterns("*.js", "*.css", "wasm.*")  # Pagefind's code and styles
# Pagefind runs beside the build: at a lower priority, it takes the cores the build leaves.
LOW_PRIORITY = ["nice", "-n", "10"] if shutil.which("nice") else []


@dataclass
class Shard:
    """One Pagefind bundle: the posts of one campaign year, or of no campaign."""

    folder: str  # the bundle's folder in the site
    pages: set[Path] = field(default_factory=set)
    expected: int = 0  # how many of the generator's posts belong here
    started: bool = False
    digest: str = ""
    staging: Path | None = None  # where Pagefind works; None: the bundle came from the cache
    process: subprocess.Popen[bytes] | None = None


@dataclass
class Tasks:
    """Work for threads of a pool made on first use."""

    name: str
    pool: ThreadPoolExecutor | None = None
    futures: list[Future[Any]] = field(default_factory=list)

    def submit(self, threads: int, task: Callable[..., Any], *args: Any) -> None:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(threads, self.name)
        self.futures.append(self.pool.submit(task, *args))

    def results(self) -> list[Any]:
        """Wait for every task; what stopped one is raised here."""
        self.stop(cancel=False)
        futures, self.futures = self.futures, []
        return [future.result() for future in futures]

    def stop(self, cancel: bool = True) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=cancel)
            self.pool = None


@dataclass
class Job:
    """The search index of one build (one output folder)."""

    output: Path
    cache: Path
    pages_written: list[str] = field(default_factory=list)  # the build state's list
    shards: dict[str, Shard] = field(default_factory=dict)  # by shard key, primary first
    staging: Path | None = None  # holds each indexed shard's staging folder
    split: bool = False  # shards by campaign (a large site), else one index of all posts
    parts: dict[str, int] = field(default_factory=dict)  # by campaign key, when over one
    # Hashing pages, linking kept bundles and starting Pagefind happen in one thread: it
    # mostly reads and links files, which Python does without holding up the build's thread.
    starts: Tasks = field(default_factory=lambda: Tasks("search"))
    # One thread per running Pagefind waits for it, then keeps and places its bundle and
    # removes its staging folder, while the build goes on.
    completions: Tasks = field(default_factory=lambda: Tasks("search-done"))

    def start(self, shard: Shard) -> None:
        shard.started = True
        self.starts.submit(1, start_shard, self, shard)

    def started(self) -> None:
        """Wait for every shard started; what stopped one is raised here."""
        self.starts.results()

    def complete(self, shard: Shard) -> None:
        self.completions.submit(len(self.shards) or 1, complete_shard, self, shard)

    def completed(self) -> bool:
        """Wait for every shard's Pagefind and its bundle; False if one failed (logged)."""
        return all(self.completions.results())

    def shard_key(self, article: Any) -> str:
        if not self.split:
            return WHOLE_SITE
        key = shard_key(article)
        parts = self.parts.get(key, 1)
        return key if parts == 1 else f"{key}-{part_of(article, parts)}"


@dataclass
class Report:
    """What the last build did with each shard (tests and benchmarks read it)."""

    indexed: list[str] = field(default_factory=list)  # bundle folders Pagefind made
    reused: list[str] = field(default_factory=list)  # bundle folders linked from the cache


LAST = Report()

# Output folder -> its build's job. A job whose build failed before `finalized` is stopped
# when the next build of that folder starts, or when Python exits.
_jobs: dict[str, Job] = {}


def job_key(output: str | Path) -> str:
    return os.path.abspath(output)


def shard_key(article: Any) -> str:
    year = getattr(getattr(article, "entry", None), "campaign_year", None)
    return str(year) if year else NO_CAMPAIGN


def part_of(article: Any, parts: int) -> int:
    """The part (1 to `parts`) of its campaign a post is indexed in: from the path of its
    file in the content folder, so it stays put when the post is edited, and is the same in
    every clone of the site."""
    path = getattr(article, "relative_source_path", None) or article.source_path
    digest = hashlib.sha256(str(path).replace(os.sep, "/").encode()).digest()
    return int.from_bytes(digest[:8], "big") % parts + 1


def shard_order(key: str) -> tuple[int, int]:
    """Newest campaign first, the posts without a campaign last; parts in order."""
    campaign, _, part = key.partition("-")
    year = -1 if campaign == NO_CAMPAIGN else int(campaign)
    return -year, int(part or 1)


def plan(keys: set[str]) -> dict[str, Shard]:
    """The shards in order: the first is the primary bundle."""
    if keys == {WHOLE_SITE}:
        return {WHOLE_SITE: Shard(BUNDLE)}
    ordered = sorted(keys, key=shard_order)
    return {key: Shard(BUNDLE if i == 0 else f"{BUNDLE}-{key}") for i, key in enumerate(ordered)}


def relative_names(output: Path, pages: set[Path]) -> list[str]:
    """The pages' paths inside `output`, sorted (string work: this runs beside the build,
    and pathlib's per-call overhead would hold up the build's thread)."""
    base = os.path.join(str(output), "")
    names = []
    for page in pages:
        name = str(page)
        names.append(name[len(base) :] if name.startswith(base) else os.path.relpath(name, output))
    return sorted(names)


def pages_digest(output: Path, pages: set[Path]) -> str:
    digest = hashlib.sha256()
    for relative in relative_names(output, pages):
        digest.update(relative.encode() + b"\0")
        with open(os.path.join(output, relative), "rb") as page:
            digest.update(hashlib.sha256(page.read()).digest())
    return digest.hexdigest()[:24]


def link_file(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path, ignore: Callable[..., Any] | None = None) -> None:
    """Copy a folder as hard links (a copy where links are not possible)."""
    shutil.copytree(source, target, copy_function=link_file, ignore=ignore)


def place(bundle: Path, output: Path, shard: Shard) -> None:
    """A shard's bundle into the site. Pagefind's code is loaded from the primary bundle only,
    so the merged ones go without it; the cache keeps whole bundles, as any shard may become
    the primary (when a newer campaign starts)."""
    target = output / shard.folder
    shutil.rmtree(target, ignore_errors=True)
    link_tree(bundle, target, None if shard.folder == BUNDLE else RUNTIME)


def stage_pages(output: Path, pages: set[Path], site: Path) -> None:
    """The searchable pages at their own relative paths, so the index has the site's URLs."""
    made: set[str] = set()
    for relative in relative_names(output, pages):
        target = os.path.join(site, relative)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        link_file(os.path.join(output, relative), target)


def start_pagefind(site: Path, staging: Path) -> subprocess.Popen[bytes] | None:
    """Pagefind indexes `site` into staging/pagefind; its messages go to staging/pagefind.log."""
    command = [*LOW_PRIORITY, sys.executable, "-m", "pagefind", "--site", str(site)]
    command += ["--output-path", str(staging / BUNDLE), "--quiet"]
    try:
        with open(staging / "pagefind.log", "wb") as log:
            return subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
    except OSError as error:
        logger.error("The search index could not be built: %s", error)
        return None


def pagefind_succeeded(shard: Shard) -> bool:
    assert shard.process is not None and shard.staging is not None
    try:
        code = shard.process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        logger.error(
            "The search index could not be built (%s): Pagefind took over %s seconds",
            shard.folder,
            TIMEOUT_SECONDS,
        )
        return False
    if code != 0:
        log = (shard.staging / "pagefind.log").read_text(encoding="utf-8", errors="replace")
        lines = [line for line in log.strip().splitlines() if line.strip()]
        logger.error(
            "The search index could not be built (%s): %s",
            shard.folder,
            lines[-1] if lines else code,
        )
        return False
    return True


def stop(job: Job) -> None:
    """Kill every Pagefind still running, and remove the staging folder."""
    job.starts.stop()
    for shard in job.shards.values():
        if shard.process is not None and shard.process.poll() is None:
            shard.process.kill()
    job.completions.stop()
    for shard in job.shards.values():
        if shard.process is not None and shard.process.poll() is None:
            shard.process.kill()
            shard.process.wait()
    if job.staging is not None:
        shutil.rmtree(job.staging, ignore_errors=True)


@atexit.register
def stop_all() -> None:
    while _jobs:
        stop(_jobs.popitem()[1])


def begin(generator: Any) -> None:
    """A build starts (articles generator made): a fresh job for its output folder."""
    global LAST
    LAST = Report()
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
    pages = BuildState.of(settings).pages_written
    _jobs[job_key(generator.output_path)] = Job(Path(generator.output_path), cache, pages)


def plan_shards(generator: Any) -> None:
    """The posts are known: one shard per campaign year among them (or per part of one),
    and the search page (rendered before all posts are written) is told which bundles to
    load. In a split index each post names its shard (`search_bundle`, which its page gives
    Pagefind as metadata): the search page tells the bundles apart by it."""
    job = _jobs.get(job_key(generator.output_path))
    if job is None:
        return
    posts = list(chain.from_iterable(getattr(generator, name, ()) for name in WRITTEN))
    split_from = setting(generator.settings, "COPROWEEK_SEARCH_SPLIT_FROM")
    job.split = split_from is not None and len(posts) >= split_from
    size = setting(generator.settings, "COPROWEEK_SEARCH_BUNDLE_SIZE")
    if job.split and size and size >= 1:
        counts = Counter(shard_key(post) for post in posts)
        job.parts = {key: -(-count // size) for key, count in counts.items() if count > size}
    keys = [job.shard_key(post) for post in posts]
    job.shards = plan(set(keys))
    for post, key in zip(posts, keys, strict=True):
        job.shards[key].expected += 1
        if job.split:
            post.search_bundle = key
    generator.context["search_bundles"] = [shard.folder for shard in job.shards.values()]


def collect_page(path: str, context: dict[str, Any]) -> None:
    post = next((context[name] for name in SEARCHABLE if name in context), None)
    if post is None:
        return
    job = _jobs.get(job_key(context.get("OUTPUT_PATH", "")))
    if job is None:
        return
    key = job.shard_key(post)
    if key not in job.shards:  # not among the generator's posts: indexed, never merged
        logger.warning("%s is not in the search: its shard (%s) was not planned", path, key)
        job.shards[key] = Shard(f"{BUNDLE}-{key}")
    shard = job.shards[key]
    if shard.started:
        # Cannot happen while `expected` counts what Pelican writes; never index silently
        # without a page.
        logger.error("%s was written after the search index of its shard had started", path)
        return
    shard.pages.add(Path(path))
    if len(shard.pages) == shard.expected:
        job.start(shard)


def make_staging(output: Path) -> Path:
    # Beside the output folder: on the same file system (hard links), never inside the site.
    name = output.name.lstrip(".")
    return Path(tempfile.mkdtemp(prefix=f".{name}.search-", dir=output.parent))


def shard_staging(job: Job, shard: Shard) -> Path:
    if job.staging is None:
        job.staging = make_staging(job.output)
    shard.staging = job.staging / shard.folder
    shard.staging.mkdir()
    return shard.staging


def start_shard(job: Job, shard: Shard) -> None:
    """Link the kept bundle of the shard's pages into the site, or start Pagefind on them."""
    shard.digest = pages_digest(job.output, shard.pages)
    kept = job.cache / shard.digest / BUNDLE
    if kept.is_dir():
        place(kept, job.output, shard)
        LAST.reused.append(shard.folder)
        return
    staging = shard_staging(job, shard)
    stage_pages(job.output, shard.pages, staging / "site")
    shard.process = start_pagefind(staging / "site", staging)
    LAST.indexed.append(shard.folder)
    if shard.process is not None:
        job.complete(shard)


def complete_shard(job: Job, shard: Shard) -> bool:
    """Wait for the shard's Pagefind; keep its bundle in the cache and put it in the site."""
    assert shard.staging is not None
    if not pagefind_succeeded(shard):
        return False
    if shard.digest:  # the whole site's index is not kept
        keep_bundle(job, shard)
    place(shard.staging / BUNDLE, job.output, shard)
    shutil.rmtree(shard.staging, ignore_errors=True)
    return True


def start_index(generator: Any, **_: Any) -> None:
    """The posts and fixed pages are written: start every shard not started yet (one with
    fewer pages than posts planned, or one not planned)."""
    job = _jobs.get(job_key(generator.output_path))
    if job is None:
        return
    for shard in job.shards.values():
        if shard.pages and not shard.started:  # no searchable page at all: see finish_index
            job.start(shard)


def index_whole_site(job: Job) -> None:
    # With no data-pagefind-body anywhere (a site without posts) Pagefind's rule is to index
    # every page, as it did before pages were collected; that needs the finished site, so it
    # runs now, and so rarely that it is not kept. Only the pages this build wrote are
    # staged: a site built over an old one holds pages no longer published until the end.
    shard = Shard(BUNDLE)
    job.shards = {NO_CAMPAIGN: shard}
    staging = shard_staging(job, shard)
    pages = {Path(page) for page in job.pages_written}
    stage_pages(job.output, pages, staging / "site")
    shard.process = start_pagefind(staging / "site", staging)
    LAST.indexed.append(shard.folder)
    if shard.process is not None:
        job.complete(shard)


def keep_bundle(job: Job, shard: Shard) -> None:
    """Keep a new bundle in the cache, under the digest of its pages."""
    assert shard.staging is not None
    # Linked under a temporary name first: a half-kept bundle is never reused.
    partial = job.cache / f".{shard.digest}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    link_tree(shard.staging / BUNDLE, partial / BUNDLE)
    shutil.rmtree(job.cache / shard.digest, ignore_errors=True)
    partial.rename(job.cache / shard.digest)


def forget_unused(job: Job) -> None:
    """Keep only the bundles this build used."""
    used = {shard.digest for shard in job.shards.values()}
    if job.cache.is_dir():
        for entry in job.cache.iterdir():
            if entry.name not in used:  # or a partial one left by an interrupted build
                shutil.rmtree(entry, ignore_errors=True)


def finish_index(pelican: Any) -> None:
    """The site is written: wait until every bundle is in place, and forget the kept
    bundles this build did not use."""
    job = _jobs.pop(job_key(pelican.output_path), None)
    if job is None:
        return
    try:
        job.started()
        if not any(shard.pages for shard in job.shards.values()):
            index_whole_site(job)
        started = [shard for shard in job.shards.values() if shard.staging is not None]
        if any(shard.process is None for shard in started):
            return  # Pagefind could not be started (logged)
        if job.completed():
            forget_unused(job)
    finally:
        stop(job)


def register() -> None:
    signals.article_generator_init.connect(begin)
    signals.article_generator_finalized.connect(plan_shards)
    signals.content_written.connect(collect_page)
    signals.page_writer_finalized.connect(start_index)
    signals.finalized.connect(finish_index)
