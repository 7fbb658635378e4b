"""The search bundle of a build: made by Pagefind, or the kept one when nothing changed.

A bundle is kept in the cache folder under a hash of everything that makes it: each
indexed page's address and bytes, Pagefind's version and the settings (`inputs`). The
site gets hard links to the kept files (copies where links are not possible).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .service import Pagefind

FOLDER = "pagefind"  # the bundle's folder in the site; the search page loads it from there
PARTIAL = ".partial-"  # a bundle Pagefind is still writing, never reused


@dataclass(frozen=True)
class Outcome:
    digest: str  # the kept bundle's name in the cache
    pages: int
    reused: bool  # the kept bundle was linked in; Pagefind did not run
    seconds: float  # reading, hashing, indexing and linking


def address(relative: str) -> str:
    """A page's address as Pagefind's command line makes it from the file's path."""
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return "/" + relative


def read_pages(output: Path, written: Iterable[str]) -> list[tuple[str, bytes]]:
    """(address, bytes) of each written page, in the order of their addresses."""
    pages = []
    for path in written:
        relative = Path(os.path.relpath(path, output)).as_posix()
        pages.append((address(relative), Path(path).read_bytes()))
    return sorted(pages)


def pages_digest(pages: list[tuple[str, bytes]], inputs: str) -> str:
    digest = hashlib.sha256(f"{version('pagefind')}\0{inputs}\0".encode())
    for url, data in pages:
        digest.update(url.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:24]


def link_file(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def make_bundle(
    pagefind: Pagefind, output: Path, cache: Path, written: list[str], inputs: str
) -> Outcome:
    """The bundle of the `written` pages in output/pagefind/: the kept one, or a new one
    (then kept)."""
    started = time.perf_counter()
    pages = read_pages(output, written)
    digest = pages_digest(pages, inputs)
    kept = cache / digest
    reused = kept.is_dir()
    if not reused:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f"{PARTIAL}{digest}"
        shutil.rmtree(partial, ignore_errors=True)
        try:
            pagefind.index(pages, partial)
            partial.rename(kept)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(output / FOLDER, ignore_errors=True)  # Pelican run on its own, over a site
    shutil.copytree(kept, output / FOLDER, copy_function=link_file)
    return Outcome(digest, len(pages), reused, time.perf_counter() - started)


def forget_others(cache: Path, digest: str) -> None:
    """Keep only the bundle this build used (and forget partial ones of stopped builds)."""
    if cache.is_dir():
        for entry in cache.iterdir():
            if entry.name != digest:
                shutil.rmtree(entry, ignore_errors=True)
