"""The content model: campaigns, posts, the quotes in them, and the consent behind them.

Everything the site publishes about a person goes through `Person.display_name`, so the
naming mode a contributor chose is honoured in one place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from markupsafe import Markup

from .colours import dark_scheme
from .words import content_words


class Naming(Enum):
    FULL_NAME = "full name"
    FIRST_NAME = "first name"
    FIRST_NAME_AND_PLACE = "first name and place"
    ANONYMOUS = "anonymous"
    GROUP = "group"  # a team, a group of members, an organisation: shown as written


CHANNELS = ("web", "social", "newsletter")
WELLBEING = ("connect", "be active", "take notice", "keep learning", "give")
# The social media card designs a campaign or a post can choose (Card-layout).
CARD_LAYOUTS = ("bold", "light", "photo")
DEFAULT_CARD_LAYOUT = "light"
NO_PEOPLE = "no people"  # Card-photo-consent for a photo in which nobody can be recognised


@dataclass(frozen=True)
class Image:
    path: str  # relative to content/, e.g. images/2024/workshop.jpg
    alt: str


@dataclass(frozen=True)
class CardPhoto:
    """A photo behind the words of a card, with the consent of the people in it."""

    path: str  # relative to content/, from the one resolver: images/2025/banner.jpg
    alt: str
    consent: str  # NO_PEOPLE, or the id in the private register of the people's consent


@dataclass(frozen=True)
class CardDesign:
    """How a campaign's or a post's cards look (Card-layout and Card-photo fields)."""

    layout: str = ""  # one of CARD_LAYOUTS; "": as the campaign chose (else the default)
    photo: CardPhoto | None = None
    line: int = 0  # the Card-layout line, for problems found later


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    accent: str

    @property
    def dark(self) -> Palette:
        """The palette for dark colour schemes (see colours.dark_scheme)."""
        return Palette(*dark_scheme(self.background, self.text, self.accent))


@dataclass(frozen=True)
class CampaignText:
    """A campaign's words in one language (its main file's, or a translation's such as
    content/campaigns/2025.cy.md)."""

    language: str  # "en" or "cy"
    theme: str
    hashtag: str
    intro_html: Markup = field(default=Markup(""), repr=False)
    source_path: Path | None = None


@dataclass(frozen=True)
class Campaign:
    year: int
    theme: str
    starts: date
    ends: date
    hashtag: str
    palette: Palette
    partners: tuple[str, ...]
    intro_markdown: str
    source_path: Path
    intro_html: Markup = field(default=Markup(""), repr=False)  # rendered and sanitised
    images: tuple[Image, ...] = ()  # photos in the introduction
    featured: str = ""  # the slug of the post whose quote leads the page ("" for the newest)
    featured_line: int = 0
    card: CardDesign = CardDesign()
    partner_logos: tuple[Image, ...] = ()  # in the order of `partners`, alt: the partner
    # The campaign's words in each language it has them in (its theme, hashtag and intro
    # above are the edition's own: an edition's view of the site swaps them in).
    texts: tuple[CampaignText, ...] = ()
    language: str = "en"  # the language of theme, hashtag and intro above

    def text_in(self, language: str) -> CampaignText | None:
        return next((text for text in self.texts if text.language == language), None)

    def includes(self, day: date) -> bool:
        return self.starts <= day <= self.ends


@dataclass(frozen=True)
class Person:
    name: str  # as written in the file; never shown unless the naming mode allows it
    naming: Naming
    place: str = ""
    interface_language: str = "en"  # the language of the words around the name

    @property
    def first_name(self) -> str:
        """The name's first word: a space, a comma or an invisible character ends it."""
        words = self.name.split()
        first = words[0] if words else ""
        for index, char in enumerate(first):
            if char == "," or (unicodedata.category(char) == "Cf" and char not in "\u200c\u200d"):
                return first[:index]
        return first

    @property
    def display_name(self) -> str:
        if self.naming in (Naming.FULL_NAME, Naming.GROUP):
            return " ".join(self.name.split())
        if self.naming is Naming.FIRST_NAME:
            return self.first_name
        words = content_words(self.interface_language)
        if self.naming is Naming.FIRST_NAME_AND_PLACE:
            return words.gettext("%(name)s from %(place)s") % {
                "name": self.first_name,
                "place": self.place,
            }
        return words.gettext("Anonymous")

    @property
    def has_public_page(self) -> bool:
        """Only people who chose to be named in full get a page listing their posts."""
        return self.naming is Naming.FULL_NAME

    @property
    def is_group(self) -> bool:
        return self.naming is Naming.GROUP


@dataclass(frozen=True)
class Consent:
    reference: str  # the id in the organisation's private consent register
    channels: frozenset[str]
    ends: date | None = None
    withdrawn: bool = False

    def allows(self, channel: str) -> bool:
        return channel in self.channels

    def expired_on(self, today: date) -> bool:
        return self.ends is not None and today > self.ends

    def is_active(self, today: date) -> bool:
        return not self.withdrawn and not self.expired_on(today)


@dataclass(frozen=True)
class Quote:
    """One quotation: the whole text of a quote post, or a pull quote inside a blog."""

    text: str  # plain text, paragraphs separated by blank lines
    speaker: str  # the attribution as it may be shown
    role: str
    organisation: str = ""
    excerpt: str = ""  # a shorter version for cards, when the text is long
    line: int = 0  # where the quote starts in its file
    fits_card: bool = True  # the text itself fits a card (else only an excerpt makes one)
    quoted: int | None = None  # which of the post's quoted people said it (None: its person)
    span: tuple[int, int] | None = None  # where a pull quote is in the post's HTML

    @property
    def card_text(self) -> str:
        """The words a card carries: the excerpt, the whole quote when it fits, else none."""
        return self.excerpt or (self.text if self.fits_card else "")

    @property
    def short_text(self) -> str:
        """The words a list of quotes shows: the excerpt when there is one, else all."""
        return self.excerpt or self.text

    @property
    def attribution(self) -> str:
        parts = [self.speaker, self.role, self.organisation]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class QuotedPerson:
    """Someone quoted in another person's post, with their own consent."""

    person: Person
    consent: Consent
    line: int = 0  # the Quoted: line
    excerpt: str = ""  # words from a long pull quote of theirs, for its card
    excerpt_line: int = 0


@dataclass(frozen=True)
class Page:
    """A fixed page (content/pages/): about, accessibility, privacy."""

    source_path: Path
    slug: str
    title: str
    summary: str  # plain text
    html: Markup = field(default=Markup(""), repr=False)  # rendered and sanitised
    images: tuple[Image, ...] = ()
    slug_line: int = 1
    language: str = ""  # the Language field ("" for the site's main language)
    translation_key: str = ""


Day = date  # Post has a field named date


@dataclass(frozen=True)
class Post:
    kind: str  # "quote" or "blog"
    source_path: Path
    slug: str
    title: str
    date: datetime
    person: Person
    role: str
    consent: Consent
    organisation: str = ""
    campaign_year: int | None = None
    summary: str = ""
    tags: tuple[str, ...] = ()
    wellbeing: tuple[str, ...] = ()
    hero: Image | None = None
    body_images: tuple[Image, ...] = ()
    link: str = ""  # a longer source (quotes) or the original of a cross-post (blogs)
    language: str = ""  # the Language field (a checked BCP 47 tag), "" to detect it
    translation_key: str = ""  # shared with the post's translation ("" when it has none)
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    quoted: tuple[QuotedPerson, ...] = ()
    html: Markup = field(default=Markup(""), repr=False)  # the body, rendered and sanitised
    card: CardDesign = CardDesign()

    @property
    def display_name(self) -> str:
        return self.person.display_name

    @property
    def byline(self) -> str:
        name = self.display_name
        same = self.organisation and name.casefold().startswith(self.organisation.casefold())
        parts = [name, self.role, "" if same else self.organisation]
        return ", ".join(part for part in parts if part)

    def consent_of(self, quote: Quote) -> Consent:
        return self.consent if quote.quoted is None else self.quoted[quote.quoted].consent

    def shown_quotes(self, today: Day, channel: str) -> tuple[Quote, ...]:
        """The quotes whose people's consent allows `channel` today."""
        return tuple(
            quote
            for quote in self.quotes
            if self.consent_of(quote).is_active(today) and self.consent_of(quote).allows(channel)
        )

    def withdrawn_quotes(self, today: Day) -> tuple[Quote, ...]:
        """Quotes of people quoted here who are off the site while the post stays."""
        return tuple(
            q
            for q in self.quotes
            if q.quoted is not None and q not in self.shown_quotes(today, "web")
        )

    def html_for(self, today: Day, channel: str = "web") -> Markup:
        """The body as `channel` shows it today: without the pull quotes of people whose
        consent does not allow it."""
        shown = self.shown_quotes(today, channel)
        cut = sorted(q.span for q in self.quotes if q.span and q not in shown)
        if not cut:
            return self.html
        parts, start = [], 0
        for begin, end in cut:
            parts.append(self.html[start:begin])
            start = end
        parts.append(self.html[start:])
        return Markup("".join(parts))

    @property
    def images(self) -> tuple[Image, ...]:
        return ((self.hero,) if self.hero else ()) + self.body_images

    def is_scheduled(self, today: Day) -> bool:
        """Dated after today: held back until its day."""
        return self.date.date() > today

    def is_taken_down(self, today: Day) -> bool:
        """Off the site because of the person's consent."""
        return not (self.consent.is_active(today) and self.consent.allows("web"))

    def is_published(self, today: Day) -> bool:
        return not self.is_taken_down(today) and not self.is_scheduled(today)
