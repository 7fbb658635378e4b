"""Reading one quote or blog post into the model: its fields, its person and their
consent, its photos and its text, rendered once and sanitised."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import body as body_parts
from . import safety
from .fields import BLOG_FIELDS, QUOTE_FIELDS, FieldError
from .fields import slug as make_slug
from .model import CHANNELS, Consent, Image, Naming, Person, Post, Quote
from .problems import Severity
from .references import IMAGE_FIX, ReferenceProblem, resolve_photo
from .render import Rendered
from .source import SourceFile, read_source
from .values import MARKUP, FileReport, read_values

if TYPE_CHECKING:
    from pathlib import Path

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


def load_post(path: Path, kind: str, context: SiteContext, report: FileReport) -> Post | None:
    source = readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, QUOTE_FIELDS if kind == "quote" else BLOG_FIELDS, kind, report)
    name_key = "speaker" if kind == "quote" else "author"
    person, consent = _person_and_consent(source, values, name_key, report)

    year = values.get("campaign")
    if year is not None and year not in context.campaigns:
        known = ", ".join(str(y) for y in sorted(context.campaigns)) or "none yet"
        report.add(
            source.line_of("campaign"),
            f"there is no campaign for {year}. Campaigns we have: {known}.",
            f"correct the year, or add content/campaigns/{year}.md for the new campaign. "
            "Leave Campaign out for a post outside a campaign week.",
        )
    try:
        slug = values.get("slug") or make_slug(path.stem)
    except FieldError as error:
        report.add(1, f"the file name {error.message}", error.fix)
        slug = ""

    hero = _hero(source, values, kind, context, report)
    rendered = context.renderer.render(source.body, source.body_line)
    report_rendering(rendered, report)
    _personal_details(source, report, person)
    quotes = _quotes(source, values, kind, person, rendered, context, report)
    if report.has_errors:
        return None
    role = values.get("role", "")
    organisation = values.get("organisation", "")
    title = values.get("title") or ", ".join(p for p in (person.display_name, role) if p)
    summary = values.get("summary") or (quotes[0].card_text if quotes else "")
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
        quotes=tuple(quotes),
        html=rendered.html,
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


def _quotes(
    source: SourceFile,
    values: dict[str, Any],
    kind: str,
    person: Person,
    rendered: Rendered,
    context: SiteContext,
    report: FileReport,
) -> list[Quote]:
    """The quotes a post's cards are made from: its words as the page shows them (after
    sanitising), never the Markdown as written."""
    text = rendered.text
    limit = context.card_max_chars
    role, organisation = values.get("role", ""), values.get("organisation", "")
    if kind == "quote":
        if not text:
            report.add(
                source.body_line,
                "the quote is empty.",
                "write the quote after the blank line that ends the fields at the top.",
            )
        excerpt = values.get("excerpt", "")
        if excerpt and len(excerpt) > limit:
            report.add(
                source.line_of("excerpt"),
                f"the Excerpt is {len(excerpt)} characters long; a social media card holds at most {limit}.",
                "shorten the Excerpt.",
            )
        elif not excerpt and len(text) > limit:
            report.add(
                source.body_line,
                f"the quote is {len(text)} characters long, too long for a social media card (at most {limit}).",
                "add a line near the top: Excerpt: (the most important sentence or two of the quote).",
            )
        return [Quote(text, person.display_name, role, organisation, excerpt, source.body_line)]
    quotes = []
    shown = rendered.pull_quotes
    for number, pull in enumerate(body_parts.find_pull_quotes(source.body, source.body_line)):
        if MARKUP.search(pull.speaker) or MARKUP.search(pull.role):
            report.add(
                pull.line,
                "the name and role of this pull quote are plain text, so they cannot hold HTML.",
                "end the quote with a line like: > — Dafydd, Expert Citizen",
            )
        if not pull.speaker or not pull.role:
            report.add(
                pull.line,
                "this pull quote's last line should give a name and a role, separated by a comma.",
                "end the quote with a line like: > — Dafydd, Expert Citizen",
            )
        if number >= len(shown):
            continue  # not a pull quote on the page (inside a list, say): no card either
        words, attribution = shown[number]
        if len(words) > limit:
            report.add(
                pull.line,
                f"this pull quote is {len(words)} characters long; a social media card holds at most {limit}.",
                "shorten the pull quote.",
            )
        speaker, pull_role = body_parts.split_attribution(attribution)
        quotes.append(Quote(words, speaker, pull_role, "", "", pull.line))
    return quotes


def _person_and_consent(
    source: SourceFile, values: dict[str, Any], name_key: str, report: FileReport
) -> tuple[Person, Consent]:
    label = "Speaker" if name_key == "speaker" else "Author"
    naming: Naming = values.get("naming", Naming.FIRST_NAME)
    name = values.get(name_key, "")
    if (
        naming is not Naming.ANONYMOUS
        and not name
        and name_key not in source.fields
        and name_key not in report.suggested
    ):
        report.add(
            1,
            f"{label} is missing.",
            f"add a line near the top: {label}: (the person's name). If they do not want to be named, add: Naming: anonymous",
        )
    place = values.get("place", "")
    if naming is Naming.FIRST_NAME_AND_PLACE and not place:
        report.add(
            source.line_of("naming"),
            'Naming is "first name and place" but there is no Place.',
            "add a line: Place: (the town or area the person agreed to), for example Place: Machynlleth",
        )
    reference = values.get("consent", "")
    if naming is not Naming.ANONYMOUS and not reference and "consent" not in source.fields:
        report.add(
            1,
            f"Consent is missing: this post names a person ({label}).",
            "add a line: Consent: (the id of their consent record in your organisation's private "
            "register), for example Consent: C-2024-017",
        )
    chosen_channels = values.get("channels")
    if chosen_channels is None and "channels" not in source.fields:
        report.add(
            1,
            "Channels is missing: we need to know where the person agreed their words can appear.",
            f"add a line listing what they agreed to, from: {', '.join(CHANNELS)}. For example: Channels: web, social",
        )
    consent = Consent(
        reference=reference,
        channels=chosen_channels if chosen_channels is not None else frozenset(),
        ends=values.get("consent_ends"),
        withdrawn=values.get("withdrawn", False),
    )
    return Person(name=name, naming=naming, place=place), consent


def _personal_details(source: SourceFile, report: FileReport, person: Person | None) -> None:
    hidden_name = person.name if person and person.naming is not Naming.FULL_NAME else ""
    for finding in safety.personal_details(source.body, source.body_line, hidden_name):
        report.add(finding.line, finding.message, finding.fix, Severity.WARNING)
