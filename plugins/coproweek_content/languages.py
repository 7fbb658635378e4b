"""The language and writing direction of a piece of text: the one resolver every quote,
name and title goes through before a template marks it with `lang` and `dir`.

A `Language:` field (a BCP 47 tag such as cy, ur or bn, checked with Babel's locale data)
wins; otherwise the language is guessed from the script most of the letters are in. Latin
text is taken to be in the page's language (a script cannot tell Welsh from English: that
needs the field).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

# The first word of a letter's Unicode name -> the language it most likely writes. Scripts
# shared by many languages (Latin, Cyrillic) are left out: a wrong guess is worse than none.
SCRIPT_LANGUAGES = {
    "ARABIC": "ar",
    "HEBREW": "he",
    "BENGALI": "bn",
    "DEVANAGARI": "hi",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
    "THAI": "th",
    "GREEK": "el",
    "ETHIOPIC": "am",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
}
RTL_SCRIPTS = frozenset({"ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO"})
# Letters Urdu uses and Arabic does not (ٹ ڈ ڑ ں ھ ہ ے): Arabic script with any is Urdu.
URDU_LETTERS = frozenset("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2")


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, or "" for the page's own language
    direction: str = "ltr"  # "ltr" or "rtl"


class LanguageError(ValueError):
    pass


@cache
def checked_tag(value: str) -> Language:
    """A `Language:` field's value as a Language, or LanguageError when Babel does not
    know it."""
    tag = value.strip().replace("_", "-")
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise LanguageError(tag) from error
    return Language(tag, "rtl" if locale.text_direction == "rtl" else "ltr")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


@lru_cache(maxsize=4096)
def detected(text: str) -> Language:
    """The language of `text` as its letters' script says, or Language("") for Latin text,
    text without letters, and scripts many languages share."""
    scripts = Counter(_script(char) for char in text if char.isalpha())
    if not scripts:
        return Language("")
    script, count = scripts.most_common(1)[0]
    if script == "LATIN" or count * 2 < sum(scripts.values()):
        return Language("")
    direction = "rtl" if script in RTL_SCRIPTS else "ltr"
    tag = SCRIPT_LANGUAGES.get(script, "")
    if script == "ARABIC" and URDU_LETTERS.intersection(text):
        tag = "ur"
    return Language(tag, direction)


def resolve(text: str, declared: str = "") -> Language:
    """The language of `text`: the declared tag when there is one (already checked),
    else what its script says."""
    if declared:
        try:
            return checked_tag(declared)
        except LanguageError:
            pass  # the content checks reported it; fall back to the script
    return detected(text)


def tag_of(text: str, declared: str = "", page_language: str = "en") -> str:
    """The BCP 47 tag of `text`, the page's own when nothing says otherwise (for
    structured data's inLanguage)."""
    return resolve(str(text), declared).tag or page_language


def attribute_pairs(
    text: str, declared: str = "", page_language: str = "en"
) -> list[tuple[str, str]]:
    """[("lang", "ur"), ("dir", "rtl")] for an element holding `text`: lang only when the
    text is not in the page's language, dir only when it runs right to left."""
    found = resolve(text, declared)
    pairs = []
    page_primary = page_language.split("-")[0].casefold()
    if found.tag and found.tag.split("-")[0].casefold() != page_primary:
        pairs.append(("lang", found.tag))
    if found.direction == "rtl":
        pairs.append(("dir", "rtl"))
    return pairs


def attributes(text: str, declared: str = "", page_language: str = "en") -> Markup:
    """` lang="ur" dir="rtl"` (with its leading space), or nothing, for templates:
    `<blockquote{{ quote.text|lang_attrs(entry.language) }}>`."""
    pairs = attribute_pairs(str(text), declared, page_language)
    return Markup("".join(f' {name}="{escape(value)}"' for name, value in pairs))
