"""Reading the content into the build state, once per build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blinker import signal

from .buildstate import BuildState
from .images import photo_sizes
from .loader import LoadedSite, SiteContext, load_site
from .memo import Memo
from .settings import setting, today

# Sent once the content model is read, with the build state: other plugins add the
# problems their own checks find (cards that do not fit, say) to `state.extra_problems`.
content_loaded = signal("coproweek-content-loaded")


def load(settings: dict[str, Any], state: BuildState) -> LoadedSite:
    """Read the whole content folder into the model (and its problems), then let the other
    plugins check what they need."""
    content_root = Path(settings["PATH"]).resolve()
    project_root = Path(settings.get("COPROWEEK_PROJECT_ROOT") or content_root.parent)
    context = SiteContext(
        content_root=content_root,
        project_root=project_root,
        today=today(settings),
        card_max_chars=setting(settings, "COPROWEEK_CARD_MAX_CHARS"),
        site_url=settings.get("SITEURL", ""),
        photo_sizes=photo_sizes(settings),
    )
    memo = Memo(memo_file(settings))
    state.site = load_site(
        context,
        memo,
        parallel_from=setting(settings, "COPROWEEK_CONTENT_PARALLEL_FROM"),
    )
    memo.save()
    content_loaded.send(state, settings=settings)
    return state.site


def memo_file(settings: dict[str, Any]) -> Path | None:
    """Where the per-file check results are kept: beside Pelican's own cache."""
    if not settings.get("CACHE_PATH") or not setting(settings, "COPROWEEK_CONTENT_MEMO"):
        return None
    return Path(settings["CACHE_PATH"]) / "content-memo.pickle"
