"""Compiled templates kept between builds.

Pelican gives every generator its own Jinja environment, and each compiles the templates it
uses from source on every build. Jinja's bytecode cache keeps the compiled code on disk,
checked against a hash of each template's source, so only an edited template is compiled
again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache

# Jinja keys compiled code by template name and source only, yet options such as
# trim_blocks shape it: the folder is named by the options too.
_OPTIONS_SHAPING_CODE = ("trim_blocks", "lstrip_blocks", "extensions", "keep_trailing_newline")


def use_bytecode_cache(settings: dict[str, Any], folder: Path) -> None:
    """Give every Jinja environment of this build a bytecode cache in `folder`."""
    options = dict(settings.get("JINJA_ENVIRONMENT", {}))
    shaping = repr([(name, options.get(name)) for name in _OPTIONS_SHAPING_CODE])
    named = folder / f"templates-{hashlib.sha256(shaping.encode()).hexdigest()[:12]}"
    named.mkdir(parents=True, exist_ok=True)
    options["bytecode_cache"] = FileSystemBytecodeCache(str(named))
    settings["JINJA_ENVIRONMENT"] = options
