"""The takedown list covers every edition: a withdrawn Welsh post is listed at its Welsh
address (/cy/...), a withdrawn event at its address in each edition, and a deleted post at
the address it had, edition folder included."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import FIXTURES, PINNED_TODAY
from coproweek_build.takedown import takedown_lines
from coproweek_content.editions import Editions
from coproweek_content.loader import LoadedSite, SiteContext, load_site

BASE = "https://coproweek.example.org"
BILINGUAL = Editions(("en", "cy"))


def model(content: Path) -> LoadedSite:
    site = load_site(SiteContext(content, content.parent, today=date.fromisoformat(PINNED_TODAY)))
    assert not [p for p in site.problems if p.severity.name == "ERROR"], site.problems
    return site


def copied(tmp_path: Path) -> Path:
    content = tmp_path / "editions" / "content"
    shutil.copytree(FIXTURES / "editions" / "content", content)
    return content


def test_a_withdrawn_welsh_post_is_listed_at_its_welsh_address(tmp_path: Path) -> None:
    lines = takedown_lines(model(copied(tmp_path)), BASE, tmp_path / "cache", BILINGUAL)
    welsh = [line for line in lines if "withdrawn-welsh.md" in line]
    assert welsh == [
        "content/quotes/2025/withdrawn-welsh.md: consent withdrawn; remove anything already "
        f"shared from {BASE}/cy/2025/withdrawn-welsh/"
    ]


def test_a_welsh_only_site_lists_welsh_posts_at_its_root(tmp_path: Path) -> None:
    lines = takedown_lines(model(copied(tmp_path)), BASE, tmp_path / "cache", Editions(("cy",)))
    assert f"shared from {BASE}/2025/withdrawn-welsh/" in " ".join(lines)
    assert "/cy/" not in " ".join(lines)


def test_a_withdrawn_event_is_listed_in_every_edition(tmp_path: Path) -> None:
    lines = takedown_lines(model(copied(tmp_path)), BASE, tmp_path / "cache", BILINGUAL)
    events = [line for line in lines if "withdrawn-walk.md" in line]
    assert events == [
        "content/events/2025/withdrawn-walk.md: withdrawn; remove anything already shared "
        f"from {BASE}/events/2025/withdrawn-walk/ and {BASE}/cy/events/2025/withdrawn-walk/"
    ]


def test_english_only_lists_what_it_listed_before(tmp_path: Path) -> None:
    """The default (English only): the Welsh post was never on the site, so is not listed;
    the event has its one address."""
    lines = takedown_lines(model(copied(tmp_path)), BASE, tmp_path / "cache")
    assert lines == [
        "content/events/2025/withdrawn-walk.md: withdrawn; remove anything already shared "
        f"from {BASE}/events/2025/withdrawn-walk/"
    ]


def test_a_deleted_welsh_post_is_listed_once_at_its_welsh_address(tmp_path: Path) -> None:
    content = copied(tmp_path)
    cache = tmp_path / "cache"
    first = takedown_lines(model(content), BASE, cache, BILINGUAL)
    assert not any("deleted" in line for line in first)
    (content / "blog/2025/gwrando-ar-gymdogion.md").unlink()
    (content / "quotes/2025/ffion-kettle-on.md").unlink()
    second = takedown_lines(model(content), BASE, cache, BILINGUAL)
    deleted = [line for line in second if "deleted or renamed" in line]
    assert deleted == [
        "content/blog/2025/gwrando-ar-gymdogion.md: deleted or renamed since the last build; "
        f"remove anything already shared from {BASE}/cy/2025/gwrando-ar-gymdogion/",
        "content/quotes/2025/ffion-kettle-on.md: deleted or renamed since the last build; "
        f"remove anything already shared from {BASE}/2025/ffion-kettle-on/",
    ]
    third = takedown_lines(model(content), BASE, cache, BILINGUAL)
    assert not any("deleted" in line for line in third)
