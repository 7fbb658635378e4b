"""Drawing a composed card with Pillow and encoding it."""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from . import fonts
from .compose import FontSettings, compose
from .layouts import FORMATS, LAYOUTS, Format, Layout
from .settings import LINK_PREVIEW_MAX_BYTES
from .text import PlacedRun, emoji_scale

JPEG_QUALITIES = (88, 80, 72, 64)
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


def background(layout: Layout, fmt: Format, palette: dict[str, str]) -> Image.Image:
    """The card without its words (tests compare against it to find text pixels)."""
    image = Image.new("RGB", (fmt.width, fmt.height), palette[layout.background])
    band = max(1, round(layout.band_height * fmt.scale))
    ImageDraw.Draw(image).rectangle((0, 0, fmt.width, band - 1), fill=palette[layout.band])
    return image


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
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        if fmt.name != "link" or buffer.tell() < LINK_PREVIEW_MAX_BYTES:
            break
    return buffer.getvalue()


def render(job: Job) -> Image.Image:
    words, palette = dict(job.words), dict(job.palette)
    layout, fmt = LAYOUTS[job.layout], FORMATS[job.format]
    composition = compose(words, layout, fmt, job.font_settings, palette)
    image = background(layout, fmt, palette)
    draw_runs(image, composition.runs)
    if composition.logo:
        path, box = composition.logo
        logo = _logo(path, box.width, box.height)
        image.paste(logo, (box.left, box.top), logo)
    return image


@lru_cache(maxsize=16)
def _logo(path: str, width: int, height: int) -> Image.Image:
    with Image.open(path) as opened:
        return opened.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)


def render_to_file(job: Job) -> tuple[str, int]:
    """Draw, encode and write one card; returns (target, bytes written)."""
    data = encode(render(job), FORMATS[job.format])
    # Written under a temporary name first: another build sharing the cache never sees half a file.
    temporary = f"{job.target}.{os.getpid()}.part"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, job.target)
    return job.target, len(data)
