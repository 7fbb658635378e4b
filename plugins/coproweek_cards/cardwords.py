"""What each card says and how it looks: the cards of a post (its title card and a card
per quote whose person agreed to social media) and of a campaign, with their layout, photo,
logos, alt text and suggested post text (an event's card: eventcards.py). File names are
given in plan.py."""

from __future__ import annotations

from coproweek_content.dates import date_range
from coproweek_content.loader import LoadedSite, post_url
from coproweek_content.model import DEFAULT_CARD_LAYOUT, Campaign, CardPhoto, Post
from coproweek_content.problems import display_path
from coproweek_content.references import photo_at
from coproweek_content.source import read_source
from coproweek_content.words import Words

from . import alt, captions
from .bilingual import layout_of
from .cardmodel import Card, CardOptions
from .layouts import PHOTO, layout_name


def palette_of(campaign: Campaign | None, options: CardOptions) -> dict[str, str]:
    if campaign is None:
        return dict(options.default_palette)
    p = campaign.palette
    return {"background": p.background, "text": p.text, "accent": p.accent}


def campaign_name(year: int | None, words: Words) -> str:
    """Co-production Week 2025, in the language of `words` ("" for no campaign)."""
    return words.gettext("Co-production Week %(year)s") % {"year": year} if year else ""


def _quote_text(text: str) -> str:
    from .text import base_is_rtl

    text = " ".join(part.strip() for part in text.split("\n\n")).strip()
    text = "\n".join(" ".join(p.split()) for p in text.split("\n"))
    return text if base_is_rtl(text) else f"“{text}”"


def corner_words(options: CardOptions) -> dict[str, str]:
    """The words in the bottom corner, and the logo image drawn there instead, if any."""
    return {"wordmark": options.wordmark} | ({"logo": options.logo} if options.logo else {})


def post_cards(
    post: Post, site: LoadedSite, options: CardOptions, every_quote: bool = False
) -> list[Card]:
    """The cards of one post, without file names yet: of the quotes whose people agreed to
    social media today (or, with `every_quote`, of every quote: to list for takedown)."""
    campaign = site.context.campaigns.get(post.campaign_year) if post.campaign_year else None
    palette = palette_of(campaign, options)
    hashtag = campaign.hashtag if campaign else options.default_hashtag
    style, design = card_style(post, campaign)
    source = display_path(post.source_path, site.context.project_root)
    url = post_url(post)
    folder = str(post.campaign_year) if post.campaign_year else "misc"
    language = options.words()
    _ = language.gettext
    name = campaign_name(post.campaign_year, language)
    cards: list[Card] = []
    common = corner_words(options) | {"hashtag": hashtag} | design_words(design, campaign, site)
    extras = alt.Extras(design.alt if design else "", partners_shown(campaign))
    if post.kind == "blog":
        kicker = _("Blog · %(campaign)s") % {"campaign": name} if name else _("Blog")
        byline = _("By %(name)s") % {"name": post.byline}
        words = {"kicker": kicker, "text": post.title, "attribution": byline, **common}
        after = f"{byline}."
        cards.append(
            new_card(
                source,
                read_source(post.source_path).line_of("title") or 1,
                "title",
                0,
                post.slug,
                folder,
                words,
                palette,
                name,
                f"{post.title}: {post.summary}" if post.summary else post.title,
                after,
                url,
                post.title,
                post.campaign_year,
                options,
                style,
                extras,
            )
        )
    shown = post.shown_quotes(site.context.today, "social") if every_quote is False else post.quotes
    for number, quote in enumerate(post.quotes, start=1):
        if quote not in shown or not quote.card_text:
            continue  # no consent for social media, or too long and no excerpt chosen
        line = quote.line
        words = {
            "text": _quote_text(quote.card_text),
            "attribution": f"— {quote.attribution}",
            **common,
        }
        cards.append(
            new_card(
                source,
                line,
                "quote",
                number,
                post.slug,
                folder,
                words,
                palette,
                name,
                words["text"],
                f"— {quote.attribution}",
                url,
                post.title,
                post.campaign_year,
                options,
                style,
                extras,
            )
        )
    return cards


def card_style(post: Post, campaign: Campaign | None) -> tuple[str, CardPhoto | None]:
    """The post's Card-layout, else its campaign's, else light; with the photo a photo
    card shows (the post's own, else its campaign's; None when there is none)."""
    chosen = post.card.layout or (campaign.card.layout if campaign else "") or DEFAULT_CARD_LAYOUT
    photo = post.card.photo or (campaign.card.photo if campaign else None)
    return chosen, photo if chosen == PHOTO else None


def partners_shown(campaign: Campaign | None) -> tuple[str, ...]:
    return tuple(logo.alt for logo in campaign.partner_logos) if campaign else ()


def design_words(
    photo: CardPhoto | None, campaign: Campaign | None, site: LoadedSite
) -> dict[str, str]:
    """The files a card draws besides its words: its photo and partner logos (real paths,
    from the one resolver; file names never reach the card's key, their contents do)."""
    root = site.context.content_root
    found: dict[str, str] = {}
    if photo is not None:
        found["photo"] = str(photo_at(photo.path, root).source)
    if campaign is not None and campaign.partner_logos:
        paths = [str(photo_at(logo.path, root).source) for logo in campaign.partner_logos]
        found["partner_logos"] = "\n".join(paths)
    return found


def campaign_card(campaign: Campaign, site: LoadedSite, options: CardOptions) -> Card:
    source = display_path(campaign.source_path, site.context.project_root)
    language = options.words()
    name = campaign_name(campaign.year, language)
    dates = campaign_dates(campaign, language)
    style = campaign.card.layout or DEFAULT_CARD_LAYOUT
    photo = campaign.card.photo if style == PHOTO else None
    words = {
        "kicker": name,
        "text": campaign.theme,
        "attribution": dates,
        **corner_words(options),
        "hashtag": campaign.hashtag,
        **design_words(photo, campaign, site),
    }
    line = read_source(campaign.source_path).line_of("theme") or 1
    body = f"{name}: {campaign.theme}"
    return new_card(
        source,
        line,
        "title",
        0,
        f"campaign-{campaign.year}",
        str(campaign.year),
        words,
        palette_of(campaign, options),
        name,
        body,
        dates + ".",
        f"campaigns/{campaign.year}/",
        campaign.theme,
        campaign.year,
        options,
        style,
        alt.Extras(photo.alt if photo else "", partners_shown(campaign)),
    )


def campaign_dates(campaign: Campaign, words: Words) -> str:
    """1 to 5 July 2024; 30 June to 4 July 2025, in the language of `words`."""
    return date_range(campaign.starts, campaign.ends, str(words.locale))


def page_link(url: str, options: CardOptions) -> str:
    """The address of a card's page (site-relative `url`) as a post on social media has it."""
    return f"{options.site_url}/{url}" if options.site_url else f"/{url}"


def new_card(
    source: str,
    line: int,
    kind: str,
    number: int,
    slug: str,
    folder: str,
    words: dict[str, str],
    palette: dict[str, str],
    campaign: str,
    body: str,
    after: str,
    url: str,
    title: str,
    year: int | None,
    options: CardOptions,
    style: str,
    extras: alt.Extras,
) -> Card:
    """A card of any kind with its alt texts and suggested post text (`body`, then `after`,
    the link and the hashtag); plan.py names its files."""
    link = page_link(url, options)
    layout = layout_name(style, kind)
    return Card(
        source=source,
        line=line,
        kind=kind,
        number=number,
        slug=slug,
        folder=folder,
        layout=layout,
        words=words,
        palette=palette,
        alt=alt.short_alt(kind, words, options.words()),
        alt_long=alt.long_alt(
            kind, words, palette, campaign, layout_of(layout), extras, options.words()
        ),
        caption=captions.caption(body, after, link, words["hashtag"]),
        page_url=url,
        title=title,
        campaign_year=year,
        language=options.language,
    )
