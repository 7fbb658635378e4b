"""`./kit new-event`: answers (piped in or as options) become an event file the checks
accept, built into its page; wrong answers are all reported at once and nothing is written."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

from conftest import build, check, copy_sample_campaigns
from coproweek_build.questions import questions_for
from coproweek_build.scaffold import ScaffoldRefused, draft_post
from test_tasks import _invoke_in, _project

import tasks

DAY = date(2025, 6, 10)
ANSWERS = {
    "title": "Estate walkabout with tenants",
    "summary": "Walk the estate with tenants and officers, and decide what to fix first.",
    "starts": "2025-07-03 14:00",
    "ends": "2025-07-03 16:00",
    "attendance": "in person",
    "venue": "Kingsmere Community Hall",
    "address": "2 Orchard Row, Kingsmere",
    "booking": "no need to book",
    "cost": "Free",
    "access": "step-free, BSL",
    "organiser": "Kingsmere Housing Partnership",
    "tags": "housing",
    "text": "Meet at the hall. Bring good shoes.",
}


def sample_campaigns(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    return copy_sample_campaigns(content)


def test_answers_become_an_event_that_passes_the_checks_and_builds(tmp_path: Path) -> None:
    content = sample_campaigns(tmp_path)
    path = draft_post("event", content, ANSWERS, day=DAY).write()
    assert path == content / "events" / "2025" / "estate-walkabout-with-tenants.md"
    text = path.read_text(encoding="utf-8")
    assert "Access: step-free, BSL\n" in text and "Campaign: 2025\n" in text
    assert "Date: 2025-06-10\n" in text  # announced the day it was made
    code, report = check(content, COPROWEEK_STRICT=True, COPROWEEK_TODAY="2025-06-20")
    assert code == 0, report
    result, printed = build(content, tmp_path / "output", COPROWEEK_TODAY="2025-06-20")
    assert result.ok, printed
    page = tmp_path / "output" / "events" / "2025" / "estate-walkabout-with-tenants" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Kingsmere Community Hall" in html and "Bring good shoes." in html
    assert "British Sign Language" in html and "Step-free" in html


def test_every_wrong_answer_is_reported_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    content = sample_campaigns(tmp_path)
    wrong = {
        **ANSWERS,
        "starts": "2025-07-03 2pm",
        "attendance": "by post",
        "booking": "ftp://example.org/book",
        "access": "step-free, lift",
        "organiser": "Nobody In Particular Ltd",
        "title": "<b>Walk</b>",
    }
    try:
        draft_post("event", content, wrong, day=DAY)
    except ScaffoldRefused as refused:
        said = "\n".join(problem.format() for problem in refused.problems)
    else:
        raise AssertionError("a wrong event was accepted")
    for expected in (
        'Starts: "2025-07-03 2pm" is not a date and time we can read.',
        'Attendance: "by post" is not a way of taking part we know.',
        'Booking: "ftp://example.org/book" is not a booking address.',
        '"lift" is not one of the kinds of access the site lists',
        '"Nobody In Particular Ltd" is not an organisation the site knows',
        "Kingsmere Housing Partnership",  # the names it knows are listed
        "Title is plain text, so it cannot hold HTML",
    ):
        assert expected in said, said
    assert "Starts is missing" not in said and "Traceback" not in said
    assert not (content / "events").exists()


def test_an_online_event_is_not_asked_for_a_venue_and_defaults_to_the_sites_organiser(
    tmp_path: Path,
) -> None:
    content = sample_campaigns(tmp_path)
    asked: list[str] = []
    online = {
        key: ANSWERS[key] for key in ("title", "summary", "starts", "ends", "booking", "text")
    }

    def ask(question: str, default: str) -> str:
        asked.append(question)
        return "online" if question.startswith("How people take part") else ""

    path = draft_post(
        "event", content, online, ask=ask, day=DAY, site_organisation="Riverside Network"
    ).write()
    assert not any(q.startswith(("The name of the place", "Its street")) for q in asked)
    assert any(q.startswith("The address to join online") for q in asked)
    text = path.read_text(encoding="utf-8")
    assert "Organiser: Riverside Network\n" in text and "Cost: Free\n" in text
    assert "Venue:" not in text
    code, report = check(content, SITE_ORGANISATION="Riverside Network")
    assert code == 0, report
    assert "placeholder text" not in report  # the description was given


def test_every_event_question_is_an_option_of_the_task() -> None:
    options = set(inspect.signature(tasks.new_event.body).parameters) - {"c"}
    keys = {question.key for question in questions_for("event")}
    assert keys <= options, keys - options
    assert {"campaign", "slug"} <= options


def test_new_event_reads_answers_piped_in(tmp_path: Path) -> None:
    project = _project(tmp_path)
    lines = [
        ANSWERS["title"],
        ANSWERS["summary"],
        "2025-06-10",  # announced
        ANSWERS["starts"],
        ANSWERS["ends"],
        "",  # time zone: the site's
        "hybrid",
        ANSWERS["venue"],
        ANSWERS["address"],
        "",  # map
        "",  # online link
        "https://tickets.example.org/walkabout",
        "",  # cost: Free
        "hearing loop, quiet room",
        "",  # other access
        "Kingsmere Housing Partnership",
        "housing",
    ]
    done = _invoke_in(project, "new-event", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    written = project / "content/events/2025/estate-walkabout-with-tenants.md"
    text = written.read_text(encoding="utf-8")
    assert "Attendance: hybrid\n" in text and "Access: hearing loop, quiet room\n" in text
    assert "Booking: https://tickets.example.org/walkabout\n" in text
    code, report = check(project / "content", COPROWEEK_TODAY="2025-06-20")
    assert code == 0, report
    assert "placeholder text" in report  # the description is left to write
    assert check(project / "content", COPROWEEK_STRICT=True)[0] == 1


def test_new_event_with_wrong_options_writes_nothing_and_says_why(tmp_path: Path) -> None:
    project = _project(tmp_path)
    done = _invoke_in(
        project,
        "new-event",
        *("--title", "Drop-in", "--starts", "2025-07-03 16:00", "--ends", "2025-07-03 15:00"),
        *("--attendance", "online", "--booking", "no need to book", "--summary", "A chat."),
        *("--organiser", "Kingsmere Housing Partnership", "--time-zone", "Mars/Olympus"),
    )
    said = done.stdout + done.stderr
    assert done.returncode == 1
    assert '"Mars/Olympus" is not a time zone we know' in said
    assert "Ends is not after Starts" in said
    assert "Nothing was written" in said and "Traceback" not in said
    assert not (project / "content" / "events").exists()
