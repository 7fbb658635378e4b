"""Content checks for cards: every quote and event fits its cards, every character has a
font, and every text on a card has enough contrast with what is behind it.

`card_problems(site, settings, build)` is called by the build's content checks, so these
problems are reported with file and line like any other, before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coproweek_content.colours import contrast
from coproweek_content.loader import LoadedSite
from coproweek_content.problems import Problem, display_path
from coproweek_content.source import read_source

from .bilingual import compose_card, layout_of
from .cache import CardCache
from .layouts import FORMATS, LAYOUTS, PHOTO
from .plan import Card, CardOptions, card_style, name_images
from .settings import MIN_CONTRAST, CardsSettings, cache_dir
from .state import CardsBuild
from .text import DoesNotFit, MissingGlyph, describe_char

PALETTE_FIELDS = {"background": "background", "text": "text_colour", "accent": "accent"}
PALETTE_LABELS = {"background": "Background", "text": "Text-colour", "accent": "Accent"}


def card_problems(site: LoadedSite, settings: dict[str, Any], build: CardsBuild) -> list[Problem]:
    if not CardsSettings.of(settings).enabled:
        return []
    options = CardOptions.from_settings(settings)
    problems = contrast_problems(site, options)
    if options.logo and not Path(options.logo).is_file():
        return problems + [
            Problem(
                "pelicanconf.py",
                1,
                f"COPROWEEK_CARDS_LOGO is {options.logo}, but there is no such file.",
                "correct the path (relative to the project folder), or remove the setting "
                "to show the site name instead.",
            )
        ]
    cache = CardCache(cache_dir(settings))
    problems += photo_problems(site)
    for card in build.planned_cards(site, options):
        if card.style == PHOTO and "photo" not in card.words:
            continue  # no photo to draw it on: photo_problems says so
        problems += _fit_problems(card, options, cache)
    return problems


def photo_problems(site: LoadedSite) -> list[Problem]:
    """A post whose cards are to show a photo (its own Card-layout, or its campaign's) needs
    a photo with consent: its own Card-photo, or its campaign's."""
    problems: list[Problem] = []
    root = site.context.project_root
    for post in site.published:
        if not post.consent.allows("social"):
            continue
        campaign = site.context.campaigns.get(post.campaign_year) if post.campaign_year else None
        style, photo = card_style(post, campaign)
        if style != PHOTO or photo is not None:
            continue
        problems.append(
            Problem(
                display_path(post.source_path, root),
                post.card.line or (read_source(post.source_path).line_of("campaign") or 1),
                "this post's cards use the photo layout, but there is no photo for them: "
                "neither the post nor its campaign has a Card-photo with Card-photo-alt and "
                "Card-photo-consent.",
                "add Card-photo: /images/... with Card-photo-alt: (what it shows) and "
                "Card-photo-consent: (the consent id of the people in it, or: no people), "
                "or choose another Card-layout: bold or light.",
            )
        )
    return problems


def contrast_problems(site: LoadedSite, options: CardOptions) -> list[Problem]:
    problems: list[Problem] = []
    palettes: list[tuple[str, Path | None, dict[str, Any]]] = [
        (display_path(c.source_path, site.context.project_root), c.source_path, c.palette.__dict__)
        for _, c in sorted(site.context.campaigns.items())
    ]
    palettes.append(("pelicanconf.py", None, options.default_palette))
    for shown, path, raw in palettes:
        palette = {"background": raw["background"], "text": raw["text"], "accent": raw["accent"]}
        seen: set[tuple[str, str]] = set()
        for layout in LAYOUTS.values():
            for layer in layout.text_layers():
                pair = (layer.colour, layer.behind)
                if layer.colour not in palette or layer.behind not in palette:
                    continue  # words on a photo: the scrim gives them their contrast
                ratio = contrast(palette[layer.colour], palette[layer.behind])
                if pair in seen or ratio >= MIN_CONTRAST:
                    continue
                seen.add(pair)
                line = read_source(path).line_of(PALETTE_FIELDS[layer.colour]) if path else 1
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"cards draw {layer.source} text in {PALETTE_LABELS[layer.colour]} "
                        f"{palette[layer.colour]} on {PALETTE_LABELS[layer.behind]} "
                        f"{palette[layer.behind]}: the contrast is {ratio:.2f} to 1, "
                        f"below the {MIN_CONTRAST} to 1 people need to read it.",
                        f"choose a darker or lighter {PALETTE_LABELS[layer.colour]} (check it "
                        "with a contrast checker) so the two colours differ more.",
                    )
                )
    return problems


def _fit_problems(card: Card, options: CardOptions, cache: CardCache) -> list[Problem]:
    try:
        if not card.images:  # planning could not name it: say which character fails
            name_images(card, options)
    except MissingGlyph as missing:
        chars = ", ".join(describe_char(c) for c in missing.characters)
        return [
            Problem(
                card.source,
                card.line,
                f"no font the cards use can draw {chars}: it would show as an empty box.",
                "remove or replace the character, or add a font that has it to "
                "COPROWEEK_CARDS_EXTRA_FONTS in pelicanconf.py.",
            )
        ]
    failed: list[str] = []
    parts: set[str] = set()
    layout = layout_of(card.layout)
    names = {**PARTS, "text": "the title"} if card.kind == "event" else PARTS
    for name, image in card.images.items():
        fmt = FORMATS[name]
        if cache.has(image.key, image.extension):
            continue  # drawn before with exactly these inputs, so it fits
        try:
            compose_card(card.words, layout, fmt, options.fonts, card.palette)
        except DoesNotFit as error:
            parts.add(str(error))
            failed.append(
                f"{fmt.label} ({fmt.width}x{fmt.height}: {names.get(str(error), str(error))})"
            )
    if not failed:
        return []
    return [
        Problem(
            card.source,
            card.line,
            f"this {_what(card)} does not fit on its social media card even at the smallest "
            f"readable type size: {'; '.join(failed)}.",
            _event_fix(parts) if card.kind == "event" else _fix(card),
        )
    ]


PARTS = {
    "text": "the words",
    "attribution": "the name and role",
    "kicker": "the line above the title",
    "hashtag": "the hashtag",
    "wordmark": "the site name",
    "partner_logos": "the partner logos",
    "notice": "the word CANCELLED",
    "when": "the date and time",
    "place": "the place",
}


def _what(card: Card) -> str:
    if card.kind == "quote":
        return "pull quote" if card.source.startswith("content/blog") else "quote"
    if card.kind == "event":
        return "event"
    return "theme" if card.slug.startswith("campaign-") else "title"


def _fix(card: Card) -> str:
    if card.layout.endswith("-bilingual"):
        translation = card.source.removesuffix(".md") + ".cy.md"
        return (
            "shorten the Theme or the Hashtag here or in its Welsh words "
            f"({translation}): the campaign's card shows both, and partner logos beside them."
        )
    return {
        "quote": "add a line near the top: Excerpt: (the most important sentence or two), "
        "which the card shows instead.",
        "pull quote": "shorten the pull quote.",
        "theme": "shorten the Theme, or the Hashtag.",
        "title": "shorten the Title.",
    }[_what(card)]


def _event_fix(parts: set[str]) -> str:
    fixes = []
    if "text" in parts:
        fixes.append("shorten the Title (the Summary and the description can say more)")
    if "place" in parts:
        fixes.append("shorten the Venue or the Address (the description can give directions)")
    return "; ".join(fixes or ["shorten the Title"]) + "."
