"""Building the site: check the content, build into a staging folder, then swap it in.

A failed build leaves the previous output/ exactly as it was: the site is written into a
new, empty folder beside output/ and renamed into place only when everything passed.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from coproweek_content.buildstate import BuildState
from coproweek_content.problems import (
    Problem,
    Severity,
    display_path,
    errors_in,
    format_report,
    printable,
)
from pelican.settings import read_settings

from .pelican_log import collect_pelican_warnings
from .runs import FINGERPRINT, EditionRun, build_problems, started_editions
from .takedown import takedown_lines

STAGING_PREFIX = ".building-"
REPLACED_PREFIX = ".old-"


@dataclass
class BuildResult:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    pelican_messages: list[str] = field(default_factory=list)
    taken_down: list[str] = field(default_factory=list)
    output: Path | None = None
    state: BuildState | None = None

    @property
    def stats(self) -> dict[str, dict[str, Any]]:
        return self.state.stats if self.state else {}


def load_settings(
    settings_file: str | Path, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    settings_path = Path(settings_file).resolve()
    project_root = settings_path.parent
    chosen: dict[str, Any] = {"COPROWEEK_PROJECT_ROOT": str(project_root)}
    chosen.update(overrides or {})
    # Pelican resolves PATH and OUTPUT_PATH against the settings file's folder.
    return read_settings(str(settings_path), override=chosen)


def stops_build(problems: list[Problem], strict: bool) -> list[Problem]:
    """Errors stop a build; in strict mode warnings too. Notices never do."""
    if strict:
        return [p for p in problems if p.severity is not Severity.NOTICE]
    return errors_in(problems)


# Python's cycle collector runs after every 700 new objects and, every so often, walks every
# object there is. A build makes millions of objects that live until it ends (posts, pages,
# caches), so with the default thresholds those walks cost a tenth of a no-change build.
# Builds make few reference cycles, so collecting far less often costs next to no memory.
COLLECTION_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*COLLECTION_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build_site(
    settings_file: str | Path = "pelicanconf.py",
    overrides: dict[str, Any] | None = None,
    out: TextIO = sys.stdout,
) -> BuildResult:
    settings = load_settings(settings_file, overrides)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    # The site the last build replaced is deleted beside this build: deleting thousands of
    # files takes seconds on some disks, and nobody needs to wait for it.
    deleting = threading.Thread(target=delete_all, args=(replaced_sites(output),))
    deleting.start()
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}{STAGING_PREFIX}", dir=output.parent))
    staging.chmod(0o777 & ~current_umask())  # mkdtemp's folder is private; a site is not
    settings["OUTPUT_PATH"] = str(staging)
    cache_root = Path(settings["CACHE_PATH"])
    try:
        with fewer_collections(), started_editions(settings) as runs:
            result = _build(runs, staging, output, out)
    except Exception as error:  # a fault in the kit itself, not in content
        result = BuildResult(ok=False)
        report_fault(error, cache_root, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when swapped in
        deleting.join()
    if result.ok:
        forget_old_caches(cache_root)
    return result


def _build(runs: list[EditionRun], staging: Path, output: Path, out: TextIO) -> BuildResult:
    main = runs[0]
    settings = main.pelican.settings
    whole = main.state.whole_site
    result = BuildResult(ok=False, problems=build_problems(runs), state=main.state)
    if result.problems:
        print(format_report(result.problems), file=out)
    if whole is None or stops_build(result.problems, bool(settings.get("COPROWEEK_STRICT"))):
        return result
    for run in runs:
        with collect_pelican_warnings() as collector:
            try:
                run.pelican.run()
            except SystemExit:
                return result
        result.pelican_messages += collector.messages()
    if result.pelican_messages:
        print(
            "Pelican, the program under the kit, reported a problem the kit's own checks did "
            "not catch, so nothing was published:",
            file=out,
        )
        for message in result.pelican_messages:
            print(f"  {printable(message)}", file=out)
        print(
            "Please tell the people who look after the site kit, and say which file you "
            "changed last.",
            file=out,
        )
        return result

    replace_folder(staging, output)
    result.ok = True
    result.output = output
    for run in runs:
        for note in run.state.notes:
            print(printable_lines(note), file=out)
    cache_root = Path(settings["CACHE_PATH"]).parent
    result.taken_down = takedown_lines(
        whole, settings.get("SITEURL", ""), cache_root, main.state.editions
    )
    if result.taken_down:
        print(
            "\nTaken down (not on the site any more). Remove by hand what was shared earlier:",
            file=out,
        )
        for line in result.taken_down:
            print(f"  {printable(line)}", file=out)
    scheduled = sorted(whole.scheduled, key=lambda post: (post.date, str(post.source_path)))
    if scheduled:
        print("\nScheduled (published on their day by the daily build):", file=out)
        for post in scheduled:
            where = display_path(post.source_path, whole.context.project_root)
            print(f"  {post.date:%Y-%m-%d}: {printable(where)}", file=out)
    published = [post for run in runs for post in run.state.loaded.published]
    quotes = sum(post.kind == "quote" for post in published)
    print(
        f"\nBuilt {plural(len(published), 'post')} ({plural(quotes, 'quote')}, "
        f"{plural(len(published) - quotes, 'blog')}) into {display(output)}/.",
        file=out,
    )
    return result


def printable_lines(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


def report_fault(error: Exception, cache_root: Path, out: TextIO) -> None:
    log = cache_root / "last-build-error.txt"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(traceback.format_exc(), encoding="utf-8")
    print(
        f"The build stopped because of an unexpected problem: {printable(str(error))}.\n"
        "This is a fault in the site kit, not in your content. "
        f"Please report it and attach {log}.",
        file=out,
    )


KEPT_CACHES = 3  # e.g. local builds, publishing builds, and the settings before a change


def forget_old_caches(cache_root: Path) -> None:
    """Pelican's cache and the kept pages live in a folder per settings-and-code
    fingerprint; keep the few used last, so the cache does not grow with every change."""
    if not cache_root.is_dir():
        return
    fingerprints = [
        folder
        for folder in cache_root.iterdir()
        if folder.is_dir() and FINGERPRINT.fullmatch(folder.name)
    ]
    fingerprints.sort(key=lambda folder: folder.stat().st_mtime_ns, reverse=True)
    for folder in fingerprints[KEPT_CACHES:]:
        shutil.rmtree(folder, ignore_errors=True)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def replace_folder(new: Path, current: Path) -> None:
    """Swap a finished build in: the old site is renamed aside (the next build deletes it),
    then the new one takes its name."""
    if current.exists() or current.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{current.name}{REPLACED_PREFIX}", dir=current.parent))
        current.rename(old / current.name)
    new.rename(current)


def replaced_sites(output: Path) -> list[Path]:
    return [
        path
        for path in output.parent.glob(f".{output.name}{REPLACED_PREFIX}*")
        if path.is_dir() and not path.is_symlink()
    ]


def delete_all(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def leftovers(output: Path) -> list[Path]:
    """Folders left beside output/ by builds that were interrupted."""
    names = (f".{output.name}{STAGING_PREFIX}*", f".{output.name}{REPLACED_PREFIX}*")
    return [path for pattern in names for path in output.parent.glob(pattern)]


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


LEFTOVER_AGE_SECONDS = 86_400


def remove_leftovers(output: Path) -> None:
    """Delete what builds that were interrupted left beside output/. A folder changed in
    the last day may belong to a build running at this moment, so it stays until later
    (`./kit clean` removes every leftover)."""
    day_ago = time.time() - LEFTOVER_AGE_SECONDS
    for path in leftovers(output):
        if path in replaced_sites(output):
            continue  # deleted beside the build
        try:
            if path.is_symlink() or not path.is_dir():
                path.unlink()
            elif path.stat().st_mtime < day_ago:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue


def run_checks(
    settings_file: str | Path = "pelicanconf.py",
    overrides: dict[str, Any] | None = None,
    out: TextIO = sys.stdout,
) -> int:
    settings = load_settings(settings_file, overrides)
    with started_editions(settings) as runs:
        state = runs[0].state
        problems = build_problems(runs)
        strict = bool(settings.get("COPROWEEK_STRICT"))
        if problems:
            print(format_report(problems), file=out)
        if stops_build(problems, strict):
            return 1
        warnings = sum(p.severity is Severity.WARNING for p in problems)
        extra = f" ({warnings} warnings above)" if warnings else ""
        site = state.whole_site or state.loaded
        print(
            f"All content is fine: {plural(len(site.posts), 'post')} and "
            f"{plural(len(site.context.campaigns), 'campaign')} checked{extra}.",
            file=out,
        )
    return 0
