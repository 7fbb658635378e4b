"""The campaign download packs: stored (uncompressed) zip files that the same cards always
turn into the same bytes. A pack for changed cards is built from the campaign's previous
pack, whose unchanged members are copied across by the kernel, never read through Python."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same cards make the same zip file
_CHUNK = 1 << 20


def member_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.external_attr = 0o644 << 16
    return info


def previous_pack(packs: Path, year: int, new: Path) -> Path | None:
    """The newest pack of the campaign other than `new` (packs are named YEAR-HASH.zip)."""
    found = [path for path in packs.glob(f"{year}-*.zip") if path != new]
    return max(found, key=_mtime, default=None)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:  # removed meanwhile by another build sharing the cache
        return -1


def write_pack(
    path: Path, manifest: bytes, files: list[tuple[str, Path]], previous: Path | None = None
) -> int:
    """manifest.json, then each (member name, file) in order; members of `previous` with
    the same name and size are copied from it. Written beside `path`, then renamed, so an
    interrupted build never leaves a broken pack under a cache name. Returns how many
    members were copied."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with _Previous(previous) as old, zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as pack:
            pack.writestr(member_info("manifest.json"), manifest)
            copies = _Copies(old.fd, pack.fp.fileno())
            copied = 0
            for name, file in files:
                found = old.match(name, file)
                if found is None:
                    pack.writestr(member_info(name), file.read_bytes())
                else:
                    info, start, size = found
                    copies.add(start, append_raw(pack, info, size), size)
                    copied += 1
            copies.flush()
        os.replace(partial, path)
        return copied
    finally:
        partial.unlink(missing_ok=True)


class _Previous:
    """The campaign's previous pack, open for copying; with none, or none it can read, it
    matches nothing."""

    def __init__(self, path: Path | None) -> None:
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.fd = -1
        self.written_alike: bool | None = None  # known once a first member is compared
        if path is None:
            return
        try:
            with zipfile.ZipFile(path) as old:
                self.members = {info.filename: info for info in old.infolist()}
            self.fd = os.open(path, os.O_RDONLY)
        except (OSError, zipfile.BadZipFile):  # gone meanwhile, or not a zip: build afresh
            self.members = {}

    def __enter__(self) -> _Previous:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)

    def match(self, name: str, file: Path) -> tuple[zipfile.ZipInfo, int, int] | None:
        """The new member's info, and where its local header and data start in the previous
        pack and how long they are, if the previous pack holds `name` for a file this size.
        Card names carry a hash of everything that shapes the card, so the same name and
        size mean the same bytes, and the CRC can be taken over from the previous pack."""
        old = self.members.get(name)
        if old is None or old.file_size != file.stat().st_size or self.written_alike is False:
            return None
        info = member_info(name)
        info.file_size = info.compress_size = old.file_size
        info.CRC = old.CRC
        # The local header writestr would give (its ZIP64 rule, which FileHeader also uses to
        # set the versions the central directory repeats).
        header = info.FileHeader(info.file_size * 1.05 > zipfile.ZIP64_LIMIT)
        if self.written_alike is None:
            # A pack written another way (other code, other timestamps) differs in every
            # local header, so the first one tells; reading each would cost a disk seek per
            # card when the pack is no longer in memory. Nothing is copied from such a pack.
            self.written_alike = os.pread(self.fd, len(header), old.header_offset) == header
            if not self.written_alike:
                return None
        return info, old.header_offset, len(header) + info.file_size


def append_raw(pack: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> int:
    """Lists a member in `pack` (open for writing a seekable file) and keeps `size` bytes for
    its local header and data at the end of the file; returns their offset. The caller writes
    them there itself, with an explicit offset, before the pack is closed.

    This leans on zipfile internals (as of CPython 3.11) as writestr leaves them: the next
    member goes at `start_dir` (writestr and close() seek there first), and close() writes
    the central directory, ZIP64 records included, from `filelist`; `NameToInfo` serves
    look-ups by name."""
    info.header_offset = pack.start_dir
    pack.start_dir += size
    pack.filelist.append(info)
    pack.NameToInfo[info.filename] = info
    return info.header_offset


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
