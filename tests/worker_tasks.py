"""Tasks for the card worker tests: a worker imports them by name, as it does the card
drawing functions."""

from __future__ import annotations

import os

from coproweek_cards import render


def compositions_known() -> int:
    """How many compositions the worker process has (a forked one inherits the build's)."""
    return len(render._composed)


def fail(message: str) -> None:
    raise ValueError(message)


def end_the_process(code: int) -> None:
    os._exit(code)
