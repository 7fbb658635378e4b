"""Typed settings: each plugin declares its settings once, as a frozen dataclass, and reads
them validated when the build starts (MkDocs' Config classes are the model).

    @dataclass(frozen=True)
    class SearchSettings(Settings):
        PREFIX = "COPROWEEK_SEARCH_"
        enabled: bool = option(True, "Build the static search index.")

`SearchSettings.of(settings)` gives the values (COPROWEEK_SEARCH_ENABLED and so on, from
pelicanconf.py or the default), checked against the declared types once per build; a wrong
one is a problem naming the setting, in plain English, and stops the build like a content
problem does. The instance is kept in the build state, so it is read once.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .buildstate import BuildState
from .problems import Problem

SettingsT = TypeVar("SettingsT", bound="Settings")
SETTINGS_FILE = "pelicanconf.py"


def positive(value: int | float | None) -> str:
    """A check for counts and sizes: None (when allowed) or 1 and more."""
    return "must be 1 or more." if value is not None and value < 1 else ""


def option(default: Any, help: str, check: Callable[[Any], str] | None = None) -> Any:  # noqa: A002
    """A setting's default, what it is for, and (optionally) a check of its value that says
    what is wrong ("" when it is right)."""
    return dataclasses.field(default=default, metadata={"help": help, "check": check})


class SettingsProblem(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


@dataclasses.dataclass(frozen=True)
class Settings:
    PREFIX: ClassVar[str] = "COPROWEEK_"

    @classmethod
    def names(cls) -> dict[str, dataclasses.Field[Any]]:
        return {cls.PREFIX + item.name.upper(): item for item in dataclasses.fields(cls)}

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {name: item.default for name, item in cls.names().items()}

    @classmethod
    def read(cls: type[SettingsT], settings: Mapping[str, Any]) -> SettingsT:
        """The values in `settings` (or the defaults), checked; SettingsProblem names every
        setting that is wrong."""
        hints = typing.get_type_hints(cls)
        values, problems = {}, []
        for name, item in cls.names().items():
            value = settings.get(name, item.default)
            wrong = _type_problem(value, hints[item.name])
            check = item.metadata.get("check")
            if not wrong and check is not None:
                wrong = check(value)
            if wrong:
                problems.append(
                    setting_problem(settings, name, f"{name} {wrong}", item.metadata["help"])
                )
            values[item.name] = tuple(value) if isinstance(value, list) else value
        if problems:
            raise SettingsProblem(problems)
        return cls(**values)

    @classmethod
    def of(cls: type[SettingsT], settings: Mapping[str, Any]) -> SettingsT:
        """This build's values, read and checked once. When one is wrong, its problem joins
        the build's (which then stops before writing anything) and the defaults stand in, so
        that no step fails on it meanwhile."""
        try:
            state = BuildState.of(settings)
        except LookupError:
            return cls.read(settings)

        def checked() -> SettingsT:
            try:
                return cls.read(settings)
            except SettingsProblem as wrong:
                state.extra_problems += wrong.problems
                return cls()

        return state.part(cls.__name__, checked)


def check_settings(
    state: BuildState, settings: Mapping[str, Any], kinds: list[type[Settings]]
) -> None:
    """Every plugin's settings read when the build starts: their problems join the content's,
    and a COPROWEEK_ setting nobody declares (a typo) is one too."""
    known: dict[str, str] = {}
    for kind in kinds:
        kind.of(settings)
        known.update({name: name for name in kind.names()})
    for name in sorted(settings):
        if name.startswith("COPROWEEK_") and name not in known and name not in BUILD_NAMES:
            near = difflib.get_close_matches(name, list(known), n=1)
            hint = f" Did you mean {near[0]}?" if near else ""
            state.extra_problems.append(
                setting_problem(settings, name, f"{name} is not a setting of the kit.{hint}", "")
            )


# Settings the build itself sets, not a plugin.
BUILD_NAMES = frozenset(
    {"COPROWEEK_BUILD_STATE", "COPROWEEK_PROJECT_ROOT", "COPROWEEK_EDITION", "COPROWEEK_ROOT_URL"}
)


def setting_problem(
    settings: Mapping[str, Any], name: str, message: str, help_text: str
) -> Problem:
    """A problem with the setting `name`, at the line of the settings file that sets it."""
    path, line = _where(settings, name)
    fix = f"correct it in {path}" + (
        f" ({help_text[0].lower() + help_text[1:]})" if help_text else "."
    )
    return Problem(path, line, message, fix)


def _where(settings: Mapping[str, Any], name: str) -> tuple[str, int]:
    """The settings file and the line that sets `name` (1 when it is not set there)."""
    root = Path(str(settings.get("COPROWEEK_PROJECT_ROOT") or "."))
    for file in ("publishconf.py", SETTINGS_FILE):
        try:
            lines = (root / file).read_text(encoding="utf-8").split("\n")
        except OSError:
            continue
        for number, text in enumerate(lines, start=1):
            if text.lstrip().startswith(name):
                return file, number
    return SETTINGS_FILE, 1


def _type_problem(value: Any, hint: Any) -> str:
    """Why `value` is not of the declared type, in plain words ("" when it is)."""
    if _fits(value, hint):
        return ""
    return f"is {value!r}, but should be {_describe(hint)}."


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, inner) for inner in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        return isinstance(value, tuple | list) and all(_fits(item, inner) for item in value)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(inner) for inner in typing.get_args(hint))
    if origin is tuple:
        return f"a list of {_describe(typing.get_args(hint)[0]).removeprefix('a ')}s"
    words = {
        bool: "True or False",
        int: "a whole number",
        float: "a number",
        str: "a text",
        type(None): "None",
    }
    return words.get(hint, getattr(hint, "__name__", str(hint)))
