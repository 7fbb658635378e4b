"""The metadata fields each kind of file may have, and how each value is read.

A parser takes the raw string and returns a value, or raises FieldError with a plain
explanation and a fix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from .languages import LanguageError, checked_tag
from .model import CARD_LAYOUTS, CHANNELS, NO_PEOPLE, WELLBEING, Naming


class FieldError(ValueError):
    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


def text(value: str) -> str:
    return " ".join(value.split())


def a_date(value: str) -> datetime:
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(value.strip(), pattern)
        except ValueError:
            continue
    raise FieldError(
        f'"{value}" is not a date we can read.',
        "write the date as year-month-day with hyphens, for example 2024-07-02.",
    )


def a_day(value: str) -> date:
    return a_date(value).date()


def a_year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise FieldError(
            f'"{value}" is not a year.',
            "write the campaign year as four digits, for example 2024.",
        )
    return int(value)


def a_list(value: str) -> tuple[str, ...]:
    return tuple(item for item in (text(part) for part in value.split(",")) if item)


def a_web_link(value: str) -> str:
    parsed = urlparse(value.strip())
    if (
        parsed.scheme not in ("http", "https")
        or not parsed.netloc
        or re.search(r"[\s<>\"'`\\]", value.strip())
    ):
        raise FieldError(
            f'"{value}" is not a web address.',
            "give the full address starting with https://, for example https://example.org/story.",
        )
    return value.strip()


def yes_no(value: str) -> bool:
    answer = value.strip().lower()
    if answer in ("yes", "true", "y"):
        return True
    if answer in ("no", "false", "n"):
        return False
    raise FieldError(f'"{value}" is not yes or no.', "write yes or no.")


def naming(value: str) -> Naming:
    wanted = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    for mode in Naming:
        if mode.value == wanted:
            return mode
    choices = ", ".join(mode.value for mode in Naming)
    raise FieldError(
        f'"{value}" is not a way of naming someone we know.', f"use one of: {choices}."
    )


def tags(value: str) -> tuple[str, ...]:
    """Tags, each of which must make a web address (its tag page)."""
    found = a_list(value)
    for tag in found:
        try:
            slug(tag)
        except FieldError:
            raise FieldError(
                f'the tag "{tag}" has no letters or digits, so it cannot have a page.',
                "use words for tags, separated by commas, for example: Tags: power, listening",
            ) from None
    return found


def channels(value: str) -> frozenset[str]:
    chosen = [item.lower() for item in a_list(value)]
    if not chosen:
        raise FieldError(
            "no channel is given.",
            f"list the channels the person agreed to, from: {', '.join(CHANNELS)}.",
        )
    unknown = [item for item in chosen if item not in CHANNELS]
    if unknown:
        raise FieldError(
            f'"{unknown[0]}" is not a channel we know.',
            f"list the channels the person agreed to, from: {', '.join(CHANNELS)}.",
        )
    return frozenset(chosen)


def wellbeing(value: str) -> tuple[str, ...]:
    chosen = [" ".join(item.lower().split()) for item in a_list(value)]
    unknown = [item for item in chosen if item not in WELLBEING]
    if unknown:
        raise FieldError(
            f'"{unknown[0]}" is not one of the five ways to wellbeing.',
            f"use one or more of: {', '.join(WELLBEING)}.",
        )
    return tuple(chosen)


def hashtag(value: str) -> str:
    tag = value.strip()
    if not re.fullmatch(r"#[A-Za-z][A-Za-z0-9]*", tag):
        raise FieldError(
            f'"{value}" is not a hashtag we can use.',
            "start with # and use only letters and digits, in CamelCase, for example #CoProWeek.",
        )
    return tag


def colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value.strip()):
        raise FieldError(
            f'"{value}" is not a colour we can read.',
            "write colours as # and six hexadecimal digits, for example #1B1B1B.",
        )
    return value.strip().upper()


def language(value: str) -> str:
    """A BCP 47 language tag Babel knows (cy, ur, bn, pa-Arab ...), as written."""
    try:
        return checked_tag(value).tag
    except LanguageError:
        raise FieldError(
            f'"{value}" is not a language tag we know.',
            "write the language as a short tag, for example cy (Welsh), ur (Urdu), "
            "bn (Bengali), ar (Arabic) or pa-Arab (Punjabi in Arabic script); "
            "leave Language out for English.",
        ) from None


def translation_key(value: str) -> str:
    """The key a post or page shares with its translation: short, lowercase, hyphens."""
    key = value.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key) or len(key) > 60:
        raise FieldError(
            f'"{value}" is not a translation key we can use.',
            "write a few lowercase words joined by hyphens, the same in the post and its "
            "translation, for example: Translation-key: text-reminder",
        )
    return key


def consent_reference(value: str) -> str:
    reference = value.strip()
    if "@" in reference or re.search(r"\d{9,}", re.sub(r"[\s()+]", "", reference)):
        raise FieldError(
            "the consent reference looks like contact details.",
            "write only the id from your organisation's private consent register, "
            "for example C-2024-017. Contact details must never be in this repository.",
        )
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}", reference):
        raise FieldError(
            f'"{value}" is not a consent reference we can use.',
            "write the id from your organisation's private consent register, for example "
            "C-2024-017 (letters, digits and hyphens only).",
        )
    return reference


def card_layout(value: str) -> str:
    chosen = " ".join(value.lower().split())
    if chosen not in CARD_LAYOUTS:
        raise FieldError(
            f'"{value}" is not a card layout we have.',
            f"choose one of: {', '.join(CARD_LAYOUTS)}.",
        )
    return chosen


def photo_consent(value: str) -> str:
    """NO_PEOPLE, or the register id of the consent of the people in a card's photo."""
    if " ".join(value.lower().split()) == NO_PEOPLE:
        return NO_PEOPLE
    try:
        return consent_reference(value)
    except FieldError as error:
        raise FieldError(
            error.message,
            f'write "{NO_PEOPLE}" if nobody can be recognised in the photo, or else the id '
            "of the consent record (for social media) of the people in it, for example "
            "C-2025-031.",
        ) from None


MAX_SLUG_BYTES = 80


def slug(value: str) -> str:
    """The one rule that turns a name into a part of a web address, for posts, pages,
    tags, people and organisations: lower case, words joined by single hyphens. Accents on
    Latin letters go ("Café" gives "cafe"); every other script keeps its letters and marks,
    so a name in Bengali or Arabic has an address too."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", value):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue  # an accent on a Latin letter
        kept.append(char if _word_char(char) else "-")
    text = unicodedata.normalize("NFC", "".join(kept)).casefold()
    result = re.sub(r"-+", "-", text).strip("-")
    while len(result.encode("utf-8")) > MAX_SLUG_BYTES:  # files are named by it, with more added
        result = result[:-1]
    result = result.strip("-")
    if not result:
        raise FieldError(
            f'"{value}" cannot be turned into a web address.',
            "use a file name (or Slug) with letters or digits, for example amira-sharing-power.",
        )
    return result


def _word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in ("L", "N", "M") and char not in "_"


@dataclass(frozen=True)
class Field:
    label: str  # how the key is written in our documentation
    parse: Callable[[str], Any] = text
    required: bool = False


def _fields(*specs: Field) -> dict[str, Field]:
    return {spec.label.lower().replace("-", "_"): spec for spec in specs}


CONSENT_FIELDS = (
    Field("Naming", naming),
    Field("Place"),
    Field("Consent", consent_reference),
    Field("Channels", channels),
    Field("Consent-ends", a_day),
    Field("Withdrawn", yes_no),
)
CONSENT_FIELD_NAMES = frozenset(spec.label.lower().replace("-", "_") for spec in CONSENT_FIELDS) | {
    "card_photo_consent"
}
# How a campaign's or a post's social media cards look (coproweek_content.carddesign).
CARD_FIELDS = (
    Field("Card-layout", card_layout),
    Field("Card-photo"),
    Field("Card-photo-alt"),
    Field("Card-photo-consent", photo_consent),
)
SHARED_POST_FIELDS = (
    Field("Title"),
    Field("Date", a_date, required=True),
    Field("Role"),  # needed, except for a group (checked with the person)
    Field("Organisation"),
    Field("Campaign", a_year),
    Field("Tags", tags),
    Field("Wellbeing", wellbeing),
    Field("Slug", slug),
    Field("Language", language),  # of the words, when not the site's (detected otherwise)
    Field("Translation-key", translation_key),  # shared with the post's translation
    *CONSENT_FIELDS,
    *CARD_FIELDS,
)
QUOTE_FIELDS = _fields(
    *SHARED_POST_FIELDS,
    Field("Speaker"),
    Field("Excerpt"),
    Field("Source", a_web_link),
)
BLOG_FIELDS = _fields(
    *SHARED_POST_FIELDS,
    Field("Author"),
    Field("Summary", required=True),
    Field("Image"),
    Field("Image-alt"),
    Field("Original", a_web_link),
)
PAGE_FIELDS = _fields(
    Field("Title", required=True),
    Field("Summary"),
    Field("Slug", slug),
    Field("Language", language),
    Field("Translation-key", translation_key),
)
CAMPAIGN_FIELDS = _fields(
    Field("Year", a_year, required=True),
    Field("Theme", required=True),
    Field("Starts", a_day, required=True),
    Field("Ends", a_day, required=True),
    Field("Hashtag", hashtag, required=True),
    Field("Background", colour, required=True),
    Field("Text-colour", colour, required=True),
    Field("Accent", colour, required=True),
    Field("Partners", a_list),
    Field("Featured", slug),  # the post whose quote the campaign page shows large
    Field("Partner-logos", a_list),
    Field("Language", language),  # of the theme and introduction ("" for the site's main one)
    *CARD_FIELDS,
)
# A campaign's words in another language (content/campaigns/2025.cy.md): nothing else, so
# the colours, dates and partners are set once, in the campaign's own file.
CAMPAIGN_TEXT_FIELDS = _fields(
    Field("Year", a_year, required=True),
    Field("Language", language, required=True),
    Field("Theme", required=True),
    Field("Hashtag", hashtag, required=True),
)

# Keys Pelican understands that would let a file choose where or how it is written.
FORBIDDEN = {
    "save_as": "would choose where the page is written",
    "url": "would choose the page's web address",
    "template": "would choose the page template",
    "status": "would change whether and where the page is published",
    "category": "would change the content type",
    "authors": "would change the author pages",
    "page_order": "would change the site menu",
}
# Keys that belong to the other kind of post: the nearest right answer.
TRANSLATION_ALIASES = {"lang": "Language", "translation": "Translation-key"}
ALIASES = {
    "page": TRANSLATION_ALIASES,
    "campaign": {"lang": "Language"},
    "quote": {
        **TRANSLATION_ALIASES,
        "author": "Speaker",
        "name": "Speaker",
        "link": "Source",
        "quote": "Excerpt",
    },
    "blog": {
        **TRANSLATION_ALIASES,
        "speaker": "Author",
        "name": "Author",
        "image_alt_text": "Image-alt",
        "alt": "Image-alt",
    },
    "event": {
        "location": "Venue",
        "place": "Venue",
        "start": "Starts",
        "end": "Ends",
        "organizer": "Organiser",
        "organisation": "Organiser",
        "price": "Cost",
        "accessibility": "Access",
        "timezone": "Time-zone",
        "book": "Booking",
    },
}
