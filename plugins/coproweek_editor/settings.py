"""The browser editor's settings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from coproweek_content.config import Settings, SettingsProblem, option, setting_problem


def _repository_problem(value: Any) -> str:
    if value and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+", str(value)):
        return 'is not a GitHub repository written as "owner/name".'
    return ""


def _branch_problem(value: Any) -> str:
    return (
        "" if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]*", str(value)) else "is not a branch name."
    )


@dataclass(frozen=True)
class EditorSettings(Settings):
    PREFIX = "COPROWEEK_EDITOR_"
    enabled: bool = option(
        False,
        "Publish the browser editor (Sveltia CMS) at /admin/, the one page with a script from another site.",
    )
    repo: str = option(
        "",
        "The GitHub repository (owner/name) the browser editor saves to; needed when it is enabled.",
        _repository_problem,
    )
    branch: str = option(
        "main", "The branch the browser editor's pull requests are made against.", _branch_problem
    )

    @classmethod
    def read(cls, settings: Mapping[str, Any]) -> Self:
        chosen = super().read(settings)
        if chosen.enabled and not chosen.repo:
            raise SettingsProblem(
                [
                    setting_problem(
                        settings,
                        "COPROWEEK_EDITOR_ENABLED",
                        "COPROWEEK_EDITOR_ENABLED is on, but COPROWEEK_EDITOR_REPO does not say "
                        "which repository on GitHub the editor saves to.",
                        'Set COPROWEEK_EDITOR_REPO = "owner/name" too, or switch the editor off',
                    )
                ]
            )
        return chosen
