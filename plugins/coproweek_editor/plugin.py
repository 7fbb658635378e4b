"""The editor's signal handlers (see the package's docstring)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.editions import Editions
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
    """The site has one editor, at /admin/: only the main edition's run writes it."""
    chosen = EditorSettings.of(pelican.settings)
    state = BuildState.of(pelican.settings)
    if chosen.enabled and state.language == (state.editions or Editions()).main:
        write_editor(Path(pelican.output_path), chosen, pelican.settings)
