"""Which files in the folder being built were written by this build.

A build may write over the site the last build replaced (coproweek_build/recycle.py). Until
its last step sweeps them out, that folder still holds files this build did not write: the
page of a post withdrawn since, say. Whatever lists the folder's files before then (the
sitemap, a search index of the whole site) keeps only the files this says were written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# Folder being built over -> the change time (ns) it was taken over at: every file written,
# copied or linked since has a later one.
_built_over: dict[str, int] = {}
# Folder being built -> its subfolders whose plugin deletes what it did not write itself (and
# may leave a file it would write again unchanged, with its old change time).
_cleaned_by_plugins: dict[str, set[str]] = {}


def building_over(folder: Path, since_ns: int | None) -> None:
    """Record (or with None, forget) that `folder` is an old site being built over."""
    key = _key(folder)
    if since_ns is None:
        _built_over.pop(key, None)
        _cleaned_by_plugins.pop(key, None)
    else:
        _built_over[key] = since_ns


def cleaned_by_plugin(folder: Path, subfolder: Path) -> None:
    """A plugin keeps `subfolder` of the site being built in `folder` clean itself: the
    build's sweep leaves it alone."""
    _cleaned_by_plugins.setdefault(_key(folder), set()).add(_key(subfolder))


def left_to_plugins(folder: Path) -> set[str]:
    return _cleaned_by_plugins.get(_key(folder), set())


def _key(folder: Path) -> str:
    return str(Path(folder).resolve())


def write_if_changed(path: str | Path, data: bytes) -> bool:
    """Write `data` to `path` unless the file holds exactly these bytes already; then it is
    only touched, so that it counts as written by this build. Returns whether it wrote.

    Rewriting a file in place frees its blocks and allocates new ones (on a file system
    mounted with `discard`, the build waits for each freed block to be discarded), so
    this costs a read where the file is unchanged. A file with other hard links (in a
    cache) is never written through: it is replaced."""
    try:
        with open(path, "rb") as existing:
            status = os.fstat(existing.fileno())
            same = status.st_nlink == 1 and status.st_size == len(data) and existing.read() == data
    except OSError:  # not there yet (or not readable: writing says why)
        same, status = False, None
    if same:
        os.utime(path)
        return False
    if status is not None and status.st_nlink > 1:
        os.unlink(path)
    with open(path, "wb") as target:
        target.write(data)
    return True


def written_now(paths: Iterable[Path], folder: Path) -> list[Path]:
    """Those of `paths` (inside `folder`) that this build wrote."""
    since = _built_over.get(_key(folder))
    if since is None:
        return list(paths)
    return [path for path in paths if os.lstat(path).st_ctime_ns >= since]
