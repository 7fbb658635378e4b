"""Placing a card's words inside its safe zone, following the layout."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from . import fonts
from .fonts import Chain, Face
from .layouts import Box, Format, Layout, TextLayer
from .text import (
    Block,
    DoesNotFit,
    PlacedRun,
    Setter,
    face_metrics,
    ink_box,
    place,
    split_runs,
)

SHRINK = 0.92  # when the ink of a size pokes out of the safe zone, try this much smaller
ATTEMPTS = 8
INK_SLACK = 4  # pixels kept free at the sides of the safe zone for glyph overhang


@dataclass(frozen=True)
class FontSettings:
    font_dirs: tuple[str, ...]
    extra: tuple[str, ...] = ()

    def chain(self, weight: str, urdu: bool) -> Chain:
        return fonts.chain(weight, urdu, self.font_dirs, self.extra)


@dataclass(frozen=True)
class Composition:
    runs: tuple[PlacedRun, ...]
    ink: Box | None
    logo: tuple[str, Box] | None = None  # a logo image and where it goes


@lru_cache(maxsize=8)
def logo_size(path: str) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def chains_for(words: dict[str, str], layout: Layout, settings: FontSettings) -> dict[str, Chain]:
    urdu = fonts.needs_urdu(" ".join(words.get(layer.source, "") for layer in layout.text_layers()))
    return {layer.source: settings.chain(layer.weight, urdu) for layer in layout.text_layers()}


def faces_used(words: dict[str, str], layout: Layout, settings: FontSettings) -> set[Face]:
    """Every font a card's words need (raises MissingGlyph when a character has none)."""
    chains = chains_for(words, layout, settings)
    used: set[Face] = set()
    for layer in layout.text_layers():
        text = words.get(layer.source, "")
        for word in text.split():
            used.update(run.face for run in split_runs(word, chains[layer.source]))
    return used


def _scaled(value: int, fmt: Format, largest: bool = False) -> int:
    return max(1, round(value * fmt.scale * (fmt.type_scale if largest else 1.0)))


def _single(setter: Setter, layer: TextLayer, fmt: Format, width: float) -> Block:
    limit = layer.max_lines

    def fits(block: Block) -> bool:
        return not limit or len(block.lines) <= limit

    try:
        return setter.largest(
            _scaled(layer.min_size, fmt), _scaled(layer.size, fmt, True), width, fits
        )
    except DoesNotFit:
        raise DoesNotFit(layer.source) from None


def compose(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    settings: FontSettings,
    palette: dict[str, str],
) -> Composition:
    """Lay the words out; raises DoesNotFit (naming the layer) or MissingGlyph."""
    chains = chains_for(words, layout, settings)
    safe = fmt.safe
    text_cap = 1.0
    for _ in range(ATTEMPTS):
        runs, logo = _attempt(words, layout, fmt, chains, palette, text_cap)
        ink = _union([_ink_or_safe_guess(run, safe) for run in runs] + ([logo[1]] if logo else []))
        if ink is None or safe.contains(ink):
            return Composition(tuple(runs), ink, logo)
        text_cap *= SHRINK
    raise DoesNotFit("text")


def _attempt(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    text_cap: float,
) -> tuple[list[PlacedRun], tuple[str, Box] | None]:
    safe = Box(fmt.safe.left + INK_SLACK, fmt.safe.top, fmt.safe.right - INK_SLACK, fmt.safe.bottom)
    runs, footer_height, logo = _footer(words, layout, fmt, chains, palette, safe)
    footer_gap = _scaled(layout.footer_start.size, fmt) * 0.9 if footer_height else 0
    area = Box(safe.left, safe.top, safe.right, int(safe.bottom - footer_height - footer_gap))

    stack = [(layer, words.get(layer.source, "")) for layer in layout.stack]
    stack = [(layer, text) for layer, text in stack if text]
    blocks: dict[str, Block] = {}
    setters: dict[str, Setter] = {}
    main: TextLayer | None = None
    for layer, text in stack:
        setters[layer.source] = Setter(text, chains[layer.source], layer.line_height)
        if layer.source == "text":
            main = layer
        else:
            blocks[layer.source] = _single(setters[layer.source], layer, fmt, area.width)
    others = sum(block.height for block in blocks.values())
    gaps = layout.gap * max(0, len(stack) - 1)
    if main is not None:
        high = max(_scaled(main.min_size, fmt), int(_scaled(main.size, fmt, True) * text_cap))

        def fits(block: Block) -> bool:
            return block.height + others + gaps * block.size <= area.height

        try:
            blocks["text"] = setters["text"].largest(
                _scaled(main.min_size, fmt), high, area.width, fits
            )
        except DoesNotFit:
            raise DoesNotFit("text") from None
        gap = gaps * blocks["text"].size
    else:
        gap = gaps * _scaled(32, fmt)
    total = sum(block.height for block in blocks.values()) + gap
    if total > area.height:
        raise DoesNotFit("text" if main else stack[-1][0].source)
    top = area.top + (area.height - total) / 2
    step = gap / max(1, len(stack) - 1)
    # Everything in the stack lines up on the side the main text starts from.
    align = "end" if "text" in blocks and blocks["text"].rtl else "start"
    for layer, _ in stack:
        block = blocks[layer.source]
        runs += place(block, chains[layer.source], area, top, palette[layer.colour], align)
        top += block.height + step
    return runs, logo


def _footer(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    safe: Box,
) -> tuple[list[PlacedRun], float, tuple[str, Box] | None]:
    """The hashtag at the bottom left; the wordmark (or logo image) at the bottom right."""
    runs: list[PlacedRun] = []
    height = 0.0
    logo: tuple[str, Box] | None = None
    if words.get("logo"):
        width, tall = logo_size(words["logo"])
        shown = min(round(width * _scaled(layout.logo_height, fmt) / tall), int(safe.width * 0.4))
        height = round(tall * shown / width)
        logo = (
            words["logo"],
            Box(safe.right - shown, safe.bottom - round(height), safe.right, safe.bottom),
        )
    for layer, share, align in (
        (layout.footer_start, 0.56, "left"),
        (layout.footer_end, 0.4, "end"),
    ):
        text = words.get(layer.source, "")
        if not text or (logo and layer is layout.footer_end):
            continue
        block = _single(
            Setter(text, chains[layer.source], layer.line_height), layer, fmt, safe.width * share
        )
        height = max(height, block.height)
        top = safe.bottom - block.height
        box = Box(safe.left, int(top), safe.right, safe.bottom)
        runs += place(block, chains[layer.source], box, top, palette[layer.colour], align)
    return runs, height, logo


def _ink_or_safe_guess(run: PlacedRun, safe: Box) -> Box:
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


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )
