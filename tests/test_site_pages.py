"""The campaign site as built HTML: the campaign banner, the featured quote, wayfinding
(aria-current, breadcrumbs), the language of parts, the pagination link and the palettes in
both colour schemes. What a browser shows of them is in test_site_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build, check, copy_fixture
from coproweek_content.colours import (
    DARK_SITE,
    FOCUS,
    LIGHT_SITE,
    NORMAL_TEXT,
    contrast,
    scheme_pairs,
)
from coproweek_content.languages import detected, resolve
from coproweek_content.model import Palette
from lxml import html as lxml_html


def page(output: Path, address: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((output / address.strip("/") / "index.html").read_bytes())


def words(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Quotes in Urdu (detected), Irish (a Language field), a Bengali name and an Arabic
    pull quote in a blog post."""
    output = tmp_path_factory.mktemp("languages") / "output"
    result, printed = build(FIXTURES / "languages" / "content", output)
    assert result.ok, printed
    return output


# The campaign banner and the home page ------------------------------------------------


def test_home_page_leads_with_the_campaign_and_its_heading_is_not_the_header(
    sample_site: Path,
) -> None:
    home = page(sample_site, "/")
    site_name = words(home.cssselect(".site-name")[0])
    (heading,) = home.cssselect("h1")
    assert words(heading) == "Innovation through co-production"
    assert words(heading) != site_name
    banner = home.cssselect(".campaign-banner")[0]
    assert "Co-production Week 2025" in words(banner)
    assert "30 June to 4 July 2025" in words(banner)
    assert "#CoProWeek" in words(banner)
    actions = {words(a): a.get("href") for a in banner.cssselect(".actions a")}
    assert actions["See the campaign"] == "/campaigns/2025/"
    assert actions["Get the social media cards"] == "/campaigns/2025/cards/"
    # The newest quote of the campaign, large, beside the latest posts.
    featured = home.cssselect("section[aria-labelledby=featured-heading] .quote-large")[0]
    assert "hand over part of the budget" in words(featured)
    latest = words(home.cssselect("section[aria-labelledby=latest-heading]")[0])
    assert "hand over part of the budget" not in latest  # shown once
    assert "Innovation is not always shiny" in latest


@pytest.mark.parametrize("address", ["/", "/campaigns/2025/"])
def test_the_campaign_title_card_is_shown_with_its_alt_text(
    sample_site: Path, address: str
) -> None:
    (card,) = page(sample_site, address).cssselect(".campaign-banner img")
    assert (sample_site / card.get("src").lstrip("/")).is_file()
    alt = card.get("alt")
    assert "Innovation through co-production" in alt and not alt.startswith("Image of")
    assert card.get("width") and card.get("height")  # no layout shift while it loads


def test_campaign_page_has_banner_featured_quote_wall_blogs_and_events(
    sample_site: Path,
) -> None:
    campaign = page(sample_site, "/campaigns/2025/")
    (heading,) = campaign.cssselect("h1")
    assert words(heading) == "Innovation through co-production"
    assert campaign.cssselect(".campaign-banner .actions a")[0].get("href") == (
        "/campaigns/2025/cards/"
    )
    featured = words(campaign.cssselect("section[aria-labelledby=featured-heading]")[0])
    wall = [words(figure) for figure in campaign.cssselect(".wall .quote")]
    assert "hand over part of the budget" in featured
    assert not any("hand over part of the budget" in quote for quote in wall)  # shown once
    assert len(wall) >= 3
    headings = [words(h) for h in campaign.cssselect("h2")]
    assert headings.index("Quotes") < headings.index("Blog posts") < headings.index("Events")
    events = campaign.cssselect("section[aria-labelledby=events-heading] a")
    assert events[-1].get("href") == "/campaigns/2025/events/"
    # A campaign without events has no empty section waiting for them.
    assert not page(sample_site, "/campaigns/2023/").cssselect("#events-heading")


def test_one_quote_component_on_lists_quote_pages_and_in_blogs(sample_site: Path) -> None:
    listing = page(sample_site, "/type/quotes/")
    assert listing.cssselect(".post-list figure.quote blockquote p")
    quote_page = page(sample_site, "/2025/gwenllian-llanfairpwllgwyngyll-bilingual-reminders/")
    (figure,) = quote_page.cssselect("article figure")
    assert figure.get("class") == "quote quote-large"
    assert words(figure.cssselect("figcaption")[0]).startswith("— Gwenllian")
    blog = page(sample_site, "/2024/five-things-people-told-us-were-missing/")
    pulls = blog.cssselect(".prose figure.pull-quote")
    assert pulls and all(words(p.cssselect("figcaption")[0]).startswith("— ") for p in pulls)
    # No other quote design is left in the theme.
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
    assert ".quote-card" not in css


# Wayfinding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "current"),
    [
        ("/type/quotes/", "Quotes"),
        ("/type/blogs/", "Blogs"),
        ("/campaigns/", "Campaigns"),
        ("/archive/", "Archive"),
        ("/search/", "Search"),
        ("/", "Co-production Week"),
    ],
)
def test_the_menu_marks_the_current_page(sample_site: Path, address: str, current: str) -> None:
    marked = page(sample_site, address).cssselect(".site-header [aria-current]")
    assert [(words(a), a.get("aria-current")) for a in marked] == [(current, "page")]


def test_a_post_marks_nothing_in_the_menu(sample_site: Path) -> None:
    post = page(sample_site, "/2025/co-designing-a-digital-front-door/")
    assert post.cssselect(".site-header [aria-current]") == []


@pytest.mark.parametrize(
    ("address", "trail"),
    [
        (
            "/2025/co-designing-a-digital-front-door/",
            ["Home", "Co-production Week 2025", "Co-designing a digital front door"],
        ),
        ("/campaigns/2024/", ["Home", "Campaigns", "Co-production Week 2024"]),
    ],
)
def test_breadcrumbs_on_posts_and_campaign_pages(
    sample_site: Path, address: str, trail: list[str]
) -> None:
    document = page(sample_site, address)
    (nav,) = document.cssselect("nav.breadcrumbs")
    assert nav.get("aria-label") == "Breadcrumb"
    items = nav.cssselect("ol > li")
    assert [words(item) for item in items] == trail
    assert items[0].cssselect("a")[0].get("href") == "/"
    current = items[-1].cssselect("a")[0]
    assert current.get("aria-current") == "page" and current.get("href") == address
    assert not any(item.cssselect("[aria-current]") for item in items[:-1])
    # The same trail for search engines.
    data = [json.loads(s.text) for s in document.cssselect("script[type='application/ld+json']")]
    (crumbs,) = [d for d in data if d.get("@type") == "BreadcrumbList"]
    assert [item["name"] for item in crumbs["itemListElement"]] == trail
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][-1]["item"].endswith(address)


def test_newer_posts_on_page_two_links_to_the_site_root(sample_site: Path) -> None:
    second = page(sample_site, "/page/2/")
    (newer,) = second.cssselect(".pagination a[rel=prev]")
    assert newer.get("href") == "/"
    assert words(newer) == "Newer posts"
    assert (
        page(sample_site, "/page/3/").cssselect(".pagination a[rel=prev]")[0].get("href")
        == "/page/2/"
    )


# Language of parts -------------------------------------------------------------------


def test_the_resolver_reads_the_script_and_a_field_wins() -> None:
    assert (detected("ہم سب مل کر فیصلے کرتے ہیں").tag, detected("ہم سب").direction) == (
        "ur",
        "rtl",
    )
    assert (detected("نحن نستمع أولاً").tag, detected("نحن نستمع").direction) == ("ar", "rtl")
    assert detected("সুমাইয়া রহমান").tag == "bn"
    assert detected("Mae pawb yn cael dweud").tag == ""  # Latin: the page's own language
    assert detected("Amira (আ)").tag == ""  # mostly Latin
    assert resolve("Mae pawb yn cael dweud", "cy").tag == "cy"
    assert resolve("anything", "ur").direction == "rtl"


def test_quotes_names_and_titles_carry_their_language(languages_site: Path) -> None:
    urdu = page(languages_site, "/2024/urdu-every-voice/")
    (quote,) = urdu.cssselect("article blockquote")
    assert (quote.get("lang"), quote.get("dir")) == ("ur", "rtl")
    assert urdu.cssselect("h1")[0].get("lang") is None  # its title is the English byline
    irish = page(languages_site, "/2024/irish-every-voice/")
    (quote,) = irish.cssselect("article blockquote")
    assert (quote.get("lang"), quote.get("dir")) == ("ga", None)
    bengali = page(languages_site, "/2024/bengali-name/")
    names = bengali.cssselect("figcaption [lang=bn]")
    assert [words(name) for name in names] == ["সুমাইয়া রহমান"]
    assert bengali.cssselect("article blockquote")[0].get("lang") is None  # English words
    blog = page(languages_site, "/2024/listening-in-arabic/")
    (pull,) = blog.cssselect(".prose figure.pull-quote blockquote")
    assert (pull.get("lang"), pull.get("dir")) == ("ar", "rtl")
    # Search engines are told too.
    data = json.loads(urdu.cssselect("script[type='application/ld+json']")[0].text)
    assert (data["@type"], data["inLanguage"]) == ("Quotation", "ur")
    data = json.loads(irish.cssselect("script[type='application/ld+json']")[0].text)
    assert data["inLanguage"] == "ga"
    # The campaign's wall marks each quote the same way.
    wall = page(languages_site, "/campaigns/2024/")
    marked = {q.get("lang") for q in wall.cssselect(".quote blockquote") if q.get("lang")}
    assert {"ur", "ga", "ar"} <= marked


def test_a_language_nobody_knows_is_a_content_problem(tmp_path: Path) -> None:
    content = copy_fixture("languages", tmp_path)
    post = content / "quotes" / "2024" / "irish-every-voice.md"
    post.write_text(post.read_text().replace("Language: ga", "Language: Welsh please"))
    code, printed = check(content)
    assert code == 1
    assert "irish-every-voice.md:3" in printed
    assert '"Welsh please" is not a language tag we know' in printed
    assert "cy (Welsh)" in printed
    assert "Traceback" not in printed


# Palettes in both colour schemes ------------------------------------------------------


def css_palettes() -> tuple[dict[str, str], dict[str, str]]:
    """The --bg, --text and --accent of site.css, light and dark."""
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
    light_block = re.search(r":root \{(.*?)\}", css, re.S)
    dark_block = re.search(r"prefers-color-scheme: dark\) \{\s*:root \{(.*?)\}", css, re.S)
    assert light_block and dark_block

    def values(block: str) -> dict[str, str]:
        return {k: v.upper() for k, v in re.findall(r"--(bg|text|accent): (#\w{6})", block)}

    return values(light_block[1]), values(dark_block[1])


def campaign_palettes() -> list[Palette]:
    found = []
    files = [
        *(ROOT / "content" / "campaigns").glob("*.md"),
        *FIXTURES.glob("*/content/campaigns/*.md"),
    ]
    for path in sorted(files):
        colours = dict(
            re.findall(r"^(Background|Text-colour|Accent): (#\w{6})", path.read_text(), re.M)
        )
        if len(colours) == 3 and "faint" not in path.read_text():
            found.append(Palette(colours["Background"], colours["Text-colour"], colours["Accent"]))
    return found


def test_the_stylesheet_uses_the_palettes_the_checks_know() -> None:
    light, dark = css_palettes()
    assert (light["bg"], light["text"], light["accent"]) == LIGHT_SITE
    assert (dark["bg"], dark["text"], dark["accent"]) == DARK_SITE


def test_every_palette_pair_reads_in_both_schemes() -> None:
    palettes = [Palette(*LIGHT_SITE), Palette(*DARK_SITE), *campaign_palettes()]
    assert len(palettes) >= 5
    failures = []
    for palette in palettes:
        for scheme, shown in (("light", palette), ("dark", palette.dark)):
            pairs = scheme_pairs(shown.background, shown.text, shown.accent)
            pairs["focus"] = (FOCUS[1], FOCUS[0])
            for name, (foreground, background) in pairs.items():
                ratio = contrast(foreground, background)
                if ratio < NORMAL_TEXT:
                    failures.append(f"{palette} {scheme} {name}: {ratio:.2f}")
    assert not failures, failures


def test_a_light_campaign_gets_a_dark_version_in_its_hue(sample_site: Path) -> None:
    light = Palette("#FFFFFF", "#1B1B1B", "#00595C")
    dark = light.dark
    assert (dark.background, dark.text) == DARK_SITE[:2]
    assert dark.accent != light.accent and contrast(dark.accent, dark.background) >= 6
    red, green, blue = (int(dark.accent[i : i + 2], 16) for i in (1, 3, 5))
    assert green > red and blue > red  # still teal, lightened
    # A dark campaign palette is already dark: it stays as it is.
    assert Palette("#14213D", "#FFFFFF", "#FCA311").dark == Palette("#14213D", "#FFFFFF", "#FCA311")
    # Each campaign page states both versions.
    style = page(sample_site, "/campaigns/2023/").cssselect("head style")[0].text
    assert "--accent:#00595C" in style
    assert f"@media (prefers-color-scheme:dark){{:root{{--bg:{dark.background}" in style
    assert f"--accent:{dark.accent}" in style


def test_a_campaign_chooses_its_featured_quote(tmp_path: Path) -> None:
    content = copy_fixture("languages", tmp_path)
    campaign = content / "campaigns" / "2024.md"
    campaign.write_text(campaign.read_text().replace("Accent:", "Featured: bengali-name\nAccent:"))
    result, printed = build(content, tmp_path / "output")
    assert result.ok, printed
    built = page(tmp_path / "output", "/campaigns/2024/")
    featured = words(built.cssselect("section[aria-labelledby=featured-heading]")[0])
    assert "We decided the questions together" in featured
    wall = [words(figure) for figure in built.cssselect(".wall .quote")]
    assert len(wall) == 3 and not any("We decided the questions" in quote for quote in wall)


def test_without_featured_the_newest_quote_post_leads(languages_site: Path) -> None:
    built = page(languages_site, "/campaigns/2024/")
    featured = words(built.cssselect("section[aria-labelledby=featured-heading]")[0])
    assert "Bíonn guth ag gach duine" in featured  # the Irish quote, 4 July, the newest


def test_a_featured_post_that_is_not_there_is_a_content_problem(tmp_path: Path) -> None:
    content = copy_fixture("languages", tmp_path)
    campaign = content / "campaigns" / "2024.md"
    campaign.write_text(campaign.read_text().replace("Accent:", "Featured: no-such-post\nAccent:"))
    code, printed = check(content)
    assert code == 1
    assert "campaigns/2024.md:8" in printed
    assert 'Featured is "no-such-post", but no quote post' in printed
    assert "bengali-name" in printed and "Traceback" not in printed
