"""The invoke tasks contributors and organisers use, run as they would run them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import ROOT, check
from coproweek_build.scaffold import draft_post

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
    path = draft_post("quote", content, answers, ask=None, day=date(2024, 7, 2)).write()
    assert path == content / "quotes/2024/amira-peer-researcher.md"
    text = path.read_text(encoding="utf-8")
    assert "Campaign: 2024" in text and "Date: 2024-07-02" in text and "Naming: first name" in text
    assert check(content)[0] == 0, check(content)[1]
    again = draft_post("quote", content, answers, ask=None, day=date(2024, 7, 2)).write()
    assert again.name == "amira-peer-researcher-2.md"


def test_new_post_scaffold_asks_for_what_is_missing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    asked: list[str] = []

    def ask(question: str, default: str) -> str:
        asked.append(question)
        answers = {
            "Title of the blog post": "Our first panel",
            "Their role, for example Peer Researcher": "Volunteer",
        }
        return answers.get(question, default)

    path = draft_post(
        "blog", content, {"author": "Farah", "consent": "C-1"}, ask=ask, day=date(2026, 11, 23)
    ).write()
    assert path == content / "blog/2026/our-first-panel.md"
    assert "Title of the blog post" in asked
    assert "Campaign:" not in path.read_text(encoding="utf-8")  # no 2026 campaign file
    assert check(content)[0] == 0, check(content)[1]


def _project(tmp_path: Path) -> Path:
    """A copy of the kit with the sample campaigns (and the photos and logos their cards
    show) only, for tasks that write content."""
    import shutil

    project = tmp_path / "site"
    for name in ("plugins", "theme"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("campaigns", "images"):
        shutil.copytree(ROOT / "content" / name, project / "content" / name)
    return project


def _invoke_in(project: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*INVOKE, *args], cwd=project, input=stdin, capture_output=True, text=True, timeout=300
    )


def test_new_quote_reads_answers_piped_in(tmp_path: Path) -> None:
    project = _project(tmp_path)
    answers = "\n".join(
        [
            "Amira Haddad",  # name
            "first name",  # naming
            "Peer Researcher",  # role
            "Riverside Carers Network",  # organisation
            "C-2024-100",  # consent
            "web, social",  # channels
            "2024-07-02",  # date
            "We share the agenda now.",  # the quote
            "",  # source
            "power, listening",  # tags
        ]
    )
    done = _invoke_in(project, "new-quote", stdin=answers + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    written = project / "content/quotes/2024/amira-peer-researcher.md"
    text = written.read_text(encoding="utf-8")
    assert "Speaker: Amira Haddad" in text and "Tags: power, listening" in text
    assert "Campaign: 2024" in text and text.endswith("We share the agenda now.\n")
    code, report = check(project / "content", COPROWEEK_STRICT=True)
    assert code == 0, report


def test_new_quote_with_too_few_answers_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    done = _invoke_in(project, "new-quote", stdin="Amira Haddad\n")
    assert done.returncode == 1
    assert "Role is missing" in done.stdout + done.stderr
    assert "Nothing was written" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (project / "content" / "quotes").exists()


def test_new_quote_refuses_a_wrong_option_and_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    done = _invoke_in(
        project,
        "new-quote",
        "--speaker",
        "Amira",
        "--role",
        "Carer",
        "--consent",
        "C-1",
        "--channels",
        "web",
        "--date",
        "2024-13-45",
        "--quote",
        "Words.",
        stdin="",
    )
    assert done.returncode == 1
    assert 'Date: "2024-13-45" is not a date we can read.' in done.stdout + done.stderr
    assert "Nothing was written" in done.stdout + done.stderr
    assert not list((project / "content").rglob("*amira*"))


def test_every_question_has_an_option_and_a_back_dated_post_needs_no_edit(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil_copy = __import__("shutil").copytree
    shutil_copy(ROOT / "content" / "campaigns", content / "campaigns")
    shutil_copy(ROOT / "content" / "images", content / "images")  # the campaigns' card photos
    long_quote = "We wrote the questions together. " * 12
    path = draft_post(
        "quote",
        content,
        {
            "speaker": "Amira Haddad",
            "naming": "first name and place",
            "place": "Wrexham",
            "role": "Peer Researcher",
            "consent": "C-2023-100",
            "channels": "web, social",
            "date": "2023-07-05",
            "quote": long_quote.strip(),
            "excerpt": "We wrote the questions together.",
            "source": "https://example.org/full-story",
            "tags": "power",
        },
        ask=None,
    ).write()
    assert path.parent == content / "quotes" / "2023"
    text = path.read_text(encoding="utf-8")
    for line in (
        "Date: 2023-07-05",
        "Campaign: 2023",
        "Place: Wrexham",
        "Source: https://example.org/full-story",
        "Excerpt: We wrote the questions together.",
    ):
        assert line in text, line
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 0, report


def test_a_scaffold_left_as_it_is_warns_and_stops_a_pull_request(tmp_path: Path) -> None:
    content = tmp_path / "content"
    path = draft_post(
        "blog",
        content,
        {"author": "Farah", "role": "Carer", "consent": "C-1", "channels": "web"},
        ask=None,
        day=date(2026, 11, 23),
    ).write()
    code, report = check(content)
    assert code == 0  # a draft may sit in a branch while it is written
    assert f"{path.relative_to(tmp_path)}:1: warning: this is placeholder text" in report
    assert check(content, COPROWEEK_STRICT=True)[0] == 1


def test_the_readme_lists_every_setting_as_the_code_declares_it() -> None:
    from coproweek_build.build import load_settings
    from coproweek_build.settings_table import settings_table

    table = settings_table(load_settings(ROOT / "pelicanconf.py")["PLUGINS"])
    assert table in (ROOT / "README.md").read_text(encoding="utf-8"), (
        "README.md's settings table is out of date: paste the output of ./kit settings"
    )
