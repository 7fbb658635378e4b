"""The editor's signal handlers (see the package's docstring)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coproweek_content.state import settings_wanted
from pelican import signals

from .page import write_editor
from .settings import EditorSettings


def connect() -> None:
    settings_wanted.connect(declare_settings)
    signals.finalized.connect(write_editor_page)


def declare_settings(state: Any) -> type:
    return EditorSettings


def write_editor_page(pelican: Any) -> None:
    chosen = EditorSettings.of(pelican.settings)
    if chosen.enabled:
        write_editor(Path(pelican.output_path), chosen, pelican.settings)
