"""The one way in: every file under content/ is a kind the content model knows, or a problem.

Posts (quotes/, blog/), pages (pages/), campaigns (campaigns/) and events (events/) are
Markdown files; photos
live in images/. Hidden files, editor leftovers and READMEs are ignored, here and by
Pelican alike (the content plugin gives Pelican IGNORED as its IGNORE_FILES). Anything else
is reported with its name and what to do, so nothing is published, or silently dropped,
that the checks did not read. A symbolic link counts as the file it leads to, and only
when that file is in the same folder of content/ (a link out of it is a problem).
"""

from __future__ import annotations

import fnmatch
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, display_path
from .settings import (
    BLOG_DIR,
    CAMPAIGNS_DIR,
    EVENTS_DIR,
    IMAGE_SUFFIXES,
    IMAGES_DIR,
    PAGES_DIR,
    QUOTES_DIR,
)

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Names no build reads: hidden files and folders, what editors and systems leave behind,
# notes for the people who keep the folder.
IGNORED = (
    ".*",
    "*~",
    "#*#",
    "*.swp",
    "*.swo",
    "*.tmp",
    "*.bak",
    "Thumbs.db",
    "desktop.ini",
    "README.md",
    "README.txt",
    "_*",  # a file or folder kept beside the content on purpose, never published
)
KIND_OF_FOLDER = {
    QUOTES_DIR: "quote",
    BLOG_DIR: "blog",
    PAGES_DIR: "page",
    CAMPAIGNS_DIR: "campaign",
    EVENTS_DIR: "event",
    IMAGES_DIR: "photo",
}
WHAT_GOES_WHERE = (
    "quotes go in content/quotes/YEAR/, blog posts in content/blog/YEAR/, fixed pages in "
    "content/pages/, campaigns in content/campaigns/, events in content/events/YEAR/, all as Markdown files ending in .md; "
    "photos (.jpg, .jpeg, .png, .webp, .gif) go in content/images/."
)


def is_ignored(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED)


@dataclass
class Inventory:
    files: dict[str, list[Path]] = field(default_factory=dict)  # kind -> files, sorted
    problems: list[Problem] = field(default_factory=list)

    def of(self, kind: str) -> list[Path]:
        return self.files.get(kind, [])


def take_inventory(content_root: Path, project_root: Path) -> Inventory:
    found = Inventory()
    real_root = content_root.resolve()

    def problem(path: Path, message: str, fix: str) -> None:
        found.problems.append(Problem(display_path(path, project_root), 1, message, fix))

    for folder, dirs, files in os.walk(content_root):
        here = Path(folder)
        for name in [d for d in dirs if not is_ignored(d) and _odd_name(d)]:
            problem(
                here / name,
                f"this folder's name {_odd_name(name)}.",
                "rename the folder with plain letters, digits and hyphens.",
            )
        dirs[:] = sorted(d for d in dirs if not is_ignored(d) and not _odd_name(d))
        for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
            path = here / name
            if is_ignored(name):
                continue
            odd = _odd_name(name)
            if odd:
                problem(
                    path,
                    f"this file's name {odd}.",
                    "rename the file with plain letters, digits and hyphens, ending in .md (or .jpg, .png...).",
                )
                continue
            relative = path.relative_to(content_root)
            top = relative.parts[0] if len(relative.parts) > 1 else ""
            kind = KIND_OF_FOLDER.get(top)
            if path.is_symlink():
                target = _followed(path)
                if target is None or not target.is_relative_to(real_root / top) or not top:
                    problem(
                        path,
                        "this is a link to a file or folder outside its folder of content/, "
                        "which the site never publishes.",
                        "replace the link with a copy of the file itself.",
                    )
                    continue
                if target.is_dir():
                    continue  # its files are found in the folder it leads to
            if kind is None:
                problem(path, "this file is not in a folder the site reads.", WHAT_GOES_WHERE)
            elif kind == "photo":
                if path.suffix.lower() in IMAGE_SUFFIXES:
                    found.files.setdefault(kind, []).append(path)
                else:
                    problem(
                        path,
                        f'"{name}" is not a kind of photo the site publishes.',
                        "keep only photos (.jpg, .jpeg, .png, .webp, .gif) in content/images/.",
                    )
            elif path.suffix in MARKDOWN_SUFFIXES:
                found.files.setdefault(kind, []).append(path)
            elif path.suffix.lower() in MARKDOWN_SUFFIXES:
                problem(
                    path,
                    f'"{name}" ends in {path.suffix}, in capital letters.',
                    f"rename it to end in {path.suffix.lower()}.",
                )
            else:
                problem(
                    path,
                    f'"{name}" is not a Markdown file, so the site cannot read it.',
                    "write posts, pages and campaigns as Markdown files whose names end in .md "
                    "(save it again as plain text with that ending).",
                )
    return found


MAX_NAME_BYTES = 100  # the site adds to names (-480w.webp, -1-a1b2c3d4-portrait.png)


def _odd_name(name: str) -> str:
    """Why a file name cannot be published as it is ("" when it can)."""
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in name):
        return "holds an invisible control character"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"is {len(name.encode('utf-8'))} bytes long, more than the {MAX_NAME_BYTES} a name may be"
    if any(char in name for char in '#?%\\"<>'):
        return 'holds a character web addresses use for something else (# ? % \\ " < >)'
    return ""


def _followed(path: Path) -> Path | None:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
