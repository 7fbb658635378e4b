"""The feeds plugin's settings: defaults, types and what each is for, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from coproweek_content.config import Settings, option, positive

FORMATS = ("atom", "rss")
GROUPS = ("site", "campaigns", "types")


def _chosen_from(allowed: tuple[str, ...]) -> Any:
    def check(value: tuple[str, ...]) -> str:
        wrong = [item for item in value if item not in allowed]
        return f"has {wrong[0]!r}; choose from {', '.join(allowed)}." if wrong else ""

    return check


@dataclass(frozen=True)
class FeedsSettings(Settings):
    PREFIX = "COPROWEEK_FEEDS_"
    siteurl: str = option(
        "http://localhost:8000",
        "Feeds need full addresses; used while SITEURL is empty (local builds).",
    )
    item_limit: int | None = option(
        50, "The most posts one feed lists, newest first; None lists every post.", positive
    )
    groups: tuple[str, ...] = option(
        GROUPS, "Which feeds to write: site, campaigns, types.", _chosen_from(GROUPS)
    )
    per_tag: bool = option(False, "Also write one feed per tag.")
    formats: tuple[str, ...] = option(FORMATS, "Which formats: atom, rss.", _chosen_from(FORMATS))
    id_authority: str = option(
        "",
        "The name in every post's permanent id; empty: the host of the site's address. "
        "Set it once when the site goes public and never change it.",
    )
    campaign_url: str | None = option(
        None,
        "The page a campaign feed links to, {year} filled in; None: the campaign page.",
    )
    dir: str = option("feeds", "The folder the feeds and the page about them are written to.")


# Only posts whose author agreed to this consent channel go into feeds.
CONSENT_CHANNEL = "newsletter"
# The stylesheet that turns a feed into a readable page in a browser (in the theme's static folder).
STYLESHEET = "feed.xsl"
FEEDS_PAGE_TEMPLATE = "feeds"
CAMPAIGN_PAGE = "campaigns/{year}/"  # the campaign pages' addresses (coproweek_campaigns)


def site_url(settings: dict[str, Any]) -> str:
    """The absolute address of the site (of this edition: the Welsh one's ends in /cy),
    without a slash at the end. A SITEURL without a host (empty, or "/cy" in a local build's
    other edition) goes after COPROWEEK_FEEDS_SITEURL."""
    chosen = str(settings.get("SITEURL") or "")
    if urlsplit(chosen).scheme:
        return chosen.rstrip("/")
    fallback = FeedsSettings.of(settings).siteurl.rstrip("/")
    path = chosen.strip("/")
    return f"{fallback}/{path}" if path else fallback


def campaign_page(settings: dict[str, Any], year: int) -> str:
    return (FeedsSettings.of(settings).campaign_url or CAMPAIGN_PAGE).format(year=year)
