"""Alt text for cards: every word on the card plus the attribution, short and long.

Neither version starts with "Image of": screen readers already say it is an image.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coproweek_content.colours import relative_luminance
from coproweek_content.words import Words

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


# The words of a card in reading order (the footer's hashtag comes last).
READING_ORDER = ("notice", "kicker", "text", "when", "place", "attribution")


def label(kind: str, words: Words) -> str:
    """What the short alt text starts with."""
    if kind == "quote":
        return words.gettext("Quote card")
    if kind == "event":
        return words.gettext("Event card")
    return words.gettext("Title card")


def short_alt(kind: str, words: dict[str, str], language: Words) -> str:
    """The words on the card in reading order (without the small logo wordmark)."""
    parts = [sentence(words[name]) for name in READING_ORDER if words.get(name)]
    if words.get("hashtag"):
        parts.append(words["hashtag"])
    return f"{label(kind, language)}: " + " ".join(parts)


def _dark_on_light(background: str, text: str) -> bool:
    return relative_luminance(background) > relative_luminance(text)


def look(layout: Layout, palette: dict[str, str], extras: Extras, language: Words) -> str:
    """How a layout looks, in a few plain words."""
    _ = language.gettext
    if layout.style == "bold":
        if _dark_on_light(palette["accent"], palette["background"]):
            return _("dark words on a light background, the background in the campaign's colour")
        return _("light words on a dark background, the background in the campaign's colour")
    if layout.style == "photo":
        photo = sentence(extras.photo_alt).rstrip(".") if extras.photo_alt else _("a photo")
        return _("white words on a darkened photo: %(photo)s") % {"photo": photo}
    if _dark_on_light(palette["background"], palette["text"]):
        return _("dark text on a light background with a coloured band along the top")
    return _("light text on a dark background with a coloured band along the top")


def long_alt(
    kind: str,
    words: dict[str, str],
    palette: dict[str, str],
    campaign: str,
    layout: Layout,
    extras: Extras,
    language: Words,
) -> str:
    """Everything on the card, with how it looks."""
    _ = language.gettext
    how = look(layout, palette, extras, language)
    if kind == "quote":
        what = _("A quote for %(campaign)s, %(look)s.") if campaign else _("A quote, %(look)s.")
    elif kind == "event":
        what = (
            _("An event card for %(campaign)s, %(look)s.")
            if campaign
            else _("An event card, %(look)s.")
        )
    else:
        what = (
            _("A title card for %(campaign)s, %(look)s.")
            if campaign
            else _("A title card, %(look)s.")
        )
    parts = [what % {"campaign": campaign, "look": how}]
    if words.get("notice"):
        parts.append(_("At the top, in large letters: %(words)s") % _said(words["notice"]))
    if words.get("kicker"):
        parts.append(_("Above the title: %(words)s") % _said(words["kicker"]))
    main = _("The quote: %(words)s") if kind == "quote" else _("The title: %(words)s")
    parts.append(main % _said(words["text"]))
    if words.get("when"):
        parts.append(_("Below it, the date and time: %(words)s") % _said(words["when"]))
    if words.get("place"):
        parts.append(_("Then the place: %(words)s") % _said(words["place"]))
    if words.get("attribution"):
        parts.append(_("Below it: %(words)s") % _said(words["attribution"]))
    _corner(parts, words, language)
    if extras.partners:
        names = listed(extras.partners, language)
        parts.append(_("Beside them, the logos of the partners %(names)s.") % {"names": names})
    return " ".join(parts)


def _corner(parts: list[str], words: dict[str, str], language: Words) -> None:
    """The footer's words: the hashtag (both, on a bilingual card), and the name (or
    logo) in the corner."""
    _ = language.gettext
    hashtag, logo = words.get("hashtag", ""), bool(words.get("logo"))
    said = {"hashtag": hashtag, "name": sentence(words.get("wordmark", ""))}
    count = len(hashtag.split())
    if hashtag:
        parts.append(
            language.ngettext(
                "At the bottom, the hashtag %(hashtag)s",
                "At the bottom, the hashtags %(hashtag)s",
                count,
            )
            % said
        )
    if not words.get("wordmark"):
        return
    if hashtag and logo:
        parts[-1] = (
            language.ngettext(
                "At the bottom, the hashtag %(hashtag)s and the logo of %(name)s",
                "At the bottom, the hashtags %(hashtag)s and the logo of %(name)s",
                count,
            )
            % said
        )
    elif hashtag:
        parts[-1] = (
            language.ngettext(
                "At the bottom, the hashtag %(hashtag)s and the name %(name)s",
                "At the bottom, the hashtags %(hashtag)s and the name %(name)s",
                count,
            )
            % said
        )
    else:  # no hashtag: the previous sentence goes on
        parts[-1] += (
            " " + (_("and the logo of %(name)s") if logo else _("and the name %(name)s")) % said
        )


def _said(text: str) -> dict[str, str]:
    return {"words": sentence(text)}


def listed(names: tuple[str, ...], language: Words) -> str:
    if len(names) == 1:
        return names[0]
    return language.gettext("%(first)s and %(last)s") % {
        "first": ", ".join(names[:-1]),
        "last": names[-1],
    }
