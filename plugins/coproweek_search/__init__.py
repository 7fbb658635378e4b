"""coproweek_search: a static search index built with Pagefind, no server and no tracking.

One Pagefind index of the post pages, in output/pagefind/. Templates mark the searchable
part of a page with data-pagefind-body (posts: article.html), and type and campaign with
data-pagefind-meta. Only the pages this build wrote are indexed, so a withdrawn post (never
written) is never searchable.

Signals:
- initialized: the build's search index (a part of the build state);
- content_written: the post pages (written with article.html) and event pages (event.html)
  are noted;
- article_writer_finalized: every post page is written: in a thread beside the build, the
  pages are read and hashed, and either the bundle kept for that hash is linked into the
  site or Pagefind's command line indexes a copy of them (service.py) while Pelican writes
  the rest of the site (a site with published events waits for `finalized` instead: their
  pages are written after the posts, so that site loses this head start);
- finalized: wait for the bundle. A site without post pages has no data-pagefind-body at
  all, and Pagefind's rule is then to index every page: that is done now, from the pages
  this build wrote. A Pagefind failure is logged as an error, which stops the build.

The build state closes the index at the end of every build, finished or failed: a Pagefind
still running is stopped and what it was writing removed.

Languages: a build runs Pelican once per edition, so each edition gets its own bundle of its
own pages (/pagefind/ and /cy/pagefind/), in one language, its pages' <html lang>, and keeps
it in its own cache folder (search/, search-cy/), so neither edition's build forgets the
other's. The search page loads the bundle under its own SITEURL, and pagefind.js makes
result addresses relative to where it was loaded from (/cy/2025/.../ for the Welsh bundle),
so the pages are indexed at their addresses within their edition.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.editions import Editions
from coproweek_content.state import settings_wanted
from pelican import signals

from .bundle import Outcome, forget_others, make_bundle
from .service import Pagefind
from .settings import SearchSettings

logger = logging.getLogger("pelican.coproweek_search")
STATE_PART = "coproweek_search"
TIMEOUT_SECONDS = 600
# Template context names of the pages that carry data-pagefind-body: posts (article.html)
# and events (event.html, coproweek_events).
POST = "article"
EVENT = "event"


@dataclass(eq=False)
class SearchIndex:
    """The search index of one build."""

    output: Path
    cache: Path
    inputs: str  # the settings that shape the bundle, for its hash
    post_pages: list[str] = field(default_factory=list)
    outcome: Future[Outcome] | None = None
    pagefind: Pagefind = field(default_factory=Pagefind)
    _thread: ThreadPoolExecutor | None = None

    def start(self, pages: list[str]) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="search")
        self.outcome = self._thread.submit(
            make_bundle, self.pagefind, self.output, self.cache, pages, self.inputs
        )

    def close(self) -> None:
        """Stop Pagefind if it still runs, and wait for the thread (which removes what
        Pagefind was writing)."""
        self.pagefind.stop()
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)


def search_index(settings: Any) -> SearchIndex | None:
    part = BuildState.of(settings).get_part(STATE_PART)
    return part if isinstance(part, SearchIndex) else None


def begin(pelican: Any) -> None:
    settings = pelican.settings
    state = BuildState.ensure(settings)
    chosen = SearchSettings.of(settings)
    if not chosen.enabled:
        return
    cache = Path(chosen.cache_dir or Path(settings["CACHE_PATH"]).parent / "search")
    editions = state.editions or Editions()
    if state.language != editions.main:  # each edition keeps its own bundle (search-cy)
        cache = cache.with_name(f"{cache.name}-{state.language}")
    state.set_part(STATE_PART, SearchIndex(Path(pelican.output_path), cache, "one index"))


def note_post_page(path: str, context: dict[str, Any]) -> None:
    index = search_index(context)
    if index is None or (POST not in context and EVENT not in context):
        return
    if index.outcome is not None:
        # Pelican writes every post before `article_writer_finalized`; never leave a post
        # out of the search without saying so.
        logger.error("%s was written after the search index had started", path)
        return
    index.post_pages.append(path)


def start_index(generator: Any, **_: Any) -> None:
    index = search_index(generator.settings)
    if BuildState.of(generator.settings).loaded.published_events:
        return  # event pages are written after the posts: indexed with them, when finalized
    if index is not None and index.post_pages:
        index.start(index.post_pages)


def finish_index(pelican: Any) -> None:
    index = search_index(pelican.settings)
    if index is None:
        return
    state = BuildState.of(pelican.settings)
    if index.outcome is None:  # no post or event pages: Pagefind's rule, every page
        index.start(index.post_pages or list(state.pages_written))
    assert index.outcome is not None
    waiting = time.perf_counter()
    try:
        outcome = index.outcome.result(timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        logger.error(
            "The search index could not be built: Pagefind took over %s seconds",
            TIMEOUT_SECONDS,
        )
        return
    except Exception as error:
        logger.error("The search index could not be built: %s", error)
        return
    forget_others(index.cache, outcome.digest)
    state.stats["search"] = {
        "pages": outcome.pages,
        "reused": outcome.reused,
        "seconds": round(outcome.seconds, 3),
        "waited": round(time.perf_counter() - waiting, 3),
    }


def declare_settings(state: Any) -> type:
    return SearchSettings


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.initialized.connect(begin)
    signals.content_written.connect(note_post_page)
    signals.article_writer_finalized.connect(start_index)
    signals.finalized.connect(finish_index)
