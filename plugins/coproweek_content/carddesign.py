"""How a campaign's or a post's social media cards look: Card-layout, Card-photo (with its
alt text and the consent of the people in it) and a campaign's Partner-logos.

Photos and logos go through the one resolver (references.py). A photo on a card is shared
on social media, so it needs Card-photo-consent: without it there is no photo card. Whether a
post choosing the photo layout has a photo (its own or its campaign's) is checked with the
cards, where the campaign is known (coproweek_cards.checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import CardDesign, CardPhoto, Image
from .references import IMAGE_FIX, ReferenceProblem, resolve_photo
from .values import FileReport

if TYPE_CHECKING:
    from .loader import SiteContext
    from .source import SourceFile

PHOTO_FIELDS = ("card_photo_alt", "card_photo_consent")


def card_design(
    source: SourceFile,
    values: dict[str, Any],
    context: SiteContext,
    report: FileReport,
    campaign: bool = False,
) -> CardDesign:
    layout = values.get("card_layout", "")
    line = source.line_of("card_layout")
    if campaign and layout == "photo" and "card_photo" not in source.fields:
        report.add(
            line,
            "Card-layout is photo, but the campaign has no Card-photo to put behind the words.",
            "add Card-photo: /images/... with Card-photo-alt and Card-photo-consent, or "
            "choose another Card-layout: bold or light.",
        )
    if "card_photo" not in values:
        for name in PHOTO_FIELDS:
            if name in values:
                report.add(
                    source.line_of(name),
                    f"{_label(name)} is given but there is no Card-photo.",
                    "add Card-photo: /images/... (the photo behind the card's words), or "
                    f"remove {_label(name)}.",
                )
        return CardDesign(layout, None, line)
    photo_line = source.line_of("card_photo")
    alt = values.get("card_photo_alt", "")
    consent = values.get("card_photo_consent", "")
    if not alt:
        report.add(
            photo_line,
            "the card's photo has no alt text (the long alt text of its cards describes it).",
            "add a line: Card-photo-alt: (one sentence saying what the photo shows).",
        )
    if not consent and "card_photo_consent" not in source.fields:
        report.add(
            photo_line,
            "Card-photo-consent is missing: a photo on a card is shared on social media, so "
            "everyone who can be recognised in it must have agreed to that.",
            "add a line: Card-photo-consent: (the id of their consent record for social media, "
            "for example C-2025-031), or Card-photo-consent: no people (if nobody can be "
            "recognised in it).",
        )
    try:
        photo = resolve_photo(values["card_photo"], context.content_root)
    except ReferenceProblem as problem:
        report.add(photo_line, f"Card-photo: {problem}", IMAGE_FIX)
        return CardDesign(layout, None, line)
    if not alt or not consent:
        return CardDesign(layout, None, line)
    return CardDesign(layout, CardPhoto(photo.site_path, alt, consent), line)


def partner_logos(
    source: SourceFile, values: dict[str, Any], context: SiteContext, report: FileReport
) -> tuple[Image, ...]:
    """A campaign's partner logos, in the order of its Partners (each logo's alt text is
    its partner's name)."""
    written: tuple[str, ...] = values.get("partner_logos", ())
    if not written:
        return ()
    partners: tuple[str, ...] = values.get("partners", ())
    line = source.line_of("partner_logos")
    if len(written) != len(partners):
        report.add(
            line,
            f"Partner-logos names {_count(len(written), 'file')} but Partners names "
            f"{_count(len(partners), 'partner')}: each logo belongs to the partner at the same "
            "place in Partners.",
            "list one logo for each partner, in the same order as Partners.",
        )
        return ()
    logos: list[Image] = []
    for reference, partner in zip(written, partners, strict=True):
        try:
            logos.append(Image(resolve_photo(reference, context.content_root).site_path, partner))
        except ReferenceProblem as problem:
            report.add(line, f"Partner-logos: {problem}", IMAGE_FIX)
    return tuple(logos) if len(logos) == len(written) else ()


def _label(name: str) -> str:
    return "-".join(part.capitalize() if i == 0 else part for i, part in enumerate(name.split("_")))


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"
