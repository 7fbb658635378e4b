"""Problems found in content, reported in plain English with file, line and a fix."""

from __future__ import annotations

import os
from dataclasses import dataclass
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
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        text = f"{where}: {label}{self.message}"
        if self.fix:
            text += f"\n    How to fix: {self.fix}"
        return text


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
