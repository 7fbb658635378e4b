"""Cards in Welsh, beyond one bilingual build (test_cards_welsh.py): every message of the
cards and the gallery in the Welsh catalogues, a Welsh-only site, and withdrawal across a
quote and its translation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from conftest import ROOT, build, copy_fixture
from coproweek_content.words import catalogue_folders, words_for
from test_cards_welsh import BILINGUAL_SITE, Edition

CATALOGUES = {  # the cards' words, and the gallery's with the theme's
    "python": ROOT / "plugins/coproweek_cards/translations/cy/LC_MESSAGES/messages.po",
    "jinja2": ROOT / "theme/translations/cy/LC_MESSAGES/messages.po",
}


def test_every_message_of_the_cards_has_its_welsh_words() -> None:
    """Every message the cards plugin and the gallery say (as Babel extracts them) has a
    Welsh translation in its component's catalogue, plural ones all six Welsh forms, and
    the build's words (every catalogue merged) say it so."""
    sources = {
        "python": sorted((ROOT / "plugins/coproweek_cards").glob("*.py")),
        "jinja2": [ROOT / "theme/templates/gallery.html"],
    }
    options = {"jinja2": {"extensions": "jinja2.ext.i18n"}, "python": {}}
    words = words_for("cy", catalogue_folders({"THEME": str(ROOT / "theme")}))
    count = 0
    for method, paths in sources.items():
        with CATALOGUES[method].open("rb") as source:
            catalogue = read_po(source, locale="cy")
        assert catalogue.num_plurals == 6
        for path in paths:
            for extracted in extract_from_file(method, path, options=options[method]):
                ids = _ids(extracted)
                count += 1
                message = catalogue.get(ids[0])
                assert message is not None and message.string, f"untranslated: {ids[0]!r}"
                if len(ids) > 1:
                    assert len(message.string) == 6 and all(message.string), ids[0]
                    assert words.ngettext(ids[0], ids[1], 3) == message.string[3]
                else:
                    assert words.gettext(ids[0]) == message.string, ids[0]
    assert count > 80


def _ids(extracted: Any) -> list[str]:
    message = extracted[1]
    return list(message) if isinstance(message, tuple) else [message]


def test_welsh_only_site_has_welsh_title_cards(tmp_path: Path) -> None:
    content = copy_fixture("cards-welsh", tmp_path)
    # A Welsh-only site: a file without a Language is in Welsh.
    (content / "campaigns/2026.cy.md").unlink()
    (content / "quotes/2026/minutes.md").unlink()
    campaign = content / "campaigns/2026.md"
    campaign.write_text(
        campaign.read_text("utf-8")
        .replace("Theme: Sharing power in the open", "Theme: Rhannu grym yn agored")
        .replace("Hashtag: #CoProWeekTest", "Hashtag: #WythnosCydgynhyrchu"),
        "utf-8",
    )
    result, printed = build(content, tmp_path / "output", COPROWEEK_LANGUAGES=("cy",))
    assert result.ok, printed
    site = Edition(tmp_path / "output")
    card = site.card("campaigns/2026.md")
    assert card["alt"] == (
        "Cerdyn teitl: Wythnos Cydgynhyrchu 2026. Rhannu grym yn agored. "
        "30 Mai – 3 Mehefin 2026. #WythnosCydgynhyrchu"
    )
    assert "Title card" not in json.dumps(site.cards, ensure_ascii=False)


def test_withdrawing_a_translated_quote_lists_both_languages_cards(tmp_path: Path) -> None:
    """Consent covers a quote and its translation together: withdrawn, each edition lists
    its own cards of it for taking down, once."""
    content = copy_fixture("cards-welsh", tmp_path)
    result, printed = build(content, tmp_path / "output", **BILINGUAL_SITE)
    assert result.ok, printed
    welsh = Edition(tmp_path / "output" / "cy").card("quotes/2026/cofnodion.md")
    english = Edition(tmp_path / "output").card("quotes/2026/minutes.md")
    quote = content / "quotes/2026/cofnodion.md"
    quote.write_text(quote.read_text("utf-8").replace("Channels:", "Withdrawn: yes\nChannels:"))
    result, printed = build(content, tmp_path / "output", **BILINGUAL_SITE)
    assert result.ok, printed
    listed = [line.strip() for line in printed.splitlines() if line.startswith("    ")]
    for card in (welsh, english):
        for entry in card["files"]:
            assert listed.count(entry["url"].rsplit("/", 1)[1]) == 1, (entry["url"], printed)
    assert not (tmp_path / "output/cy/2026/cofnodion").exists()


@pytest.mark.parametrize("english_name", ["", "Co-production Week Riverside"])
def test_the_bilingual_card_names_the_editions_sites(tmp_path: Path, english_name: str) -> None:
    """Editions with site names of their own: each edition's cards show its own, and the
    bilingual title card the names both editions know, Welsh first, one card in both."""
    content = copy_fixture("cards-welsh", tmp_path)
    names: dict[str, dict[str, str]] = {"cy": {"SITENAME": "Wythnos Cydgynhyrchu Glan-yr-afon"}}
    if english_name:
        names["en"] = {"SITENAME": english_name}
    result, printed = build(
        content, tmp_path / "output", COPROWEEK_EDITION_SETTINGS=names, **BILINGUAL_SITE
    )
    assert result.ok, printed
    english, welsh = Edition(tmp_path / "output"), Edition(tmp_path / "output" / "cy")
    both = " · ".join(name for name in ("Wythnos Cydgynhyrchu Glan-yr-afon", english_name) if name)
    for edition in (english, welsh):
        assert f"the name {both}." in edition.card("campaigns/2026.md")["alt_long"]
    assert [f["url"] for f in english.card("campaigns/2026.md")["files"]] == [
        f["url"].removeprefix("/cy") for f in welsh.card("campaigns/2026.md")["files"]
    ]
    quote = welsh.card("quotes/2026/cofnodion.md")["alt_long"]
    assert quote.endswith("a’r enw Wythnos Cydgynhyrchu Glan-yr-afon.")
    assert english.card("quotes/2026/minutes.md")["alt_long"].endswith(
        f"and the name {english_name or 'Co-production Week'}."
    )
