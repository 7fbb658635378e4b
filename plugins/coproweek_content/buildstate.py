"""One object per build: what the build read, checked, planned and wrote.

The build command makes it and puts it in Pelican's settings under STATE_KEY, so every
signal handler, generator, reader and template filter of that build reaches the same object
(`BuildState.of(settings)`) and nothing of a build lives in a module global: two builds in
one process (tests, livereload) never see each other's state. When Pelican is run directly,
the content plugin makes one when Pelican starts.

Plugins keep what only they need in `part(name, factory)`; what several plugins need (the
content model, the pages written) has a field of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .counterparts import Counterparts
    from .editions import Editions
    from .loader import LoadedSite
    from .problems import Problem
    from .words import Words

STATE_KEY = "COPROWEEK_BUILD_STATE"
Part = TypeVar("Part")


@dataclass(eq=False)
class BuildState:
    # Made by the build command (False: made when Pelican was run on its own, which then
    # stops itself on a content problem).
    from_build_command: bool = True
    # The content model of every language (read once per build, shared by the editions'
    # runs), and this run's edition's view of it: its own posts and pages, its campaigns'
    # words. Plugins read the view (`loaded`).
    whole_site: LoadedSite | None = None
    site: LoadedSite | None = None
    editions: Editions | None = None
    language: str = "en"  # the edition this Pelican run writes
    words: Words | None = None  # the interface's words in that language
    counterparts: Counterparts | None = None  # each page's other-language version
    root_url: str = ""  # the site's address without the edition's folder (photos are shared)
    # Problems the plugins' own checks found (cards that do not fit, say), with the model's.
    extra_problems: list[Problem] = field(default_factory=list)
    # HTML pages written by this build (as Pelican's writer names them), in writing order.
    pages_written: list[str] = field(default_factory=list)
    # What each plugin did (counts for the summary, the tests and the benchmark).
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Lines for the summary printed after a successful build (things to do by hand).
    notes: list[str] = field(default_factory=list)
    _parts: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> BuildState:
        """The state of the build these settings (or a template context) belong to."""
        state = settings.get(STATE_KEY)
        if not isinstance(state, BuildState):
            raise LookupError("this build has no build state: Pelican was not started by the kit")
        return state

    @classmethod
    def ensure(cls, settings: dict[str, Any]) -> BuildState:
        """The build's state; made now when Pelican was started without the build command."""
        state = settings.get(STATE_KEY)
        if not isinstance(state, BuildState):
            state = settings[STATE_KEY] = cls(from_build_command=False)
        return state

    @property
    def loaded(self) -> LoadedSite:
        if self.site is None:
            raise LookupError("the content is read when Pelican starts (signal `initialized`)")
        return self.site

    @property
    def problems(self) -> list[Problem]:
        return [*(self.whole_site.problems if self.whole_site else []), *self.extra_problems]

    def part(self, name: str, factory: Callable[[], Part]) -> Part:
        """A plugin's own per-build object, made on first use."""
        if name not in self._parts:
            self._parts[name] = factory()
        return self._parts[name]

    def get_part(self, name: str) -> Any:
        return self._parts.get(name)

    def set_part(self, name: str, value: Any) -> None:
        self._parts[name] = value

    def close(self) -> None:
        """The build is over, finished or not: each part with a `close()` (worker
        processes, open files) closes, and the parts are forgotten."""
        parts, self._parts = self._parts, {}
        for part in parts.values():
            close = getattr(part, "close", None)
            if callable(close):
                close()
