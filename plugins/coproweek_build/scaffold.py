"""Starting a new quote, blog post or event: today's date and campaign filled in, every
answer checked as it is given, and the file checked before it is written (a file the check
would refuse is never written)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coproweek_content.fields import FieldError
from coproweek_content.fields import slug as make_slug
from coproweek_content.inventory import take_inventory
from coproweek_content.loader import SiteContext
from coproweek_content.others import load_campaign
from coproweek_content.placeholders import (
    BLOG_SUMMARY,
    BLOG_TEXT,
    BLOG_TITLE,
    EVENT_TEXT,
    QUOTE_TEXT,
)
from coproweek_content.posts import load_post
from coproweek_content.problems import FileReport, Problem, Severity, errors_in
from coproweek_content.settings import BLOG_DIR, EVENTS_DIR, QUOTES_DIR
from coproweek_content.values import field_message, parse_value

from .answers import one_line_problem, path_problem
from .event_draft import check_event
from .questions import FIELDS, LABELS, Question, order_of, pointless, questions_for

FOLDERS = {"quote": QUOTES_DIR, "blog": BLOG_DIR, "event": EVENTS_DIR}
PLACEHOLDER_TEXT = {"quote": QUOTE_TEXT, "blog": BLOG_TEXT, "event": EVENT_TEXT}


def _labelled(label: str, message: str) -> str:
    return message if message.startswith(f"{label}:") else f"{label}: {message}"


class ScaffoldRefused(Exception):
    """The post was not written: the problems say why, in plain English."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


Ask = Callable[[str, str], str]


class NoMoreAnswers(Exception):
    """Raised by an `ask` that has run out of answers (a pipe at its end): the remaining
    questions take their defaults, and the check says what is still missing."""


def campaign_for(content_root: Path, project_root: Path, year: int) -> str:
    """The campaign of the post's year, when there is one: posts are written ahead of the week."""
    for path in take_inventory(content_root, project_root).of("campaign"):
        if path.stem == str(year):
            return str(year)
    return ""


def free_path(folder: Path, slug: str) -> Path:
    candidate, number = folder / f"{slug}.md", 2
    while candidate.exists():
        candidate, number = folder / f"{slug}-{number}.md", number + 1
    return candidate


def answers_for(
    kind: str, given: dict[str, str], ask: Ask | None, defaults: dict[str, str]
) -> tuple[dict[str, str], dict[str, list[Problem]]]:
    """Every answer: given as an option, else asked (when `ask` can), else the default
    (from `defaults`, else the question's own); and the problems of each wrong answer
    given, by key (a wrong answer is left out, so the file can still be checked)."""
    answers: dict[str, str] = {}
    wrong: dict[str, list[Problem]] = {}
    for question in questions_for(kind):
        default = defaults.get(question.key) or question.default
        value = (given.get(question.key) or "").strip()
        skip = pointless(question, answers)
        if value:
            try:
                _check_answer(kind, question, value, asked=False)
            except ScaffoldRefused as refused:
                wrong[question.key] = refused.problems
                value = ""
        elif ask is not None and not skip and question.asked:
            try:
                value = _asked(kind, question, default, ask)
            except NoMoreAnswers:
                ask = None
        answers[question.key] = value or default
    return answers, wrong


ATTEMPTS = 3


def _asked(kind: str, question: Question, default: str, ask: Ask) -> str:
    """Ask until the answer is one the check accepts (or give up after a few tries)."""
    for attempt in range(ATTEMPTS):
        value = ask(question.text, default).strip()
        if not value:
            return ""
        problem = _check_answer(kind, question, value, asked=attempt < ATTEMPTS - 1)
        if problem is None:
            return value
        print(f"  {problem.message}\n  How to fix: {problem.fix}")
    return ""


def _check_answer(kind: str, question: Question, value: str, asked: bool) -> Problem | None:
    spec = FIELDS[kind].get(question.key)
    label = spec.label if spec is not None else question.key.title()
    try:
        wrong = one_line_problem(value) if question.one_line else None
        if wrong is not None:
            raise wrong
        if spec is not None:
            parse_value(spec, value)
        wrong = path_problem(question.key, value)
        if wrong is not None:
            raise wrong
    except FieldError as error:
        message = field_message(spec, error) if spec is not None else f"{label}: {error.message}"
        problem = Problem(f"the new {kind}", 0, message, error.fix)
        if not asked:
            raise ScaffoldRefused([problem]) from None
        return problem
    return None


def file_text(kind: str, answers: dict[str, str], campaign: str) -> str:
    person_key = "speaker" if kind == "quote" else "author"
    fields: dict[str, str] = {key: answers.get(key, "") for key in order_of(kind)}
    if kind == "blog":
        fields["title"] = fields.get("title") or BLOG_TITLE
        fields["summary"] = fields.get("summary") or BLOG_SUMMARY
    if answers.get("naming") == "anonymous":
        fields[person_key] = ""
    fields["campaign"] = campaign
    lines = [f"{LABELS.get(key, key.title())}: {value}" for key, value in fields.items() if value]
    body = answers.get("quote" if kind == "quote" else "text") or PLACEHOLDER_TEXT[kind]
    return "\n".join(lines) + "\n\n" + body.strip("\n") + "\n"


@dataclass(frozen=True)
class Draft:
    """A new post the checks accept: where it goes and what it says (not written yet)."""

    path: Path
    text: str

    def write(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("x", encoding="utf-8") as handle:  # never over another post
            handle.write(self.text)
        return self.path


def draft_post(
    kind: str,
    content_root: Path,
    given: dict[str, str],
    ask: Ask | None = None,
    day: date | None = None,
    project_root: Path | None = None,
    strict: bool = False,
    site_organisation: str = "",
) -> Draft:
    """The one way a new post or event is made from answers (the scaffold's questions and
    options, or a form on GitHub): every answer checked, then the whole file checked as the
    site would check it. Raises ScaffoldRefused when anything is wrong. Placeholder text the
    contributor still has to replace is allowed unless `strict` (warnings refuse too).
    `site_organisation` (the SITE_ORGANISATION setting) is an event's default organiser."""
    day = day or date.today()
    project_root = project_root or content_root.parent
    defaults = {"date": f"{day:%Y-%m-%d}", "organiser": site_organisation}
    answers, wrong = answers_for(kind, given, ask, defaults)
    when = answers.get("starts" if kind == "event" else "date", "")
    year = when[:4] if when[:4].isdigit() else f"{day:%Y}"
    campaign = given.get("campaign") or campaign_for(content_root, project_root, int(year))
    if given.get("campaign"):
        _check_answer(kind, Question("campaign", "Campaign"), campaign, asked=False)
    folder = content_root / FOLDERS[kind] / year
    person = answers.get("speaker") or answers.get("author") or ""
    base = given.get("slug") or (
        answers.get("title")
        if kind in ("blog", "event")
        else f"{person.split()[0] if person.split() else 'anonymous'} {answers.get('role', '')}"
    )
    try:
        slug = make_slug(base or "")
    except FieldError:
        slug = f"{kind}-{day:%Y%m%d}"
    text = file_text(kind, answers, campaign)
    context = SiteContext(content_root.resolve(), project_root, day)
    context.site_organisation = site_organisation
    problems = [problem for problems in wrong.values() for problem in problems]
    missing = tuple(f"{LABELS.get(key, key.title())} is missing" for key in wrong)
    problems += [  # all at once; a wrong answer is not also reported missing
        problem
        for problem in _file_problems(kind, text, context, slug, strict)
        if not any(phrase in problem.message for phrase in missing)
    ]
    if problems:
        raise ScaffoldRefused(problems)
    return Draft(free_path(folder, slug), text)


def _file_problems(
    kind: str, text: str, context: SiteContext, slug: str, strict: bool = False
) -> list[Problem]:
    """Check the file as the site would, in a scratch folder: its errors (and warnings,
    when `strict`)."""
    if kind != "event":  # check_event reads the campaigns with the rest of the site
        for path in take_inventory(context.content_root, context.project_root).of("campaign"):
            campaign = load_campaign(path, context, FileReport(str(path)))
            if campaign is not None:
                context.campaigns[campaign.year] = campaign
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / f"{slug}.md"
        draft.write_text(text, encoding="utf-8")
        report = FileReport(f"the new {kind}")
        if kind == "event":
            check_event(draft, context, report)
        else:
            load_post(draft, kind, context, report)
    labels = {
        number: line.split(":", 1)[0]
        for number, line in enumerate(text.split("\n"), start=1)
        if ":" in line and not line.startswith(" ")
    }
    return [
        Problem(f"the new {kind}", 0, _labelled(labels.get(p.line, "the text"), p.message), p.fix)
        for p in (report.problems if strict else errors_in(report.problems))
        if p.severity is not Severity.NOTICE
    ]
