"""The model of the site being built, shared by this plugin's signal handlers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .loader import LoadedSite, SiteContext, load_site
from .markdown_setup import make_markdown, render
from .memo import Memo
from .settings import setting, today

_current: LoadedSite | None = None
_settings: dict[str, Any] = {}


def load(settings: dict[str, Any]) -> LoadedSite:
    """Read the whole content folder into the model (and its problems)."""
    global _current, _settings
    _settings = settings
    content_root = Path(settings["PATH"]).resolve()
    project_root = Path(settings.get("COPROWEEK_PROJECT_ROOT") or content_root.parent)
    context = SiteContext(
        content_root=content_root,
        project_root=project_root,
        today=today(settings),
        card_max_chars=setting(settings, "COPROWEEK_CARD_MAX_CHARS"),
    )
    memo = Memo(memo_file(settings))
    markdown = make_markdown(settings.get("SITEURL", ""))
    _current = load_site(
        context,
        memo,
        render=lambda body: render(markdown, body),
        parallel_from=setting(settings, "COPROWEEK_CONTENT_PARALLEL_FROM"),
    )
    memo.save()
    return _current


def memo_file(settings: dict[str, Any]) -> Path | None:
    """Where the per-file check results are kept: beside Pelican's own cache."""
    if not settings.get("CACHE_PATH") or not setting(settings, "COPROWEEK_CONTENT_MEMO"):
        return None
    return Path(settings["CACHE_PATH"]) / "content-memo.pickle"


def current_site() -> LoadedSite:
    if _current is None:
        raise RuntimeError("the content model is read when Pelican starts (signal `initialized`)")
    return _current


def loaded_for(settings: dict[str, Any]) -> bool:
    return (
        _current is not None and _current.context.content_root == Path(settings["PATH"]).resolve()
    )


def current_settings() -> dict[str, Any]:
    return _settings
