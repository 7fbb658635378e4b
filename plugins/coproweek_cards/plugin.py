"""The cards plugin's signal handlers (see the package's docstring for what each does)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.problems import display_path
from coproweek_content.state import content_loaded, settings_wanted
from pelican import signals

from .cache import CardCache
from .checks import card_problems
from .generator import CardsGenerator, finish_packs, gallery_url
from .plan import Card, CardOptions, event_card, name_images, post_cards
from .settings import CardsSettings
from .state import PART, CardsBuild
from .text import MissingGlyph


def connect() -> None:
    settings_wanted.connect(declare_settings)
    content_loaded.connect(check_cards)
    signals.article_generator_finalized.connect(plan_cards)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish_cards)


def declare_settings(state: Any) -> type:
    return CardsSettings


def check_cards(state: BuildState, settings: dict[str, Any]) -> None:
    """Cards are checked with the content: a quote too long for its card is a content
    problem, reported before anything is written."""
    build = state.part(PART, CardsBuild)
    state.extra_problems += card_problems(state.loaded, settings, build)


def plan_cards(article_generator: Any) -> None:
    settings = article_generator.settings
    if not CardsSettings.of(settings).enabled:
        return
    build = CardsBuild.of(settings)
    site = BuildState.of(settings).loaded
    options = CardOptions.from_settings(settings)
    # Cards without file names have a character no font draws: the checks report them.
    cards = [card for card in build.planned_cards(site, options) if card.images]
    by_source: dict[str, list[Card]] = {}
    for card in cards:
        by_source.setdefault(card.source, []).append(card)
    for article in article_generator.articles + article_generator.translations:
        shown = display_path(Path(article.source_path), site.context.project_root)
        mine = by_source.get(shown, [])
        article.cards = mine
        article.card = mine[0].link if mine else None
    context = article_generator.context
    context["campaign_cards"] = {
        card.campaign_year: card for card in cards if card.slug.startswith("campaign-")
    }
    context["card_galleries"] = {year: gallery_url(year) for year in site.context.campaigns}
    context["event_cards"] = {card.page_url: card for card in cards if card.kind == "event"}
    build.start_drawing(cards, settings)
    assert build.cache is not None
    build.takedown = takedown_names(site, options, build.cache, {card.source for card in cards})


def finish_cards(pelican: Any) -> None:
    build = BuildState.of(pelican.settings).get_part(PART)
    if build is not None:
        finish_packs(build)


def takedown_names(
    site: Any, options: CardOptions, cache: CardCache, sources: set[str]
) -> dict[str, list[str]]:
    """Card file names of posts taken down and of withdrawn events: every name the cache has
    seen for them, and the names their current words would have; and of files deleted or
    renamed since the last build (listed once: they leave the cache's history, which is
    saved with this build)."""
    found: dict[str, list[str]] = {}
    root = site.context.project_root
    known = sources | {display_path(p.source_path, root) for p in (*site.posts, *site.events)}
    for source in sorted(set(cache.history) - known):
        found[source] = sorted(cache.history.pop(source))
    today = site.context.today
    for post in site.published:  # people quoted in a post who withdrew: their cards only
        gone = {post.quotes.index(quote) + 1 for quote in post.withdrawn_quotes(today)}
        source = display_path(post.source_path, site.context.project_root)
        prefixes = tuple(f"{post.slug}-{number}-" for number in gone)
        names = {
            name for name in cache.history.get(source, []) if prefixes and name.startswith(prefixes)
        }
        if names:
            found[source] = sorted(names)
    for post in site.taken_down:
        source = display_path(post.source_path, site.context.project_root)
        names = set(cache.history.get(source, []))
        if post.consent.allows("social"):
            for card in post_cards(post, site, options, every_quote=True):
                names |= _names_of(card, options)
        if names:
            found[source] = sorted(names)
    for event in site.events:
        if event.withdrawn:
            source = display_path(event.source_path, root)
            names = set(cache.history.get(source, [])) | _names_of(
                event_card(event, site, options), options
            )
            if names:
                found[source] = sorted(names)
    return found


def _names_of(card: Card, options: CardOptions) -> set[str]:
    """The file names a card has now (none when a character has no font: never drawn)."""
    try:
        name_images(card, options)
    except MissingGlyph:
        return set()
    return {image.file_name for image in card.images.values()}


def get_generators(pelican: Any) -> type:
    return CardsGenerator
