"""The invoke tasks contributors and organisers use, run as they would run them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import ROOT, check
from coproweek_build.scaffold import new_post

INVOKE = [sys.executable, "-m", "invoke"]
TASKS = [
    "build",
    "rebuild",
    "regenerate",
    "clean",
    "serve",
    "reserve",
    "preview",
    "livereload",
    "publish",
    "gh-pages",
    "check",
    "new-quote",
    "new-post",
    "tests",
    "lint",
    "benchmark",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INVOKE, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_every_conventional_task_exists() -> None:
    listed = run("--list").stdout
    for name in TASKS:
        assert f"  {name} " in listed or f"  {name}\n" in listed, name


def test_check_task_passes_on_the_sample_content() -> None:
    done = run("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All content is fine" in done.stdout


def test_check_task_fails_cleanly_on_broken_content() -> None:
    done = run("check", "--content", "tests/fixtures/broken/content")
    assert done.returncode == 1
    assert (
        'typo-in-key.md:1: "Speakr" is not a field a quote post can have. Did you mean "Speaker"?'
        in done.stdout
    )
    assert "Found 13 problems in 8 files. Nothing was published." in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_new_quote_scaffold_passes_the_checks(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "campaigns").mkdir(parents=True)
    (content / "campaigns" / "2024.md").write_text(
        (ROOT / "tests/fixtures/broken/content/campaigns/2024.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    answers = {
        "speaker": "Amira Haddad",
        "role": "Peer Researcher",
        "consent": "C-2024-100",
        "quote": "We share the agenda now.",
    }
    path = new_post("quote", content, answers, ask=None, day=date(2024, 7, 2))
    assert path == content / "quotes/2024/amira-peer-researcher.md"
    text = path.read_text(encoding="utf-8")
    assert "Campaign: 2024" in text and "Date: 2024-07-02" in text and "Naming: first name" in text
    assert check(content)[0] == 0, check(content)[1]
    again = new_post("quote", content, answers, ask=None, day=date(2024, 7, 2))
    assert again.name == "amira-peer-researcher-2.md"


def test_new_post_scaffold_asks_for_what_is_missing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    asked: list[str] = []

    def ask(question: str, default: str) -> str:
        asked.append(question)
        return {"Title of the blog post": "Our first panel"}.get(question, default or "Volunteer")

    path = new_post(
        "blog", content, {"author": "Farah", "consent": "C-1"}, ask=ask, day=date(2026, 11, 23)
    )
    assert path == content / "blog/2026/our-first-panel.md"
    assert "Title of the blog post" in asked
    assert "Campaign:" not in path.read_text(encoding="utf-8")  # no 2026 campaign file
    assert check(content)[0] == 0, check(content)[1]
