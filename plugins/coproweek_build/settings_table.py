"""Every COPROWEEK_ setting, its default and what it is for, as a Markdown table: printed by
`./kit settings` and kept in the README (a test checks that they agree). The settings are
found in the `settings` module of each plugin the site's PLUGINS names."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable

from coproweek_content.config import Settings


def settings_classes(plugins: Iterable[str]) -> list[type[Settings]]:
    found: list[type[Settings]] = []
    for plugin in plugins:
        try:
            module = importlib.import_module(f"{plugin}.settings")
        except ModuleNotFoundError:
            continue
        found += [
            kind
            for _, kind in inspect.getmembers(module, inspect.isclass)
            if issubclass(kind, Settings)
            and kind is not Settings
            and kind.__module__ == module.__name__
        ]
    return found


def settings_table(plugins: Iterable[str]) -> str:
    lines = ["| Setting | Default | What it is for |", "|---|---|---|"]
    for kind in settings_classes(plugins):
        for name, item in kind.names().items():
            default = item.default
            if isinstance(default, tuple):
                shown = ", ".join(map(str, default)) or "()"
            else:
                shown = repr(default)
            lines.append(f"| `{name}` | `{shown}` | {item.metadata['help']} |")
    return "\n".join(lines)
