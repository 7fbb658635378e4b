"""Photos: copied without their metadata, scaled down, and offered in responsive sizes.

Camera files carry EXIF data: the time, the camera, often the GPS position where the photo
was taken. None of it is needed to show a photo, so only the pixels are written out
(turned upright first, because that turn is itself stored in EXIF). Each photo is written
once in its own format (the fallback) and as WebP at a few widths; pages use <picture> with
width and height, so nothing shifts while a photo loads.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator
from PIL import Image, ImageOps

from .buildstate import BuildState
from .settings import setting

SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
    "GIF": {},
}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
SIZES = "(min-width: 48rem) 44rem, 100vw"
IMG_TAG = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>')
ALT = re.compile(r'\balt="(?P<alt>[^"]*)"')


@dataclass(frozen=True)
class Plan:
    """What is written for one photo, and how a page refers to it."""

    source: Path
    fallback: str  # path in output/, e.g. images/2024/workshop.jpg
    width: int
    height: int
    webp: tuple[tuple[str, int], ...]  # (path in output/, width)


@lru_cache(maxsize=1024)
def _plan(
    source: Path, relative: str, max_width: int, widths: tuple[int, ...], mtime: float
) -> Plan:
    with Image.open(source) as image:
        width, height = image.size
        if image.getexif().get(0x0112) in ROTATED:
            width, height = height, width
    if width > max_width:
        width, height = max_width, round(height * max_width / width)
    stem = relative.rsplit(".", 1)[0]
    sizes = sorted({w for w in widths if w < width} | {width})
    webp = tuple((f"{stem}-{w}w.webp", w) for w in sizes)
    return Plan(source, relative, width, height, webp)


def plan_for(relative: str, settings: dict[str, Any]) -> Plan:
    source = Path(settings["PATH"]).resolve() / relative
    return _plan(
        source,
        relative,
        int(setting(settings, "COPROWEEK_IMAGE_MAX_WIDTH")),
        tuple(setting(settings, "COPROWEEK_IMAGE_WIDTHS")),
        source.stat().st_mtime,
    )


def picture_html(plan: Plan, alt: str, site_url: str, css_class: str = "") -> str:
    srcset = ", ".join(f"{site_url}/{path} {width}w" for path, width in plan.webp)
    class_attr = f' class="{css_class}"' if css_class else ""
    return (
        f'<picture><source type="image/webp" srcset="{srcset}" sizes="{SIZES}">'
        f'<img{class_attr} src="{site_url}/{plan.fallback}" alt="{html.escape(alt)}" '
        f'width="{plan.width}" height="{plan.height}" loading="lazy" decoding="async"></picture>'
    )


def responsive_images(content: str, settings: dict[str, Any]) -> str:
    """Replace each <img> of a site photo in sanitised HTML with a responsive <picture>."""
    site_url = settings.get("SITEURL", "").rstrip("/")
    prefix = f"{site_url}/images/"

    def replace(match: re.Match[str]) -> str:
        src = html.unescape(match["src"])
        if not src.startswith(prefix):
            return match[0]
        alt = ALT.search(match[0])
        plan = plan_for(src[len(site_url) + 1 :], settings)
        return picture_html(plan, html.unescape(alt["alt"]) if alt else "", site_url)

    return IMG_TAG.sub(replace, content)


@pass_context
def picture(context: Any, image: Any, css_class: str = "") -> Markup:
    """A Jinja filter for templates: {{ entry.hero|picture("hero") }}."""
    settings = context
    plan = plan_for(image.path, settings)
    site_url = settings.get("SITEURL", "").rstrip("/")
    return Markup(picture_html(plan, image.alt, site_url, css_class))


def write_photo(plan: Plan, output: Path) -> None:
    target = output / plan.fallback
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(plan.source) as opened:
        image_format = opened.format or "PNG"
        upright = ImageOps.exif_transpose(opened)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        # A new image holds only the pixels: no EXIF, GPS, XMP, ICC text or comments.
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
    if clean.width != plan.width:
        clean = clean.resize((plan.width, plan.height), Image.Resampling.LANCZOS)
    fallback = (
        clean.convert("RGB") if image_format == "JPEG" and clean.mode not in ("RGB", "L") else clean
    )
    fallback.save(target, format=image_format, **SAVE_OPTIONS.get(image_format, {}))
    for path, width in plan.webp:
        scaled = (
            clean
            if width == clean.width
            else clean.resize(
                (width, round(clean.height * width / clean.width)), Image.Resampling.LANCZOS
            )
        )
        scaled.save(output / path, format="WEBP", **SAVE_OPTIONS["WEBP"])


class PhotoGenerator(Generator):
    """Writes every photo referenced by a published post (and nothing else)."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        site = BuildState.of(self.settings).loaded
        output = Path(self.output_path)
        wanted = sorted({image.path for post in site.published for image in post.images})
        for relative in wanted:
            write_photo(plan_for(relative, self.settings), output)
