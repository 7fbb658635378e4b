"""Card sizes and layouts, declared as data.

A layout is a list of layers: a background (a palette colour, or a photo behind a scrim), a
decorative band or a large quotation mark, a stack of text blocks (centred in the space
above the footer) and a footer with the campaign hashtag, partner logos and the logo (the
site's wordmark). Colours name a palette entry ("background", "text", "accent"), so every
campaign themes the same layout with its own palette. There are three styles (a campaign's
or a post's Card-layout), each with a layout for quote cards, title cards and event cards:
light (dark words on the light background), bold (light words on the accent colour) and
photo (white words on a photo darkened until they have enough contrast).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def contains(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    width: int
    height: int
    image_format: str  # "JPEG" or "PNG"
    safe: Box  # text never leaves this box (platform crops and overlays lie outside it)
    type_scale: float = 1.0  # taller cards set their largest type bigger

    @property
    def extension(self) -> str:
        return "jpg" if self.image_format == "JPEG" else "png"

    @property
    def mime_type(self) -> str:
        return "image/jpeg" if self.image_format == "JPEG" else "image/png"

    @property
    def scale(self) -> float:
        """Type sizes in layouts are for a 1200 pixel wide card."""
        return self.width / 1200


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        # Link previews (Facebook, LinkedIn, WhatsApp, Slack): some crop the sides a little.
        Format("link", "Link preview", 1200, 630, "JPEG", Box(72, 56, 1128, 574)),
        Format("x", "X post", 1200, 675, "JPEG", Box(72, 60, 1128, 615)),
        Format("square", "Square post", 1080, 1080, "PNG", Box(84, 84, 996, 996), 1.2),
        # Instagram shows a 4:5 post as 3:4 in the profile grid, cutting 34 px from each side.
        Format("portrait", "Portrait post", 1080, 1350, "PNG", Box(120, 96, 960, 1254), 1.25),
        # Stories: the top 250 px hold the profile bar, the bottom 340 px the reply box.
        Format("story", "Story", 1080, 1920, "PNG", Box(96, 270, 984, 1580), 1.45),
    )
}


@dataclass(frozen=True)
class TextLayer:
    source: str  # which words: "text", "attribution", "hashtag", "wordmark", "kicker",
    # and on event cards "notice" (CANCELLED), "when" and "place"
    colour: str  # palette entry the words are drawn in
    behind: str  # palette entry of what is directly behind them (for the contrast check)
    size: int  # the largest type size, in pixels on a 1200 pixel wide card
    min_size: int  # the smallest readable size; a text that does not fit at it is an error
    weight: str = "regular"  # "regular" or "bold"
    line_height: float = 1.3
    max_lines: int = 0  # 0: as many as fit


@dataclass(frozen=True)
class Layout:
    name: str  # "<style>-<kind>", for example "bold-quote"
    background: str  # a palette entry, or PHOTO: the card's photo behind a scrim
    band: str  # a strip along the top edge, decoration only ("" for none)
    band_height: int
    stack: tuple[TextLayer, ...]
    gap: float  # space between stacked blocks, as a share of the first block's size
    footer_start: TextLayer
    footer_end: TextLayer  # the wordmark, unless a logo image is set
    logo_height: int = 64  # of a logo image, in pixels on a 1200 pixel wide card
    partner_logo_height: int = 44  # of each partner's logo, shown small between the corners
    mark: str = ""  # palette entry of a large decorative quotation mark ("" for none)
    mark_size: int = 0  # its type size on a 1200 pixel wide card
    logo_plate: str = ""  # palette entry of a plate behind logos ("" for none)

    def text_layers(self) -> tuple[TextLayer, ...]:
        return (*self.stack, self.footer_start, self.footer_end)

    def as_data(self) -> dict[str, object]:
        return asdict(self)

    @property
    def style(self) -> str:
        return self.name.split("-")[0]


PHOTO = "photo"  # the background of the photo layout: a photo, darkened under the words
# Extra palette entries every card has: the words on a photo, and the logo plate.
FIXED_COLOURS = {"on_photo": "#FFFFFF", "plate": "#FFFFFF"}
SCRIM = "#000000"
# The scrim darkens the photo until this contrast holds for white words against the
# brightest pixel behind them (a margin above 4.5 for JPEG's small changes to pixels).
PHOTO_CONTRAST = 5.0
MIN_SCRIM = 0.3  # always a little darker, so the words stand out from the photo

FOOTER_HASHTAG = TextLayer("hashtag", "accent", "background", 34, 26, "bold", max_lines=1)
FOOTER_WORDMARK = TextLayer("wordmark", "text", "background", 28, 22, "regular", max_lines=1)


def _coloured(layer: TextLayer, colour: str, behind: str) -> TextLayer:
    return replace(layer, colour=colour, behind=behind)


def _light() -> dict[str, Layout]:
    quote = Layout(
        name="light-quote",
        background="background",
        band="accent",
        band_height=18,
        stack=(
            TextLayer("text", "text", "background", 64, 40, "regular", line_height=1.32),
            TextLayer("attribution", "accent", "background", 36, 28, "bold", max_lines=3),
        ),
        gap=0.7,
        footer_start=FOOTER_HASHTAG,
        footer_end=FOOTER_WORDMARK,
    )
    title = Layout(
        name="light-title",
        background="background",
        band="accent",
        band_height=18,
        stack=(
            TextLayer("kicker", "accent", "background", 32, 26, "bold", max_lines=2),
            TextLayer("text", "text", "background", 76, 44, "bold", line_height=1.2),
            TextLayer("attribution", "text", "background", 36, 28, "regular", max_lines=3),
        ),
        gap=0.5,
        footer_start=FOOTER_HASHTAG,
        footer_end=FOOTER_WORDMARK,
    )
    # An event: the date and time, then the place, as large as the title may shrink to, so
    # they are read at a glance; "CANCELLED" above everything when it is called off.
    event = Layout(
        name="light-event",
        background="background",
        band="accent",
        band_height=18,
        stack=(
            TextLayer("notice", "accent", "background", 64, 40, "bold", max_lines=1),
            TextLayer("kicker", "accent", "background", 30, 24, "bold", max_lines=2),
            TextLayer("text", "text", "background", 64, 36, "bold", line_height=1.2),
            TextLayer("when", "accent", "background", 46, 30, "bold", max_lines=3),
            TextLayer("place", "text", "background", 40, 28, "regular", max_lines=4),
        ),
        gap=0.45,
        footer_start=FOOTER_HASHTAG,
        footer_end=FOOTER_WORDMARK,
    )
    return {quote.name: quote, title.name: title, event.name: event}


def _recoloured(light: Layout, style: str, background: str, colour: str) -> Layout:
    """A light layout drawn in `colour` on `background`, without the band, with a large
    quotation mark on quote cards and a plate behind logos."""
    behind = "photo" if background == PHOTO else background
    kind = light.name.split("-")[1]
    return replace(
        light,
        name=f"{style}-{kind}",
        background=background,
        band="",
        band_height=0,
        stack=tuple(_coloured(layer, colour, behind) for layer in light.stack),
        footer_start=_coloured(light.footer_start, colour, behind),
        footer_end=_coloured(light.footer_end, colour, behind),
        mark=colour if kind == "quote" else "",
        mark_size=200 if kind == "quote" else 0,
        logo_plate="plate",
    )


def _all_layouts() -> dict[str, Layout]:
    light = _light()
    found = dict(light)
    for base in light.values():
        for layout in (
            # Bold: the words in the campaign's background colour on its accent colour (the
            # campaign's palette check already holds these two at 4.5 to 1 or more).
            _recoloured(base, "bold", "accent", "background"),
            _recoloured(base, "photo", PHOTO, "on_photo"),
        ):
            found[layout.name] = layout
    return found


LAYOUTS: dict[str, Layout] = _all_layouts()
STYLES = ("bold", "light", "photo")


def card_format(name: str, layout: str) -> Format:
    """A size as a layout makes it: photo cards are JPEG in every size (a photo in PNG
    would be several megabytes)."""
    fmt = FORMATS[name]
    if layout.startswith(f"{PHOTO}-") and fmt.image_format != "JPEG":
        return replace(fmt, image_format="JPEG")
    return fmt


def layout_name(style: str, kind: str) -> str:
    """The layout of a card of `kind` ("quote", "title" or "event") in a style (Card-layout)."""
    return f"{style}-{kind}"
