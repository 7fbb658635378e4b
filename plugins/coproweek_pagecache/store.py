"""The kept pages: rendered HTML in files named by the key of their inputs."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pelican
from coproweek_content.digests import settings_digest, tree_signature
from jinja2 import meta

from .fingerprint import Fingerprints
from .settings import PageCacheSettings

PLUGINS = Path(__file__).resolve().parent.parent
NAMES_FILE = "template-names.json"
DATABASE = "pages.sqlite"


class PageStore:
    """Rendered pages in one SQLite file (thousands of small files cost more to create and
    delete than the pages cost to render), and the template names beside it."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.fingerprints = Fingerprints()
        self.used: set[str] = set()
        self.rendered = self.reused = self.uncacheable = 0
        self._names: dict[str, list[str] | None] = {}
        folder.mkdir(parents=True, exist_ok=True)
        self._known_names: dict[str, Any] = self._load_known_names()
        self._names_changed = False
        self._db = _open_database(folder / DATABASE)

    @classmethod
    def for_settings(cls, settings: dict[str, Any]) -> PageStore:
        chosen = PageCacheSettings.of(settings).dir
        folder = Path(chosen) if chosen else Path(settings["CACHE_PATH"]) / "pages"
        return cls(folder, build_salt(settings))

    def render(self, template: Any, context: dict[str, Any]) -> str:
        names = self._used_names(template)
        key = None
        if names is not None:
            key = self.fingerprints.page_key(self.salt, names, context)
        if key is None:
            self.uncacheable += 1
            return template.render(context)
        self.used.add(key)
        found = self._db.execute("SELECT html FROM pages WHERE key = ?", (key,)).fetchone()
        if found is not None:
            self.reused += 1
            return found[0]
        html = template.render(context)
        self.rendered += 1
        self._db.execute("INSERT OR REPLACE INTO pages (key, html) VALUES (?, ?)", (key, html))
        return html

    def _used_names(self, template: Any) -> list[str] | None:
        """Every context name the template and the templates it uses can read; None when
        a template is chosen at render time (then its inputs cannot be known)."""
        name = template.name
        if name not in self._names:
            environment = template.environment
            known = self._known_names.get(name)
            if not _still_true(known, environment):
                known = template_names(environment, name)
                self._known_names[name] = known
                self._names_changed = True
            assert known is not None
            found = known["names"]
            # "output_file" is Pelican's name for the page being written.
            self._names[name] = None if found is None else ["output_file", *found]
        return self._names[name]

    def _load_known_names(self) -> dict[str, Any]:
        try:
            known = json.loads((self.folder / NAMES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return known if isinstance(known, dict) else {}

    def forget_unused(self) -> None:
        """Save this build's pages and drop those no page of it used."""
        if self._names_changed:
            names = self.folder / NAMES_FILE
            temporary = names.with_name(f".{NAMES_FILE}.{os.getpid()}")
            temporary.write_text(json.dumps(self._known_names, sort_keys=True), encoding="utf-8")
            temporary.replace(names)
        with self._db:
            self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            self._db.executemany("INSERT INTO used VALUES (?)", ((key,) for key in self.used))
            self._db.execute("DELETE FROM pages WHERE key NOT IN (SELECT key FROM used)")
            self._db.execute("DROP TABLE used")
        self._db.close()

    def close(self) -> None:
        """Drop what a build that failed had not saved (nothing after forget_unused)."""
        try:
            self._db.rollback()
            self._db.close()
        except sqlite3.ProgrammingError:  # closed already
            pass


def _open_database(path: Path) -> sqlite3.Connection:
    """The store, in one transaction per build: committed at the end, so an interrupted
    build leaves the store as the last finished build left it."""
    try:
        database = sqlite3.connect(path, timeout=60, isolation_level="DEFERRED")
        database.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, html TEXT)")
    except sqlite3.DatabaseError:  # a damaged store only costs a full render
        path.unlink(missing_ok=True)
        database = sqlite3.connect(path, timeout=60, isolation_level="DEFERRED")
        database.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, html TEXT)")
    database.commit()
    return database


def _still_true(known: Any, environment: Any) -> bool:
    """Whether names kept from an earlier build (or a damaged file) still hold: the same
    sources decided them."""
    if not isinstance(known, dict) or not isinstance(known.get("sources"), dict):
        return False
    names = known.get("names")
    if names is not None and not (
        isinstance(names, list) and all(isinstance(n, str) for n in names)
    ):
        return False
    return all(
        _source_digest(environment, other) == digest for other, digest in known["sources"].items()
    )


def template_names(environment: Any, name: str) -> dict[str, Any]:
    """The names a template can read (None if a template is chosen at render time) and
    the digest of each template source that decided them. Parsing is slow, so this is
    kept between builds and done again only when one of those sources changed."""
    sources: dict[str, str] = {}
    found = _referenced_names(environment, name, sources)
    return {"names": None if found is None else sorted(found), "sources": sources}


def _source_digest(environment: Any, name: str) -> str:
    try:
        source = environment.loader.get_source(environment, name)[0]
    except jinja2.TemplateNotFound:
        return ""
    return hashlib.sha256(source.encode()).hexdigest()


def _referenced_names(environment: Any, name: str, sources: dict[str, str]) -> set[str] | None:
    if name in sources:
        return set()
    source = environment.loader.get_source(environment, name)[0]
    sources[name] = hashlib.sha256(source.encode()).hexdigest()
    names, others = _parsed(environment, source)
    found = set(names)
    for other in others:
        if other is None:
            return None
        inner = _referenced_names(environment, other, sources)
        if inner is None:
            return None
        found |= inner
    return found


@lru_cache(maxsize=256)
def _parsed(environment: Any, source: str) -> tuple[frozenset[str], tuple[str | None, ...]]:
    """The names one template source reads and the templates it uses (base.html is used
    by every page template: parsed once)."""
    tree = environment.parse(source)
    return frozenset(meta.find_undeclared_variables(tree)), tuple(
        meta.find_referenced_templates(tree)
    )


def build_salt(settings: dict[str, Any]) -> str:
    """What every page depends on besides its context
    by: the settings and the plugins' code, the versions that render, the theme, and the
    photos (their sizes are in the pages)."""
    versions = f"{pelican.__version__}\0{jinja2.__version__}\0{settings_digest(settings)}"
    folders = (Path(settings.get("THEME", "")), Path(settings["PATH"]) / "images")
    return hashlib.sha256((versions + tree_signature(folders)).encode()).hexdigest()
