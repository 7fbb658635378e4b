"""Which cards the site needs, what each says, and its file names (before any drawing).

A card's file name carries a short hash of everything that shapes it, so the names are
known before rendering and a changed card always gets a new address.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import PIL
from coproweek_content.dates import date_range
from coproweek_content.digests import code_digest
from coproweek_content.loader import LoadedSite, post_url
from coproweek_content.memo import CONTENT_CODE, Memo
from coproweek_content.model import DEFAULT_CARD_LAYOUT, Campaign, CardPhoto, Post
from coproweek_content.problems import display_path
from coproweek_content.references import photo_at
from coproweek_content.source import read_source
from PIL import features

from . import alt, captions, fonts
from .compose import FontSettings, faces_used, file_words
from .layouts import FORMATS, LAYOUTS, PHOTO, card_format, layout_name
from .settings import CardsSettings, cache_dir, project_root
from .text import MissingGlyph

CODE_FILES = ("layouts.py", "fonts.py", "text.py", "compose.py", "render.py")
FILE_WORDS = ("logo", "photo", "partner_logos")  # words that name image files
CODE = Path(__file__).resolve().parent
PLAN_MEMO = "plan-memo.pickle"


@dataclass
class CardImage:
    """One size of one card: what pages, feeds and the gallery need to show it."""

    format: str
    label: str
    url: str  # site-relative, e.g. cards/2024/x-1-1a2b3c4d-link.jpg
    width: int
    height: int
    mime_type: str
    key: str  # the full hash of everything that shapes it
    alt: str
    alt_long: str
    length: int = 0  # bytes, known once drawn or copied

    @property
    def file_name(self) -> str:
        return self.url.rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        """jpg or png (a photo card is JPEG in every size)."""
        return self.url.rsplit(".", 1)[-1]

    def page_fingerprint(self) -> tuple[Any, ...]:
        """What pages can show of this size (coproweek_pagecache). Its size in bytes is
        left out: it is known only once drawn, and the key already decides it."""
        shown = (self.format, self.label, self.url, self.width, self.height, self.mime_type)
        return (repr((*shown, self.key, self.alt, self.alt_long)),)


@dataclass
class Card:
    source: str  # the content file, as contributors know it
    line: int  # where its words are in that file
    kind: str  # "quote" or "title"
    number: int  # 0 for a title card, 1, 2, ... for quotes
    slug: str
    folder: str  # the campaign year, or "misc"
    layout: str
    words: dict[str, str]
    palette: dict[str, str]
    alt: str
    alt_long: str
    caption: str
    page_url: str  # the post's (or campaign's) page, site-relative
    title: str
    campaign_year: int | None
    images: dict[str, CardImage] = field(default_factory=dict)

    @property
    def style(self) -> str:
        """bold, light or photo (the Card-layout chosen)."""
        return self.layout.split("-")[0]

    @property
    def preview_url(self) -> str:
        """The small WebP the gallery shows, drawn from the first size."""
        first = self.link
        return (
            f"{first.url.rsplit('/', 1)[0]}/{self.slug}-{self.number}-{first.key[:8]}-preview.webp"
        )

    @property
    def link(self) -> CardImage:
        """The link preview (og:image), or the first size made when that one is switched off."""
        return self.images.get("link") or next(iter(self.images.values()))

    def page_fingerprint(self) -> tuple[Any, ...]:
        """Everything pages can show of the card (coproweek_pagecache). Its words, colours
        and layout are left out: each image's key is a hash of them."""
        own = tuple(getattr(self, name) for name in SHOWN_CARD_FIELDS)
        if not self.images:
            return (*own, self.words, self.palette)
        # An image's label, size and type follow from its format; its alt text is the card's.
        # One string (repr of plain values) is the cheapest thing to fingerprint.
        return (repr((own, [(i.format, i.url, i.key) for i in self.images.values()])),)


SHOWN_CARD_FIELDS = tuple(
    f.name for f in fields(Card) if f.name not in ("words", "palette", "layout", "images")
)


@dataclass
class CardOptions:
    site_url: str
    wordmark: str
    formats: tuple[str, ...]
    default_palette: dict[str, str]
    default_hashtag: str
    fonts: FontSettings
    root: Path
    output_dir: str
    logo: str = ""  # a logo image file, or "" for the wordmark in words
    memo_file: str = ""  # where the card plans of posts are kept between builds

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> CardOptions:
        chosen = CardsSettings.of(settings)
        background, text, accent = chosen.default_palette
        return cls(
            site_url=settings.get("SITEURL", "").rstrip("/"),
            wordmark=chosen.wordmark or settings.get("SITENAME", ""),
            formats=chosen.formats,
            default_palette={"background": background, "text": text, "accent": accent},
            default_hashtag=chosen.default_hashtag,
            fonts=FontSettings(
                chosen.font_dirs,
                tuple(str(p) for p in chosen.extra_fonts),
            ),
            root=project_root(settings),
            output_dir=chosen.output_dir.strip("/"),
            logo=_logo_path(settings),
            memo_file=str(cache_dir(settings) / PLAN_MEMO),
        )


def _logo_path(settings: dict[str, Any]) -> str:
    chosen = CardsSettings.of(settings).logo
    if not chosen:
        return ""
    path = Path(chosen)
    return str(path if path.is_absolute() else project_root(settings) / path)


def versions() -> dict[str, str]:
    return {
        "pillow": PIL.__version__,
        "raqm": str(features.version("raqm")),
        "code": code_digest(tuple(CODE / name for name in CODE_FILES)),
    }


def palette_of(campaign: Campaign | None, options: CardOptions) -> dict[str, str]:
    if campaign is None:
        return dict(options.default_palette)
    p = campaign.palette
    return {"background": p.background, "text": p.text, "accent": p.accent}


def campaign_name(year: int | None) -> str:
    return f"Co-production Week {year}" if year else ""


def _quote_text(text: str) -> str:
    from .text import base_is_rtl

    text = " ".join(part.strip() for part in text.split("\n\n")).strip()
    text = "\n".join(" ".join(p.split()) for p in text.split("\n"))
    return text if base_is_rtl(text) else f"“{text}”"


def _corner(options: CardOptions) -> dict[str, str]:
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
    name = campaign_name(post.campaign_year)
    cards: list[Card] = []
    common = _corner(options) | {"hashtag": hashtag} | design_words(design, campaign, site)
    extras = alt.Extras(design.alt if design else "", _partners_shown(campaign))
    if post.kind == "blog":
        kicker = f"Blog · {name}" if name else "Blog"
        words = {"kicker": kicker, "text": post.title, "attribution": f"By {post.byline}", **common}
        after = f"By {post.byline}."
        cards.append(
            _card(
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
            _card(
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


def _partners_shown(campaign: Campaign | None) -> tuple[str, ...]:
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
    dates = _date_range(campaign)
    style = campaign.card.layout or DEFAULT_CARD_LAYOUT
    photo = campaign.card.photo if style == PHOTO else None
    words = {
        "kicker": campaign_name(campaign.year),
        "text": campaign.theme,
        "attribution": dates,
        **_corner(options),
        "hashtag": campaign.hashtag,
        **design_words(photo, campaign, site),
    }
    line = read_source(campaign.source_path).line_of("theme") or 1
    body = f"{campaign_name(campaign.year)}: {campaign.theme}"
    return _card(
        source,
        line,
        "title",
        0,
        f"campaign-{campaign.year}",
        str(campaign.year),
        words,
        palette_of(campaign, options),
        campaign_name(campaign.year),
        body,
        dates + ".",
        f"campaigns/{campaign.year}/",
        campaign.theme,
        campaign.year,
        options,
        style,
        alt.Extras(photo.alt if photo else "", _partners_shown(campaign)),
    )


def _date_range(campaign: Campaign) -> str:
    return date_range(campaign.starts, campaign.ends)


def _card(
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
    link = f"{options.site_url}/{url}" if options.site_url else f"/{url}"
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
        alt=alt.short_alt(kind, words),
        alt_long=alt.long_alt(kind, words, palette, campaign, LAYOUTS[layout], extras),
        caption=captions.caption(body, after, link, words["hashtag"]),
        page_url=url,
        title=title,
        campaign_year=year,
    )


@cache
def _layout_data(name: str) -> Any:
    return LAYOUTS[name].as_data()


@cache
def _format_json(name: str) -> bytes:
    return json.dumps({"format": asdict(FORMATS[name])}, sort_keys=True).encode()


def name_images(card: Card, options: CardOptions) -> None:
    """Give the card its file names; raises MissingGlyph when a character has no font."""
    layout = LAYOUTS[card.layout]
    used = sorted(faces_used(card.words, layout, options.fonts), key=lambda f: (f.path, f.index))
    font_ids = [(Path(f.path).name, f.index, fonts.file_digest(f.path)) for f in used]
    shared = {
        # Image files by their contents, not by where this machine keeps them.
        "words": {k: v for k, v in card.words.items() if k not in FILE_WORDS},
        "files": [fonts.file_digest(path) for path in file_words(card.words)],
        "palette": card.palette,
        "layout": _layout_data(card.layout),
        "fonts": font_ids,
        "font_chain": [options.fonts.font_dirs, options.fonts.extra],
        "versions": versions(),
    }
    # Everything but the format is the same for all sizes: serialise it once.
    common = hashlib.sha256(json.dumps(shared, sort_keys=True, ensure_ascii=False).encode())
    for name in options.formats:
        fmt = card_format(name, card.layout)
        digest = common.copy()
        digest.update(_format_json(name))
        key = digest.hexdigest()
        file_name = f"{card.slug}-{card.number}-{key[:8]}-{name}.{fmt.extension}"
        card.images[name] = CardImage(
            format=name,
            label=fmt.label,
            url=f"{options.output_dir}/{card.folder}/{file_name}",
            width=fmt.width,
            height=fmt.height,
            mime_type=fmt.mime_type,
            key=key,
            alt=card.alt,
            alt_long=card.alt_long,
        )


def wants_cards(post: Post, today: Any) -> bool:
    return post.is_published(today) and post.consent.allows("social")


def all_cards(site: LoadedSite, options: CardOptions) -> list[Card]:
    """Every card the published site should have. A post's cards are named here too
    unless a character has no font (the checks report those)."""
    today = site.context.today
    cards = [campaign_card(c, site, options) for _, c in sorted(site.context.campaigns.items())]
    for card in cards:
        _try_naming(card, options)
    memo = plan_memo(options)
    for post in sorted(site.posts, key=lambda p: str(p.source_path)):
        if wants_cards(post, today):
            cards += _planned_post_cards(post, site, options, memo)
    memo.save()
    return cards


def _try_naming(card: Card, options: CardOptions) -> None:
    try:
        name_images(card, options)
    except MissingGlyph:
        card.images = {}


def _planned_post_cards(
    post: Post, site: LoadedSite, options: CardOptions, memo: Memo
) -> list[Card]:
    """A post's cards, named; from the memo when this version of the post was planned
    before with the same campaign, settings, fonts and code."""
    source = site.source_key(post)
    campaign = site.context.campaigns.get(post.campaign_year) if post.campaign_year else None
    key = memo.key(source, repr(campaign)) if source else ""
    found = memo.get(key) if key else None
    if found is None:
        found = post_cards(post, site, options)
        for card in found:
            _try_naming(card, options)
        if key:
            memo.put(key, found)
    return found


def plan_memo(options: CardOptions) -> Memo:
    """The memo of card plans, keyed by everything a plan depends on besides the post."""
    memo = Memo(Path(options.memo_file) if options.memo_file else None, code=(CODE, CONTENT_CODE))
    fonts_used = (*options.fonts.font_dirs, fonts.atkinson("regular").path, *options.fonts.extra)
    files = [options.logo, *options.fonts.extra]
    memo.surround(
        [repr(options), versions(), [_stat(path) for path in files]],
        tuple(Path(path).parent if Path(path).is_file() else Path(path) for path in fonts_used),
    )
    return memo


def _stat(path: str) -> tuple[str, int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, status.st_size, status.st_mtime_ns)
