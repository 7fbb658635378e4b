"""A campaign's title card: on a bilingual site, one card in both languages (Welsh first)
when the campaign has its words in both; else the card in the edition's language.

Both editions plan the same bilingual card (the same words, in the same order), so both
sites show the same image. Its alt texts say everything in each language in turn, and the
gallery marks each part with its language.
"""

from __future__ import annotations

from coproweek_content.loader import LoadedSite
from coproweek_content.model import DEFAULT_CARD_LAYOUT, Campaign
from coproweek_content.problems import display_path
from coproweek_content.source import read_source

from . import alt, captions
from .bilingual import KIND, layout_of
from .cardmodel import Card, CardOptions
from .cardwords import (
    campaign_card,
    campaign_dates,
    campaign_name,
    corner_words,
    design_words,
    page_link,
    palette_of,
    partners_shown,
)
from .layouts import PHOTO, layout_name


def title_card(campaign: Campaign, site: LoadedSite, options: CardOptions) -> Card:
    """The campaign's title card: bilingual where the site and the campaign are."""
    texts = [campaign.text_in(language) for language in options.together]
    if len(texts) < 2 or not all(text is not None and text.theme for text in texts):
        return campaign_card(campaign, site, options)
    first, second = (text for text in texts if text is not None)
    languages = (first.language, second.language)
    names = [campaign_name(campaign.year, options.words(language)) for language in languages]
    dates = [campaign_dates(campaign, options.words(language)) for language in languages]
    hashtags = " ".join(dict.fromkeys(tag for tag in (first.hashtag, second.hashtag) if tag))
    style = campaign.card.layout or DEFAULT_CARD_LAYOUT
    photo = campaign.card.photo if style == PHOTO else None
    corner = {**corner_words(options), "hashtag": hashtags}
    # The site's names (or of its logo): the same words on both editions' card.
    corner["wordmark"] = options.wordmark_together or corner["wordmark"]
    words = {
        "kicker": names[0],
        "text": first.theme,
        "attribution": dates[0],
        "kicker_2": names[1],
        "text_2": second.theme,
        "attribution_2": dates[1],
        **corner,
        **design_words(photo, campaign, site),
    }
    layout = layout_name(style, KIND)
    palette = palette_of(campaign, options)
    extras = alt.Extras(photo.alt if photo else "", partners_shown(campaign))
    url = f"campaigns/{campaign.year}/"
    link = page_link(url, options)
    parts: list[tuple[str, str, str]] = []  # (language, alt, alt_long)
    for number, (language, text) in enumerate(zip(languages, (first, second), strict=True)):
        own = {"kicker": names[number], "text": text.theme, "attribution": dates[number]}
        own |= corner | {"wordmark": corner["wordmark"].replace("\n", " · ")}
        shown = options.words(language)
        parts.append(
            (
                language,
                alt.short_alt("title", own, shown),
                alt.long_alt(
                    "title", own, palette, names[number], layout_of(layout), extras, shown
                ),
            )
        )
    whole = [
        f"{name}: {alt.sentence(text.theme)} {alt.sentence(day)}"
        for name, text, day in zip(names, (first, second), dates, strict=True)
    ]
    short = [
        f"{name}: {alt.sentence(text.theme)}"
        for name, text in zip(names, (first, second), strict=True)
    ]
    caption, pieces = _caption((whole, short), link, hashtags)
    return Card(
        source=display_path(campaign.source_path, site.context.project_root),
        line=read_source(campaign.source_path).line_of("theme") or 1,
        kind="title",
        number=0,
        slug=f"campaign-{campaign.year}",
        folder=str(campaign.year),
        layout=layout,
        words=words,
        palette=palette,
        alt=" ".join(part[1] for part in parts),
        alt_long=" ".join(part[2] for part in parts),
        caption=caption,
        page_url=url,
        title=campaign.theme,
        campaign_year=campaign.year,
        language=" ".join(languages),
        parts=tuple(
            (language, short, long, piece)
            for (language, short, long), piece in zip(parts, pieces, strict=True)
        ),
    )


def _caption(
    versions: tuple[list[str], list[str]], link: str, hashtags: str
) -> tuple[str, tuple[str, str]]:
    """The suggested post: each language's words in turn, then the link and the hashtags,
    with the part of it in each language; without the dates when that is too long, and
    shortened as other cards' posts are when even that is."""
    tail = " ".join(part for part in (link, hashtags) if part)
    for first, second in versions:
        text = f"{first} {second} {tail}"
        if captions.fits_everywhere(text):
            return text, (first, f"{second} {tail}")
    text = captions.caption(" ".join(versions[1]), "", link, hashtags)
    return text, (text, "")
