"""The download packs: zip files that the same cards always turn into the same bytes.

Each campaign has a pack of all its cards, and each of its posts a pack of the post's cards.
A pack holds manifest.json, then every card file sorted by address, stored
as they are (PNG and JPEG do not shrink in a zip), each with the same fixed time and
permissions. It is built by a worker process, kept in the card cache under a hash of the
campaign's manifest (which names every card by its hash), and linked into each site.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a worker building a pack needs neither the plan nor the content model
    from .plan import Card, CardImage

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip file can hold
MANIFEST = "manifest.json"
UNIX = 3  # the system a member says it was made on (zipfile says 0 on Windows, 3 elsewhere)


@dataclass(frozen=True)
class PackJob:
    """Everything a worker needs to build a campaign's pack (picklable)."""

    pack: str  # where the pack goes in the card cache
    manifest: bytes
    members: tuple[tuple[str, str], ...]  # (member name, cached card file), in pack order


def pack_path(packs: Path, name: str, manifest: bytes) -> Path:
    """The manifest names every card by its hash, so it keys the pack (a campaign's, named
    by its year, or a post's, by its slug)."""
    return packs / f"{name}-{hashlib.sha256(manifest).hexdigest()[:20]}.zip"


def pack_members(
    cards: list[Card], file_of: Callable[[CardImage], str]
) -> tuple[tuple[str, str], ...]:
    """(member name, file) for every card file of a pack, sorted by address: the pack holds
    manifest.json, then these."""
    images = sorted(
        (image for card in cards for image in card.images.values()), key=lambda i: i.url
    )
    return tuple((image.file_name, file_of(image)) for image in images)


def build_pack(job: PackJob) -> str:
    """Run by a worker once the cards are drawn; returns where the pack is."""
    path = Path(job.pack)
    if not path.is_file():  # else built meanwhile by another build sharing the cache
        path.parent.mkdir(parents=True, exist_ok=True)
        write_pack(path, job.manifest, job.members)
    return job.pack


def write_pack(path: Path, manifest: bytes, members: tuple[tuple[str, str], ...]) -> None:
    """The pack of manifest.json and each (member name, file), at `path`."""
    # Written beside `path`, then renamed: no build ever sees half a pack under its name.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as pack:
            pack.writestr(_member(MANIFEST), manifest)
            for name, file in members:
                pack.writestr(_member(name), Path(file).read_bytes())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.create_system = UNIX
    info.external_attr = 0o644 << 16  # rw-r--r--
    return info
