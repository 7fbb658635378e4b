"""The search index's file work: hard links to pages and bundles, and removing folders.

Each shard links hundreds of files and removes as many. Done by `cp` and `rm` in their own
processes where they exist, that work never holds up the build's thread (a Python thread
would take the interpreter's lock at every file); Python does it where they do not, or when
they fail.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

CP, RM = shutil.which("cp"), shutil.which("rm")
NAMES_PER_CALL = 1000  # pages given to one `cp`, well inside the limit on a command's length


def _runs(command: Sequence[str], cwd: str | Path | None = None) -> bool:
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    except OSError:
        return False
    return done.returncode == 0


def link_file(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path, leave_out: Iterable[str] = ()) -> None:
    """`target` becomes a copy of the folder `source` made of hard links (of copies where
    links are not possible), without the files at its top whose names match a pattern of
    `leave_out`. What `target` held before goes."""
    patterns = tuple(leave_out)
    remove_tree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if CP and _runs([CP, "-l", "-R", "--", str(source), str(target)]):
        for name in _matching(os.listdir(target), patterns):
            os.unlink(target / name)
        return
    remove_tree(target)

    def at_the_top(folder: str, names: list[str]) -> list[str]:
        return _matching(names, patterns) if Path(folder) == source else []

    shutil.copytree(source, target, copy_function=link_file, ignore=at_the_top)


def _matching(names: list[str], patterns: tuple[str, ...]) -> list[str]:
    return [name for name in names if any(fnmatch.fnmatch(name, p) for p in patterns)]


def link_pages(output: Path, names: list[str], site: Path) -> None:
    """The pages `names` (relative to `output`) linked into `site` at the same paths."""
    site.mkdir(parents=True, exist_ok=True)
    if CP and all(
        _runs(
            [CP, "-l", "--parents", "-t", str(site), "--", *names[start : start + NAMES_PER_CALL]],
            output,
        )
        for start in range(0, len(names), NAMES_PER_CALL)
    ):
        return
    made: set[str] = set()
    for relative in names:
        target = os.path.join(site, relative)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if not os.path.exists(target):  # `cp` may have linked it before it failed
            link_file(os.path.join(output, relative), target)


def remove_tree(folder: Path) -> None:
    """`folder` and all in it gone (nothing happens when it does not exist)."""
    if not os.path.lexists(folder):
        return
    if RM and _runs([RM, "-rf", "--", str(folder)]):
        return
    shutil.rmtree(folder, ignore_errors=True)
