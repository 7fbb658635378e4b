"""Photos: copied without their metadata, scaled down, and offered in responsive sizes.

Camera files carry EXIF data: the time, the camera, often the GPS position where the photo
was taken. None of it is needed to show a photo, so only the pixels are written out
(turned upright first, because that turn is itself stored in EXIF). Each photo is written
once in its own format (the fallback) and as WebP at a few widths; pages use <picture> with
width and height, so nothing shifts while a photo loads.

Every photo comes from the resolver (references.py): its place in the site follows from its
real path inside content/images/, never from the path as a post wrote it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape
from PIL import Image, ImageOps

from .references import Photo

SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
    "GIF": {},
}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
SIZES = "(min-width: 48rem) 44rem, 100vw"


@dataclass(frozen=True)
class PhotoSizes:
    max_width: int = 1600  # wider photos are scaled down
    widths: tuple[int, ...] = (480, 960, 1600)  # WebP copies at these widths too


@dataclass(frozen=True)
class Plan:
    """What is written for one photo, and how a page refers to it."""

    photo: Photo
    width: int
    height: int
    webp: tuple[tuple[str, int], ...]  # (path in the site, width)


def plan_for(photo: Photo, sizes: PhotoSizes) -> Plan:
    with Image.open(photo.source) as image:
        width, height = image.size
        if image.getexif().get(0x0112) in ROTATED:
            width, height = height, width
    if width > sizes.max_width:
        width, height = sizes.max_width, round(height * sizes.max_width / width)
    stem = photo.site_path.rsplit(".", 1)[0]
    widths = sorted({w for w in sizes.widths if w < width} | {width})
    return Plan(photo, width, height, tuple((f"{stem}-{w}w.webp", w) for w in widths))


def site_address(site_url: str, site_path: str) -> str:
    return f"{site_url}/{quote(site_path)}"


def picture_html(plan: Plan, alt: str, site_url: str, css_class: str = "") -> Markup:
    srcset = ", ".join(f"{site_address(site_url, path)} {width}w" for path, width in plan.webp)
    class_attr = f' class="{escape(css_class)}"' if css_class else ""
    return Markup(
        f'<picture><source type="image/webp" srcset="{escape(srcset)}" sizes="{SIZES}">'
        f'<img{class_attr} src="{escape(site_address(site_url, plan.photo.site_path))}" '
        f'alt="{escape(alt)}" width="{plan.width}" height="{plan.height}" loading="lazy" '
        'decoding="async"></picture>'
    )


def write_photo(plan: Plan, output: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # odd EXIF values, dropped anyway
        _write_photo(plan, output)


def _write_photo(plan: Plan, output: Path) -> None:
    target = output / plan.photo.site_path
    if not target.resolve().is_relative_to(output.resolve()):
        raise ValueError(f"{plan.photo.site_path} is outside the site")  # cannot happen
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(plan.photo.source) as opened:
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
