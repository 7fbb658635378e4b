"""Drawing a composed card with Pillow and encoding it."""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from coproweek_content.colours import relative_luminance
from PIL import Image, ImageDraw, ImageOps

from . import fonts
from .compose import Composition, FontSettings, compose
from .layouts import (
    FIXED_COLOURS,
    LAYOUTS,
    MIN_SCRIM,
    PHOTO,
    PHOTO_CONTRAST,
    SCRIM,
    Box,
    Format,
    Layout,
    card_format,
)
from .settings import LINK_PREVIEW_MAX_BYTES
from .text import PlacedRun, emoji_scale, ink_box

JPEG_QUALITIES = (88, 80, 72, 64, 56, 48)
PREVIEW_WIDTH = 480  # the gallery shows previews at most 240 CSS pixels wide: sharp at 2x
PREVIEW_QUALITY = 72
PNG_COMPRESS_LEVEL = 3  # level 6 saves a tenth of the bytes for half again the time


@dataclass(frozen=True)
class Job:
    """Everything needed to draw one card in one size: picklable for worker processes."""

    words: tuple[tuple[str, str], ...]
    palette: tuple[tuple[str, str], ...]
    layout: str
    format: str
    font_settings: FontSettings
    target: str  # where the encoded file goes
    preview: str = ""  # where its small WebP preview goes, if wanted


def background(
    layout: Layout, fmt: Format, palette: dict[str, str], photo: str = ""
) -> Image.Image:
    """The card without its words: a palette colour with its band, or the photo cut to the
    card's shape (without the scrim, which depends on where the words go)."""
    if layout.background == PHOTO:
        return _photo(photo, fonts.file_digest(photo), fmt.width, fmt.height).copy()
    image = Image.new("RGB", (fmt.width, fmt.height), palette[layout.background])
    if layout.band:
        band = max(1, round(layout.band_height * fmt.scale))
        ImageDraw.Draw(image).rectangle((0, 0, fmt.width, band - 1), fill=palette[layout.band])
    return image


def backdrop(job: Job) -> tuple[Image.Image, Composition]:
    """The card before its words are drawn (the background, darkened under the words of a
    photo card, and its logos), with the composition of its words."""
    words, palette = dict(job.words), {**dict(job.palette), **FIXED_COLOURS}
    layout, fmt = LAYOUTS[job.layout], card_format(job.format, job.layout)
    composition = compose(words, layout, fmt, job.font_settings, palette)
    image = background(layout, fmt, palette, words.get("photo", ""))
    if layout.background == PHOTO:
        image = darkened(image, text_boxes(composition))
    for path, box in composition.logos:
        _paste_logo(image, path, box, palette.get(layout.logo_plate, ""))
    return image, composition


def text_boxes(composition: Composition) -> list[Box]:
    """Where the words put ink, widened by a quarter of their size: the pixels that must
    contrast with them."""
    boxes = []
    for run in composition.runs:
        ink, margin = ink_box(run), math.ceil(run.size / 4)
        boxes.append(
            Box(ink.left - margin, ink.top - margin, ink.right + margin, ink.bottom + margin)
        )
    return boxes


def darkened(image: Image.Image, boxes: list[Box]) -> Image.Image:
    """The photo under a black scrim just dark enough (and at least MIN_SCRIM) that white
    words reach PHOTO_CONTRAST against the brightest pixel behind any of them."""
    brightest = [0, 0, 0]
    for box in boxes:
        clipped = (
            max(0, box.left),
            max(0, box.top),
            min(image.width, box.right),
            min(image.height, box.bottom),
        )
        if clipped[0] >= clipped[2] or clipped[1] >= clipped[3]:
            continue
        extrema = cast(tuple[tuple[int, int], ...], image.crop(clipped).getextrema())
        for channel, (_, top) in enumerate(extrema):
            brightest[channel] = max(brightest[channel], top)
    # Each channel's brightest value together is at least as bright as any one pixel, so
    # a scrim that makes that colour dark enough makes every pixel dark enough.
    limit = (1 + 0.05) / PHOTO_CONTRAST - 0.05
    low, high = MIN_SCRIM, 1.0
    if _luminance(brightest, low) > limit:
        for _ in range(12):
            middle = (low + high) / 2
            if _luminance(brightest, middle) > limit:
                low = middle
            else:
                high = middle
        low = high
    # Pillow blends in whole steps: rounding the share up keeps the result dark enough.
    return Image.blend(image, Image.new("RGB", image.size, SCRIM), math.ceil(low * 256) / 256)


def _luminance(rgb: list[int], scrim: float) -> float:
    red, green, blue = (min(255, math.ceil(v * (1 - scrim))) for v in rgb)
    return relative_luminance(f"#{red:02X}{green:02X}{blue:02X}")


@lru_cache(maxsize=8)
def _photo(path: str, digest: str, width: int, height: int) -> Image.Image:
    """The photo, upright, cut to the card's shape from its centre (`digest`: a photo
    replaced while a process runs, such as livereload, is read again)."""
    with Image.open(path) as opened:
        upright = ImageOps.exif_transpose(opened).convert("RGB")
    return ImageOps.fit(upright, (width, height), Image.Resampling.LANCZOS)


def _paste_logo(image: Image.Image, path: str, box: Box, plate: str) -> None:
    """A logo in its box; on a plate (a rounded white panel) where the layout has one, so a
    logo made for white paper stays visible on a colour or a photo."""
    if plate:
        pad = max(2, round(box.height * 0.14))
        ImageDraw.Draw(image).rounded_rectangle(
            (box.left, box.top, box.right - 1, box.bottom - 1), radius=pad, fill=plate
        )
        inner_height = box.height - 2 * pad
        width = max(1, round(box.width * inner_height / box.height))
        box = Box(box.left + (box.width - width) // 2, box.top + pad, 0, 0)
        logo = _logo(path, fonts.file_digest(path), width, max(1, inner_height))
    else:
        logo = _logo(path, fonts.file_digest(path), box.width, box.height)
    image.paste(logo, (box.left, box.top), logo)


def draw_runs(image: Image.Image, runs: tuple[PlacedRun, ...] | list[PlacedRun]) -> None:
    draw = ImageDraw.Draw(image)
    for run in runs:
        font = fonts.pillow_font(run.face, run.size)
        if run.face.emoji:
            _draw_emoji(image, run)
            continue
        draw.text(
            (run.x, run.baseline),
            run.text,
            font=font,
            fill=run.colour,
            anchor="ls",
            direction="rtl" if run.rtl else "ltr",
        )


def _draw_emoji(image: Image.Image, run: PlacedRun) -> None:
    font = fonts.pillow_font(run.face, run.size)
    left, top, right, bottom = font.getbbox(run.text, anchor="ls")
    size = (max(1, math.ceil(right - left)), max(1, math.ceil(bottom - top)))
    glyphs = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(glyphs).text(
        (-left, -top), run.text, font=font, anchor="ls", embedded_color=True
    )
    scale = emoji_scale(run.size)
    size = (max(1, round(glyphs.width * scale)), max(1, round(glyphs.height * scale)))
    small = glyphs.resize(size, Image.Resampling.LANCZOS)
    image.paste(small, (round(run.x + left * scale), round(run.baseline + top * scale)), small)


def encode(image: Image.Image, fmt: Format) -> bytes:
    buffer = io.BytesIO()
    if fmt.image_format == "PNG":
        image.save(buffer, "PNG", compress_level=PNG_COMPRESS_LEVEL)
        return buffer.getvalue()
    for quality in JPEG_QUALITIES:  # every JPEG stays under the link preview's limit
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        if buffer.tell() < LINK_PREVIEW_MAX_BYTES:
            break
    return buffer.getvalue()


def render(job: Job) -> Image.Image:
    image, composition = backdrop(job)
    draw_runs(image, composition.runs + ((composition.mark,) if composition.mark else ()))
    return image


def preview(image: Image.Image) -> bytes:
    """The small WebP a gallery shows for a card."""
    small = image.resize(
        (PREVIEW_WIDTH, round(image.height * PREVIEW_WIDTH / image.width)),
        Image.Resampling.LANCZOS,
    )
    buffer = io.BytesIO()
    small.save(buffer, "WEBP", quality=PREVIEW_QUALITY, method=4)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def _logo(path: str, digest: str, width: int, height: int) -> Image.Image:
    with Image.open(path) as opened:
        return opened.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)


def render_to_file(job: Job) -> tuple[str, int]:
    """Draw, encode and write one card (and its gallery preview when asked); returns
    (target, bytes written)."""
    image = render(job)
    data = encode(image, card_format(job.format, job.layout))
    if job.preview:
        _write(job.preview, preview(image))
    _write(job.target, data)
    return job.target, len(data)


def _write(target: str, data: bytes) -> None:
    # Written under a temporary name first: another build sharing the cache never sees half a file.
    temporary = f"{target}.{os.getpid()}.part"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, target)
