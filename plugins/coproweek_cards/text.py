"""Setting text on a card: font runs, right-to-left order, line breaks by pixel width,
balanced lines, and shrinking to the largest size that fits (never below the minimum).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from . import fonts
from .fonts import Chain, Face
from .layouts import Box

REFERENCE_SIZE = 200  # words are measured once at this size and scaled
EMOJI_SCALE = 0.9  # colour emoji are drawn at 0.9 of the text size's box
SAFETY = 1.01  # room for rounding between the scaled measure and the drawn width
CJK = re.compile(
    r"[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)


class DoesNotFit(Exception):
    """The words do not fit their space even at the smallest readable size."""


class MissingGlyph(Exception):
    def __init__(self, characters: list[str]) -> None:
        self.characters = characters
        super().__init__(", ".join(describe_char(c) for c in characters))


def describe_char(char: str) -> str:
    name = unicodedata.name(char, "an unnamed character")
    return f'"{char}" (U+{ord(char):04X} {name})'


@dataclass(frozen=True)
class Run:
    text: str
    face: Face
    strong: str  # "R", "L" or "" (only neutral characters)


@dataclass(frozen=True)
class PlacedRun:
    text: str
    face: Face
    size: int
    x: float
    baseline: float
    rtl: bool
    colour: str
    width: float = 0.0  # the advance width, as measured when placed


def _strong(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else ""


def base_is_rtl(text: str) -> bool:
    for char in text:
        strong = _strong(char)
        if strong:
            return strong == "R"
    return False


@lru_cache(maxsize=4096)
def split_runs(text: str, chain: Chain) -> tuple[Run, ...]:
    """Cut text into runs that one font draws; raises MissingGlyph for uncovered characters."""
    first = chain.faces[0]
    own_digits = chain.digits is not None and not fonts.DIGITS.isdisjoint(text)
    if not own_digits and fonts.charset(first).issuperset(text):  # the common case
        return (Run(text, first, "L" if any(map(str.isalpha, text)) else ""),)
    runs: list[list] = []  # [text, face]
    missing: list[str] = []
    for position, char in enumerate(text):
        current = runs[-1] if runs else None
        if fonts.is_joiner(char):
            if current:
                current[0] += char
            continue
        if (
            current
            and (fonts.is_mark(char) or fonts.is_neutral(char))
            and not current[1].emoji  # a space in the emoji font is one em wide
            and fonts.covers(current[1], char)
            and not (own_digits and char in fonts.DIGITS and current[1] == first)
        ):
            current[0] += char
            continue
        face = chain.face_for(char, fonts.wants_emoji(text, position))
        if face is None:
            if char.isspace() and current:
                current[0] += " "
            elif char not in missing:
                missing.append(char)
            continue
        if current and current[1] == face:
            current[0] += char
        else:
            runs.append([char, face])
    if missing:
        raise MissingGlyph(missing)
    result = []
    for run_text, face in runs:
        kinds = {_strong(c) for c in run_text}
        strong = "R" if "R" in kinds else "L" if "L" in kinds else ""
        result.append(Run(run_text, face, strong))
    return tuple(result)


def detach_spaces(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Spaces at the ends of runs become runs of their own, so that between words of opposite
    directions they take the paragraph's direction, as the bidirectional algorithm says."""
    if len(runs) < 2:
        return runs
    result: list[Run] = []
    for run in runs:
        core = run.text.strip(" ")
        if not core or not run.strong:
            result.append(run)
            continue
        leading = run.text[: len(run.text) - len(run.text.lstrip(" "))]
        trailing = run.text[len(run.text.rstrip(" ")) :]
        if leading:
            result.append(Run(leading, run.face, ""))
        result.append(Run(core, run.face, run.strong))
        if trailing:
            result.append(Run(trailing, run.face, ""))
    return tuple(result)


def visual_order(runs: tuple[Run, ...], rtl_base: bool) -> list[tuple[Run, bool]]:
    """Order runs left to right as the Unicode bidirectional algorithm does at run level."""
    base = 1 if rtl_base else 0
    strong_level = {"R": 1, "L": 2 if rtl_base else 0}
    levels: list[int] = []
    for i, run in enumerate(runs):
        if run.strong:
            levels.append(strong_level[run.strong])
            continue
        before = next((r.strong for r in reversed(runs[:i]) if r.strong), "")
        after = next((r.strong for r in runs[i + 1 :] if r.strong), "")
        levels.append(strong_level[before] if before and before == after else base)
    order = list(range(len(runs)))
    top = max(levels, default=0)
    lowest_odd = 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [(runs[k], levels[k] % 2 == 1) for k in order]


def _direction(rtl: bool) -> str:
    return "rtl" if rtl else "ltr"


def run_width(run: Run, size: int, rtl: bool) -> float:
    font = fonts.pillow_font(run.face, size)
    width = font.getlength(run.text, direction=_direction(rtl))
    return width * emoji_scale(size) if run.face.emoji else width


def emoji_scale(size: int) -> float:
    return size * EMOJI_SCALE / fonts.EMOJI_SIZE


INK_SLACK = 4  # pixels kept free at the sides of the safe zone for glyph overhang


@cache
def face_metrics(face: Face) -> tuple[float, float]:
    """(ascent, descent) per pixel of type size."""
    if face.emoji:
        ascent, descent = fonts.pillow_font(face, 0).getmetrics()
        return ascent * EMOJI_SCALE / fonts.EMOJI_SIZE, descent * EMOJI_SCALE / fonts.EMOJI_SIZE
    ascent, descent = fonts.pillow_font(face, REFERENCE_SIZE).getmetrics()
    return ascent / REFERENCE_SIZE, descent / REFERENCE_SIZE


@lru_cache(maxsize=16384)
def reference_width(token: str, chain: Chain, rtl: bool) -> float:
    runs = split_runs(token, chain)
    return sum(run_width(run, REFERENCE_SIZE, rtl) for run in runs)


@dataclass(frozen=True)
class Token:
    text: str
    space_before: bool


def tokens(paragraph: str) -> list[Token]:
    found: list[Token] = []
    for word in paragraph.split():
        if not CJK.search(word):
            found.append(Token(word, True))
            continue
        first = True
        for char in word:
            glue = not first and (unicodedata.category(char).startswith("P") or not CJK.match(char))
            if glue and found:
                found[-1] = Token(found[-1].text + char, found[-1].space_before)
            else:
                found.append(Token(char, first))
            first = False
    return found


def greedy(widths: list[float], spaces: list[float], limit: float) -> list[int]:
    """Line starts for the widths, breaking before a token that would overflow."""
    starts = [0]
    line = 0.0
    for i, width in enumerate(widths):
        added = width if i == starts[-1] else line + spaces[i] + width
        if i != starts[-1] and added > limit:
            starts.append(i)
            line = width
        else:
            line = added
    return starts


def balanced(widths: list[float], spaces: list[float], limit: float) -> list[int]:
    """The fewest lines greedy needs, with lines as even in length as possible."""
    starts = greedy(widths, spaces, limit)
    if len(starts) == 1:
        return starts
    low, high = max(widths), limit
    for _ in range(10):
        middle = (low + high) / 2
        if len(greedy(widths, spaces, middle)) <= len(starts):
            high = middle
        else:
            low = middle
    return greedy(widths, spaces, high)


@dataclass
class Block:
    lines: list[str]
    size: int
    ascent: float
    descent: float
    advance: float
    rtl: bool

    @property
    def height(self) -> float:
        return (
            (len(self.lines) - 1) * self.advance + self.ascent + self.descent if self.lines else 0
        )


class Setter:
    """Sets one text (one or more paragraphs) for one chain and width."""

    def __init__(self, text: str, chain: Chain, line_height: float) -> None:
        self.chain = chain
        self.line_height = line_height
        self.rtl = base_is_rtl(text)
        self.paragraphs = [tokens(p) for p in re.split(r"\n\s*\n|\n", text.strip()) if p.strip()]
        faces: set[Face] = set()
        for paragraph in self.paragraphs:
            for token in paragraph:
                faces.update(run.face for run in split_runs(token.text, chain))
        self.faces = faces
        ascents, descents = (
            zip(*(face_metrics(f) for f in faces), strict=True) if faces else ((0.8,), (0.2,))
        )
        self.ascent, self.descent = max(ascents), max(descents)
        space_face = chain.faces[0]
        self.space = fonts.pillow_font(space_face, REFERENCE_SIZE).getlength(" ")

    def block(self, size: int, width: float, max_lines: int = 0) -> Block | None:
        factor = size / REFERENCE_SIZE * SAFETY
        lines: list[str] = []
        for paragraph in self.paragraphs:
            widths = [reference_width(t.text, self.chain, self.rtl) * factor for t in paragraph]
            if max(widths) > width:
                return None
            spaces = [self.space * factor if t.space_before else 0.0 for t in paragraph]
            starts = balanced(widths, spaces, width)
            for k, start in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else len(paragraph)
                text = ""
                for token in paragraph[start:end]:
                    text += (" " if text and token.space_before else "") + token.text
                lines.append(text)
        if max_lines and len(lines) > max_lines:
            return None
        ascent, descent = self.ascent * size, self.descent * size
        advance = max(size * self.line_height, ascent + descent)
        return Block(lines, size, ascent, descent, advance, self.rtl)

    def largest(self, low: int, high: int, width: float, fits: Callable[[Block], bool]) -> Block:
        """The block at the largest size in [low, high] for which fits(block) is true."""
        best: Block | None = None
        while low <= high:
            middle = (low + high) // 2
            block = self.block(middle, width)
            if block is not None and fits(block):
                best, low = block, middle + 1
            else:
                high = middle - 1
        if best is None:
            raise DoesNotFit()
        return best


def place(
    block: Block, chain: Chain, box: Box, top: float, colour: str, align: str = "start"
) -> list[PlacedRun]:
    placed: list[PlacedRun] = []
    baseline = top + block.ascent
    for line in block.lines:
        runs = visual_order(detach_spaces(split_runs(line, chain)), block.rtl)
        widths = [run_width(run, block.size, rtl) for run, rtl in runs]
        total = sum(widths)
        x: float = box.left
        if align == "end" or (align == "start" and block.rtl):
            x = box.right - math.ceil(total) - 1
        for (run, rtl), width in zip(runs, widths, strict=True):
            placed.append(
                PlacedRun(run.text, run.face, block.size, x, baseline, rtl, colour, width)
            )
            x += width
        baseline += block.advance
    return placed


def measured_ink(run: PlacedRun) -> Box:
    """Measuring ink costs a second shaping pass. Atkinson Hyperlegible's glyphs stay inside
    their advance width (give or take INK_SLACK pixels) and its ascent and descent, so its runs
    are checked by that box; runs in other fonts (swashes, stacked marks) are measured."""
    if not Path(run.face.path).name.startswith("AtkinsonHyperlegible"):
        return ink_box(run)
    ascent, descent = face_metrics(run.face)
    return Box(
        math.floor(run.x - INK_SLACK),
        math.floor(run.baseline - ascent * run.size),
        math.ceil(run.x + run.width + INK_SLACK),
        math.ceil(run.baseline + descent * run.size),
    )


def ink_box(run: PlacedRun) -> Box:
    """Where the run's glyphs actually put ink."""
    font = fonts.pillow_font(run.face, run.size)
    if run.face.emoji:
        scale = emoji_scale(run.size)
        width = font.getlength(run.text) * scale
        ascent, descent = font.getmetrics()
        return _box(
            run.x, run.baseline - ascent * scale, run.x + width, run.baseline + descent * scale
        )
    left, top, right, bottom = font.getbbox(run.text, anchor="ls", direction=_direction(run.rtl))
    return _box(run.x + left, run.baseline + top, run.x + right, run.baseline + bottom)


def _box(left: float, top: float, right: float, bottom: float) -> Box:
    return Box(math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom))
