"""The plan of a card: what it says, how it looks and its files in every size, and the
options every card of a build shares (from the settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coproweek_content.settings import ContentSettings
from coproweek_content.words import Words, catalogue_folders, words_for

from .compose import FontSettings
from .settings import CardsSettings, cache_dir, card_language, project_root

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


@dataclass
class Card:
    source: str  # the content file, as contributors know it
    line: int  # where its words are in that file
    kind: str  # "quote", "title" or "event"
    number: int  # 0 for a title or event card, 1, 2, ... for quotes
    slug: str
    folder: str  # the campaign year, or "misc"
    layout: str
    words: dict[str, str]
    palette: dict[str, str]
    alt: str
    alt_long: str
    caption: str
    page_url: str  # the post's (campaign's, event's) page, site-relative
    title: str
    campaign_year: int | None
    images: dict[str, CardImage] = field(default_factory=dict)
    # The language of its words: an edition's ("en", "cy"), or both in the order shown
    # ("cy en") on a bilingual title card.
    language: str = "en"
    # Its alt texts and post text in parts, each with its language, where the card says
    # things in two languages (the gallery marks each part's language): () for one language.
    parts: tuple[tuple[str, str, str, str], ...] = ()  # (language, alt, alt_long, caption)

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
    language: str = "en"  # the edition's: its cards' words are in it
    # A bilingual site's languages in the order they are shown together (Welsh first): its
    # campaign title cards carry both; () on a site in one language.
    together: tuple[str, ...] = ()
    catalogues: tuple[Path, ...] = ()  # the translations folders of the build
    # The corner words of a bilingual card: the same in both editions (each edition's own
    # site name where COPROWEEK_EDITION_SETTINGS gives one, Welsh first, a line each).
    wordmark_together: str = ""

    def words(self, language: str | None = None) -> Words:
        """The words of the edition's language (or of `language`)."""
        return words_for(language or self.language, self.catalogues)

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> CardOptions:
        chosen = CardsSettings.of(settings)
        editions = ContentSettings.of(settings).editions
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
            language=card_language(settings),
            together=editions.in_order_shown() if editions.bilingual else (),
            catalogues=catalogue_folders(settings),
            wordmark_together=chosen.wordmark or _names_together(settings),
        )


def _names_together(settings: dict[str, Any]) -> str:
    """The site's names for a card both editions show, Welsh first, a line each: each
    edition's SITENAME from COPROWEEK_EDITION_SETTINGS; pelicanconf.py's SITENAME when no
    edition has a name of its own. Where only some have one, only theirs: an edition with
    a name of its own never sees pelicanconf.py's, and both editions must draw one card."""
    content = ContentSettings.of(settings)
    own = {
        language: chosen["SITENAME"]
        for language, chosen in (content.edition_settings or {}).items()
        if chosen.get("SITENAME")
    }
    shown = [own[language] for language in content.editions.in_order_shown() if language in own]
    if not shown:  # every edition has pelicanconf.py's SITENAME
        return str(settings.get("SITENAME", ""))
    return "\n".join(dict.fromkeys(shown))


def _logo_path(settings: dict[str, Any]) -> str:
    chosen = CardsSettings.of(settings).logo
    if not chosen:
        return ""
    path = Path(chosen)
    return str(path if path.is_absolute() else project_root(settings) / path)
