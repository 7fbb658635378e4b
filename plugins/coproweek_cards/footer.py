"""The footer of a card: the hashtag at the bottom left, the wordmark or logo image at the
bottom right, and partner logos between them (or in a row above them when they do not fit)."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image

from . import fonts
from .fonts import Chain
from .layouts import Box, Format, Layout, TextLayer
from .text import INK_SLACK, Block, DoesNotFit, PlacedRun, Setter, measured_ink, place

PARTNER_GAP = 0.35  # between partner logos, as a share of their height
PARTNER_MIN = 0.6  # partner logos shrink to this share of their height to fit, no further


def logo_size(path: str) -> tuple[int, int]:
    return _logo_size(path, fonts.file_digest(path))


@lru_cache(maxsize=8)
def _logo_size(path: str, digest: str) -> tuple[int, int]:
    """`digest`: a logo replaced while a process runs (livereload) is measured again."""
    with Image.open(path) as image:
        return image.size


def scaled(value: int, fmt: Format, largest: bool = False) -> int:
    return max(1, round(value * fmt.scale * (fmt.type_scale if largest else 1.0)))


def single(setter: Setter, layer: TextLayer, fmt: Format, width: float) -> Block:
    limit = layer.max_lines

    def fits(block: Block) -> bool:
        return not limit or len(block.lines) <= limit

    try:
        return setter.largest(
            scaled(layer.min_size, fmt), scaled(layer.size, fmt, True), width, fits
        )
    except DoesNotFit:
        raise DoesNotFit(layer.source) from None


def footed(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    partners_above: bool,
) -> tuple[Box, list[PlacedRun], list[tuple[str, Box]], Box]:
    """The card's footer, laid out: (the safe area, the footer's runs and logos, the area
    left above it for the words)."""
    safe = Box(fmt.safe.left + INK_SLACK, fmt.safe.top, fmt.safe.right - INK_SLACK, fmt.safe.bottom)
    runs, footer_height, logos = footer(words, layout, fmt, chains, palette, safe, partners_above)
    gap = scaled(layout.footer_start.size, fmt) * 0.9 if footer_height else 0
    return (
        safe,
        runs,
        logos,
        Box(safe.left, safe.top, safe.right, int(safe.bottom - footer_height - gap)),
    )


def footer(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    safe: Box,
    partners_above: bool,
) -> tuple[list[PlacedRun], float, list[tuple[str, Box]]]:
    """The hashtag at the bottom left; the wordmark (or logo image) at the bottom right;
    partner logos, smaller, in the space between them (or in a row above them)."""
    runs: list[PlacedRun] = []
    height = 0.0
    logos: list[tuple[str, Box]] = []
    if words.get("logo"):
        width, tall = logo_size(words["logo"])
        shown = min(round(width * scaled(layout.logo_height, fmt) / tall), int(safe.width * 0.4))
        height = round(tall * shown / width)
        box = Box(safe.right - shown, safe.bottom - round(height), safe.right, safe.bottom)
        logos.append((words["logo"], box))
    ends = [safe.left, logos[0][1].left if logos else safe.right]
    for layer, share, align in (
        (layout.footer_start, 0.56, "left"),
        (layout.footer_end, 0.4, "end"),
    ):
        text = words.get(layer.source, "")
        if not text or (logos and layer is layout.footer_end):
            continue
        block = single(
            Setter(text, chains[layer.source], layer.line_height), layer, fmt, safe.width * share
        )
        top = safe.bottom - block.height
        box = Box(safe.left, int(top), safe.right, safe.bottom)
        placed = place(block, chains[layer.source], box, top, palette[layer.colour], align)
        # Rounded, the line may reach a pixel below the safe area (at some sizes, such as
        # #WythnosCydgynhyrchu's on a story card): lift it by as much.
        below = max(measured_ink(run).bottom for run in placed) - safe.bottom
        if below > 0:
            top -= below
            box = Box(safe.left, int(top), safe.right, safe.bottom)
            placed = place(block, chains[layer.source], box, top, palette[layer.colour], align)
        height = max(height, safe.bottom - top)
        runs += placed
        if align == "left":
            ends[0] = max(ends[0], math.ceil(max(run.x + run.width for run in placed)))
        else:
            ends[1] = min(ends[1], math.floor(min(run.x for run in placed)))
    partners = [path for path in words.get("partner_logos", "").split("\n") if path]
    tall = scaled(layout.partner_logo_height, fmt)
    if partners and partners_above:
        gap = round(tall * 0.5)
        row = _partner_row(partners, layout, fmt, [safe.left, safe.right], 0, centred=False)
        top = safe.bottom - height - gap - max(box.height for _, box in row)
        logos += [(path, _moved(box, top)) for path, box in row]
        height = safe.bottom - top
    elif partners:
        height = max(height, tall)
        logos += _partner_row(partners, layout, fmt, ends, safe.bottom - height / 2)
    return runs, height, logos


def _moved(box: Box, top: float) -> Box:
    return Box(box.left, round(top), box.right, round(top) + box.height)


def _partner_row(
    paths: list[str],
    layout: Layout,
    fmt: Format,
    ends: list[int],
    middle: float,
    centred: bool = True,
) -> list[tuple[str, Box]]:
    """Partner logos in a row between `ends` (centred, or from the left), shrunk (not
    below PARTNER_MIN of their height) to fit; raises DoesNotFit when they cannot."""
    tall = scaled(layout.partner_logo_height, fmt)
    ratios = [width / height for width, height in map(logo_size, paths)]
    space = ends[1] - ends[0] - (2 * tall * PARTNER_GAP if centred else 0)
    wanted = tall * (sum(ratios) + PARTNER_GAP * (len(paths) - 1))
    if wanted > space:
        tall = math.floor(tall * space / wanted)
    if tall < scaled(layout.partner_logo_height, fmt) * PARTNER_MIN:
        raise DoesNotFit("partner_logos")
    widths = [max(1, round(tall * ratio)) for ratio in ratios]
    gap = round(tall * PARTNER_GAP)
    x = round((ends[0] + ends[1] - sum(widths) - gap * (len(paths) - 1)) / 2)
    if not centred:
        x = ends[0]
    top = round(middle - tall / 2)
    row: list[tuple[str, Box]] = []
    for path, width in zip(paths, widths, strict=True):
        row.append((path, Box(x, top, x + width, top + tall)))
        x += width + gap
    return row
