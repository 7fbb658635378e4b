"""The feeds generator: plans the feeds, renders the page about them, then (once every
other generator has written its files, so cards exist) writes the feeds themselves."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from coproweek_content.buildstate import BuildState
from pelican.generators import Generator

from .channels import FeedIndex
from .edition import edition_of
from .items import Card, resolve_card
from .plan import plan_feeds
from .render import feed_bytes, stylesheet_href, write_feed
from .settings import FEEDS_PAGE_TEMPLATE, STYLESHEET, site_url
from .stylesheet import write_stylesheet

# Under "pelican", so the build command hears the warning (and publishes nothing).
logger = logging.getLogger("pelican.coproweek_feeds")

# The plan of the build in progress, kept in its build state for the `finalized` signal.
STATE_PART = "coproweek_feeds"


class FeedsGenerator(Generator):
    """Adds `feeds` to the template context and writes the feeds page."""

    def generate_context(self) -> None:
        index = plan_feeds(list(self.context.get("articles", [])), self.settings)
        self.context["feeds"] = index
        BuildState.of(self.settings).set_part(STATE_PART, index)

    def generate_output(self, writer: Any) -> None:
        index: FeedIndex = self.context["feeds"]
        if not index.channels:
            return
        writer.write_file(
            f"{index.page_path}index.html",
            self.get_template(FEEDS_PAGE_TEMPLATE),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=index.page_path,
        )


def write_planned_feeds(pelican: Any) -> None:
    """Write every planned feed in every chosen format, and the stylesheet that shows them
    in a browser in the edition's language (signal `finalized`)."""
    output_path = Path(pelican.output_path).resolve()
    index = BuildState.of(pelican.settings).get_part(STATE_PART)
    if not isinstance(index, FeedIndex):
        return
    settings = pelican.settings
    base = site_url(settings)
    static_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    cards = _cards(index, base, output_path)
    for channel in index.channels:
        for link in channel.links:
            xml = feed_bytes(
                channel,
                link.format,
                cards,
                sitename=settings.get("SITENAME", ""),
                language=settings.get("DEFAULT_LANG", "en"),
                stylesheet=stylesheet_href(link.path, f"{static_dir}/{STYLESHEET}"),
            )
            write_feed(output_path, link.path, xml)
    if index.channels:
        theme_file = Path(settings["THEME"]) / "static" / STYLESHEET
        target = output_path / static_dir / STYLESHEET
        write_stylesheet(theme_file, target, edition_of(settings).words)


def _cards(index: FeedIndex, base: str, output_path: Path) -> dict[str, Card]:
    found: dict[str, Card] = {}
    for channel in index.channels:
        for item in channel.items:
            if item.card_source is None or item.id in found:
                continue
            card = resolve_card(item.card_source, base, output_path)
            if card is None:
                logger.warning(
                    "The card of %s was not found in the output, so its feeds carry no image",
                    item.url,
                )
                continue
            found[item.id] = card
    return found
