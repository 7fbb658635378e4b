"""A GitHub issue form turned into a new post or event, by the scaffold's own code
(`draft_post`).

GitHub writes a submitted form into the issue's body as "### Label" sections, in the form's
order, with "_No response_" for an empty answer and "- [X] ..." for a ticked box (a box
list such as an event's Access becomes a comma list of the ticked ones). The labels
and ids are read from the form files themselves (.github/ISSUE_TEMPLATE/), so the form and
this reader cannot drift apart; each question's id is the scaffold's answer of that name.

Everything in an issue is untrusted: its structure is checked here (every question once,
consent ticked, no larger than GitHub allows), then every answer goes through the scaffold's
checks and the file through the content checks, warnings included. Nothing is written
unless all of that passes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from coproweek_content.problems import Problem, printable

from .build import load_settings, run_checks
from .scaffold import Draft, ScaffoldRefused, draft_post

FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
# The label each form puts on its issue, the kind of post it makes, and its file.
FORMS = {
    "new quote": ("quote", "new-quote.yml"),
    "new blog post": ("blog", "new-blog-post.yml"),
    "new event": ("event", "new-event.yml"),
}
KIND_NAMES = {"quote": "quote", "blog": "blog post", "event": "event"}
# Box lists whose ticked boxes are a field's answer; any other boxes are a consent that
# must be ticked.
LIST_BOXES = frozenset({"access"})
MAX_BODY_CHARS = 65_536  # GitHub's own limit for an issue's body
NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^### (?P<label>.+?)[ \t]*$", re.MULTILINE)
TICKED = re.compile(r"^- \[[xX]\] ", re.MULTILINE)
BOX = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<label>.*)$")
WHERE = "the form"


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    type: str  # input, textarea, dropdown, checkboxes


class FormRefused(Exception):
    """The form's answers did not become a post; the problems say why in plain English."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


def _refused(message: str, fix: str) -> FormRefused:
    return FormRefused([Problem(WHERE, 0, message, fix)])


def form_questions(project_root: Path, kind: str) -> list[Question]:
    """The questions of the form for `kind` in the project, in order (text blocks left out)."""
    name = next(file for form_kind, file in FORMS.values() if form_kind == kind)
    form = yaml.safe_load((project_root / FORMS_DIR / name).read_text(encoding="utf-8"))
    return [
        Question(element["id"], element["attributes"]["label"], element["type"])
        for element in form["body"]
        if element["type"] != "markdown"
    ]


def kind_of(issue: Mapping[str, Any]) -> str:
    """The kind of post an issue asks for, from the label its form put on it."""
    labels = {str(label.get("name", "")) for label in issue.get("labels") or ()}
    kinds = {FORMS[label][0] for label in labels if label in FORMS}
    if len(kinds) != 1:
        raise _refused(
            "this issue is not one of the site's forms (it needs exactly one of the labels "
            + " or ".join(f'"{label}"' for label in FORMS)
            + ").",
            "open a new issue and choose the form for a quote, a blog post or an event.",
        )
    return kinds.pop()


def read_answers(body: str, questions: list[Question]) -> dict[str, str]:
    """Each question's answer from an issue body in GitHub's form format."""
    if len(body) > MAX_BODY_CHARS:
        raise _refused(
            f"the answers are {len(body):,} characters long, more than GitHub allows "
            f"({MAX_BODY_CHARS:,}).",
            "shorten the text, or send a long post as a file in a pull request.",
        )
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    labels = {question.label: question for question in questions}
    found = [match for match in HEADING.finditer(body) if match["label"] in labels]
    problems = []
    for question in questions:
        count = sum(match["label"] == question.label for match in found)
        if count != 1:
            what = "is missing" if count == 0 else "appears more than once"
            problems.append(
                Problem(
                    WHERE,
                    0,
                    f'the question "{question.label}" {what} in the issue, so its answers '
                    "cannot be read safely.",
                    "edit the issue: keep every question's heading (the lines starting with ###) "
                    "exactly once, and start no line of your own answers with ###.",
                )
            )
    if problems:
        raise FormRefused(problems)
    answers: dict[str, str] = {}
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following is not None else len(body)
        value = body[match.end() : end].strip("\n").strip()
        answers[labels[match["label"]].id] = "" if value == NO_RESPONSE else value
    return answers


def ticked(answer: str) -> str:
    """The labels of the ticked boxes of a box list, as a comma list. A line that is not a
    box is kept as it is, so that the field's own check refuses it."""
    chosen = []
    for line in answer.split("\n"):
        box = BOX.match(line.strip())
        if box is None and line.strip():
            chosen.append(line.strip())
        elif box is not None and box["mark"] != " ":
            chosen.append(box["label"].strip())
    return ", ".join(chosen)


def draft_from_issue(
    event: Mapping[str, Any],
    forms_root: Path,
    content_root: Path,
    day: date,
    site_organisation: str = "",
) -> tuple[str, Draft]:
    """The kind and the checked new post or event of an `issues` event, from the forms in
    `forms_root` (the project folder); raises FormRefused. `site_organisation` is the
    SITE_ORGANISATION setting (an organiser the site knows)."""
    issue = event.get("issue")
    if not isinstance(issue, Mapping) or not isinstance(issue.get("body") or "", str):
        raise _refused("the event holds no issue to read.", "run this only for issue events.")
    kind = kind_of(issue)
    questions = form_questions(forms_root, kind)
    answers = read_answers(str(issue.get("body") or ""), questions)
    for question in questions:
        if question.type == "checkboxes" and question.id in LIST_BOXES:
            answers[question.id] = ticked(answers[question.id])
    problems = [
        Problem(
            WHERE,
            0,
            f'the box "{question.label}" is not ticked, so the site cannot publish this.',
            "get the person's consent and record it in your private consent register, then "
            "edit the issue and tick the box.",
        )
        for question in questions
        if question.type == "checkboxes"
        and question.id not in LIST_BOXES
        and not TICKED.search(answers.pop(question.id, ""))
    ]
    given = {key: value for key, value in answers.items() if value}
    try:
        draft = draft_post(
            kind, content_root, given, None, day, strict=True, site_organisation=site_organisation
        )
    except ScaffoldRefused as refused:
        problems += refused.problems
    if problems:
        raise FormRefused(problems)
    return kind, draft


def issue_number(event: Mapping[str, Any]) -> int:
    number = (event.get("issue") or {}).get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise _refused("the event has no issue number.", "run this only for issue events.")
    return number


def load_event(path: Path) -> dict[str, Any]:
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _refused(f"the event file {path} cannot be read ({error}).", "") from None
    if not isinstance(event, dict):
        raise _refused(f"the event file {path} holds no event.", "")
    return event


def refusal_comment(problems: list[Problem]) -> str:
    listed = "\n".join(
        printable(problem.message)
        + (f"\n    How to fix: {printable(problem.fix)}" if problem.fix else "")
        for problem in problems
    )
    return (
        "We could not turn this form into a post yet, so nothing was added to the site.\n\n"
        "What needs changing:\n\n"
        f"~~~~text\n{listed}\n~~~~\n\n"
        "Edit this issue (the three dots at the top of it, then Edit) to change your answers. "
        "We try again each time you save.\n"
    )


def made_comment(kind: str, path: str, checks_passed: bool, check_report: str) -> str:
    verdict = (
        "The site's checks found no problems. A site keeper will read it, and publishing "
        "follows when they merge it."
        if checks_passed
        else "The site's checks found problems with the site's content (below). A site keeper "
        "will help fix them before anything is published."
    )
    return (
        f"Thank you! Your {KIND_NAMES[kind]} is ready for review as `{path}`.\n\n"
        f"{verdict}\n\n"
        f"~~~~text\n{check_report.strip()}\n~~~~\n\n"
        "To change it, edit this issue: the pull request is made again from your answers.\n"
    )


def from_issue(
    event_file: Path, settings_file: Path, project_root: Path, comment: str, outputs: str
) -> str:
    """`./kit from-issue`: write the post a form's event asks for, check the site, and write
    the answer for the issue (to `comment`) and the workflow's outputs (to `outputs`).
    Returns what to print; raises FormRefused (with the answer written) when nothing was."""
    settings = load_settings(settings_file)
    try:
        event = load_event(event_file)
        number = issue_number(event)
        organisation = str(settings.get("SITE_ORGANISATION") or "")
        content_root = Path(settings["PATH"])
        kind, draft = draft_from_issue(
            event, project_root, content_root, date.today(), organisation
        )
    except FormRefused as refused:
        if comment:
            Path(comment).write_text(refusal_comment(refused.problems), encoding="utf-8")
        raise
    path = draft.write().relative_to(project_root).as_posix()
    report = io.StringIO()
    passed = run_checks(settings_file, {"COPROWEEK_STRICT": True}, out=report) == 0
    if comment:
        Path(comment).write_text(made_comment(kind, path, passed, report.getvalue()), "utf-8")
    if outputs:
        with open(outputs, "a", encoding="utf-8") as written:
            written.write(f"file={path}\nkind={kind}\nbranch=form/issue-{number}\n")
    return f"Created {path} from the form in issue #{number}.\n{report.getvalue()}"
