"""Defaults for every COPROWEEK_CAMPAIGNS_* setting, in one place."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # How many related posts each post lists.
    "COPROWEEK_CAMPAIGNS_RELATED_COUNT": 3,
    # Where the campaign pages go; {year} is the campaign year.
    "COPROWEEK_CAMPAIGNS_URL": "campaigns/{year}/",
    "COPROWEEK_CAMPAIGNS_ARCHIVE_URL": "campaigns/",
    "COPROWEEK_CAMPAIGNS_ORGANISATIONS_URL": "organisations/",
    "COPROWEEK_CAMPAIGNS_WELLBEING_URL": "wellbeing/",
    # Where coproweek_cards writes each campaign's card gallery (used unless that plugin
    # gives a `card_galleries` mapping of year -> address itself).
    "COPROWEEK_CAMPAIGNS_GALLERY_URL": "campaigns/{year}/cards/",
    # The share links under each post, in this order (see share.py for the choices).
    "COPROWEEK_CAMPAIGNS_SHARE": [
        "email",
        "whatsapp",
        "bluesky",
        "mastodon",
        "x",
        "facebook",
        "linkedin",
    ],
    # The Mastodon server the share link opens; readers on another server change it there.
    "COPROWEEK_CAMPAIGNS_MASTODON_SERVER": "mastodon.social",
    # Write output/404.html (the page a web server shows for a missing address).
    "COPROWEEK_CAMPAIGNS_404": True,
}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])
