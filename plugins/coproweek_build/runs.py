"""One Pelican run per edition: a site in two languages is built by two runs of Pelican, each
writing its language's pages into its own folder of the same staging folder; the first run
reads and checks the content, the other shares what it read."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import STATE_KEY, BuildState
from coproweek_content.config import SettingsProblem
from coproweek_content.digests import settings_digest
from coproweek_content.editions import EDITION_KEY, ROOT_URL_KEY, Editions
from coproweek_content.problems import Problem
from coproweek_content.settings import ContentSettings
from pelican import Pelican

FINGERPRINT = re.compile(r"[0-9a-f]{16}")


def cache_fingerprint(settings: dict[str, Any]) -> str:
    """The folder of this build's caches: one per settings and code (Pelican's own cache
    knows neither)."""
    return settings_digest(settings)[:16]


@dataclass
class EditionRun:
    """One edition's Pelican (its language's pages, into its own folder) and build state."""

    language: str
    pelican: Pelican
    state: BuildState


def chosen_editions(settings: dict[str, Any]) -> Editions:
    """The editions to build; the main one alone when the setting is wrong (its problem
    is reported with the others and stops the build)."""
    try:
        return ContentSettings.read(settings).editions
    except SettingsProblem:
        return Editions()


def edition_settings(settings: dict[str, Any], editions: Editions, language: str) -> dict[str, Any]:
    """Pelican's settings for one edition: its folder in the site and in the output, its
    language and, from COPROWEEK_EDITION_SETTINGS, its own site name and description."""
    root_url = str(settings.get("SITEURL", "")).rstrip("/")
    folder = editions.prefix(language).rstrip("/")
    chosen = dict(settings)
    chosen[EDITION_KEY] = language
    chosen[ROOT_URL_KEY] = root_url
    if folder:
        chosen["SITEURL"] = f"{root_url}/{folder}"
        chosen["OUTPUT_PATH"] = str(Path(settings["OUTPUT_PATH"]) / folder)
        chosen["CACHE_PATH"] = str(Path(settings["CACHE_PATH"]) / folder)
    chosen["DEFAULT_LANG"] = editions.html_lang(language)
    with contextlib.suppress(SettingsProblem):  # reported by the check when Pelican starts
        chosen.update((ContentSettings.read(settings).edition_settings or {}).get(language, {}))
    return chosen


@contextmanager
def started_editions(settings: dict[str, Any]) -> Iterator[list[EditionRun]]:
    """A Pelican per edition, each with a fresh build state; starting the first reads and
    checks the content (the content plugin's `initialized`), the others share what it read.
    The states are closed (workers stopped) at the end."""
    settings = dict(settings)
    settings["CACHE_PATH"] = str(Path(settings["CACHE_PATH"]) / cache_fingerprint(settings))
    editions = chosen_editions(settings)
    runs: list[EditionRun] = []
    try:
        for language in editions.languages:
            first = runs[0].state if runs else BuildState()
            # The content and each page's counterparts are the same for every edition.
            state = BuildState(whole_site=first.whole_site, counterparts=first.counterparts)
            chosen = edition_settings(settings, editions, language)
            chosen[STATE_KEY] = state
            runs.append(EditionRun(language, Pelican(chosen), state))
        yield runs
    finally:
        for run in runs:
            run.state.close()


def build_problems(runs: list[EditionRun]) -> list[Problem]:
    """Every problem of the build, once: the content's, and each edition's own checks'."""
    found = list(runs[0].state.problems)
    for run in runs[1:]:
        found += [problem for problem in run.state.extra_problems if problem not in found]
    return found
