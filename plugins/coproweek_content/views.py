"""Each edition's view of the site: what one language's Pelican run publishes."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .model import Campaign

if TYPE_CHECKING:
    from .loader import LoadedSite


def edition_view(site: LoadedSite, language: str) -> LoadedSite:
    """The site as the edition in `language` publishes it: its own posts and pages, every
    event (with the words around it, such as its date, in that language), and each campaign
    with its words in that language (when it has them)."""
    editions = site.context.editions
    campaigns = {
        year: campaign_in(campaign, language) for year, campaign in site.context.campaigns.items()
    }
    context = dataclasses.replace(site.context, campaigns=campaigns, _renderer=None)
    return dataclasses.replace(
        site,
        context=context,
        posts=[post for post in site.posts if editions.edition_of(post.language) == language],
        pages=[page for page in site.pages if editions.edition_of(page.language) == language],
        events=[dataclasses.replace(event, interface_language=language) for event in site.events],
        problems=[],  # the whole site's problems are reported once
        _by_path={},
    )


def campaign_in(campaign: Campaign, language: str) -> Campaign:
    text = campaign.text_in(language)
    if text is None or campaign.language == language:
        return campaign
    return dataclasses.replace(
        campaign,
        theme=text.theme,
        hashtag=text.hashtag,
        intro_html=text.intro_html,
        language=language,
    )
