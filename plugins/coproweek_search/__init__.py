"""coproweek_search: a static search index built with Pagefind, no server and no tracking.

Pagefind reads the finished pages, so only what was published is searchable: a withdrawn
post is never written and so never indexed. Templates mark the searchable part of a page
with data-pagefind-body, and type and campaign with data-pagefind-meta.

The index is kept in the cache under a hash of every page it is made from: when no page
changed, the previous index is linked into the site instead of being made again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from pelican import signals

from .settings import setting

logger = logging.getLogger("pelican.coproweek_search")
BUNDLE = "pagefind"


def pages_digest(output: Path) -> str:
    digest = hashlib.sha256()
    for page in sorted(output.rglob("*.html")):
        digest.update(page.relative_to(output).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()[:24]


def link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (a copy where links are not possible)."""

    def link(from_path: str, to_path: str) -> None:
        try:
            os.link(from_path, to_path)
        except OSError:
            shutil.copy2(from_path, to_path)

    shutil.copytree(source, target, copy_function=link)


def run_pagefind(output: Path) -> bool:
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.error("The search index could not be built: %s", error)
        return False
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        logger.error(
            "The search index could not be built: %s", detail[-1] if detail else done.returncode
        )
        return False
    return True


def build_index(pelican: Any) -> None:
    if not setting(pelican.settings, "COPROWEEK_SEARCH_ENABLED"):
        return
    output = Path(pelican.output_path)
    cache = Path(
        setting(pelican.settings, "COPROWEEK_SEARCH_CACHE_DIR")
        or Path(pelican.settings["CACHE_PATH"]).parent / "search"
    )
    kept = cache / pages_digest(output)
    if (kept / BUNDLE).is_dir():
        link_tree(kept / BUNDLE, output / BUNDLE)
        return
    if not run_pagefind(output):
        return
    shutil.rmtree(cache, ignore_errors=True)  # only the newest index is worth keeping
    link_tree(output / BUNDLE, kept / BUNDLE)


def register() -> None:
    signals.finalized.connect(build_index)
