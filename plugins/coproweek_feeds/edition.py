"""The edition a feeds run writes: its language, its folder in the site and its words.

A build runs Pelican once per edition (English at the root, Welsh under /cy/, or the other
way round), so each run writes its own edition's feeds; their titles, descriptions and the
words inside items come from the plugin's catalogue (translations/cy/LC_MESSAGES/messages.po).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.editions import edition_language
from coproweek_content.settings import ContentSettings
from coproweek_content.words import Words, catalogue_folders, words_for


@dataclass(frozen=True)
class Edition:
    language: str  # "en" or "cy"
    prefix: str  # "" for the main edition, "cy/" for the other
    words: Words


def edition_of(settings: dict[str, Any]) -> Edition:
    editions = ContentSettings.of(settings).editions
    language = edition_language(settings, editions)
    words = getattr(BuildState.of(settings), "words", None)
    if not isinstance(words, Words) or words.language != language:
        words = words_for(language, catalogue_folders(settings))
    return Edition(language, editions.prefix(language), words)
