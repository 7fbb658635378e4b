"""The card cache: drawn files kept by their hash, outside output/, with a manifest.

The manifest also remembers every card file name each source ever had, so when a post is
withdrawn the build can list the cards that were shared and must be taken down.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = "manifest.json"
FILES = "files"
PACKS = "packs"


class CardCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = folder / FILES
        self.packs = folder / PACKS
        self.history: dict[str, list[str]] = {}
        self.lengths: dict[str, int] = {}
        self._names: set[str] | None = None  # the cached files when first asked
        self._loaded: object = None  # the manifest as read, to skip writing it unchanged
        path = folder / MANIFEST
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.history = {k: list(v) for k, v in data.get("history", {}).items()}
                self.lengths = {k: int(v) for k, v in data.get("lengths", {}).items()}
                self._loaded = data
            except (ValueError, AttributeError, TypeError):
                pass  # a damaged manifest only costs a redraw

    def path(self, key: str, extension: str) -> Path:
        return self.files / f"{key}.{extension}"

    def has(self, key: str, extension: str) -> bool:
        name = f"{key}.{extension}"
        return name in self._listing() or os.path.isfile(os.path.join(self.files, name))

    def _listing(self) -> set[str]:
        if self._names is None:  # one listing instead of a look-up per card
            try:
                self._names = set(os.listdir(self.files))
            except OSError:
                self._names = set()
        return self._names

    def length(self, key: str, extension: str) -> int:
        """The size of a cached file in bytes (kept in the manifest: a file never changes
        under its key)."""
        found = self.lengths.get(key)
        if found is None:
            found = self.lengths[key] = os.stat(self.path(key, extension)).st_size
        return found

    def remember(self, source: str, file_name: str) -> None:
        names = self.history.setdefault(source, [])
        if file_name not in names:
            names.append(file_name)
            names.sort()

    def save(self, keep: set[str]) -> int:
        """Write the manifest and delete cached files no current card uses; returns how many."""
        self.files.mkdir(parents=True, exist_ok=True)
        removed = 0
        for name in os.listdir(self.files):
            if name.split(".")[0] not in keep and not name.endswith(".part"):
                os.unlink(os.path.join(self.files, name))
                removed += 1
        data = {
            "history": dict(sorted(self.history.items())),
            "lengths": {k: v for k, v in sorted(self.lengths.items()) if k in keep},
        }
        if data == self._loaded:
            return removed  # the manifest on disk says exactly this already
        temporary = self.folder / f".{MANIFEST}.{os.getpid()}"
        # Compact, so the C encoder writes it: only builds read this file.
        compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        temporary.write_text(compact, encoding="utf-8")
        temporary.replace(self.folder / MANIFEST)
        return removed
