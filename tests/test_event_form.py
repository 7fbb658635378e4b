"""The GitHub issue form for an event: a recorded submission (tests/fixtures/issue-forms/
event.json, GitHub's own body format) becomes an event that passes the checks and builds
into its page; hostile answers are refused in plain English and write nothing. The form
asks for no one's name, and its choices are the content model's."""

from __future__ import annotations

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
from coproweek_build.issue_form import FORMS, FormRefused, draft_from_issue, form_questions
from coproweek_build.issue_form import refusal_comment as comment_for
from coproweek_build.questions import questions_for
from coproweek_content.event_fields import ACCESS, Attendance
from test_issue_forms import with_answer

PAYLOADS = ROOT / "tests" / "fixtures" / "issue-forms"
DAY = date(2025, 6, 20)
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "new-event.yml"


def payload() -> dict[str, Any]:
    return json.loads((PAYLOADS / "event.json").read_text(encoding="utf-8"))


def answered(label: str, value: str) -> dict[str, Any]:
    return with_answer(label, value, "event.json")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    return copy_sample_campaigns(folder)


def convert(event: dict[str, Any], content: Path) -> Path:
    return draft_from_issue(event, ROOT, content, DAY)[1].write()


def test_a_recorded_event_form_becomes_an_event_that_passes_the_checks_and_builds(
    content: Path, tmp_path: Path
) -> None:
    kind, draft = draft_from_issue(payload(), ROOT, content, DAY)
    path = draft.write()
    assert kind == "event"
    assert path == content / "events" / "2025" / "recovery-college-open-day.md"
    text = path.read_text(encoding="utf-8")
    assert "Access: step-free, BSL, quiet room\n" in text  # the ticked boxes only
    assert "\r" not in text and "Time-zone" not in text and "Map:" not in text
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 0, report
    result, printed = build(content, tmp_path / "output", COPROWEEK_TODAY="2025-06-25")
    assert result.ok, printed
    page = tmp_path / "output" / "events" / "2025" / "recovery-college-open-day" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Ashmoor Recovery College" in html and "14 Mill Lane, Ashmoor" in html
    assert "https://tickets.example.org/ashmoor-open-day" in html
    assert "A quiet room" in html and "Hearing loop" not in html
    assert "<h2" in html and "What you can try" in html


def refused(event: dict[str, Any], content: Path) -> str:
    with pytest.raises(FormRefused) as caught:
        convert(event, content)
    assert not (content / "events").exists()
    said = comment_for(caught.value.problems)
    assert "nothing was added to the site" in said and "Traceback" not in said
    return said


HOSTILE = {
    "markup in the name": (
        "Name of the event",
        '<img src=x onerror="alert(1)">',
        "Title is plain text, so it cannot hold HTML",
    ),
    "a path in the name": ("Name of the event", "../../../pelicanconf", "looks like a file path"),
    "a field injected after a line break": (
        "What it costs",
        "Free\nStatus: cancelled",
        "Cost: this answer has a line break",
    ),
    "YAML front matter in a field": (
        "Its street and town",
        "Mill Lane\n---\nsave_as: index.html\n---",
        "Address: this answer has a line break",
    ),
    "a field in the description": (
        "About the event",
        "Drop in.\n\nWithdrawn: no",
        "is below the blank line that ends the fields",
    ),
    "a script in the description": (
        "About the event",
        "Drop in.\n\n<script>fetch('https://evil.example/')</script>",
        "removed",
    ),
    "a booking link that is not a web page": (
        "How to book",
        "javascript:alert(1)",
        "is not a booking address",
    ),
    "an attendance the form does not offer": (
        "How people take part",
        "by post",
        'Attendance: "by post" is not a way of taking part we know.',
    ),
    "an access box the form does not have": (
        "Access",
        "- [X] step-free\n- [X] free parking",
        '"free parking" is not one of the kinds of access the site lists',
    ),
    "an organiser the site does not know": (
        "The organisation running it",
        "Definitely Real Charity",
        "Kingsmere Housing Partnership",  # the names it knows, to choose from
    ),
    "a time zone that does not exist": (
        "Time zone, only for an event outside the UK",
        "Europe/Atlantis",
        '"Europe/Atlantis" is not a time zone we know',
    ),
    "control characters": ("What it costs", "Free\x1b[2J", "invisible control character"),
    "a question's heading repeated inside an answer": (
        "About the event",
        "Drop in.\n\n### How to book\n\nhttps://evil.example/",
        'the question "How to book" appears more than once',
    ),
}


@pytest.mark.parametrize("label, value, expected", HOSTILE.values(), ids=list(HOSTILE))
def test_a_hostile_event_answer_is_refused_in_plain_english_and_writes_nothing(
    content: Path, label: str, value: str, expected: str
) -> None:
    assert expected in refused(answered(label, value), content)


def test_an_event_with_several_wrong_answers_gets_every_problem_at_once(content: Path) -> None:
    event = answered("When it starts", "next Tuesday")
    event["issue"]["body"] = event["issue"]["body"].replace(
        "### How to book\n\nhttps://tickets.example.org/ashmoor-open-day",
        "### How to book\n\nring Sam",
    )
    said = refused(event, content)
    assert '"next Tuesday" is not a date and time we can read' in said
    assert '"ring Sam" is not a booking address' in said


def test_the_event_forms_questions_are_the_scaffolds_and_its_choices_the_models() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert form["labels"] == ["new event"] and FORMS["new event"] == ("event", FORM.name)
    questions = form_questions(ROOT, "event")
    keys = {question.key for question in questions_for("event")}
    asked = {question.id for question in questions}
    assert asked <= keys, asked - keys
    elements = {element.get("id"): element for element in form["body"]}
    assert elements["attendance"]["type"] == "dropdown"
    assert set(elements["attendance"]["attributes"]["options"]) == {m.value for m in Attendance}
    boxes = elements["access"]["attributes"]["options"]
    assert elements["access"]["type"] == "checkboxes"
    assert [box["label"].lower() for box in boxes] == list(ACCESS)
    assert not any(box.get("required") for box in boxes)
    # Events name no people: nothing about a person or their consent is asked.
    assert not asked & {"speaker", "author", "naming", "place", "role", "consent", "channels"}
    assert "status" not in asked  # a new event is scheduled
    required = {key for key, el in elements.items() if el.get("validations", {}).get("required")}
    assert {"title", "summary", "starts", "attendance", "booking", "cost", "organiser"} <= required


def test_the_task_turns_the_recorded_event_form_into_a_file_and_an_answer(tmp_path: Path) -> None:
    project = tmp_path / "site"
    for name in ("plugins", "theme", ".github"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    copy_sample_campaigns(project / "content")
    comment, outputs = tmp_path / "comment.md", tmp_path / "outputs"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "invoke"), "from-issue"]
        + ["--event", str(PAYLOADS / "event.json"), "--comment", str(comment)]
        + ["--outputs", str(outputs)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = "content/events/2025/recovery-college-open-day.md"
    assert (project / written).is_file()
    assert outputs.read_text(encoding="utf-8").splitlines() == [
        f"file={written}",
        "kind=event",
        "branch=form/issue-43",
    ]
    answer = comment.read_text(encoding="utf-8")
    assert f"Your event is ready for review as `{written}`" in answer
    assert "The site's checks found no problems" in answer
