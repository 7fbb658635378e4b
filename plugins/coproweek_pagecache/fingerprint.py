"""Fingerprints of what a template can see: equal fingerprints, equal pages.

A value is turned into a stream of tokens that changes whenever anything a template could
read from it changes: text, numbers, dates, lists, dictionaries, dataclasses and plain
objects (all their attributes). Two kinds of object are special:

- posts and pages (Pelican's Content) are fingerprinted once per build by all their own
  attributes plus their address, HTML and summary; the posts a post links to (its related
  posts) are followed only where that post is the page being written;
- an object with a `page_fingerprint()` method is fingerprinted by what that returns:
  the parts of it that templates can show (a feed channel's title and links, not its
  items); such objects, and frozen dataclasses, must not change once made, so each is
  fingerprinted once per build;
- an object whose description depends on where it sits in memory cannot be
  fingerprinted: the page is then rendered every time (never wrongly reused).
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from pathlib import PurePath
from typing import Any

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

SKIPPED = frozenset({"settings", "_context"})  # Pelican's shared settings and context
LINKS = ("related_posts",)  # followed only from the page's own post
# Attributes behind `content` and `summary` (fingerprinted as templates see them), and the
# metadata Pelican copies to attributes (walked below only where they differ).
SHOWN_AS_PROPERTY = frozenset({"_content", "_summary", "metadata"})
SCALARS = (str, int, float, bool, type(None))


class Unstable(Exception):
    """A value that cannot be fingerprinted the same way twice."""


class Fingerprints:
    def __init__(self) -> None:
        # id() -> (object, digest): the object is held so that its id is never reused.
        self._content: dict[int, tuple[Any, str]] = {}
        self._fixed: dict[int, tuple[Any, str]] = {}
        self._in_progress: set[int] = set()

    def page_key(self, salt: str, names: list[str], values: dict[str, Any]) -> str | None:
        """The key of one page from the values of the names its template uses; None when
        a value cannot be fingerprinted."""
        tokens: list[str] = [salt]
        try:
            for name in names:
                tokens.append(f"\x01{name}")
                value = values.get(name, _MISSING)
                if name in ("article", "page") and isinstance(value, Content):
                    self._own_page(value, tokens)
                else:
                    self._walk(value, tokens)
        except (Unstable, RecursionError):
            return None
        return hashlib.sha256("\x00".join(tokens).encode("utf-8", "surrogatepass")).hexdigest()

    def _own_page(self, content: Content, tokens: list[str]) -> None:
        """The post being written: itself and its related posts."""
        tokens.append(self.content(content))
        for name in LINKS:
            tokens.append(f"\x02{name}")
            self._walk(getattr(content, name, None), tokens)

    def content(self, content: Content) -> str:
        found = self._content.get(id(content))
        if found is not None:
            return found[1]
        if id(content) in self._in_progress:  # a translation pointing back
            return f"content:{content.url}"
        self._in_progress.add(id(content))
        try:
            tokens = [type(content).__name__, content.url, content.save_as]
            self._walk(content.content, tokens)
            self._walk(content.summary, tokens)
            attributes = vars(content)
            for name, value in sorted(attributes.items()):
                if name not in SKIPPED and name not in LINKS and name not in SHOWN_AS_PROPERTY:
                    tokens.append(name)
                    self._walk(value, tokens)
            # Pelican copies each metadata value to an attribute: walk only those that differ.
            for name, value in sorted(getattr(content, "metadata", {}).items()):
                if attributes.get(name, _MISSING) is not value:
                    tokens.append(f"metadata.{name}")
                    self._walk(value, tokens)
        finally:
            self._in_progress.discard(id(content))
        digest = hashlib.sha256("\x00".join(tokens).encode("utf-8", "surrogatepass")).hexdigest()
        self._content[id(content)] = (content, digest)
        return digest

    def _walk(self, value: Any, tokens: list[str]) -> None:
        kind = type(value)
        if kind is str:  # the most common value: length-prefixed, so never ambiguous
            tokens.append(f"s{len(value)}:{value}")
        elif kind in SCALARS:
            tokens.append(f"{kind.__name__}:{value!r}")
        elif kind is list or kind is tuple:
            tokens.append(f"[{len(value)}")
            content = self._content
            for item in value:
                found = content.get(id(item))  # posts in lists: already fingerprinted
                if found is not None and found[0] is item:
                    tokens.append(found[1])
                else:
                    self._walk(item, tokens)
        elif kind is dict:
            tokens.append(f"{{{len(value)}")
            for key in sorted(value, key=repr):
                tokens.append(repr(key))
                self._walk(value[key], tokens)
        elif isinstance(value, str):  # Markup and other text types
            tokens.append(f"{kind.__name__}:{value!r}")
        elif isinstance(value, Content):
            tokens.append(self.content(value))
        elif isinstance(value, (datetime, date, time)):
            tokens.append(
                f"{kind.__name__}:{value.isoformat()}:{value.tzinfo if hasattr(value, 'tzinfo') else ''}"
            )
        else:
            self._walk_object(value, tokens)

    def _walk_object(self, value: Any, tokens: list[str]) -> None:
        kind = type(value)
        if _is_fixed(kind):  # type: ignore[arg-type]
            tokens.append(self._fixed_digest(value))
        elif isinstance(value, (set, frozenset)):
            parts = []
            for item in value:
                inner: list[str] = []
                self._walk(item, inner)
                parts.append("\x00".join(inner))
            tokens.append(f"set{sorted(parts)!r}")
        elif isinstance(value, (PurePath, Enum)):
            tokens.append(f"{kind.__name__}:{value!s}")
        elif isinstance(value, URLWrapper):
            tokens.append(f"{kind.__name__}:{value.name}:{value.slug}:{value.url}")
        elif isinstance(value, Page):
            tokens.append(f"Page:{value.number}:{value.paginator.num_pages}:{value.url}")
            self._walk(value.object_list, tokens)
        elif isinstance(value, Paginator):
            tokens.append(f"Paginator:{value.num_pages}:{value.count}:{value.per_page}")
        elif dataclasses.is_dataclass(value):
            self._walk_fields(value, tokens)
        elif hasattr(value, "__dict__") and not callable(value):
            tokens.append(kind.__name__)
            for name, item in sorted(vars(value).items()):
                if name not in SKIPPED:
                    tokens.append(name)
                    self._walk(item, tokens)
        else:
            described = repr(value)
            if " at 0x" in described:  # a function or an object known only by its address
                raise Unstable(described)
            tokens.append(f"{kind.__name__}:{described}")

    def _walk_fields(self, value: Any, tokens: list[str]) -> None:
        tokens.append(type(value).__name__)
        for item in dataclasses.fields(value):
            tokens.append(item.name)
            self._walk(getattr(value, item.name), tokens)

    def _fixed_digest(self, value: Any) -> str:
        """Objects that do not change once made (frozen dataclasses, and objects that
        name their shown parts) are fingerprinted once per build."""
        found = self._fixed.get(id(value))
        if found is not None:
            return found[1]
        inner: list[str] = []
        shown = getattr(value, "page_fingerprint", None)
        if callable(shown):  # the object says which of its parts pages can show
            inner.append(type(value).__name__)
            self._walk(shown(), inner)
        else:
            self._walk_fields(value, inner)
        digest = hashlib.sha256("\x00".join(inner).encode("utf-8", "surrogatepass")).hexdigest()
        self._fixed[id(value)] = (value, digest)
        return digest


@cache
def _is_fixed(kind: type) -> bool:
    params = getattr(kind, "__dataclass_params__", None)
    return callable(getattr(kind, "page_fingerprint", None)) or bool(params and params.frozen)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()
