"""The bilingual title card of a campaign on a bilingual site: its name, theme and dates in
both languages on one card, Welsh first (editions.SHOWN_FIRST), in the campaign's style.

Each language is a group of three lines, as a title card has them: the week's name, the
theme (large), the dates. The two themes are always set at one size, so neither language
is smaller than the other; a wider gap parts the two groups. Both hashtags share the
footer. The words are fitted to every size as the other layouts' are (never below the
smallest readable size; the ink checked against the safe zone), and the colours are the
title layout's, so the same contrast holds.

This module draws them by itself (with the other layouts' pieces), so that adding it left
the names of every other card as they were: a card's name hashes the code that draws it.
"""

from __future__ import annotations

from dataclasses import replace

from .compose import (
    ATTEMPTS,
    SHRINK,
    Composition,
    FontSettings,
    _union,
    chains_for,
    compose,
    fewest_lines,
)
from .fonts import Chain
from .footer import footed, scaled, single
from .layouts import FIXED_COLOURS, LAYOUTS, PHOTO, STYLES, Box, Format, Layout, card_format
from .render import (
    Job,
    _paste_logo,
    _write,
    background,
    darkened,
    draw_runs,
    encode,
    preview,
    render_to_file,
    text_boxes,
)
from .text import Block, DoesNotFit, PlacedRun, Setter, measured_ink, place

KIND = "bilingual"  # its layouts are "<style>-bilingual"
GROUPS = (("kicker", "text", "attribution"), ("kicker_2", "text_2", "attribution_2"))
MAINS = ("text", "text_2")  # the two themes, set at one size
WITHIN = 0.35  # the gap between a language's lines, as a share of the themes' size
BETWEEN = 1.0  # the gap between the two languages, as a share of the themes' size


def _bilingual(title: Layout) -> Layout:
    kicker, text, attribution = title.stack
    text = replace(text, size=64, min_size=36)
    attribution = replace(attribution, size=32, min_size=24, max_lines=2)
    second = tuple(
        replace(layer, source=f"{layer.source}_2") for layer in (kicker, text, attribution)
    )
    return replace(
        title,
        name=f"{title.style}-{KIND}",
        stack=(kicker, text, attribution, *second),
        footer_start=replace(title.footer_start, max_lines=2),  # both hashtags
        footer_end=replace(title.footer_end, max_lines=2),  # both site names, if they differ
    )


BILINGUAL: dict[str, Layout] = {
    layout.name: layout for layout in (_bilingual(LAYOUTS[f"{style}-title"]) for style in STYLES)
}


def layout_of(name: str) -> Layout:
    """Any card's layout by its name."""
    return BILINGUAL.get(name) or LAYOUTS[name]


def compose_card(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    settings: FontSettings,
    palette: dict[str, str],
) -> Composition:
    """Lay out any card's words (raises DoesNotFit or MissingGlyph as compose does)."""
    if layout.name not in BILINGUAL:
        return compose(words, layout, fmt, settings, palette)
    palette = {**FIXED_COLOURS, **palette}
    chains = chains_for(words, layout, settings)
    tries = [False, True] if words.get("partner_logos") else [False]
    attempts = [(above, tight) for tight in (False, True) for above in tries]  # as compose's
    for number, (partners_above, tight) in enumerate(attempts, 1):
        try:
            return _fitted(words, layout, fmt, chains, palette, partners_above, tight)
        except DoesNotFit:
            if number == len(attempts):
                raise
    raise AssertionError("unreachable")


def _fitted(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    partners_above: bool,
    tight: bool,
) -> Composition:
    cap = 1.0
    for _ in range(ATTEMPTS):
        runs, logos = _attempt(words, layout, fmt, chains, palette, cap, partners_above, tight)
        ink = _union([measured_ink(run) for run in runs] + [b for _, b in logos])
        if ink is None or fmt.safe.contains(ink):
            return Composition(tuple(runs), ink, tuple(logos))
        cap *= SHRINK
    raise DoesNotFit("text")


def _attempt(
    words: dict[str, str],
    layout: Layout,
    fmt: Format,
    chains: dict[str, Chain],
    palette: dict[str, str],
    cap: float,
    partners_above: bool,
    tight: bool,
) -> tuple[list[PlacedRun], list[tuple[str, Box]]]:
    safe, runs, logos, area = footed(words, layout, fmt, chains, palette, partners_above)
    layers = {layer.source: layer for layer in layout.stack}
    blocks: dict[str, Block] = {}
    for source in ("kicker", "attribution", "kicker_2", "attribution_2"):
        if words.get(source):
            setter = Setter(words[source], chains[source], layers[source].line_height)
            blocks[source] = (fewest_lines if tight else single)(
                setter, layers[source], fmt, area.width
            )
    groups = [
        [source for source in group if source in blocks or source in MAINS] for group in GROUPS
    ]
    share = WITHIN * sum(len(group) - 1 for group in groups) + BETWEEN
    others = sum(block.height for block in blocks.values())
    setters = {
        source: Setter(words[source], chains[source], layers[source].line_height)
        for source in MAINS
    }
    main = layers["text"]

    def fits(block: Block) -> bool:
        second = setters["text_2"].block(block.size, area.width)
        return second is not None and (
            block.height + second.height + others + share * block.size <= area.height
        )

    low = scaled(main.min_size, fmt)
    high = max(low, int(scaled(main.size, fmt, True) * cap))
    try:
        blocks["text"] = setters["text"].largest(low, high, area.width, fits)
    except DoesNotFit:
        raise DoesNotFit("text") from None
    size = blocks["text"].size
    second = setters["text_2"].block(size, area.width)
    assert second is not None  # fits() checked it
    blocks["text_2"] = second
    total = sum(block.height for block in blocks.values()) + share * size
    top = area.top + (area.height - total) / 2
    for number, group in enumerate(groups):
        for index, source in enumerate(group):
            block = blocks[source]
            colour = palette[layers[source].colour]
            runs += place(block, chains[source], area, top, colour, "start")
            top += block.height + (WITHIN * size if index < len(group) - 1 else 0)
        top += BETWEEN * size if number == 0 else 0
    return runs, logos


def render_card(job: Job) -> tuple[str, int]:
    """Draw, encode and write any card (render.render_to_file draws all but these)."""
    if job.layout not in BILINGUAL:
        return render_to_file(job)
    words, palette = dict(job.words), {**dict(job.palette), **FIXED_COLOURS}
    layout, fmt = BILINGUAL[job.layout], card_format(job.format, job.layout)
    composition = compose_card(words, layout, fmt, job.font_settings, palette)
    image = background(layout, fmt, palette, words.get("photo", ""))
    if layout.background == PHOTO:
        image = darkened(image, text_boxes(composition))
    for path, box in composition.logos:
        _paste_logo(image, path, box, palette.get(layout.logo_plate, ""))
    draw_runs(image, composition.runs)
    data = encode(image, fmt)
    if job.preview:
        _write(job.preview, preview(image))
    _write(job.target, data)
    return job.target, len(data)
