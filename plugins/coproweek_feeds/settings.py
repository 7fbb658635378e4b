"""Defaults for every COPROWEEK_FEEDS_* setting, in one place.

Set any of them in pelicanconf.py (or publishconf.py) to change it.
"""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Feeds must carry full addresses. SITEURL is empty while previewing on your own
    # computer, so this address is used instead; publishconf.py sets the real SITEURL.
    "COPROWEEK_FEEDS_SITEURL": "http://localhost:8000",
    # The most posts one feed lists (newest first). None lists every post.
    "COPROWEEK_FEEDS_ITEM_LIMIT": 50,
    # Which groups of feeds to write: the whole site, one per campaign year, one per type.
    "COPROWEEK_FEEDS_GROUPS": ("site", "campaigns", "types"),
    # Also write one feed per tag (many small files on a big site).
    "COPROWEEK_FEEDS_PER_TAG": False,
    # Which formats to write for every feed.
    "COPROWEEK_FEEDS_FORMATS": ("atom", "rss"),
    # The name in every post's permanent id (tag:NAME,DATE:...). Empty means the host of
    # the site's address. Set it once when the site goes public and never change it:
    # feed readers use the id to know which posts they have already shown.
    "COPROWEEK_FEEDS_ID_AUTHORITY": "",
    # The page a campaign feed links to, with {year} filled in (relative to the site).
    # None: the campaign page (COPROWEEK_CAMPAIGNS_URL), else the archive of that year.
    "COPROWEEK_FEEDS_CAMPAIGN_URL": None,
    # The folder the feeds and the page about them are written to.
    "COPROWEEK_FEEDS_DIR": "feeds",
}

# Only posts whose author agreed to this consent channel go into feeds.
CONSENT_CHANNEL = "newsletter"
# The stylesheet that turns a feed into a readable page in a browser (in the theme's static folder).
STYLESHEET = "feed.xsl"
FEEDS_PAGE_TEMPLATE = "feeds"


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def site_url(settings: dict[str, Any]) -> str:
    """The absolute address of the site, without a slash at the end."""
    return (settings.get("SITEURL") or setting(settings, "COPROWEEK_FEEDS_SITEURL")).rstrip("/")


def campaign_page(settings: dict[str, Any], year: int) -> str:
    pattern = (
        setting(settings, "COPROWEEK_FEEDS_CAMPAIGN_URL")
        or settings.get("COPROWEEK_CAMPAIGNS_URL")
        or "{year}/"
    )
    return pattern.format(year=year)
