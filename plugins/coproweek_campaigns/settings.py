"""The campaigns plugin's settings, and the addresses of the pages it writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coproweek_content.config import Settings, option, positive

from .share import NETWORKS

# The addresses of its pages (the content model keeps them free: coproweek_content.addresses).
CAMPAIGN_URL = "campaigns/{year}/"
ARCHIVE_URL = "campaigns/"
ORGANISATIONS_URL = "organisations/"
WELLBEING_URL = "wellbeing/"
GALLERY_URL = "campaigns/{year}/cards/"  # coproweek_cards' gallery, unless it says otherwise


def _networks(value: tuple[str, ...]) -> str:
    wrong = [name for name in value if name not in NETWORKS]
    return f"has {wrong[0]!r}; choose from {', '.join(NETWORKS)}." if wrong else ""


@dataclass(frozen=True)
class CampaignsSettings(Settings):
    PREFIX = "COPROWEEK_CAMPAIGNS_"
    related_count: int = option(3, "How many related posts each post lists.", positive)
    share: tuple[str, ...] = option(
        tuple(NETWORKS), "The share links under each post, in this order.", _networks
    )
    mastodon_server: str = option("mastodon.social", "The Mastodon server the share link opens.")
    not_found_page: bool = option(True, "Write output/404.html, the page for a missing address.")


def chosen(settings: Any) -> CampaignsSettings:
    return CampaignsSettings.of(settings)
