"""coproweek_pagecache: render a page again only when what it shows has changed.

Pelican renders every page on every build. This plugin gives Pelican a writer that, for
each page, fingerprints every value its template (with everything it extends, includes
and imports) reads from the context, keys the rendered HTML by that fingerprint plus the
theme, the plugins' code and the photos, and reuses the HTML kept from an earlier build
when the key is the same. Pages are still written by Pelican's writer, so every later
step (minifying, the sitemap, the search index) sees each page as before.

Signals:
- initialized: add the COPROWEEK_PAGECACHE_* defaults, and keep compiled templates between
  builds (bytecode.py);
- get_writer: the caching writer;
- finalized: forget kept pages that no page of this build used, and record the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.state import settings_wanted
from pelican import signals
from pelican.writers import Writer

from .bytecode import use_bytecode_cache
from .settings import PageCacheSettings
from .store import PageStore


@dataclass
class Stats:
    """What a build did (the build state's stats["pages"]: tests and the benchmark read it)."""

    rendered: int = 0
    reused: int = 0
    uncacheable: int = 0


STATE_PART = "coproweek_pagecache"


def _store_of(settings: Any) -> PageStore | None:
    store = BuildState.of(settings).get_part(STATE_PART)
    return store if isinstance(store, PageStore) else None


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


class CachingWriter(Writer):
    """Pelican's writer, with each page's template rendered through the store."""

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args, **kwargs):
        store = _store_of(context)
        if store is not None and name:
            template = CachingTemplate(template, store)
        return super().write_file(name, template, context, *args, **kwargs)


def add_defaults(pelican: Any) -> None:
    settings = pelican.settings
    if _enabled(settings):
        store = PageStore.for_settings(settings)
        BuildState.ensure(settings).set_part(STATE_PART, store)
        use_bytecode_cache(settings, store.folder)


def _enabled(settings: dict[str, Any]) -> bool:
    return PageCacheSettings.of(settings).enabled


def get_writer(pelican: Any) -> type | None:
    return CachingWriter if _enabled(pelican.settings) else None


def forget_unused(pelican: Any) -> None:
    state = BuildState.of(pelican.settings)
    store = _store_of(pelican.settings)
    if store is None:
        state.stats["pages"] = Stats().__dict__
        return
    store.forget_unused()
    state.stats["pages"] = Stats(store.rendered, store.reused, store.uncacheable).__dict__


def declare_settings(state: Any) -> type:
    return PageCacheSettings


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.initialized.connect(add_defaults)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(forget_unused)
