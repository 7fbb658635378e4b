"""Starting a new quote or blog post: today's date and campaign filled in, every answer
checked as it is given, and the file checked before it is written (a file the check would
refuse is never written)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coproweek_content.fields import BLOG_FIELDS, QUOTE_FIELDS, FieldError
from coproweek_content.fields import slug as make_slug
from coproweek_content.inventory import take_inventory
from coproweek_content.loader import SiteContext
from coproweek_content.others import load_campaign
from coproweek_content.placeholders import BLOG_SUMMARY, BLOG_TEXT, BLOG_TITLE, QUOTE_TEXT
from coproweek_content.posts import load_post
from coproweek_content.problems import FileReport, Problem, Severity, errors_in
from coproweek_content.settings import BLOG_DIR, QUOTES_DIR
from coproweek_content.values import field_message, parse_value

from .answers import one_line_problem, path_problem


@dataclass(frozen=True)
class Question:
    key: str  # the option (--key) and the field's name
    text: str
    default: str = ""
    kinds: tuple[str, ...] = ("quote", "blog")
    one_line: bool = True  # a field; the words of the post are the only answers of many lines
    asked: bool = True  # False: only given (an option, a form), never asked on the terminal


QUESTIONS = (
    Question("title", "Title of the blog post", kinds=("blog",)),
    Question("speaker", "Name of the person who said it", kinds=("quote",)),
    Question("author", "Name of the person who wrote it", kinds=("blog",)),
    Question(
        "naming",
        "How they agreed to be named (full name / first name / first name and place / anonymous / group)",
        "first name",
    ),
    Question("place", "The town or area they agreed to (only for first name and place)"),
    Question("role", "Their role, for example Peer Researcher"),
    Question("organisation", "Organisation (leave empty if none)"),
    Question("consent", "Consent register id, for example C-2024-017"),
    Question(
        "channels",
        "Where they agreed their words can go (web, social, newsletter)",
        "web, social, newsletter",
    ),
    Question("date", "The day to publish it (year-month-day)"),
    Question("summary", "One or two sentences about the post", kinds=("blog",)),
    Question("quote", "The quote itself, in their own words", kinds=("quote",), one_line=False),
    Question(
        "excerpt",
        "For a long quote: the sentence or two for its card, word for word",
        kinds=("quote",),
    ),
    Question("source", "A link to a longer piece, if there is one (https://...)", kinds=("quote",)),
    Question(
        "original",
        "If the post first appeared elsewhere, its address (https://...)",
        kinds=("blog",),
    ),
    Question("tags", "Tags, separated by commas"),
    Question("text", "The blog post itself", kinds=("blog",), one_line=False, asked=False),
)
ORDER = [q.key for q in QUESTIONS if q.one_line]  # the words of the post are not a field
LABELS = {
    spec.label.lower().replace("-", "_"): spec.label
    for spec in (*QUOTE_FIELDS.values(), *BLOG_FIELDS.values())
}


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


def answers_for(kind: str, given: dict[str, str], ask: Ask | None, day: date) -> dict[str, str]:
    """Every answer: given as an option, else asked (when `ask` can), else the default."""
    answers: dict[str, str] = {}
    wrong: list[Problem] = []
    for question in QUESTIONS:
        if kind not in question.kinds:
            continue
        default = f"{day:%Y-%m-%d}" if question.key == "date" else question.default
        value = (given.get(question.key) or "").strip()
        skip = (
            (question.key == "place" and answers.get("naming") != "first name and place")
            or (question.key == "consent" and answers.get("naming") in ("anonymous", "group"))
            or (question.key == "excerpt" and len(answers.get("quote", "")) <= 280)
        )
        if value:
            try:
                _check_answer(kind, question, value, asked=False)
            except ScaffoldRefused as refused:
                wrong += refused.problems
        elif ask is not None and not skip and question.asked:
            try:
                value = _asked(kind, question, default, ask)
            except NoMoreAnswers:
                ask = None
        answers[question.key] = value or default
    if wrong:
        raise ScaffoldRefused(wrong)
    return answers


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
    spec = (QUOTE_FIELDS if kind == "quote" else BLOG_FIELDS).get(question.key)
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
    fields: dict[str, str] = {key: answers.get(key, "") for key in ORDER}
    if kind == "blog":
        fields["title"] = fields.get("title") or BLOG_TITLE
        fields["summary"] = fields.get("summary") or BLOG_SUMMARY
    if answers.get("naming") == "anonymous":
        fields[person_key] = ""
    fields["campaign"] = campaign
    lines = [f"{LABELS.get(key, key.title())}: {value}" for key, value in fields.items() if value]
    body = (
        (answers.get("quote") or QUOTE_TEXT)
        if kind == "quote"
        else (answers.get("text") or BLOG_TEXT)
    )
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
) -> Draft:
    """The one way a new post is made from answers (the scaffold's questions and options,
    or a form on GitHub): every answer checked, then the whole file checked as the site
    would check it. Raises ScaffoldRefused when anything is wrong. Placeholder text the
    contributor still has to replace is allowed unless `strict` (warnings refuse too)."""
    day = day or date.today()
    project_root = project_root or content_root.parent
    answers = answers_for(kind, given, ask, day)
    year = answers.get("date", "")[:4] if answers.get("date", "")[:4].isdigit() else f"{day:%Y}"
    campaign = given.get("campaign") or campaign_for(content_root, project_root, int(year))
    if given.get("campaign"):
        _check_answer(kind, Question("campaign", "Campaign"), campaign, asked=False)
    folder = content_root / (QUOTES_DIR if kind == "quote" else BLOG_DIR) / year
    person = answers.get("speaker") or answers.get("author") or ""
    base = given.get("slug") or (
        answers.get("title")
        if kind == "blog"
        else f"{person.split()[0] if person.split() else 'anonymous'} {answers.get('role', '')}"
    )
    try:
        slug = make_slug(base or "")
    except FieldError:
        slug = f"{kind}-{day:%Y%m%d}"
    text = file_text(kind, answers, campaign)
    _refuse_if_wrong(kind, text, content_root, project_root, day, slug, strict)
    return Draft(free_path(folder, slug), text)


def new_post(
    kind: str,
    content_root: Path,
    given: dict[str, str],
    ask: Ask | None = None,
    day: date | None = None,
    project_root: Path | None = None,
) -> Path:
    """Write a new post and return its path; raises ScaffoldRefused (nothing written) when
    an answer is wrong."""
    return draft_post(kind, content_root, given, ask, day, project_root).write()


def _refuse_if_wrong(
    kind: str,
    text: str,
    content_root: Path,
    project_root: Path,
    day: date,
    slug: str,
    strict: bool = False,
) -> None:
    """Check the file as the site would, in a scratch folder; refuse it on any error."""
    context = SiteContext(content_root.resolve(), project_root, day)
    for path in take_inventory(content_root, project_root).of("campaign"):
        campaign = load_campaign(path, context, FileReport(str(path)))
        if campaign is not None:
            context.campaigns[campaign.year] = campaign
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / f"{slug}.md"
        draft.write_text(text, encoding="utf-8")
        report = FileReport(f"the new {kind}")
        load_post(draft, kind, context, report)
    labels = {
        number: line.split(":", 1)[0]
        for number, line in enumerate(text.split("\n"), start=1)
        if ":" in line and not line.startswith(" ")
    }
    problems = [
        Problem(f"the new {kind}", 0, _labelled(labels.get(p.line, "the text"), p.message), p.fix)
        for p in (report.problems if strict else errors_in(report.problems))
        if p.severity is not Severity.NOTICE
    ]
    if problems:
        raise ScaffoldRefused(problems)
