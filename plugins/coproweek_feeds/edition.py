"""The edition a feeds run writes: its language, its folder in the site and its words.

A build runs Pelican once per edition (English at the root, Welsh under /cy/, or the other
way round), so each run writes its own edition's feeds; their titles, descriptions and the
words inside items come from the plugin's catalogue (translations/cy/LC_MESSAGES/messages.po),
merged with the others into the build state's `words`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.editions import Editions
from coproweek_content.words import Words, catalogue_folders, words_for


@dataclass(frozen=True)
class Edition:
    language: str  # "en" or "cy"
    prefix: str  # "" for the main edition, "cy/" for the other
    words: Words


def edition_of(settings: dict[str, Any]) -> Edition:
    state = BuildState.of(settings)
    editions = state.editions or Editions()
    words = state.words or words_for(state.language, catalogue_folders(settings))
    return Edition(state.language, editions.prefix(state.language), words)
