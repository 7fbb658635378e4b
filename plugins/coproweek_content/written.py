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


def building_over(folder: Path, since_ns: int | None) -> None:
    """Record (or with None, forget) that `folder` is an old site being built over."""
    if since_ns is None:
        _built_over.pop(str(folder), None)
    else:
        _built_over[str(folder)] = since_ns


def written_now(paths: Iterable[Path], folder: Path) -> list[Path]:
    """Those of `paths` (inside `folder`) that this build wrote."""
    since = _built_over.get(str(Path(folder).resolve()))
    if since is None:
        return list(paths)
    return [path for path in paths if os.lstat(path).st_ctime_ns >= since]
