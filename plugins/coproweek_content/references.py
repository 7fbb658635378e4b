"""The one resolver for a reference to a file of the site: a photo in content/images/.

Every photo a post, page or campaign shows goes through `resolve_photo`, wherever it is
written (the Image field, Markdown, HTML, a reference-style link): the reference is read as
a site address, symbolic links are followed to the end, and the real file must lie inside
the real content/images/ folder. The photo's place in the site is worked out from that real
path only, so no reference can name a file outside the folder, and nothing is ever written
outside the site being built.
"""

from __future__ import annotations

import posixpath
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from PIL import Image as PILImage

from .inventory import is_ignored
from .settings import IMAGE_SUFFIXES, IMAGES_DIR

MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is refused, not decoded
IMAGE_FIX = (
    "put the photo in content/images/ (for example content/images/2024/) and write its path "
    "as /images/2024/photo.jpg."
)


class ReferenceProblem(ValueError):
    """Why a reference cannot be published, in plain English."""


@dataclass(frozen=True)
class Photo:
    relative: str  # inside content/images/ and inside the site's images/: "2024/workshop.jpg"
    source: Path  # the real file

    @property
    def site_path(self) -> str:
        """Where the photo is in the site: images/2024/workshop.jpg."""
        return f"{IMAGES_DIR}/{self.relative}"


def is_other_site(reference: str) -> bool:
    parts = urlsplit(reference.strip())
    return bool(parts.scheme or parts.netloc) or reference.strip().startswith("//")


def resolve_photo(reference: str, content_root: Path) -> Photo:
    """The photo a reference names, or ReferenceProblem."""
    written = reference.strip()
    if not written:
        raise ReferenceProblem("the image has no file name.")
    scheme = urlsplit(written).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        raise ReferenceProblem(
            f'"{written[:60]}" is not a photo of this site: only photos in content/images/ '
            "can be shown."
        )
    if is_other_site(written):
        raise ReferenceProblem(
            f'"{written}" is on another website: images from other websites are not allowed, '
            "because each one would let that site see every reader of ours."
        )
    path = unquote(urlsplit(written).path)
    if "\\" in path or "\x00" in path:
        raise ReferenceProblem(f'"{written}" is not a path of this site.')
    parts = PurePosixPath(path.lstrip("/")).parts
    if not parts or parts[0] != IMAGES_DIR:
        raise ReferenceProblem(f'"{written}" is not in the images folder.')
    if not posixpath.normpath("/" + "/".join(parts)).startswith(f"/{IMAGES_DIR}/"):
        raise ReferenceProblem(f'"{written}" points outside the images folder.')
    images_root = (content_root / IMAGES_DIR).resolve()
    try:
        real = content_root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links
        raise ReferenceProblem(f'the image file "{written}" does not exist.') from None
    if not real.is_relative_to(images_root) or real == images_root:
        raise ReferenceProblem(f'"{written}" points outside the images folder.')
    if not real.is_file():
        raise ReferenceProblem(f'"{written}" is not a file.')
    private = [part for part in real.relative_to(images_root).parts if is_ignored(part)]
    if private:
        raise ReferenceProblem(
            f'"{written}" is kept private: files and folders whose names start with . or _ '
            "are never published."
        )
    if real.suffix.lower() not in IMAGE_SUFFIXES:
        kinds = ", ".join(IMAGE_SUFFIXES)
        raise ReferenceProblem(f'"{written}" is not a photo file we publish ({kinds}).')
    problem = photo_problem(real)
    if problem:
        raise ReferenceProblem(f'"{written}" {problem}')
    return Photo(real.relative_to(images_root).as_posix(), real)


def photo_at(site_path: str, content_root: Path) -> Photo:
    """The photo at a site path the resolver gave earlier (images/2024/x.jpg): no address
    decoding this time, the same checks on where it leads."""
    relative = site_path.removeprefix(f"{IMAGES_DIR}/")
    return resolve_photo(f"/{IMAGES_DIR}/{quote(relative)}", content_root)


def photo_problem(path: Path) -> str:
    """Why a photo cannot be published, read from its header only (never decoded here)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            warnings.simplefilter(
                "ignore", UserWarning
            )  # odd EXIF values: not our reader's concern
            with PILImage.open(path) as image:
                width, height = image.size
                kind = image.format
                if width * height > MAX_IMAGE_PIXELS:
                    return f"is {width} x {height} pixels, far more than a web page needs."
                if kind not in ("JPEG", "PNG", "WEBP", "GIF"):
                    return f"is a {kind} file, not a JPEG, PNG, WebP or GIF photo."
                image.load()  # the whole file: a photo cut short fails here, not mid-build
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "is far too large to be a photo for a web page."
    except Exception:  # Pillow raises many kinds of error for a broken file
        return "cannot be read as a photo (the file may be damaged, cut short or not an image)."
    return ""
