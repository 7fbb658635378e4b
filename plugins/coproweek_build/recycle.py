"""Building over the site the last build replaced, instead of into an empty folder.

A build writes into a folder of its own and swaps it in for output/ only when it succeeded.
Making that folder empty every time meant about 3,000 new folders and 5,000 new files at
2,000 posts, and deleting as many of the replaced site. On ext4 without a journal (as on
the machines this kit is tested on) each new file's inode is chosen by skipping every inode
deleted in the last minute, so back-to-back builds grew slower and slower: kernel time per
build went from 1 s to more than 4 s.

So a build takes over the site the last build replaced (complete, two builds old), writes
over its files and folders, and at the end sweeps out every file it did not write.
A plugin may keep a subfolder clean itself (the cards: most of a site's files, and mostly
already the right hard links); the sweep leaves those alone.

Every file a build writes, copies or hard-links has its inode change time (ctime) set at
that moment, later than the moment this build took the folder over. A file that still
has an older change time was not made by this build: the sweep deletes it, and the folders
that leaves empty.

Files our plugins hard-link from their caches (cards, packs, search bundles) are unlinked
before a different file is placed there, and pages, feeds and manifests are written with
coproweek_content.written.write_if_changed, which replaces a file that has other links
instead of writing through it: nothing a build writes can change a cached file through the
old site.
"""

from __future__ import annotations

import os
from collections.abc import Set
from pathlib import Path


def take_over_replaced_site(output: Path, building: Path) -> int | None:
    """Rename the site the last build replaced to `building`; returns the folder's change
    time at that moment (the sweep's reference), or None when there is no such site or
    another build took it first."""
    replaced = sorted(output.parent.glob(f".{output.name}.old-*"), key=_change_time, reverse=True)
    for folder in replaced:
        if folder.is_symlink() or not folder.is_dir():
            continue  # not a site a build left: the trash is emptied of it
        try:
            folder.rename(building)
        except OSError:  # taken by another build meanwhile: try the next, or start afresh
            continue
        os.utime(building)  # sets the change time to now, whatever the file system
        return os.stat(building).st_ctime_ns
    return None


def sweep(folder: Path, since_ns: int, skip: Set[str] = frozenset()) -> int:
    """Delete the files under `folder` that were not written since `since_ns` (by ctime),
    and the folders that leaves empty, except in the subfolders `skip` (paths as strings);
    returns how many files went."""
    removed, _ = _sweep(str(folder), since_ns, skip)
    return removed


def _sweep(folder: str, since_ns: int, skip: Set[str]) -> tuple[int, bool]:
    """(files removed, whether `folder` is now empty because of the sweep)."""
    removed = left = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.path in skip:
                    left += 1
                    continue
                gone, emptied = _sweep(entry.path, since_ns, skip)
                removed += gone
                if emptied:
                    os.rmdir(entry.path)
                else:
                    left += 1
            elif entry.stat(follow_symlinks=False).st_ctime_ns < since_ns:
                os.unlink(entry.path)
                removed += 1
            else:
                left += 1
    # A folder this build left empty on purpose (had nothing in it to sweep) stays.
    return removed, removed > 0 and left == 0


def _change_time(path: Path) -> int:
    try:
        return path.stat().st_ctime_ns
    except FileNotFoundError:
        return -1
