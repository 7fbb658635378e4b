"""coproweek_search: a static search index built with Pagefind, no server and no tracking.

Pagefind reads the finished pages, so only what was published is searchable: a withdrawn
post is never written and so never indexed. Templates mark the searchable part of a page
with data-pagefind-body, and campaign and type with data-pagefind-filter.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from pelican import signals

from .settings import setting

logger = logging.getLogger("pelican.coproweek_search")


def build_index(pelican: Any) -> None:
    if not setting(pelican.settings, "COPROWEEK_SEARCH_ENABLED"):
        return
    output = Path(pelican.output_path)
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.error("The search index could not be built: %s", error)
        return
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        logger.error(
            "The search index could not be built: %s", detail[-1] if detail else done.returncode
        )


def register() -> None:
    signals.finalized.connect(build_index)
