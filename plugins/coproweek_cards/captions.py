"""Suggested post text that fits X (280), Bluesky (300) and Mastodon (500), hashtag last.

Each network counts differently: X weighs most characters outside Latin scripts double and
counts every link as 23; Mastodon counts links as 23; Bluesky counts graphemes, links in full.
"""

from __future__ import annotations

import re
import unicodedata

LIMITS = {"x": 280, "bluesky": 300, "mastodon": 500}
LINK_LENGTH = 23
URL = re.compile(r"https?://\S+")
# Code point ranges X counts as one (its twitter-text configuration); everything else is two.
X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def graphemes(text: str) -> int:
    """Close enough to grapheme clusters: marks, joiners and modifiers join their base."""
    count = 0
    joined = False
    for char in text:
        code = ord(char)
        attach = (
            unicodedata.category(char) in ("Mn", "Me", "Mc")
            or char in "\u200d\ufe0f\ufe0e"
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
            or (joined and code >= 0x1F000)
        )
        if not attach:
            count += 1
        joined = char == "\u200d"
    return count


def x_length(text: str) -> int:
    length = 0
    for part, is_link in _split_links(text):
        if is_link:
            length += LINK_LENGTH
            continue
        part = unicodedata.normalize("NFC", part)
        if not part or max(part) <= "\u10ff":  # all in X's first light range: the usual case
            length += len(part)
            continue
        for char in part:
            code = ord(char)
            length += 1 if any(low <= code <= high for low, high in X_LIGHT) else 2
    return length


def mastodon_length(text: str) -> int:
    return sum(LINK_LENGTH if is_link else len(part) for part, is_link in _split_links(text))


def bluesky_length(text: str) -> int:
    return graphemes(text)


COUNTERS = {"x": x_length, "bluesky": bluesky_length, "mastodon": mastodon_length}


def _split_links(text: str) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in URL.finditer(text):
        parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    parts.append((text[position:], False))
    return parts


def fits_everywhere(text: str) -> bool:
    return all(COUNTERS[name](text) <= limit for name, limit in LIMITS.items())


def caption(body: str, after: str, url: str, hashtag: str) -> str:
    """`body` (shortened at a word if needed), then `after`, the link, and the hashtag last."""

    def build(main: str) -> str:
        parts = [main, after, url, hashtag]
        return " ".join(part for part in parts if part)

    text = build(body)
    if fits_everywhere(text):
        return text
    words = body.split()
    while words:
        words.pop()
        shorter = " ".join(words).rstrip(",;:—-") + "…"
        if body.startswith("“"):
            shorter += "”"
        text = build(shorter)
        if fits_everywhere(text):
            return text
    return build("")
