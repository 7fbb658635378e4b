"""The campaign download packs: stored (uncompressed) zip files that the same cards always
turn into the same bytes.

Every member (local header, then data) fills whole blocks of BLOCK bytes: the local
header's extra field pads it, as Android's zipalign does (the central directory lists no
padding). A member's bytes therefore never depend on where it lies, and a changed pack is
made from an earlier one without reading the cards that did not change:
- in place (renew_pack), where the file system can cut blocks out of a file and put new
  ones in (Linux: ext4, XFS): a spare pack of the campaign, linked into no site, loses the
  members of removed cards and gains those of new ones;
- else by copying (write_pack): the unchanged members of the previous pack are copied
  across by the kernel, never read through Python.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import struct
import tempfile
import time
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same cards make the same zip file
BLOCK = 4096  # a multiple of the block size of common file systems
ALIGNMENT_FIELD = 0xD935  # zipalign's extra field: its header, the alignment, then zeros
MANIFEST = "manifest.json"
SPARE = "spare-"
_CHUNK = 1 << 20
_COLLAPSE_RANGE, _INSERT_RANGE = 0x08, 0x20  # fallocate modes (linux/falloc.h)
# How long a worker waits for another link to the spare pack to go (a leftover site being
# deleted as the build starts, say), before it copies the pack instead.
SPARE_WAIT_SECONDS = 5.0


def member_info(name: str, size: int, crc: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.external_attr = 0o644 << 16
    info.file_size = info.compress_size = size
    info.CRC = crc
    return info


def local_header(info: zipfile.ZipInfo) -> bytes:
    """The member's local header, padded so that header and data fill whole blocks. (It
    also sets the versions that the central directory repeats.)"""
    info.extra = b""
    bare = len(info.FileHeader())
    padding = -(bare + info.file_size) % BLOCK
    if padding < 6:  # too short for the field's own header and the alignment
        padding += BLOCK
    info.extra = struct.pack("<HHH", ALIGNMENT_FIELD, padding - 4, BLOCK) + bytes(padding - 6)
    try:
        return info.FileHeader()
    finally:
        info.extra = b""


def previous_pack(packs: Path, year: int, new: Path) -> Path | None:
    """The newest pack of the campaign other than `new` (packs are named YEAR-HASH.zip,
    spare packs SPARE + YEAR.zip)."""
    found = [path for path in packs.glob(f"{year}-*.zip") if path != new]
    return max(found, key=_mtime, default=None)


def spare_pack(packs: Path, year: int) -> Path:
    """Where the campaign's spare pack is kept: the one its last change replaced, which the
    next change renews in place."""
    return packs / f"{SPARE}{year}.zip"


def wait_until_unlinked(path: Path, seconds: float) -> bool:
    """Whether `path` exists and no other name links to it, waiting up to `seconds` for
    another link to go (a leftover site being deleted as this build starts, say). A pack
    also linked elsewhere must never change."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if path.stat().st_nlink == 1:
                return True
        except FileNotFoundError:
            return False
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def copy_pack(pack: Path, target: Path) -> None:
    """A copy of `pack` at `target` (written beside, then renamed)."""
    partial = _partial(target)
    try:
        shutil.copyfile(pack, partial)  # the kernel copies it (sendfile)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def year_of(pack: Path) -> str:
    """The campaign year of a pack (YEAR-HASH.zip) or a spare (SPARE + YEAR.zip)."""
    return pack.name.removeprefix(SPARE).removesuffix(".zip").split("-")[0]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:  # removed meanwhile by another build sharing the cache
        return -1


@dataclass
class Segment:
    """A member of a pack where it lies: its local header, padding and data."""

    info: zipfile.ZipInfo
    start: int
    length: int


@dataclass
class Member:
    """A member of the pack being made: taken over from `segment` of an earlier pack, or
    written from `source` (its bytes, or the file holding them)."""

    info: zipfile.ZipInfo
    length: int  # local header, padding and data
    segment: Segment | None = None
    source: bytes | str | Path | None = None

    @classmethod
    def new(cls, name: str, size: int, source: bytes | str | Path) -> Member:
        info = member_info(name, size, 0)
        return cls(info, len(local_header(info)) + size, source=source)  # any CRC: same length

    def encoded(self) -> bytes:
        """Local header and data (read only now, one member at a time)."""
        assert self.source is not None, "a member taken over has no source"
        source = self.source
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        if len(data) != self.info.file_size:
            raise OSError(f"{self.source} changed while the pack was made")
        self.info.CRC = zlib.crc32(data)
        return local_header(self.info) + data


class _Previous:
    """An earlier pack of the campaign, open for reading; with none, or none laid out as
    this module lays out packs, it gives nothing."""

    def __init__(self, path: Path | None, writable: bool = False) -> None:
        self.segments: dict[str, Segment] = {}
        self.order: list[Segment] = []
        self.fd = -1
        self.written_alike: bool | None = None  # known once a first member is compared
        if path is None:
            return
        try:
            with zipfile.ZipFile(path) as old:
                infos = sorted(old.infolist(), key=lambda info: info.header_offset)
                ends = [info.header_offset for info in infos[1:]] + [old.start_dir]
            self.fd = os.open(path, os.O_RDWR if writable else os.O_RDONLY)
        except (OSError, zipfile.BadZipFile):  # gone meanwhile, or not a zip: build afresh
            return
        self.order = [
            Segment(info, info.header_offset, end - info.header_offset)
            for info, end in zip(infos, ends, strict=True)
        ]
        if all(s.start % BLOCK == 0 and s.length % BLOCK == 0 and s.length for s in self.order):
            self.segments = {segment.info.filename: segment for segment in self.order}

    def __enter__(self) -> _Previous:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)

    def take(self, name: str, size: int) -> Member | None:
        """The new member taken over from this pack, if it holds `name` for a file this
        size. Card names carry a hash of everything that shapes the card, so the same name
        and size mean the same bytes, and the CRC can be taken over too."""
        old = self.segments.get(name)
        if old is None or old.info.file_size != size or self.written_alike is False:
            return None
        info = member_info(name, size, old.info.CRC)
        header = local_header(info)
        if len(header) + size != old.length:
            return None
        if self.written_alike is None:
            # A pack written another way (other code, other timestamps) differs in every
            # local header, so the first one tells; reading each would cost a disk seek per
            # card when the pack is no longer in memory. Nothing is taken from such a pack.
            self.written_alike = os.pread(self.fd, len(header), old.start) == header
            if not self.written_alike:
                return None
        return Member(info, old.length, segment=old)


def _members(
    manifest: bytes, files: list[tuple[str, str | Path]], old: _Previous
) -> Iterator[Member]:
    """manifest.json (always written anew: its name says nothing of its content), then
    each (member name, file) in order."""
    yield Member.new(MANIFEST, len(manifest), manifest)
    for name, file in files:
        size = os.stat(file).st_size
        yield old.take(name, size) or Member.new(name, size, file)


def _partial(path: Path) -> Path:
    # Written beside `path`, then renamed: an interrupted build never leaves a broken pack
    # under a cache name.
    return path.with_name(f"{path.name}.{os.getpid()}.partial")


def write_pack(
    path: Path, manifest: bytes, files: list[tuple[str, str | Path]], previous: Path | None = None
) -> int:
    """The pack of manifest.json and each (member name, file), at `path`; members of
    `previous` with the same name and size are copied from it. Returns how many were."""
    partial = _partial(path)
    try:
        with _Previous(previous) as old, open(partial, "wb") as out:
            at, infos, copied = 0, [], 0
            copies = _Copies(old.fd, out.fileno())
            for member in _members(manifest, files, old):
                if member.segment is None:
                    _write_at(out.fileno(), member.encoded(), at)
                else:
                    copies.add(member.segment.start, at, member.length)
                    copied += 1
                member.info.header_offset = at
                infos.append(member.info)
                at += member.length
            copies.flush()
            _write_directory(out, infos, at)
        os.replace(partial, path)
        return copied
    finally:
        partial.unlink(missing_ok=True)


def renew_pack(
    path: Path, manifest: bytes, files: list[tuple[str, str | Path]], spare: Path
) -> int | None:
    """Turn `spare` (an earlier pack of the campaign that nothing else links to) into the pack
    at `path` in place: the blocks of members it no longer has are cut out of the file and
    blocks for new members put in, so the others are neither read nor written. Returns how
    many members were kept; None if it could not be done (the spare is then left as it was,
    or deleted if it was half changed), and write_pack must make the pack."""
    if fallocate is None:
        return None
    with _Previous(spare, writable=True) as old:
        members = list(_members(manifest, files, old))
        starts = [member.segment.start for member in members if member.segment is not None]
        if len(starts) < len(members) // 2 or any(a >= b for a, b in pairwise(starts)):
            return None  # little to keep, or kept in another order: copying is as quick
        partial = _partial(path)
        try:
            os.rename(spare, partial)  # claimed: another build sharing the cache cannot
        except OSError:
            return None
        try:
            with open(old.fd, "r+b", closefd=False) as out:
                at = 0
                for member in members:
                    member.info.header_offset = at
                    at += member.length
                if _renew(old.fd, members, deque(old.order)) != at:
                    return None  # never expected; the pack is then copied instead
                _write_directory(out, [member.info for member in members], at)
            os.replace(partial, path)
            return len(starts)
        except OSError:
            return None
        finally:
            partial.unlink(missing_ok=True)


def _renew(fd: int, members: list[Member], old: deque[Segment]) -> int:
    """Make the members of the file `fd` (whose members are `old`) into `members`; returns
    where the members end. The old central directory still follows them, so every range
    cut out or put in lies before the end of the file, as fallocate requires."""
    cursor = removed = 0
    added: list[bytes] = []  # members to write where the old ones in `removed` were

    def settle() -> None:
        nonlocal cursor, removed
        assert fallocate is not None
        grown = sum(map(len, added)) - removed
        if grown > 0:
            fallocate(fd, _INSERT_RANGE, cursor, grown)
        elif grown < 0:
            fallocate(fd, _COLLAPSE_RANGE, cursor, -grown)
        for data in added:
            cursor += _write_at(fd, data, cursor)
        added.clear()
        removed = 0

    for member in members:
        if member.segment is None:
            added.append(member.encoded())
            continue
        while old[0] is not member.segment:
            removed += old.popleft().length
        settle()
        cursor += old.popleft().length
    # Whatever follows (old members not kept, the old directory) is overwritten or cut off.
    for data in added:
        cursor += _write_at(fd, data, cursor)
    return cursor


def _write_at(fd: int, data: bytes, at: int) -> int:
    view = memoryview(data)
    while view:
        view = view[os.pwrite(fd, view, at + len(data) - len(view)) :]
    return len(data)


def _write_directory(out: BinaryIO, infos: list[zipfile.ZipInfo], at: int) -> None:
    """The central directory (ZIP64 records where needed) at `at`, the end of the members,
    and nothing after it. zipfile writes it: when it closes a ZipFile opened for writing,
    it writes the directory of `filelist` at `start_dir` (CPython 3.11 internals)."""
    out.seek(at)
    with zipfile.ZipFile(out, "w") as pack:
        pack.filelist = infos
        pack.NameToInfo = {info.filename: info for info in infos}
        pack.start_dir = at
    out.truncate()


def _load_fallocate() -> Callable[[int, int, int, int], None] | None:
    try:
        call = ctypes.CDLL(None, use_errno=True).fallocate
    except (AttributeError, OSError):  # not Linux
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int64, ctypes.c_int64]
    call.restype = ctypes.c_int

    def run(fd: int, mode: int, offset: int, length: int) -> None:
        if call(fd, mode, offset, length) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))

    return run


fallocate = _load_fallocate()
_renews: dict[str, bool] = {}


def renews_in_place(folder: Path) -> bool:
    """Whether packs in `folder` can be renewed in place (its file system can cut blocks
    out of a file); tried once per folder on a small file."""
    key = str(folder)
    if key not in _renews:
        _renews[key] = fallocate is not None and _try_collapse(folder)
    return _renews[key]


def _try_collapse(folder: Path) -> bool:
    assert fallocate is not None
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(bytes(3 * BLOCK))
            probe.flush()
            fallocate(probe.fileno(), _COLLAPSE_RANGE, 0, BLOCK)
            return os.fstat(probe.fileno()).st_size == 2 * BLOCK
    except OSError:
        return False


class _Copies:
    """Byte ranges to copy from one file to another, joined where they follow on in both:
    unchanged cards lie side by side in both packs, so a few calls copy them all."""

    def __init__(self, source: int, target: int) -> None:
        self.source, self.target = source, target
        self.start = self.at = self.size = 0

    def add(self, start: int, at: int, size: int) -> None:
        if self.size and (start, at) == (self.start + self.size, self.at + self.size):
            self.size += size
            return
        self.flush()
        self.start, self.at, self.size = start, at, size

    def flush(self) -> None:
        if self.size:
            copy_range(self.source, self.target, self.start, self.at, self.size)
        self.size = 0


def copy_range(source: int, target: int, start: int, at: int, size: int) -> None:
    """`size` bytes from offset `start` of `source` to offset `at` of `target`, in the kernel
    where the system allows it (copy_file_range: Linux, across file systems since 5.3)."""
    try:
        while size and hasattr(os, "copy_file_range"):
            done = os.copy_file_range(source, target, size, start, at)
            if not done:
                break  # the source ended early: the loop below says so
            start, at, size = start + done, at + done, size - done
    except OSError:  # not for these files (an old kernel, a file system that refuses)
        pass
    _copy_loop(source, target, start, at, size)


def _copy_loop(source: int, target: int, start: int, at: int, size: int) -> None:
    while size:
        data = os.pread(source, min(size, _CHUNK), start)
        if not data:
            raise EOFError("the previous pack is shorter than its directory says")
        written = os.pwrite(target, data, at)
        start, at, size = start + written, at + written, size - written


@dataclass(frozen=True)
class PackJob:
    """Everything a worker needs to build a campaign's pack (picklable)."""

    year: int
    pack: Path
    manifest: bytes
    # (member name, cached card file), in pack order; paths as strings, which pickle faster
    members: list[tuple[str, str | Path]]


def build_pack(job: PackJob) -> tuple[Path, int, bool]:
    """Run by a worker once the cards are drawn: a spare pack of the campaign renewed in
    place, else a pack built from the cached card files and the campaign's previous pack.
    Returns the pack, how many members were taken from an earlier pack, and whether it was
    renewed in place."""
    packs = job.pack.parent
    if job.pack.is_file():  # built meanwhile by a build of the same content
        return job.pack, 0, False
    packs.mkdir(parents=True, exist_ok=True)
    spare = spare_pack(packs, job.year)
    if wait_until_unlinked(spare, SPARE_WAIT_SECONDS):
        kept = renew_pack(job.pack, job.manifest, job.members, spare)
        if kept is not None:
            return job.pack, kept, True
    previous = previous_pack(packs, job.year, job.pack)
    copied = write_pack(job.pack, job.manifest, job.members, previous)
    if previous is None and not spare.exists() and renews_in_place(packs):
        # The campaign's first pack (a cold build): a spare copy of it, so that the first
        # change renews it in place too.
        copy_pack(job.pack, spare)
    return job.pack, copied, False
