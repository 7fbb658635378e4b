"""Writing into the folder being built, and knowing what this build wrote there.

A build may write over the site the last build replaced (coproweek_build/recycle.py). Until
its last step sweeps them out, that folder still holds files this build did not write: the
page of a post withdrawn since, say. So whatever lists pages (the sitemap, a search index of
the whole site) takes them from `pages_written`, never from the folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pelican import signals

# Folder being built -> its subfolders whose plugin deletes what it did not write itself (and
# may leave a file it would write again unchanged, with its old change time).
_cleaned_by_plugins: dict[str, set[str]] = {}


def cleaned_by_plugin(folder: Path, subfolder: Path) -> None:
    """A plugin keeps `subfolder` of the site being built in `folder` clean itself: the
    build's sweep leaves it alone."""
    _cleaned_by_plugins.setdefault(_key(folder), set()).add(_key(subfolder))


def left_to_plugins(folder: Path) -> set[str]:
    return _cleaned_by_plugins.get(_key(folder), set())


def forget(folder: Path) -> None:
    """The build in `folder` is over: forget what plugins said of it."""
    _cleaned_by_plugins.pop(_key(folder), None)


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


# The HTML pages Pelican's writer wrote in the build under way (content_written).
_pages: list[str] = []


def collect_pages() -> None:
    """Keep the list behind `pages_written` (a plugin that reads it calls this when it
    registers; connecting twice is connecting once)."""
    signals.initialized.connect(_start_list)
    signals.content_written.connect(_note_page)


def pages_written() -> list[str]:
    """The HTML pages written so far by the build under way (paths), each once, sorted."""
    return sorted(set(_pages))


def _start_list(pelican: Any) -> None:
    _pages.clear()


def _note_page(path: str, **_: Any) -> None:
    if path.endswith(".html"):
        _pages.append(path)
