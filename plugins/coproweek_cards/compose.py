"""Placing a card's words inside its safe zone, following the layout."""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import fonts
from .fonts import Chain, Face
from .footer import footed, scaled, single
from .layouts import FIXED_COLOURS, Box, Format, Layout, TextLayer
from .text import (
    Block,
    DoesNotFit,
    PlacedRun,
    Setter,
    base_is_rtl,
    ink_box,
    measured_ink,
    place,
    split_runs,
)

SHRINK = 0.92  # when the ink of a size pokes out of the safe zone, try this much smaller
ATTEMPTS = 8
MARK_GAP = 0.3  # below the large quotation mark, as a share of its ink's height
MARK_KEEPS = 0.9  # the mark is left out where the words would be smaller than this share


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
    logos: tuple[tuple[str, Box], ...] = ()  # logo images and where each goes
    mark: PlacedRun | None = None  # the large quotation mark, decoration only


MARK = "\u201c"  # the opening quotation mark drawn large above a quote


def file_words(words: dict[str, str]) -> list[str]:
    """The image files a card's words name: its logo, partner logos and photo."""
    found = [words[name] for name in ("logo", "photo") if words.get(name)]
    return found + [path for path in words.get("partner_logos", "").split("\n") if path]


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


def compose(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    settings: FontSettings,
    palette: dict[str, str],
) -> Composition:
    """Lay the words out; raises DoesNotFit (naming the layer) or MissingGlyph."""
    palette = {**FIXED_COLOURS, **palette}
    chains = chains_for(words, layout, settings)
    # Decoration gives way to words: the quotation mark is drawn only while the words stay
    # nearly as large as without it, and partner logos go to a row of their own before the
    # words are called too long. Last, the lines around the main words are set small
    # enough to take as few lines as they can (a long date, a long place).
    tries = [False, True] if words.get("partner_logos") else [False]
    attempts = [(above, tight) for tight in (False, True) for above in tries]
    for number, (partners_above, tight) in enumerate(attempts, 1):
        try:
            plain = _fitted(
                words, replace(layout, mark=""), fmt, chains, palette, partners_above, tight
            )
        except DoesNotFit:
            if number == len(attempts):
                raise
            continue
        if not layout.mark or not _quoted(words.get("text", "")):
            return plain
        marked = {**words, "text": words["text"][1:-1]}  # the large mark replaces “ and ”
        try:
            found = _fitted(marked, layout, fmt, chains, palette, partners_above, tight)
        except DoesNotFit:
            return plain
        return found if _main_size(found) >= _main_size(plain) * MARK_KEEPS else plain
    raise AssertionError("unreachable")


def _quoted(text: str) -> bool:
    return text.startswith("\u201c") and text.endswith("\u201d")


def _main_size(composition: Composition) -> int:
    return max((run.size for run in composition.runs), default=0)


def _fitted(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    partners_above: bool,
    tight: bool = False,
) -> Composition:
    safe = fmt.safe
    text_cap = 1.0
    for _ in range(ATTEMPTS):
        runs, logos, mark = _attempt(
            words, layout, fmt, chains, palette, text_cap, partners_above, tight
        )
        boxes = [measured_ink(run) for run in runs] + [box for _, box in logos]
        ink = _union(boxes + ([ink_box(mark)] if mark else []))
        if ink is None or safe.contains(ink):
            return Composition(tuple(runs), ink, tuple(logos), mark)
        text_cap *= SHRINK
    raise DoesNotFit("text")


def _mark(
    layout: Layout, fmt: Format, chains: dict[str, Chain], palette: dict[str, str]
) -> tuple[PlacedRun, float, float] | None:
    """The large quotation mark at the top of a quote, unplaced: (run, the height of its
    ink, how far its ink starts below the top of its line)."""
    if not layout.mark:
        return None
    face = chains["text"].faces[0] if not chains["text"].faces[0].emoji else None
    if face is None:
        return None
    size = scaled(layout.mark_size, fmt, True)
    font = fonts.pillow_font(face, size)
    left, top, right, bottom = font.getbbox(MARK, anchor="ls")
    run = PlacedRun(MARK, face, size, 0.0, 0.0, False, palette[layout.mark], right - left)
    return run, bottom - top, top


def _attempt(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    text_cap: float,
    partners_above: bool,
    tight: bool = False,
) -> tuple[list[PlacedRun], list[tuple[str, Box]], PlacedRun | None]:
    safe, runs, logos, area = footed(words, layout, fmt, chains, palette, partners_above)

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
            chosen = fewest_lines if tight else single
            blocks[layer.source] = chosen(setters[layer.source], layer, fmt, area.width)
    rtl = base_is_rtl(words.get("text", ""))
    mark = _mark(layout, fmt, chains, palette) if main is not None else None
    # The mark sits above the words, with a gap of a third of its ink's height.
    reserve = mark[1] * (1 + MARK_GAP) * text_cap if mark else 0.0
    others = sum(block.height for block in blocks.values()) + reserve
    gaps = layout.gap * max(0, len(stack) - 1)
    if main is not None:
        high = max(scaled(main.min_size, fmt), int(scaled(main.size, fmt, True) * text_cap))

        def fits(block: Block) -> bool:
            return block.height + others + gaps * block.size <= area.height

        try:
            blocks["text"] = setters["text"].largest(
                scaled(main.min_size, fmt), high, area.width, fits
            )
        except DoesNotFit:
            raise DoesNotFit("text") from None
        gap = gaps * blocks["text"].size
    else:
        gap = gaps * scaled(32, fmt)
    total = sum(block.height for block in blocks.values()) + gap + reserve
    if total > area.height:
        raise DoesNotFit("text" if main else stack[-1][0].source)
    top = area.top + (area.height - total) / 2
    placed_mark = None
    if mark:
        run, ink_height, ink_top = mark
        size = max(1, round(run.size * text_cap))
        scale = size / run.size
        x = area.right - run.width * scale - 1 if rtl else area.left
        placed_mark = replace(run, size=size, x=x, baseline=top - ink_top * scale, width=0.0)
        top += reserve
    step = gap / max(1, len(stack) - 1)
    # Everything in the stack lines up on the side the main text starts from.
    align = "end" if "text" in blocks and blocks["text"].rtl else "start"
    for layer, _ in stack:
        block = blocks[layer.source]
        runs += place(block, chains[layer.source], area, top, palette[layer.colour], align)
        top += block.height + step
    return runs, logos, placed_mark


def fewest_lines(setter: Setter, layer: TextLayer, fmt: Format, width: float) -> Block:
    """The words of a layer in as few lines as they take at its smallest size, at the
    largest size that keeps to that many (single(): the largest size, in up to its
    max_lines lines)."""
    low, high = scaled(layer.min_size, fmt), scaled(layer.size, fmt, True)
    smallest = setter.block(low, width, layer.max_lines)
    if smallest is None:
        raise DoesNotFit(layer.source)
    lines = len(smallest.lines)
    return setter.largest(low, high, width, lambda block: len(block.lines) <= lines)


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )
