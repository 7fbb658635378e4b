"""coproweek_pagecache: render a page again only when what it shows has changed.

Pelican renders every page on every build. This plugin gives Pelican a writer that, for
each page, fingerprints every value its template (with everything it extends, includes
and imports) reads from the context, keys the rendered HTML by that fingerprint plus the
theme, the plugins' code and the photos, and reuses the HTML kept from an earlier build
when the key is the same. Pages are still written by Pelican's writer, so every later
step (minifying, the sitemap, the search index) sees each page as before; a page whose
bytes the file already holds (in a site built over, see coproweek_build/recycle.py) is only
touched, not written again.

Signals:
- initialized: add the COPROWEEK_PAGECACHE_* defaults, and keep compiled templates between
  builds (bytecode.py);
- get_writer: the caching writer;
- finalized: forget kept pages that no page of this build used, and record the counts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from coproweek_content.written import write_if_changed
from pelican import signals
from pelican.writers import Writer

from .bytecode import use_bytecode_cache
from .settings import DEFAULTS, setting
from .store import PageStore


@dataclass
class Stats:
    """What the last build did (tests and the benchmark read it)."""

    rendered: int = 0
    reused: int = 0
    uncacheable: int = 0


LAST = Stats()
_store: PageStore | None = None


class CachingTemplate:
    """Stands in for a Jinja template in Pelican's writer: same render(), but from the
    store when the page's inputs are unchanged."""

    def __init__(self, template: Any, store: PageStore) -> None:
        self._template = template
        self._store = store
        self.name = template.name

    def render(self, context: dict[str, Any]) -> str:
        return self._store.render(self._template, context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


class PageFile:
    """What Pelican's writer writes a page into: kept in memory, then written to `path` only
    if its bytes differ from the file there (see write_if_changed)."""

    def __init__(self, path: str, encoding: str) -> None:
        self.path = path
        self.encoding = encoding
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def __enter__(self) -> PageFile:
        return self

    def __exit__(self, error_type: Any, *_: Any) -> None:
        if error_type is None:
            text = "".join(self.parts)
            if os.linesep != "\n":  # as a file opened in text mode would write it
                text = text.replace("\n", os.linesep)
            write_if_changed(self.path, text.encode(self.encoding))


class CachingWriter(Writer):
    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args, **kwargs):  # type: ignore[no-untyped-def]
        if _store is not None and name:
            template = CachingTemplate(template, _store)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Pelican's checks for a file written twice, then a PageFile instead of a file
        opened (and emptied) at once."""
        if filename in self._overridden_files or (filename in self._written_files and not override):
            return super()._open_w(filename, encoding, override)  # raises, or skips the file
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return PageFile(filename, encoding)


def add_defaults(pelican: Any) -> None:
    global _store
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    if _store is not None:  # left by a build that failed: drop what it had not saved
        _store.abandon()
    _store = PageStore.for_settings(pelican.settings) if _enabled(pelican.settings) else None
    if _store is not None:
        use_bytecode_cache(pelican.settings, _store.folder)


def _enabled(settings: dict[str, Any]) -> bool:
    return bool(setting(settings, "COPROWEEK_PAGECACHE_ENABLED"))


def get_writer(pelican: Any) -> type | None:
    return CachingWriter if _enabled(pelican.settings) else None


def forget_unused(pelican: Any) -> None:
    global _store
    if _store is None:
        LAST.__dict__.update(Stats().__dict__)
        return
    _store.forget_unused()
    LAST.__dict__.update(
        rendered=_store.rendered, reused=_store.reused, uncacheable=_store.uncacheable
    )
    _store = None


def register() -> None:
    signals.initialized.connect(add_defaults)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(forget_unused)
