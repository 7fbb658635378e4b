"""Which cards the site needs, what each says, and its file names (before any drawing).

A card's file name carries a short hash of everything that shapes it, so the names are
known before rendering and a changed card always gets a new address.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import PIL
from coproweek_content.dates import date_range
from coproweek_content.digests import code_digest
from coproweek_content.loader import LoadedSite, post_url
from coproweek_content.memo import CONTENT_CODE, Memo
from coproweek_content.model import Campaign, Post
from coproweek_content.problems import display_path
from coproweek_content.source import read_source
from PIL import features

from . import alt, captions, fonts
from .compose import FontSettings, faces_used
from .layouts import FORMATS, LAYOUTS
from .settings import CardsSettings, cache_dir, project_root
from .text import MissingGlyph

CODE_FILES = ("layouts.py", "fonts.py", "text.py", "compose.py", "render.py")
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
    def link(self) -> CardImage:
        """The link preview (og:image), or the first size made when that one is switched off."""
        return self.images.get("link") or next(iter(self.images.values()))


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
    source = display_path(post.source_path, site.context.project_root)
    url = post_url(post)
    folder = str(post.campaign_year) if post.campaign_year else "misc"
    name = campaign_name(post.campaign_year)
    cards: list[Card] = []
    common = _corner(options) | {"hashtag": hashtag}
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
            )
        )
    return cards


def campaign_card(campaign: Campaign, site: LoadedSite, options: CardOptions) -> Card:
    source = display_path(campaign.source_path, site.context.project_root)
    dates = _date_range(campaign)
    words = {
        "kicker": campaign_name(campaign.year),
        "text": campaign.theme,
        "attribution": dates,
        **_corner(options),
        "hashtag": campaign.hashtag,
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
) -> Card:
    link = f"{options.site_url}/{url}" if options.site_url else f"/{url}"
    return Card(
        source=source,
        line=line,
        kind=kind,
        number=number,
        slug=slug,
        folder=folder,
        layout="quote" if kind == "quote" else "title",
        words=words,
        palette=palette,
        alt=alt.short_alt(kind, words),
        alt_long=alt.long_alt(kind, words, palette, campaign),
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
        "words": card.words,
        "palette": card.palette,
        "layout": _layout_data(card.layout),
        "fonts": font_ids,
        "font_chain": [options.fonts.font_dirs, options.fonts.extra],
        "logo": fonts.file_digest(card.words["logo"]) if "logo" in card.words else "",
        "versions": versions(),
    }
    # Everything but the format is the same for all sizes: serialise it once.
    common = hashlib.sha256(json.dumps(shared, sort_keys=True, ensure_ascii=False).encode())
    for name in options.formats:
        fmt = FORMATS[name]
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
