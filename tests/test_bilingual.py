"""Welsh and English side by side: the three language modes, translations linked by their
key, the language link on every page, and one consent for a post and its translation."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, ROOT, build, check, copy_fixture
from coproweek_build.scaffold import ScaffoldRefused, draft_post
from lxml import html

BILINGUAL = {"COPROWEEK_LANGUAGES": ("en", "cy")}


def page(output: Path, address: str) -> html.HtmlElement:
    path = (
        output / address.strip("/") / "index.html" if address.strip("/") else output / "index.html"
    )
    return html.fromstring(path.read_text(encoding="utf-8"))


def file_of(output: Path, url: str) -> Path:
    """The file a site-absolute address (/cy/2025/x/) is served from."""
    path = urlsplit(url).path.strip("/")
    target = output / path
    return target / "index.html" if not path.endswith(".html") else target


def language_link(document: html.HtmlElement) -> html.HtmlElement | None:
    found = document.cssselect(".language-link a")
    return found[0] if found else None


def walk_languages(output: Path) -> int:
    """Follow every page's language link, and back: every link leads to a page that
    exists in the other language; a page's own translation links back to it; hreflang
    alternates name the same pages both ways. Returns the number of pages walked."""
    pages = sorted(output.rglob("*.html"))
    walked = 0
    for source in pages:
        if "pagefind" in source.parts or source.name != "index.html" and source.name != "404.html":
            continue
        document = html.fromstring(source.read_text(encoding="utf-8"))
        link = language_link(document)
        assert link is not None, f"{source} has no link to the other language"
        lang = document.get("lang")
        target = file_of(output, link.get("href"))
        assert target.is_file(), f"{source}: its language link {link.get('href')} leads nowhere"
        other = html.fromstring(target.read_text(encoding="utf-8"))
        assert other.get("lang") == link.get("hreflang") != lang, source
        alternates = {
            a.get("hreflang"): a.get("href") for a in document.cssselect("link[hreflang]")
        }
        if alternates:
            # A page with a translation: its link goes to it, and the translation's back.
            assert alternates[link.get("hreflang")] == link.get("href"), source
            back = language_link(other)
            assert back is not None and file_of(output, back.get("href")) == source, source
            theirs = {a.get("hreflang"): a.get("href") for a in other.cssselect("link[hreflang]")}
            assert theirs == alternates, source
            assert not document.cssselect(".language-link span"), source
        else:
            # No version in the other language: the link leads to the nearest page there (a
            # post or page says, in the other language, that it is only in this one).
            for note in document.cssselect(".language-link span"):
                assert note.get("lang") == link.get("hreflang"), source
        walked += 1
    return walked


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("bilingual") / "output"
    result, printed = build(FIXTURES / "bilingual" / "content", output, **BILINGUAL)
    assert result.ok, printed
    return output


def test_each_language_is_an_edition_with_mirrored_addresses(bilingual_site: Path) -> None:
    english, welsh = page(bilingual_site, "/"), page(bilingual_site, "/cy/")
    assert (english.get("lang"), welsh.get("lang")) == ("en-gb", "cy")
    assert (bilingual_site / "2025" / "kitchen-table" / "index.html").is_file()
    assert (bilingual_site / "cy" / "2025" / "bwrdd-y-gegin" / "index.html").is_file()
    assert (bilingual_site / "cy" / "2025" / "cymraeg-yn-unig" / "index.html").is_file()
    # Each edition holds its own language's posts only.
    assert not (bilingual_site / "2025" / "bwrdd-y-gegin").exists()
    assert not (bilingual_site / "cy" / "2025" / "kitchen-table").exists()
    assert not (bilingual_site / "cy" / "2025" / "only-english").exists()
    # Campaign pages in each language, with the campaign's words in that language.
    english_campaign = page(bilingual_site, "/campaigns/2025/")
    welsh_campaign = page(bilingual_site, "/cy/campaigns/2025/")
    assert "Listening first" in english_campaign.text_content()
    assert "Gwrando yn gyntaf" in welsh_campaign.text_content()
    assert "#WythnosCydgynhyrchu" in welsh_campaign.text_content()
    assert "Gwrando yn gyntaf" not in english_campaign.text_content()


def test_a_translation_links_to_its_pair_and_back(bilingual_site: Path) -> None:
    english = page(bilingual_site, "/2025/kitchen-table/")
    link = language_link(english)
    assert link is not None
    assert (link.get("href"), link.get("hreflang"), link.text) == (
        "/cy/2025/bwrdd-y-gegin/",
        "cy",
        "Cymraeg",
    )
    hreflang = [(a.get("hreflang"), a.get("href")) for a in english.cssselect("link[hreflang]")]
    assert hreflang == [("cy", "/cy/2025/bwrdd-y-gegin/"), ("en-gb", "/2025/kitchen-table/")]
    about = language_link(page(bilingual_site, "/cy/amdanom/"))
    assert about is not None and about.get("href") == "/about/"


def test_the_about_page_is_in_each_editions_menu(bilingual_site: Path) -> None:
    # The menu finds the about page by its Translation-key too, so Amdanom is in Welsh's.
    for address, about in (("/", "/about/"), ("/cy/", "/cy/amdanom/")):
        menu = page(bilingual_site, address).cssselect("header nav a")
        assert about in [urlsplit(link.get("href")).path for link in menu], address


def test_a_post_without_a_translation_says_so_in_the_other_language(bilingual_site: Path) -> None:
    welsh_only = page(bilingual_site, "/cy/2025/cymraeg-yn-unig/")
    link = language_link(welsh_only)
    assert link is not None and link.get("href") == "/"
    (note,) = welsh_only.cssselect(".language-link span")
    assert note.get("lang") == "en-gb"
    assert note.text_content() == "This page is only in Welsh."
    assert not welsh_only.cssselect("link[hreflang]")


def test_a_campaign_page_lists_the_posts_only_in_the_other_language(bilingual_site: Path) -> None:
    english = page(bilingual_site, "/campaigns/2025/")
    (section,) = english.cssselect("section[aria-labelledby=elsewhere-heading]")
    links = [(a.get("href"), a.get("lang")) for a in section.cssselect("a")]
    assert links == [("/cy/2025/cymraeg-yn-unig/", "cy")]  # not the pair's Welsh half
    welsh = page(bilingual_site, "/cy/campaigns/2025/")
    (section,) = welsh.cssselect("section[aria-labelledby=elsewhere-heading]")
    assert [a.get("href") for a in section.cssselect("a")] == ["/2025/only-english/"]


def test_every_page_links_to_the_other_language_and_back(bilingual_site: Path) -> None:
    assert walk_languages(bilingual_site) > 20


def test_english_only_publishes_no_welsh(tmp_path: Path) -> None:
    output = tmp_path / "output"
    result, printed = build(FIXTURES / "bilingual" / "content", output, COPROWEEK_LANGUAGES=("en",))
    assert result.ok, printed
    assert not (output / "cy").exists()
    assert not (output / "2025" / "bwrdd-y-gegin").exists()
    assert not (output / "amdanom").exists()
    assert not page(output, "/").cssselect(".language-link, link[hreflang]")
    assert "Gwrando" not in page(output, "/campaigns/2025/").text_content()
    # Each Welsh file is named, as a notice (not a fault: strict checks pass).
    assert "cymraeg-yn-unig.md:1: notice: this is in Welsh, which this site does not" in printed
    assert 'add "cy" to COPROWEEK_LANGUAGES' in printed
    code, _ = check(
        FIXTURES / "bilingual" / "content", COPROWEEK_LANGUAGES=("en",), COPROWEEK_STRICT=True
    )
    assert code == 0


def test_welsh_only_publishes_welsh_at_the_root(tmp_path: Path) -> None:
    # On a Welsh site, a file without a Language is Welsh: English ones say Language: en.
    content = copy_fixture("bilingual", tmp_path)
    for name in ("quotes/2025/kitchen-table.md", "quotes/2025/only-english.md", "pages/about.md"):
        path = content / name
        path.write_text("Language: en\n" + path.read_text())
    campaign = content / "campaigns" / "2025.md"
    campaign.write_text("Language: en\n" + campaign.read_text())
    output = tmp_path / "output"
    result, printed = build(
        content, output, COPROWEEK_LANGUAGES=("cy",), COPROWEEK_CARDS_ENABLED=False
    )
    assert result.ok, printed
    home = page(output, "/")
    assert home.get("lang") == "cy"
    assert not home.cssselect(".language-link")
    assert (output / "2025" / "bwrdd-y-gegin" / "index.html").is_file()
    assert not (output / "2025" / "kitchen-table").exists()
    assert not (output / "cy").exists()
    assert "Gwrando yn gyntaf" in page(output, "/campaigns/2025/").text_content()


def test_withdrawing_in_one_language_withdraws_in_both(tmp_path: Path) -> None:
    content = copy_fixture("bilingual", tmp_path)
    welsh = content / "quotes" / "2025" / "bwrdd-y-gegin.md"
    welsh.write_text(welsh.read_text().replace("Channels:", "Withdrawn: yes\nChannels:"))
    output = tmp_path / "output"
    result, printed = build(content, output, **BILINGUAL)
    assert result.ok, printed
    assert not (output / "cy" / "2025" / "bwrdd-y-gegin").exists()
    assert not (output / "2025" / "kitchen-table").exists()
    everything = " ".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    assert "kitchen table" not in everything and "bwrdd fy nghegin" not in everything


def test_a_pair_is_named_as_the_stricter_file_allows(tmp_path: Path) -> None:
    content = copy_fixture("bilingual", tmp_path)
    english = content / "quotes" / "2025" / "kitchen-table.md"
    english.write_text(english.read_text().replace("Naming: first name", "Naming: anonymous"))
    output = tmp_path / "output"
    result, printed = build(content, output, **BILINGUAL)
    assert result.ok, printed
    for address in ("/2025/kitchen-table/", "/cy/2025/bwrdd-y-gegin/"):
        assert "Eirlys" not in page(output, address).text_content(), address
    everything = " ".join(
        p.read_text(encoding="utf-8")
        for p in output.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".ics")
    )
    assert "Eirlys" not in everything


def test_keys_that_cannot_pair_are_content_problems(tmp_path: Path) -> None:
    content = copy_fixture("bilingual", tmp_path)
    quotes = content / "quotes" / "2025"
    shutil.copy(quotes / "bwrdd-y-gegin.md", quotes / "ail-gopi.md")
    other = quotes / "only-english.md"
    other.write_text(other.read_text().replace("Channels:", "Translation-key: about\nChannels:"))
    code, printed = check(content, **BILINGUAL)
    assert code == 1
    assert 'bwrdd-y-gegin.md:1: Translation-key "kitchen-table" is also used by' in printed
    assert "which is in the same language" in printed
    assert (
        'about.md:1: Translation-key "about" links this page to content/quotes/2025/only-english.md, which is a quote post'
        in printed
    )
    assert "Traceback" not in printed


def test_campaign_translations_hold_words_only(tmp_path: Path) -> None:
    content = copy_fixture("bilingual", tmp_path)
    campaigns = content / "campaigns"
    welsh = campaigns / "2025.cy.md"
    welsh.write_text(welsh.read_text().replace("Language: cy", "Language: cy\nAccent: #000000"))
    (campaigns / "2024.cy.md").write_text(
        "Year: 2024\nLanguage: cy\nTheme: Dim\nHashtag: #Dim\n\nDim ymgyrch.\n"
    )
    (campaigns / "2025.fr.md").write_text(
        "Year: 2025\nLanguage: cy\nTheme: Eto\nHashtag: #Eto\n\nEto.\n"
    )
    code, printed = check(content, **BILINGUAL)
    assert code == 1
    assert '2025.cy.md:3: "Accent" is not a field a campaign can have' in printed
    assert "2024.cy.md:1: there is no campaign for 2024" in printed
    assert (
        "2025.fr.md:1: Year is 2025 and Language is cy, but the file is called 2025.fr.md"
        in printed
    )
    assert "Traceback" not in printed


def test_the_language_setting_is_checked(tmp_path: Path) -> None:
    code, printed = check(FIXTURES / "bilingual" / "content", COPROWEEK_LANGUAGES=("en", "fr"))
    assert code == 1
    assert "COPROWEEK_LANGUAGES names 'fr', but the kit can publish only" in printed


def test_each_edition_keeps_its_own_cards(tmp_path: Path) -> None:
    """Welsh cards for Welsh posts, under /cy/; and neither edition takes the other's cards
    for deleted ones (each keeps its own history), build after build."""
    cache = tmp_path / "cache"
    for _ in range(2):
        output = tmp_path / "output"
        result, printed = build(FIXTURES / "bilingual" / "content", output, cache, **BILINGUAL)
        assert result.ok, printed
        assert "Cards to delete" not in printed
    welsh = {path.name for path in (output / "cy" / "cards").rglob("*.jpg")}
    english = {path.name for path in (output / "cards").rglob("*.jpg")}
    assert any(name.startswith("bwrdd-y-gegin") for name in welsh)
    assert not any(name.startswith("kitchen-table") for name in welsh)
    assert any(name.startswith("kitchen-table") for name in english)
    assert not any(name.startswith("bwrdd-y-gegin") for name in english)


def _without_welsh(content: Path) -> None:
    """Remove every Welsh file and every Translation-key line: the content as it was
    before it had translations."""
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.stem.endswith(".cy") or re.search(r"^Language: cy$", text, re.MULTILINE):
            path.unlink()
        else:
            path.write_text(re.sub(r"^Translation-key: .*\n", "", text, flags=re.MULTILINE))


def test_the_sample_in_english_only_is_as_if_it_had_no_welsh(tmp_path: Path) -> None:
    """English only, the default, publishes exactly what the same content without its Welsh
    files would: not a byte of the Welsh content, and no link to a Welsh edition."""
    with_welsh = tmp_path / "with" / "content"
    shutil.copytree(ROOT / "content", with_welsh)
    without = tmp_path / "without" / "content"
    shutil.copytree(ROOT / "content", without)
    _without_welsh(without)

    def names(root: Path) -> set[Path]:
        return {path.relative_to(root) for path in root.rglob("*.md")}

    assert names(without) < names(with_welsh)  # the sample has Welsh files
    cards = {"COPROWEEK_CARDS_CACHE_DIR": str(tmp_path / "cards")}
    built = []
    for content in (with_welsh, without):
        output = content.parent / "output"
        result, printed = build(content, output, content.parent / "cache", **cards)
        assert result.ok, printed
        built.append(
            {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}
        )
    assert built[0].keys() == built[1].keys()
    assert [name for name in built[0] if built[0][name] != built[1][name]] == []


def test_the_sample_site_is_in_both_languages_and_walks_both_ways(sample_site: Path) -> None:
    assert page(sample_site, "/cy/").get("lang") == "cy"
    assert walk_languages(sample_site) > 100


def test_the_scaffold_starts_a_translation(tmp_path: Path) -> None:
    content = copy_fixture("bilingual", tmp_path)
    answers = {
        "speaker": "Tomos Griffiths",
        "naming": "full name",
        "role": "Mentor Cymheiriaid",
        "organisation": "Afonwen Carers Forum",
        "consent": "T-CY-002",
        "channels": "web, social",
        "date": "2025-07-02",
        "quote": "Cael fy holi beth oeddwn i'n ei feddwl, ac yna ei weld yn digwydd, wnaeth i mi aros.",
        "language": "cy",
        "translation_key": "asked-and-heard",
        "slug": "cael-fy-holi",
    }
    path = draft_post("quote", content, answers, day=date(2025, 7, 1)).write()
    text = path.read_text(encoding="utf-8")
    assert "Language: cy\n" in text and "Translation-key: asked-and-heard\n" in text
    english = content / "quotes" / "2025" / "only-english.md"
    english.write_text(
        english.read_text().replace("Channels:", "Translation-key: asked-and-heard\nChannels:")
    )
    output = tmp_path / "output"
    result, printed = build(content, output, **BILINGUAL)
    assert result.ok, printed
    link = language_link(page(output, "/cy/2025/cael-fy-holi/"))
    assert link is not None and link.get("href") == "/2025/only-english/"
    refused = dict(answers, language="Welsh please", slug="eto")
    with pytest.raises(ScaffoldRefused, match="is not a language tag we know"):
        draft_post("quote", content, refused, day=date(2025, 7, 1))


def test_a_bilingual_title_card_too_full_names_both_files(tmp_path: Path) -> None:
    content = copy_fixture("bilingual", tmp_path)
    welsh = content / "campaigns" / "2025.cy.md"
    long_theme = "Gwrando yn gyntaf, " * 12
    welsh.write_text(welsh.read_text().replace("Theme: Gwrando yn gyntaf", f"Theme: {long_theme}"))
    code, printed = check(content, **BILINGUAL)
    assert code == 1
    assert (
        "content/campaigns/2025.md:2: this theme does not fit on its social media card" in printed
    )
    assert "or in its Welsh words (content/campaigns/2025.cy.md)" in printed


def test_edition_settings_are_checked(tmp_path: Path) -> None:
    content = FIXTURES / "bilingual" / "content"
    code, printed = check(content, COPROWEEK_EDITION_SETTINGS={"cy": {"THEME": "elsewhere"}})
    assert code == 1
    assert (
        "COPROWEEK_EDITION_SETTINGS sets 'THEME', but an edition may set only SITENAME" in printed
    )
    code, printed = check(content, COPROWEEK_EDITION_SETTINGS={"fr": {"SITENAME": "Semaine"}})
    assert code == 1
    assert "names 'fr', which is not a language the kit publishes" in printed
    assert "Traceback" not in printed
