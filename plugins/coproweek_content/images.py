"""Copying the photos that published posts use into the site, without their metadata.

Camera files carry EXIF data: the time, the camera, often the GPS position where the photo
was taken. None of it is needed to show a photo, so only the pixels are written out
(turned upright first, because that turn is itself stored in EXIF).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator
from PIL import Image, ImageOps

from . import state

SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}


def copy_without_metadata(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as opened:
        image_format = opened.format or "PNG"
        upright = ImageOps.exif_transpose(opened)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        # A new image holds only the pixels: no EXIF, GPS, XMP, ICC text or comments.
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
        options = SAVE_OPTIONS.get(image_format, {})
        if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(target, format=image_format, **options)


class PhotoGenerator(Generator):
    """Writes every photo referenced by a published post (and nothing else)."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        site = state.current_site()
        content_root = site.context.content_root
        output = Path(self.output_path)
        wanted = sorted({image.path for post in site.published for image in post.images})
        for relative in wanted:
            copy_without_metadata(content_root / relative, output / relative)
