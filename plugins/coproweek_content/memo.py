"""Results worked out per content file, kept between builds.

Checking a post (its fields, consent, photos, the safety scan of its text) is pure: the
same bytes in the same surroundings give the same post and the same problems. So each
result is kept under a hash of the file's bytes and of everything else the step reads:
its own code, and what the caller names (for the checks: the campaign years, the photos
in content/images/, the folders and the card length limit). A build with no change reads
every file but checks none. The cards plugin keeps its card plans the same way.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from .digests import code_digest, tree_signature

CONTENT_CODE = Path(__file__).resolve().parent
FORMAT = "memo-2"


class Memo:
    """Results under a key of (code, surroundings, one input); entries not used in a
    build are dropped when it saves, so the memo holds exactly the current content.

    Each entry is kept pickled on its own: an entry this build reused is written back as
    the bytes it was read from, so saving after a small change pickles only the new ones."""

    def __init__(self, file: Path | None, code: tuple[Path, ...] = (CONTENT_CODE,)) -> None:
        self.file = file
        files = tuple(path for folder in code for path in sorted(folder.glob("*.py")))
        self._code = f"{FORMAT}\0{code_digest(files)}".encode()
        self._context = hashlib.sha256(self._code)
        self._old: dict[str, bytes] = self._load()
        self._reused: dict[str, bytes] = {}
        self._new: dict[str, Any] = {}

    def surround(self, surroundings: list[Any], trees: tuple[Path, ...] = ()) -> None:
        """Everything besides the input itself that the step reads; set before key()."""
        self._context = hashlib.sha256(self._code)
        self._context.update(tree_signature(trees).encode())
        self._context.update(repr(surroundings).encode())

    def _load(self) -> dict[str, bytes]:
        if self.file is None or not self.file.is_file():
            return {}
        try:
            with self.file.open("rb") as handle:
                data = pickle.load(handle)
        except Exception:  # a damaged or outdated memo only costs a re-check
            return {}
        if not isinstance(data, dict) or not all(isinstance(v, bytes) for v in data.values()):
            return {}
        return data

    def key(self, *parts: str | bytes) -> str:
        digest = self._context.copy()
        for part in parts:
            digest.update(part.encode() if isinstance(part, str) else part)
            digest.update(b"\0")
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        raw = self._old.get(key)
        if raw is None:
            return None
        try:
            found = pickle.loads(raw)
        except Exception:  # a damaged entry only costs a re-check
            return None
        self._reused[key] = raw
        return found

    def put(self, key: str, value: Any) -> None:
        self._reused.pop(key, None)
        self._new[key] = value

    @property
    def changed(self) -> bool:
        """Whether saving would write something else than the file holds: new entries,
        or entries dropped."""
        return bool(self._new) or self._reused.keys() != self._old.keys()

    def save(self) -> None:
        if self.file is None or not self.changed:
            return
        entries = dict(self._reused)
        for key, value in self._new.items():
            entries[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.file)
