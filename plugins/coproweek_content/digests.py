"""The digests caches are keyed by, made one way: of code (the bytes of source files) and of
folders of other files (their names, sizes and modification times)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

PLUGINS = Path(__file__).resolve().parent.parent  # every plugin's code


@cache
def code_digest(files: tuple[Path, ...] | None = None) -> str:
    """A digest of the code in `files` (every plugin's Python files when None)."""
    chosen = files if files is not None else tuple(sorted(PLUGINS.rglob("*.py")))
    digest = hashlib.sha256()
    for path in chosen:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def tree_signature(folders: Iterable[Path]) -> str:
    """Names, sizes and modification times of every file below `folders` (photos, theme)."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(top, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# Values that differ from build to build without changing what is built.
PER_BUILD = frozenset(
    {
        "COPROWEEK_TODAY",
        "COPROWEEK_BUILD_STATE",
        "OUTPUT_PATH",
        "CACHE_PATH",
        "COPROWEEK_PROJECT_ROOT",
    }
)


def settings_digest(settings: Mapping[str, Any]) -> str:
    """A digest of every plain setting (functions and objects left out) and of the plugins'
    code: what a cache of built things must be keyed by."""
    digest = hashlib.sha256(code_digest().encode())
    for name in sorted(set(settings) - PER_BUILD):
        value = settings[name]
        if isinstance(value, str | int | float | bool | type(None) | list | tuple | dict):
            digest.update(ADDRESS.sub("", f"{name}={value!r}\n").encode())
    return digest.hexdigest()


ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # a function named by where it lives in memory
