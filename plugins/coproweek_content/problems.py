"""Problems found in content, reported in plain English with file, line and a fix."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{printable(self.path)}:{self.line}" if self.line else printable(self.path)
        label = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        text = f"{where}: {label}{printable(self.message)}"
        if self.fix:
            text += f"\n    How to fix: {printable(self.fix)}"
        return text


def printable(text: str) -> str:
    """Text for a terminal: control characters (escape codes, line breaks, bidirectional
    overrides) from content are shown as codes such as \\x1b, never acted on."""
    return "".join(_shown(char) for char in text)


def _shown(char: str) -> str:
    if unicodedata.category(char) not in ("Cc", "Cf") or char in "\u200c\u200d":
        return char
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def display_path(path: Path, root: Path) -> str:
    """The path as a contributor knows it: relative to the project folder when possible."""
    try:
        # Not resolve(): a link must be named where it is, not where it points.
        return os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:
        return str(path)


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.message))
    lines = [p.format() for p in ordered]
    errors = errors_in(problems)
    files = {p.path for p in errors}
    if errors:
        noun = "problem" if len(errors) == 1 else "problems"
        where = "file" if len(files) == 1 else "files"
        lines.append(
            f"\nFound {len(errors)} {noun} in {len(files)} {where}. Nothing was published."
        )
    return "\n".join(lines)


@dataclass
class FileReport:
    """What one file gave: its problems (with the file as contributors know it)."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    suggested: set[str] = field(default_factory=set)  # fields a "did you mean" hint named

    def add(
        self, line: int, message: str, fix: str = "", severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(Problem(self.path, line, message, fix, severity))

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)
