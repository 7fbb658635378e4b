"""Fonts: Atkinson Hyperlegible first, then a fallback chain chosen per character.

Each character is drawn by the first font in the chain whose character map holds it, so
Arabic, Urdu, Bengali, Gurmukhi, Chinese and emoji get a real glyph instead of a box.
A character that no font holds is reported, never drawn.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

ATKINSON_DIR = "fontpkg_atkinson_hyperlegible"
EMOJI_FILE = "NotoColorEmoji.ttf"
EMOJI_SIZE = 109  # the only size at which the colour emoji font loads
# Noto fonts tried in this order after Atkinson Hyperlegible; every other NotoSans*
# file found comes after them ("and others").
PREFERRED = (
    "NotoSans",
    "NotoNaskhArabic",
    "NotoSansBengali",
    "NotoSansGurmukhi",
    "NotoSansDevanagari",
    "NotoSansGujarati",
    "NotoSansTamil",
    "NotoSansTelugu",
    "NotoSansKannada",
    "NotoSansMalayalam",
    "NotoSansSinhala",
    "NotoSansHebrew",
    "NotoSansThai",
    "NotoSansEthiopic",
    "NotoSansArmenian",
    "NotoSansGeorgian",
    "NotoSansArabic",
    "NotoSansSymbols",
    "NotoSansSymbols2",
    "NotoSansMath",
)
CJK_FILES = ("NotoSansCJK-{weight}.ttc", "NotoSansCJKsc-{weight}.otf")
CJK_SIMPLIFIED_CHINESE = 2  # face index of Simplified Chinese in NotoSansCJK-*.ttc
URDU_FONT = "NotoNastaliqUrdu"
# Letters used in Urdu but not in Arabic: their presence selects the Nastaliq style.
URDU_LETTERS = frozenset("ٹڈڑںھہے")
# Characters that shape their neighbour and are never drawn on their own.
DIGITS = frozenset("0123456789")
JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f\u20e3")


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0
    emoji: bool = False

    @property
    def name(self) -> str:
        return Path(self.path).stem


@cache
def charmap(face: Face) -> frozenset[int]:
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@cache
def charset(face: Face) -> frozenset[str]:
    return frozenset(map(chr, charmap(face)))


def covers(face: Face, char: str) -> bool:
    return ord(char) in charmap(face)


@cache
def pillow_font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        face.path,
        EMOJI_SIZE if face.emoji else size,
        index=face.index,
        layout_engine=ImageFont.Layout.RAQM,
    )


def file_digest(path: str) -> str:
    """A digest of a font or logo file, worked out again only when the file changed (a
    long-running process, such as livereload, sees a replaced logo)."""
    status = os.stat(path)
    return _digest(path, status.st_size, status.st_mtime_ns)


@cache
def _digest(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atkinson(weight: str) -> Face:
    import importlib.util

    spec = importlib.util.find_spec(ATKINSON_DIR)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the Atkinson Hyperlegible font is not installed: run ./kit to install the kit's packages"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "files"
    return Face(str(folder / f"AtkinsonHyperlegible-{weight.title()}.ttf"))


def _find(folders: tuple[Path, ...], name: str) -> Path | None:
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True, eq=False)  # one object per chain (see `chain`): hash by identity
class Chain:
    faces: tuple[Face, ...]
    emoji: Face | None
    # Atkinson Hyperlegible's zero is slashed ("2Ø25" reads like code): figures come from
    # Noto Sans instead, as on the site's pages.
    digits: Face | None = None

    def face_for(self, char: str, emoji_wanted: bool) -> Face | None:
        if emoji_wanted and self.emoji and covers(self.emoji, char):
            return self.emoji
        if self.digits and char in DIGITS:
            return self.digits
        for face in self.faces:
            if covers(face, char):
                return face
        if self.emoji and covers(self.emoji, char):
            return self.emoji
        return None


@cache
def chain(weight: str, urdu: bool, font_dirs: tuple[str, ...], extra: tuple[str, ...]) -> Chain:
    """The fallback chain for a weight ("regular" or "bold")."""
    folders = tuple(Path(folder) for folder in font_dirs)
    style = "Bold" if weight == "bold" else "Regular"
    faces: list[Face] = [Face(path) for path in extra]
    faces.append(atkinson(weight))
    names = list(PREFERRED)
    if urdu:
        names.insert(1, URDU_FONT)
    else:
        names.append(URDU_FONT)
    seen: set[str] = set()
    for name in names:
        found = _find(folders, f"{name}-{style}.ttf") or _find(folders, f"{name}-Regular.ttf")
        if found:
            faces.append(Face(str(found)))
            seen.add(name)
    for pattern in CJK_FILES:
        found = _find(folders, pattern.format(weight=style)) or _find(
            folders, pattern.format(weight="Regular")
        )
        if found:
            index = CJK_SIMPLIFIED_CHINESE if found.suffix == ".ttc" else 0
            faces.append(Face(str(found), index))
            break
    for folder in folders:  # every other Noto Sans script font, as a last resort
        for path in sorted(folder.glob("NotoSans*-Regular.ttf")):
            if path.stem.removesuffix("-Regular") not in seen:
                seen.add(path.stem.removesuffix("-Regular"))
                faces.append(Face(str(path)))
    emoji_path = _find(folders, EMOJI_FILE)
    emoji = Face(str(emoji_path), emoji=True) if emoji_path else None
    noto = _find(folders, f"NotoSans-{style}.ttf")
    digits = Face(str(noto)) if noto and not extra else None  # chosen fonts are kept whole
    return Chain(tuple(faces), emoji, digits)


def is_joiner(char: str) -> bool:
    code = ord(char)
    return (
        char in JOINERS
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters in flag sequences
    )


def is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


def is_neutral(char: str) -> bool:
    """Spaces, punctuation and digits: they join the run they sit in when its font has them."""
    return unicodedata.category(char)[0] in ("Z", "P", "N") or char in "+=<>|~^`"


# Characters below U+1F000 that are shown as colour emoji by default (Emoji_Presentation).
EMOJI_PRESENTATION = frozenset(
    "⌚⌛⏩⏪⏫⏬⏰⏳◽◾☔☕♈♉♊♋♌♍♎♏♐♑♒♓♿⚓⚡⚪⚫⚽⚾⛄⛅⛎⛔⛪⛲⛳⛵⛺⛽✅✊✋✨❌❎❓❔❕❗➕➖➗➰➿⬛⬜⭐⭕"
)


def wants_emoji(text: str, position: int) -> bool:
    char = text[position]
    following = text[position + 1] if position + 1 < len(text) else ""
    return ord(char) >= 0x1F000 or char in EMOJI_PRESENTATION or following == "\ufe0f"


def needs_urdu(text: str) -> bool:
    return any(char in URDU_LETTERS for char in text)
