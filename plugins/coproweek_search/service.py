"""Running Pagefind's command line over the pages to index.

The pages are written, at their own paths, into a scratch folder, and Pagefind indexes that
folder into the bundle folder. (Pagefind's Python API would take the pages from memory, but
in version 1.5 it waits a tenth of a second for each answer, over 200 s at 2,000 pages, and
its write_files answers before the files are all written: working around that meant
replacing its private parts.)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

TIMEOUT_SECONDS = 600


class PagefindError(Exception):
    """Pagefind failed, stopped, or was stopped."""


class Pagefind:
    """One Pagefind run, in the thread that calls `index`; `stop` works from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False

    def index(self, pages: Sequence[tuple[str, bytes]], folder: Path) -> None:
        """Index `pages` ((address, HTML) each) into a bundle in `folder`."""
        with tempfile.TemporaryDirectory(prefix="pagefind-") as scratch:
            site = Path(scratch)
            for address, html in pages:
                path = site / address.lstrip("/")
                if address.endswith("/"):
                    path = path / "index.html"
                if not path.resolve().is_relative_to(site.resolve()):
                    raise PagefindError(f"a page address leaves the site: {address}")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(html)
            command = [sys.executable, "-m", "pagefind", "--site", str(site)]
            command += ["--output-path", str(folder), "--quiet"]
            with self._lock:
                if self._stopped:
                    raise PagefindError("stopped")
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                )
            try:
                said, _ = self._process.communicate(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.stop()
                raise PagefindError(f"Pagefind took over {TIMEOUT_SECONDS} seconds") from None
            if self._process.returncode != 0:
                lines = said.decode("utf-8", "replace").strip().splitlines()
                last = lines[-1] if lines else f"exit code {self._process.returncode}"
                raise PagefindError(f"Pagefind stopped: {last}")

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
