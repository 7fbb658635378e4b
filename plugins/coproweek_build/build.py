"""Building the site: check the content, build into a folder of its own, then swap it in.

A failed build leaves the previous output/ exactly as it was. The folder is the site the
last build replaced, taken over and written over (recycle.py), or a new one.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from coproweek_content import state, written
from coproweek_content.loader import LoadedSite, post_url
from coproweek_content.problems import (
    Problem,
    Severity,
    display_path,
    errors_in,
    format_report,
)
from pelican import Pelican
from pelican.settings import read_settings

from .pelican_log import collect_pelican_warnings
from .recycle import sweep, take_over_replaced_site


@dataclass
class BuildResult:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    pelican_messages: list[str] = field(default_factory=list)
    taken_down: list[str] = field(default_factory=list)
    output: Path | None = None


def load_settings(
    settings_file: str | Path, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    settings_path = Path(settings_file).resolve()
    project_root = settings_path.parent
    chosen: dict[str, Any] = {"COPROWEEK_PROJECT_ROOT": str(project_root)}
    chosen.update(overrides or {})
    # Pelican resolves PATH and OUTPUT_PATH against the settings file's folder.
    return read_settings(str(settings_path), override=chosen)


FINGERPRINT = re.compile(r"[0-9a-f]{16}")


def cache_fingerprint(settings: dict[str, Any]) -> str:
    """Pelican's content cache ignores settings and code changes; key it by both."""
    digest = hashlib.sha256()
    # "Today" only decides which posts are published, and that is re-checked on every build.
    for name in sorted(set(settings) - {"COPROWEEK_TODAY", "COPROWEEK_CHECKED"}):
        value = settings[name]
        if isinstance(value, (str, int, float, bool, type(None), list, tuple, dict)):
            digest.update(f"{name}={value!r}\n".encode())
    plugins = Path(__file__).resolve().parent.parent
    for source in sorted(plugins.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def check_content(settings: dict[str, Any]) -> LoadedSite:
    site = state.load(settings)
    if "coproweek_cards" in settings.get("PLUGINS", []):
        # Cards are checked with the content: a quote too long for its card is a content problem.
        from coproweek_cards.checks import card_problems

        site.problems += card_problems(site, settings)
    return site


def stops_build(problems: list[Problem], strict: bool) -> list[Problem]:
    return problems if strict else errors_in(problems)


def takedown_lines(site: LoadedSite, site_url: str) -> list[str]:
    today = site.context.today
    lines = []
    for post in sorted(site.taken_down, key=lambda p: str(p.source_path)):
        if post.consent.withdrawn:
            why = "consent withdrawn"
        elif post.consent.expired_on(today):
            why = f"consent ended on {post.consent.ends:%Y-%m-%d}"
        else:
            why = "not agreed for the website (Channels has no web)"
        path = display_path(post.source_path, site.context.project_root)
        lines.append(
            f"{path}: {why}; remove anything already shared from {site_url}/{post_url(post)}"
        )
    return lines


def build_site(
    settings_file: str | Path = "pelicanconf.py",
    overrides: dict[str, Any] | None = None,
    out: TextIO = sys.stdout,
) -> BuildResult:
    with fewer_collections():
        return _build(settings_file, overrides, out)


LOW_PRIORITY = ["nice", "-n", "10"] if shutil.which("nice") else []

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


def _build(settings_file: str | Path, overrides: dict[str, Any] | None, out: TextIO) -> BuildResult:
    settings = load_settings(settings_file, overrides)
    strict = bool(settings.get("COPROWEEK_STRICT"))
    site = check_content(settings)
    result = BuildResult(ok=False, problems=site.problems)
    stopping = stops_build(site.problems, strict)
    if site.problems:
        print(format_report(site.problems), file=out)
    if stopping:
        return result

    output = Path(settings["OUTPUT_PATH"]).resolve()
    building = output.with_name(f".{output.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)  # left by an earlier build in this process
    taken_over = None
    if not settings.get("STATIC_CHECK_IF_MODIFIED"):  # else unchanged files keep old ctimes
        taken_over = take_over_replaced_site(output, building)
    trash_emptied = empty_trash(output)
    try:
        return _build_into(output, building, taken_over, settings, site, result, out, trash_emptied)
    finally:
        written.forget(building)
        trash_emptied()


def _build_into(
    output: Path,
    building: Path,
    taken_over: int | None,
    settings: dict[str, Any],
    site: LoadedSite,
    result: BuildResult,
    out: TextIO,
    trash_emptied: Callable[[], None],
) -> BuildResult:
    """Build into `building` beside `output` (a replaced site taken over at `taken_over`, or
    nothing yet); swap it in only if everything passed."""
    cache_root = Path(settings["CACHE_PATH"])
    cache = cache_root / cache_fingerprint(settings)
    settings = dict(
        settings, OUTPUT_PATH=str(building), CACHE_PATH=str(cache), COPROWEEK_CHECKED=True
    )
    try:
        with collect_pelican_warnings() as collector:
            Pelican(settings).run()
        result.pelican_messages = collector.messages()
    except SystemExit:
        shutil.rmtree(building, ignore_errors=True)
        return result
    except Exception as error:  # a fault in the kit itself, not in content
        shutil.rmtree(building, ignore_errors=True)
        log = cache_root / "last-build-error.txt"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(
            f"The build stopped because of an unexpected problem: {error}.\n"
            "This is a fault in the site kit, not in your content. "
            f"Please report it and attach {log}.",
            file=out,
        )
        return result

    if result.pelican_messages:
        shutil.rmtree(building, ignore_errors=True)
        print("Pelican reported problems, so nothing was published:", file=out)
        for message in result.pelican_messages:
            print(f"  {message}", file=out)
        return result

    if taken_over is not None:
        sweep(building, taken_over, written.left_to_plugins(building))
    trash_emptied()  # what an interrupted build left goes first: this one may take its name
    replace_folder(building, output)
    forget_old_caches(cache)
    result.ok = True
    result.output = output
    result.taken_down = takedown_lines(site, settings.get("SITEURL", ""))
    if result.taken_down:
        print(
            "\nTaken down (not on the site any more). Remove by hand what was shared earlier:",
            file=out,
        )
        for line in result.taken_down:
            print(f"  {line}", file=out)
    published = site.published
    quotes = sum(post.kind == "quote" for post in published)
    print(
        f"\nBuilt {plural(len(published), 'post')} ({plural(quotes, 'quote')}, "
        f"{plural(len(published) - quotes, 'blog')}) into {display(output)}/.",
        file=out,
    )
    return result


KEPT_CACHES = 3  # e.g. local builds, publishing builds, and the settings before a change


def forget_old_caches(current: Path) -> None:
    """Pelican's cache and the kept pages live in a folder per settings-and-code
    fingerprint; keep the few used last, so the cache does not grow with every change."""
    os.utime(current)
    fingerprints = [
        folder
        for folder in current.parent.iterdir()
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
    """Swap a finished build in. The old site is moved aside, not deleted: the next build
    builds over it (recycle.py)."""
    if current.exists():
        current.rename(current.with_name(f".{current.name}.old-{os.getpid()}"))
    new.rename(current)


def trash_of(output: Path) -> list[Path]:
    """Sites replaced by earlier builds that no build took over, and folders of builds
    that were interrupted (not of a build still running in another process, nor this
    build's own)."""
    replaced = list(output.parent.glob(f".{output.name}.old-*"))
    unfinished = output.parent.glob(f".{output.name}.building-*")
    return replaced + [folder for folder in unfinished if not _running(folder.name)]


def _running(folder_name: str) -> bool:
    pid = folder_name.rsplit("-", 1)[-1]
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():  # this build's folder (one left earlier is already gone)
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def empty_trash(output: Path) -> Callable[[], None]:
    """Start deleting earlier builds' leftovers beside the build (deleting thousands of
    small files is slow); returns what waits until they are gone, which the build calls
    before it returns. `rm` does it in its own process, at a lower priority: a Python thread
    would hold up the build's thread at every file it deletes."""
    folders = [str(folder) for folder in trash_of(output)]
    if not folders:
        return lambda: None
    remover = shutil.which("rm")
    if remover is not None:
        command = [*LOW_PRIORITY, remover, "-rf", "--", *folders]
        with contextlib.suppress(OSError):
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

            def removed() -> None:
                if process.wait() != 0:  # what rm could not delete, Python tries
                    _delete(folders)

            return removed
    thread = threading.Thread(target=_delete, args=(folders,), name="empty-trash", daemon=True)
    thread.start()
    return thread.join


def _delete(folders: list[str]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def run_checks(
    settings_file: str | Path = "pelicanconf.py",
    overrides: dict[str, Any] | None = None,
    out: TextIO = sys.stdout,
) -> int:
    settings = load_settings(settings_file, overrides)
    site = check_content(settings)
    strict = bool(settings.get("COPROWEEK_STRICT"))
    if site.problems:
        print(format_report(site.problems), file=out)
    if stops_build(site.problems, strict):
        return 1
    warnings = sum(p.severity is Severity.WARNING for p in site.problems)
    extra = f" ({warnings} warnings above)" if warnings else ""
    print(
        f"All content is fine: {len(site.posts)} posts and {len(site.context.campaigns)} campaigns checked{extra}.",
        file=out,
    )
    return 0
