"""Reading one quote or blog post into the model: its fields, its person and their
consent, its photos and its text, rendered once and sanitised."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from . import safety
from .carddesign import card_design
from .fields import BLOG_FIELDS, QUOTE_FIELDS, FieldError
from .fields import slug as make_slug
from .model import Image, Naming, Person, Post, Quote, QuotedPerson
from .people import hidden_name_problems, person_and_consent, quoted_people, shown_names, who_said
from .problems import Severity
from .references import IMAGE_FIX, ReferenceProblem, resolve_photo
from .render import Rendered
from .safety import ATTRIBUTION_LINE
from .source import SourceFile, read_source
from .values import EXAMPLES, MARKUP, FileReport, read_values

if TYPE_CHECKING:
    from pathlib import Path

    from .bilingual import SharedConsent
    from .loader import SiteContext


def readable_source(path: Path, report: FileReport) -> SourceFile | None:
    source = read_source(path)
    if source.unreadable:
        report.add(1, f"this file cannot be read: {source.unreadable}.", source.unreadable_fix)
        return None
    return source


def report_rendering(rendered: Rendered, report: FileReport) -> None:
    for finding in rendered.findings:
        report.add(finding.line, finding.message, finding.fix, finding.severity)


def load_post(
    path: Path,
    kind: str,
    context: SiteContext,
    report: FileReport,
    shared: SharedConsent | None = None,
) -> Post | None:
    """One post; `shared`: the consent of a translation pair, when it allows less than
    this file does (everything shown of the people follows from it)."""
    source = readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, QUOTE_FIELDS if kind == "quote" else BLOG_FIELDS, kind, report)
    person, consent = person_and_consent(
        source, values, "speaker" if kind == "quote" else "author", report
    )
    quoted = quoted_people(source, report) if kind == "blog" else []
    if shared is not None:
        person, consent, quoted = shared.applied(person, consent, quoted)
    # Names are written with the words of the edition the post is published in.
    interface = context.editions.interface_language(values.get("language", ""))
    person = dataclasses.replace(person, interface_language=interface)
    quoted = [
        dataclasses.replace(q, person=dataclasses.replace(q.person, interface_language=interface))
        for q in quoted
    ]
    if kind == "quote" and source.blocks:
        report.add(
            source.blocks[0].line,
            "Quoted is for the people quoted in a blog post; a quote post has one speaker.",
            "write this person's quote as a quote post of its own.",
        )
    if person.naming is not Naming.GROUP and not values.get("role"):
        if "role" in source.fields:
            report.add(
                source.line_of("role"),
                "Role is empty.",
                f"write a value after the colon, for example: Role: {EXAMPLES['role']}",
            )
        elif "role" not in report.suggested:
            report.add(
                1,
                "Role is missing.",
                f"add a line near the top, before the blank line: Role: {EXAMPLES['role']}",
            )

    year = values.get("campaign")
    check_campaign_year(
        year,
        context,
        source.line_of("campaign"),
        report,
        f"correct the year, or add content/campaigns/{year}.md for the new campaign. "
        "Leave Campaign out for a post outside a campaign week.",
    )
    slug = file_slug(path, values, report)

    hero = _hero(source, values, kind, context, report)
    card = card_design(source, values, context, report)
    rendered = context.renderer.render(source.body, source.body_line, shown_names(quoted, person))
    report_rendering(rendered, report)
    _personal_details(source, report, [person, *(q.person for q in quoted)])
    hidden_name_problems(source, values, [person, *(q.person for q in quoted)], report)
    if kind == "quote":
        quotes = [_quote_post_quote(source, values, person, rendered, context, report)]
    else:
        quotes = _pull_quotes(source, person, quoted, rendered, context, report)
    if report.has_errors:
        return None
    role = values.get("role", "")
    organisation = values.get("organisation", "")
    title = values.get("title") or ", ".join(p for p in (person.display_name, role) if p)
    summary = values.get("summary") or (quotes[0].card_text or quotes[0].text if quotes else "")
    return Post(
        kind=kind,
        source_path=path,
        slug=slug,
        title=title,
        date=values["date"],
        person=person,
        role=role,
        consent=consent,
        organisation=organisation,
        campaign_year=year,
        summary=summary,
        tags=values.get("tags", ()),
        wellbeing=values.get("wellbeing", ()),
        hero=hero,
        body_images=tuple(rendered.images),
        link=values.get("source") or values.get("original", ""),
        language=values.get("language", ""),
        translation_key=values.get("translation_key", ""),
        quotes=tuple(quotes),
        quoted=tuple(quoted),
        html=rendered.html,
        card=card,
    )


def _hero(
    source: SourceFile, values: dict[str, Any], kind: str, context: SiteContext, report: FileReport
) -> Image | None:
    if kind != "blog":
        return None
    if "image" not in values:
        if "image_alt" in values:
            report.add(
                source.line_of("image_alt"),
                "Image-alt is given but there is no Image.",
                "add Image: /images/... or remove Image-alt.",
            )
        return None
    alt = values.get("image_alt", "")
    line = source.line_of("image")
    if not alt:
        report.add(
            line,
            "the photo has no alt text (a description for people who cannot see it).",
            "add a line: Image-alt: (one sentence saying what the photo shows).",
        )
    elif alt.lower().startswith(("image of", "picture of", "photo of")):
        report.add(
            source.line_of("image_alt"),
            f'the alt text starts with "{" ".join(alt.split()[:2])}".',
            "describe what the picture shows, without saying it is an image (screen readers already say so).",
            Severity.WARNING,
        )
    try:
        photo = resolve_photo(values["image"], context.content_root)
    except ReferenceProblem as problem:
        report.add(line, f"Image: {problem}", IMAGE_FIX)
        return None
    return Image(photo.site_path, alt) if alt else None


def _quote_post_quote(
    source: SourceFile,
    values: dict[str, Any],
    person: Person,
    rendered: Rendered,
    context: SiteContext,
    report: FileReport,
) -> Quote:
    """A quote post's words as the page shows them (after sanitising), never the Markdown."""
    text = rendered.text
    markup = MARKUP.search(text)
    if markup:
        report.add(
            source.body_line,
            f'the quote shows HTML code as words ("{markup[0]}..."), which its '
            "card, feeds and alt text would pass on.",
            "write the quote's words only.",
        )
    if not text:
        report.add(
            source.body_line,
            "the quote is empty.",
            "write the quote after the blank line that ends the fields at the top.",
        )
    excerpt = values.get("excerpt", "")
    line = source.line_of("excerpt")
    _check_excerpt(excerpt, text, line, context, report)
    fits = len(text) <= context.card_max_chars
    if not fits and not excerpt:
        report.add(
            source.body_line,
            f"this quote is {len(text)} characters long, longer than a social media card holds "
            f"({context.card_max_chars}), so it is published in full but has no card.",
            "to make a card, add a line near the top: Excerpt: (a sentence or two of the quote, "
            "word for word; join parts with …).",
            Severity.NOTICE,
        )
    role, organisation = values.get("role", ""), values.get("organisation", "")
    return Quote(
        text,
        person.display_name,
        role,
        organisation,
        excerpt,
        line if excerpt else source.body_line,
        fits,
    )


def _pull_quotes(
    source: SourceFile,
    author: Person,
    quoted: list[QuotedPerson],
    rendered: Rendered,
    context: SiteContext,
    report: FileReport,
) -> list[Quote]:
    """The pull quotes as the page shows them, each with the person who said it."""
    used: set[int] = set()
    quotes = []
    for number, (words, _) in enumerate(rendered.pull_quotes):
        name, role = rendered.pull_written[number]
        line = _attribution_line(source, name, role)
        if any(MARKUP.search(part) or "\x02" in part for part in (name, role, words)):
            report.add(
                line,
                "this pull quote's words, name and role are plain text, so they cannot hold HTML.",
                "end the quote with a line like: > — Dafydd, Expert Citizen",
            )
            continue
        if not name or not role:
            report.add(
                line,
                "this pull quote's last line should give a name and a role, separated by a comma.",
                "end the quote with a line like: > — Dafydd, Expert Citizen",
            )
        found = who_said(name, quoted, author)
        if found is None:
            report.add(
                line,
                f'"{name}" is quoted here but has no consent of their own.',
                f"add near the top, before the blank line: Quoted: {name}, and under it, indented "
                'by four spaces, their Naming, Consent and Channels (see "People quoted in a '
                'post" in CONTRIBUTING.md).',
            )
            continue
        who, shown = found
        excerpt, excerpt_line = "", line
        if who is not None:
            used.add(who)
            person = quoted[who]
            if person.excerpt and _words_of(person.excerpt, words):
                excerpt, excerpt_line = person.excerpt, person.excerpt_line
        fits = len(words) <= context.card_max_chars
        withdrawn = who is not None and quoted[who].consent.withdrawn
        if not fits and not excerpt and not withdrawn:
            report.add(
                line,
                f"this pull quote is {len(words)} characters long, longer than a social media card "
                f"holds ({context.card_max_chars}), so it is published in full but has no card.",
                f"to make a card, add under Quoted: {name} an indented line: Excerpt: (a sentence "
                "or two of the quote, word for word; join parts with …).",
                Severity.NOTICE,
            )
        span = rendered.pull_spans[number] if number < len(rendered.pull_spans) else None
        quotes.append(Quote(words, shown, role, "", excerpt, excerpt_line, fits, who, span))
    for index, person in enumerate(quoted):
        if person.excerpt:
            said = [q.text for q in quotes if q.quoted == index]
            if not any(_words_of(person.excerpt, text) for text in said):
                _check_excerpt(person.excerpt, " ".join(said), person.excerpt_line, context, report)
        if index not in used:
            report.add(
                person.line,
                f"{person.person.name} is listed under Quoted but no pull quote gives their name.",
                "end their quote with a line like: > — (their name), (their role); or remove the Quoted block.",
                Severity.WARNING,
            )
    return quotes


def _attribution_line(source: SourceFile, name: str, role: str) -> int:
    """The line of a pull quote's "— Name, Role" in the file."""
    for offset, text in enumerate(source.body.split("\n")):
        if ATTRIBUTION_LINE.match(text) and name in text and role in text:
            return source.body_line + offset
    return source.body_line


ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _words_of(excerpt: str, text: str) -> bool:
    """Whether every part of `excerpt` (parts joined by …) is the speaker's own words."""
    said = _comparable(text)
    parts = [_comparable(part).rstrip(".,;:!?") for part in ELLIPSIS.split(excerpt) if part.strip()]
    return bool(parts) and all(part in said for part in parts)


def _comparable(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).casefold()


def _check_excerpt(
    excerpt: str, text: str, line: int, context: SiteContext, report: FileReport
) -> None:
    if not excerpt:
        return
    if len(excerpt) > context.card_max_chars:
        report.add(
            line,
            f"the Excerpt is {len(excerpt)} characters long; a social media card holds at most {context.card_max_chars}.",
            "choose fewer words for the Excerpt.",
        )
    if not _words_of(excerpt, text):
        report.add(
            line,
            "the Excerpt is not word for word from the quote: a card may only carry what the person said.",
            "copy one or two sentences of the quote exactly; to leave words out, join the parts with …",
        )


def _personal_details(source: SourceFile, report: FileReport, people: list[Person]) -> None:
    hidden = [p.name for p in people if p.naming not in (Naming.FULL_NAME, Naming.GROUP)]
    for finding in safety.personal_details(source.body, source.body_line, hidden):
        severity = Severity.ERROR if finding.about_a_name else Severity.WARNING
        report.add(finding.line, finding.message, finding.fix, severity)


def check_campaign_year(
    year: Any, context: SiteContext, line: int, report: FileReport, fix: str
) -> None:
    """A Campaign year names a campaign the site has (posts and events alike)."""
    if year is not None and year not in context.campaigns:
        known = ", ".join(str(y) for y in sorted(context.campaigns)) or "none yet"
        report.add(line, f"there is no campaign for {year}. Campaigns we have: {known}.", fix)


def file_slug(path: Path, values: dict[str, Any], report: FileReport) -> str:
    """The Slug field, else one made from the file name ("" and a problem when it can't be)."""
    try:
        return str(values.get("slug") or make_slug(path.stem))
    except FieldError as error:
        report.add(1, f"the file name {error.message}", error.fix)
        return ""
