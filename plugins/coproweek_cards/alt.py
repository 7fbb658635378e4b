"""Alt text for cards: every word on the card plus the attribution, short and long.

Neither version starts with "Image of": screen readers already say it is an image.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coproweek_content.colours import describe

if TYPE_CHECKING:
    from .layouts import Layout


@dataclass(frozen=True)
class Extras:
    """What a card shows besides its words, for its long alt text."""

    photo_alt: str = ""  # the Card-photo-alt of a photo card
    partners: tuple[str, ...] = ()  # the partners whose logos it shows


def sentence(text: str) -> str:
    """The text with a full stop, unless it already ends in punctuation (of any script)."""
    text = " ".join(text.split())
    ends_in_word = text and unicodedata.category(text[-1])[0] in ("L", "N")
    return f"{text}." if ends_in_word else text


LABELS = {"quote": "Quote card", "title": "Title card", "event": "Event card"}
# The words of a card in reading order (the footer's hashtag comes last).
READING_ORDER = ("notice", "kicker", "text", "when", "place", "attribution")


def short_alt(kind: str, words: dict[str, str]) -> str:
    """The words on the card in reading order (without the small logo wordmark)."""
    parts = [sentence(words[name]) for name in READING_ORDER if words.get(name)]
    if words.get("hashtag"):
        parts.append(words["hashtag"])
    return f"{LABELS[kind]}: " + " ".join(parts)


def look(layout: Layout, palette: dict[str, str], extras: Extras) -> str:
    """How a layout looks, in a few plain words."""
    if layout.style == "bold":
        words = describe(palette["accent"], palette["background"]).replace("text", "words")
        return f"{words}, the background in the campaign's colour"
    if layout.style == "photo":
        photo = sentence(extras.photo_alt).rstrip(".") if extras.photo_alt else "a photo"
        return f"white words on a darkened photo: {photo}"
    return f"{describe(palette['background'], palette['text'])} with a coloured band along the top"


def long_alt(
    kind: str,
    words: dict[str, str],
    palette: dict[str, str],
    campaign: str,
    layout: Layout,
    extras: Extras,
) -> str:
    """Everything on the card, with how it looks."""
    what = {"quote": "A quote", "title": "A title card", "event": "An event card"}[kind]
    where = f" for {campaign}" if campaign else ""
    parts = [f"{what}{where}, {look(layout, palette, extras)}."]
    if words.get("notice"):
        parts.append(f"At the top, in large letters: {sentence(words['notice'])}")
    if words.get("kicker"):
        parts.append(f"Above the title: {sentence(words['kicker'])}")
    label = "The quote" if kind == "quote" else "The title"
    parts.append(f"{label}: {sentence(words['text'])}")
    if words.get("when"):
        parts.append(f"Below it, the date and time: {sentence(words['when'])}")
    if words.get("place"):
        parts.append(f"Then the place: {sentence(words['place'])}")
    if words.get("attribution"):
        parts.append(f"Below it: {sentence(words['attribution'])}")
    if words.get("hashtag"):
        parts.append(f"At the bottom, the hashtag {words['hashtag']}")
    if words.get("wordmark"):
        what = "logo of" if words.get("logo") else "name"
        parts[-1] += f" and the {what} {sentence(words['wordmark'])}"
    if extras.partners:
        parts.append(f"Beside them, the logos of the partners {_listed(extras.partners)}.")
    return " ".join(parts)


def _listed(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
