"""A build that reuses earlier work (checked files, card plans, drawn cards) gives exactly
the site a fresh build gives, after each kind of change contributors and organisers make."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, build
from coproweek_content.memo import Memo


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def replace_line(path: Path, start: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_field(path: Path, line: str) -> None:
    path.write_text(f"{line}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def edit_quote_words(content: Path) -> None:
    quote = content / "quotes/2024/delroy-what-is-missing-is-time.md"
    quote.write_text(quote.read_text(encoding="utf-8") + "\nAnd money.\n", encoding="utf-8")
    replace_line(quote, "Excerpt:", "Excerpt: What is missing, for me, is time.")


def edit_blog_title(content: Path) -> None:
    post = content / "blog/2025/innovation-is-not-always-shiny.md"
    replace_line(post, "Title:", "Title: Innovation is rarely shiny")


def edit_campaign_theme(content: Path) -> None:
    replace_line(content / "campaigns/2024.md", "Theme:", "Theme: What is still missing?")


def withdraw_a_post(content: Path) -> None:
    add_field(content / "quotes/2023/tomasz-trust-is-evidence.md", "Withdrawn: yes")


def add_a_post(content: Path) -> None:
    source = content / "quotes/2024/delroy-what-is-missing-is-time.md"
    copy = source.with_name("delroy-a-second-thought.md")
    copy.write_text(
        source.read_text(encoding="utf-8").replace("Date: 2024-07-02", "Date: 2024-07-03"),
        encoding="utf-8",
    )


def change_tags(content: Path) -> None:
    replace_line(
        content / "blog/2023/paying-people-fairly-for-their-time.md", "Tags:", "Tags: money, power"
    )


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing", lambda content: None),
    ("a quote's words", edit_quote_words),
    ("a blog post's title", edit_blog_title),
    ("a campaign's theme", edit_campaign_theme),
    ("a withdrawn post", withdraw_a_post),
    ("a new post", add_a_post),
    ("tags", change_tags),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("incremental")
    shutil.copytree(ROOT / "content", work / "content")
    return work


def test_incremental_builds_equal_fresh_builds(workspace: Path) -> None:
    content = workspace / "content"
    cards = {"COPROWEEK_CARDS_CACHE_DIR": str(workspace / "cards")}  # drawn once, shared
    site, kept = workspace / "incremental", workspace / "incremental-cache"
    result, printed = build(content, site, kept, **cards)
    assert result.ok, printed
    for number, (change, edit) in enumerate(EDITS):
        edit(content)
        result, printed = build(content, site, kept, **cards)
        assert result.ok, printed
        fresh = workspace / f"fresh-{number}"
        result, printed = build(content, fresh, workspace / f"fresh-cache-{number}", **cards)
        assert result.ok, printed
        ours, theirs = files_of(site), files_of(fresh)
        differing = sorted(
            name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name)
        )
        assert not differing, f"after changing {change}, these files differ: {differing[:10]}"


def test_damaged_caches_cost_a_rebuild_never_a_wrong_or_failed_build(tmp_path: Path) -> None:
    """Every kept result (checked files, card plans) may be cut short or overwritten; the next build notices, works again
    and gives the same site."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    settings = {"COPROWEEK_PROJECT_ROOT": str(ROOT), "COPROWEEK_SEARCH_ENABLED": False}
    result, printed = build(ROOT / "content", output, cache, **settings)
    assert result.ok, printed
    first = files_of(output)
    kept = [
        *cache.glob("*/content-memo.pickle"),
        cache / "cards" / "plan-memo.pickle",
    ]
    assert len(kept) == 2 and all(path.is_file() for path in kept), kept
    for damage in (b"\x80not what was kept\x00" * 3, b'{"index.html": {"sources": 1}}'):
        for path in kept:
            path.write_bytes(damage)
        result, printed = build(ROOT / "content", output, cache, **settings)
        assert result.ok, printed
        assert "Traceback" not in printed
        assert files_of(output) == first


def test_memo_keeps_reused_entries_as_read_and_survives_a_damaged_one(tmp_path: Path) -> None:
    file = tmp_path / "memo.pickle"
    memo = Memo(file)
    memo.put("a", {"words": "kept"})
    memo.put("b", ["changed"])
    memo.save()
    entries = pickle.loads(file.read_bytes())
    entries["b"] = b"\x80not a pickle"
    file.write_bytes(pickle.dumps(entries))

    again = Memo(file)
    assert again.get("a") == {"words": "kept"}
    assert again.get("b") is None  # only this entry is checked again
    again.put("b", ["new"])
    again.save()
    saved = pickle.loads(file.read_bytes())
    assert saved["a"] == entries["a"]  # written back as it was read, not pickled again
    third = Memo(file)
    assert third.get("a") == {"words": "kept"} and third.get("b") == ["new"]
    assert not third.changed
    file.write_bytes(pickle.dumps({"a": {"words": "an older format"}}))
    assert Memo(file).get("a") is None
