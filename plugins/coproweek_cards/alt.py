"""Alt text for cards: every word on the card plus the attribution, short and long.

Neither version starts with "Image of": screen readers already say it is an image.
"""

from __future__ import annotations

import unicodedata

from coproweek_content.colours import describe


def _sentence(text: str) -> str:
    """The text with a full stop, unless it already ends in punctuation (of any script)."""
    text = " ".join(text.split())
    ends_in_word = text and unicodedata.category(text[-1])[0] in ("L", "N")
    return f"{text}." if ends_in_word else text


def short_alt(kind: str, words: dict[str, str]) -> str:
    """The words on the card in reading order (without the small logo wordmark)."""
    parts = []
    label = {"quote": "Quote card", "title": "Title card"}[kind]
    if words.get("kicker"):
        parts.append(_sentence(words["kicker"]))
    parts.append(_sentence(words["text"]))
    if words.get("attribution"):
        parts.append(_sentence(words["attribution"]))
    if words.get("hashtag"):
        parts.append(words["hashtag"])
    return f"{label}: " + " ".join(parts)


def long_alt(kind: str, words: dict[str, str], palette: dict[str, str], campaign: str) -> str:
    """Everything on the card, with how it looks."""
    what = "A quote" if kind == "quote" else "A title card"
    where = f" for {campaign}" if campaign else ""
    look = describe(palette["background"], palette["text"])
    parts = [f"{what}{where}, {look} with a coloured band along the top."]
    if words.get("kicker"):
        parts.append(f"Above the title: {_sentence(words['kicker'])}")
    label = "The quote" if kind == "quote" else "The title"
    parts.append(f"{label}: {_sentence(words['text'])}")
    if words.get("attribution"):
        parts.append(f"Below it: {_sentence(words['attribution'])}")
    if words.get("hashtag"):
        parts.append(f"At the bottom, the hashtag {words['hashtag']}")
    if words.get("wordmark"):
        what = "logo of" if words.get("logo") else "name"
        parts[-1] += f" and the {what} {_sentence(words['wordmark'])}"
    return " ".join(parts)
