"""Reading a campaign file (and its words in another language) and a fixed page into the
model."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .carddesign import card_design, partner_logos
from .colours import palette_failures
from .editions import primary
from .fields import CAMPAIGN_FIELDS, CAMPAIGN_TEXT_FIELDS, PAGE_FIELDS, FieldError
from .fields import slug as make_slug
from .model import Campaign, CampaignText, Page, Palette
from .posts import readable_source, report_rendering
from .problems import Problem, display_path
from .values import FileReport, read_values

if TYPE_CHECKING:
    from pathlib import Path

    from .loader import LoadedSite, SiteContext
    from .model import Image

CAMPAIGN_NEEDS = (
    "year",
    "theme",
    "starts",
    "ends",
    "hashtag",
    "background",
    "text_colour",
    "accent",
)


def load_campaign(path: Path, context: SiteContext, report: FileReport) -> Campaign | None:
    source = readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, CAMPAIGN_FIELDS, "campaign", report)
    year = values.get("year")
    if year is not None and path.stem != str(year):
        report.add(
            source.line_of("year"),
            f"Year is {year} but the file is called {path.name}.",
            f"name the file {year}.md, or correct the year.",
        )
    starts, ends = values.get("starts"), values.get("ends")
    if starts and ends and ends < starts:
        report.add(
            source.line_of("ends"),
            "Ends is before Starts.",
            "check the two dates of the campaign week.",
        )
    if all(name in values for name in ("background", "text_colour", "accent")):
        for failure in palette_failures(
            values["background"], values["text_colour"], values["accent"]
        ):
            report.add(source.line_of(failure.field), failure.message, failure.fix)
    card = card_design(source, values, context, report, campaign=True)
    logos = partner_logos(source, values, context, report)
    intro = context.renderer.render(source.body, source.body_line)
    report_rendering(intro, report)
    if any(name not in values for name in CAMPAIGN_NEEDS) or report.has_errors:
        return None
    language = context.editions.interface_language(values.get("language", ""))
    text = CampaignText(language, values["theme"], values["hashtag"], intro.html, path)
    return Campaign(
        year=values["year"],
        theme=values["theme"],
        starts=values["starts"],
        ends=values["ends"],
        hashtag=values["hashtag"],
        palette=Palette(values["background"], values["text_colour"], values["accent"]),
        partners=values.get("partners", ()),
        intro_markdown=source.body.strip(),
        source_path=path,
        intro_html=intro.html,
        images=tuple(intro.images),
        featured=values.get("featured", ""),
        featured_line=source.line_of("featured"),
        card=card,
        partner_logos=logos,
        texts=(text,),
        language=language,
    )


def is_campaign_translation(path: Path) -> bool:
    """content/campaigns/2025.cy.md: a campaign's words in another language."""
    return "." in path.stem


def load_campaign_text(
    path: Path, context: SiteContext, report: FileReport
) -> tuple[int, CampaignText, tuple[Image, ...]] | None:
    """A campaign translation's year, words and the photos its introduction shows."""
    source = readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, CAMPAIGN_TEXT_FIELDS, "campaign", report)
    year, language = values.get("year"), primary(values.get("language", ""))
    if year is not None and language and path.name != f"{year}.{language}.md":
        report.add(
            source.line_of("year"),
            f"Year is {year} and Language is {language}, but the file is called {path.name}.",
            f"name the file {year}.{language}.md (the campaign's own file is {year}.md).",
        )
    intro = context.renderer.render(source.body, source.body_line)
    report_rendering(intro, report)
    if report.has_errors or year is None or not language:
        return None
    text = CampaignText(language, values["theme"], values["hashtag"], intro.html, path)
    return year, text, tuple(intro.images)


def load_page(path: Path, context: SiteContext, report: FileReport) -> Page | None:
    source = readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, PAGE_FIELDS, "page", report)
    try:
        slug = make_slug(values.get("slug") or path.stem)
    except FieldError as error:
        report.add(source.line_of("slug"), f"the page's address {error.message}", error.fix)
        slug = ""
    rendered = context.renderer.render(source.body, source.body_line)
    report_rendering(rendered, report)
    if report.has_errors or not slug:
        return None
    return Page(
        path,
        slug,
        values.get("title", ""),
        values.get("summary", ""),
        rendered.html,
        tuple(rendered.images),
        source.line_of("slug"),
        language=values.get("language", ""),
        translation_key=values.get("translation_key", ""),
    )


def add_campaign_text(path: Path, context: SiteContext, report: FileReport) -> None:
    """A campaign's words in another language join the campaign they translate."""
    found = load_campaign_text(path, context, report)
    if found is None:
        return
    year, text, images = found
    campaign = context.campaigns.get(year)
    if campaign is None:
        report.add(
            1,
            f"there is no campaign for {year}, so there is nothing to translate.",
            f"add content/campaigns/{year}.md (the campaign itself), or correct the year.",
        )
    elif (same := campaign.text_in(text.language)) is not None:
        report.add(
            1,
            f"the {year} campaign already has its words in this language "
            f"({display_path(same.source_path or campaign.source_path, context.project_root)}).",
            "keep one file per campaign and language: remove or merge the other one.",
        )
    else:
        context.campaigns[year] = dataclasses.replace(
            campaign, texts=(*campaign.texts, text), images=(*campaign.images, *images)
        )


def featured_problems(site: LoadedSite) -> list[Problem]:
    """A campaign's Featured field must name a post of that campaign with a quote."""
    problems = []
    for year, campaign in site.context.campaigns.items():
        if not campaign.featured:
            continue
        own = [p for p in site.posts if p.campaign_year == year and p.quotes]
        if any(post.slug == campaign.featured for post in own):
            continue
        examples = ", ".join(sorted(post.slug for post in own)[:3]) or "none yet"
        problems.append(
            Problem(
                display_path(campaign.source_path, site.context.project_root),
                campaign.featured_line,
                f'Featured is "{campaign.featured}", but no quote post or blog post with a pull '
                f"quote in the {year} campaign has that name.",
                "write the file name of one of the year's posts without .md (posts of "
                f"{year} with quotes: {examples}), or leave Featured out to show the newest quote.",
            )
        )
    return problems
