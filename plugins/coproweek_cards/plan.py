"""Which cards the site needs, what each says, and its file names (before any drawing).

A card's file name carries a short hash of everything that shapes it, so the names are
known before rendering and a changed card always gets a new address.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import PIL
from coproweek_content.digests import code_digest
from coproweek_content.loader import LoadedSite
from coproweek_content.memo import CONTENT_CODE, Memo
from coproweek_content.model import Post
from PIL import features

from . import fonts
from .bilingual import BILINGUAL, layout_of
from .cardmodel import Card, CardImage, CardOptions
from .cardwords import campaign_card, card_style, palette_of, post_cards
from .compose import faces_used, file_words
from .eventcards import event_card, event_cards
from .layouts import FORMATS, card_format
from .text import MissingGlyph
from .titlecards import title_card

# Planning names cards; what they say (cardwords) and their types (cardmodel) are imported
# from here too.
__all__ = (
    "Card",
    "CardImage",
    "CardOptions",
    "all_cards",
    "campaign_card",
    "card_style",
    "event_card",
    "name_images",
    "palette_of",
    "post_cards",
)

CODE_FILES = ("layouts.py", "fonts.py", "text.py", "compose.py", "render.py")
FILE_WORDS = ("logo", "photo", "partner_logos")  # words that name image files
CODE = Path(__file__).resolve().parent


def versions() -> dict[str, str]:
    return {
        "pillow": PIL.__version__,
        "raqm": str(features.version("raqm")),
        "code": code_digest(tuple(CODE / name for name in CODE_FILES)),
    }


@cache
def _layout_data(name: str) -> Any:
    return layout_of(name).as_data()


@cache
def _format_json(name: str) -> bytes:
    return json.dumps({"format": asdict(FORMATS[name])}, sort_keys=True).encode()


def name_images(card: Card, options: CardOptions) -> None:
    """Give the card its file names; raises MissingGlyph when a character has no font."""
    layout = layout_of(card.layout)
    # By name and contents, not by where this checkout keeps them: a clone in another
    # folder names its cards the same.
    used = faces_used(card.words, layout, options.fonts)
    font_ids = sorted({(Path(f.path).name, f.index, fonts.file_digest(f.path)) for f in used})
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
    if card.language != "en":  # English keys stay as they were before cards had a language
        shared["language"] = card.language
    if card.layout in BILINGUAL:  # drawn by its own module: the others' code leaves it out
        shared["versions"] = {**versions(), "bilingual": code_digest((CODE / "bilingual.py",))}
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
    """Every card the published site should have: the campaigns', the posts', then the
    events'. Each is named here too unless a character has no font (the checks report
    those)."""
    today = site.context.today
    cards = [title_card(c, site, options) for _, c in sorted(site.context.campaigns.items())]
    for card in cards:
        _try_naming(card, options)
    memo = plan_memo(options)
    for post in sorted(site.posts, key=lambda p: str(p.source_path)):
        if wants_cards(post, today):
            cards += _planned_post_cards(post, site, options, memo)
    memo.save()
    events = event_cards(site, options)
    for card in events:
        _try_naming(card, options)
    return cards + events


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
    folders = [Path(path).parent if Path(path).is_file() else Path(path) for path in fonts_used]
    if options.language != "en":  # its cards' words come from the catalogues too
        folders += options.catalogues
    memo.surround([repr(options), versions(), [_stat(path) for path in files]], tuple(folders))
    return memo


def _stat(path: str) -> tuple[str, int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, status.st_size, status.st_mtime_ns)
