"""Scaffolding a new quote or blog post, with today's date and campaign filled in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from coproweek_content.fields import FieldError
from coproweek_content.fields import slug as make_slug
from coproweek_content.settings import BLOG_DIR, CAMPAIGNS_DIR, QUOTES_DIR


def campaign_for(content_root: Path, day: date) -> str:
    """The campaign of this year, when there is one: posts are written ahead of the week."""
    return str(day.year) if (content_root / CAMPAIGNS_DIR / f"{day.year}.md").is_file() else ""


def free_path(folder: Path, slug: str) -> Path:
    candidate, number = folder / f"{slug}.md", 2
    while candidate.exists():
        candidate, number = folder / f"{slug}-{number}.md", number + 1
    return candidate


def _lines(fields: list[tuple[str, str]]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in fields if value)


def new_post(
    kind: str,
    content_root: Path,
    answers: dict[str, str],
    ask: Callable[[str, str], str] | None = None,
    day: date | None = None,
) -> Path:
    """Write a new post file and return its path. `ask(question, default)` fills gaps."""
    day = day or date.today()

    def value(key: str, question: str, default: str = "") -> str:
        given = (answers.get(key) or "").strip()
        if given or ask is None:
            return given or default
        return ask(question, default).strip() or default

    person_key = "speaker" if kind == "quote" else "author"
    if kind == "blog":
        title = value("title", "Title of the blog post")
    person = value(person_key, "Name of the person (as it may be shown)")
    naming = value(
        "naming",
        "How they agreed to be named (full name / first name / first name and place / anonymous)",
        "first name",
    )
    role = value("role", "Their role, for example Peer Researcher")
    organisation = value("organisation", "Organisation (leave empty if none)")
    consent = (
        ""
        if naming == "anonymous"
        else value("consent", "Consent register id, for example C-2024-017")
    )
    channels = value(
        "channels", "Channels they agreed to (web, social, newsletter)", "web, social, newsletter"
    )
    campaign = answers.get("campaign") or campaign_for(content_root, day)
    base = answers.get("slug") or (
        title
        if kind == "blog"
        else f"{person.split()[0] if person.split() else 'anonymous'} {role}"
    )
    try:
        slug = make_slug(base)
    except FieldError:
        slug = f"{kind}-{day:%Y%m%d}"
    folder = content_root / (QUOTES_DIR if kind == "quote" else BLOG_DIR) / str(day.year)
    folder.mkdir(parents=True, exist_ok=True)
    path = free_path(folder, slug)
    fields: list[tuple[str, str]] = []
    if kind == "blog":
        fields.append(("Title", title or "Write the title here"))
    fields += [
        ("Speaker" if kind == "quote" else "Author", "" if naming == "anonymous" else person),
        ("Naming", naming),
        ("Role", role),
        ("Organisation", organisation),
        ("Campaign", campaign),
        ("Date", f"{day:%Y-%m-%d}"),
    ]
    if kind == "blog":
        fields.append(
            ("Summary", answers.get("summary") or "Write one or two sentences about the post here.")
        )
    fields += [("Tags", answers.get("tags", "")), ("Consent", consent), ("Channels", channels)]
    if kind == "quote":
        body = answers.get("quote") or "Write the quote here, in the person's own words."
    else:
        body = (
            "Write the post here.\n\n"
            "## A heading\n\n"
            "A pull quote gets its own social media card:\n\n"
            "> Words someone said.\n"
            "> — Their name, their role\n"
        )
    path.write_text(f"{_lines(fields)}\n\n{body}\n", encoding="utf-8")
    return path
