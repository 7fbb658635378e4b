"""Reading the settings and the content into the build state, once per build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blinker import signal

from .buildstate import BuildState
from .config import Settings, check_settings
from .counterparts import Counterparts
from .editions import ROOT_URL_KEY, edition_language
from .images import PhotoSizes
from .loader import LoadedSite, SiteContext, load_site
from .memo import Memo
from .settings import ContentSettings
from .views import edition_view
from .words import catalogue_folders, words_for

# Sent when a build starts: each plugin's receiver returns its Settings class, so that
# every setting is checked (and an unknown COPROWEEK_ setting reported) before anything else.
settings_wanted = signal("coproweek-settings-wanted")
# Sent once the content model is read, with the build state: other plugins add the
# problems their own checks find (cards that do not fit, say) to `state.extra_problems`.
content_loaded = signal("coproweek-content-loaded")


# Where Pelican writes the lists made of posts: a page of one edition has its counterpart
# in the other when that edition has posts for it too.
LIST_PATTERNS = ("YEAR_ARCHIVE_SAVE_AS", "TAG_SAVE_AS", "AUTHOR_SAVE_AS", "CATEGORY_SAVE_AS")


def read_settings(settings: dict[str, Any], state: BuildState) -> None:
    kinds: list[type[Settings]] = [ContentSettings]
    kinds += [kind for _, kind in settings_wanted.send(state) if kind is not None]
    check_settings(state, settings, kinds)


def load(settings: dict[str, Any], state: BuildState) -> LoadedSite:
    """Read the whole content folder into the model (and its problems), unless another
    edition's run of this build has; then this edition's view of it, and let the other
    plugins check what they need."""
    chosen = ContentSettings.of(settings)
    editions = chosen.editions
    state.editions = editions
    state.language = edition_language(settings, editions)
    state.words = words_for(state.language, catalogue_folders(settings))
    state.root_url = str(settings.get(ROOT_URL_KEY, settings.get("SITEURL", "")))
    if state.whole_site is None:
        state.whole_site = read_content(settings, chosen, state.root_url)
    state.site = edition_view(state.whole_site, state.language)
    if state.counterparts is None:
        patterns = {name: str(settings.get(name) or "") for name in LIST_PATTERNS}
        state.counterparts = Counterparts(state.whole_site, editions, state.root_url, patterns)
    content_loaded.send(state, settings=settings)
    return state.site


def read_content(settings: dict[str, Any], chosen: ContentSettings, root_url: str) -> LoadedSite:
    content_root = Path(settings["PATH"]).resolve()
    project_root = Path(settings.get("COPROWEEK_PROJECT_ROOT") or content_root.parent)
    context = SiteContext(
        content_root=content_root,
        project_root=project_root,
        today=chosen.day,
        card_max_chars=chosen.card_max_chars,
        site_url=root_url,
        photo_sizes=PhotoSizes(chosen.image_max_width, chosen.image_widths),
        events_time_zone=chosen.events_time_zone,
        site_organisation=str(settings.get("SITE_ORGANISATION") or ""),
        editions=chosen.editions,
    )
    memo = Memo(memo_file(settings, chosen))
    site = load_site(context, memo, parallel_from=chosen.content_parallel_from)
    memo.save()
    return site


def memo_file(settings: dict[str, Any], chosen: ContentSettings) -> Path | None:
    """Where the per-file check results are kept: beside Pelican's own cache."""
    if not settings.get("CACHE_PATH") or not chosen.content_memo:
        return None
    return Path(settings["CACHE_PATH"]) / "content-memo.pickle"
