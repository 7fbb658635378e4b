"""Whole builds of the sample content and of small fixtures, with real Pelican runs."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SAMPLE_SETTINGS, build
from coproweek_content.loader import LoadedSite, SiteContext, load_site

WITHDRAWN_SPEAKER = "Zephyrine Quillfeather"
WITHDRAWN_WORDS = ("Zephyrine", "Quillfeather", "marmalade committee", "withdrawn-example")


def all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def readable_bytes(path: Path) -> bytes:
    """A file's bytes, and for the compressed search index its decompressed bytes too."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # gzip: Pagefind's index and fragments
        data += gzip.decompress(data)
    return data


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in all_files(folder)
    }


def test_sample_site_has_the_expected_pages(sample_site: Path) -> None:
    for page in [
        "index.html",
        "2024/delroy-what-is-missing-is-time/index.html",
        "2024/five-things-people-told-us-were-missing/index.html",
        "about/index.html",
        "archive/index.html",
        "tag/power/index.html",
        "type/quotes/index.html",
        "type/blogs/index.html",
        "2024/index.html",
        "images/2024/workshop.jpg",
    ]:
        assert (sample_site / page).is_file(), page
    assert not list(sample_site.rglob("*.md")), "source files must never be published"


def test_the_withdrawn_post_is_nowhere_in_output(sample_site: Path) -> None:
    source = (ROOT / "content/quotes/2024/withdrawn-example.md").read_text(encoding="utf-8")
    assert (
        WITHDRAWN_SPEAKER in source and "Withdrawn: yes" in source
    )  # the fixture is what we think
    scanned = 0
    for path in all_files(sample_site):
        data = readable_bytes(path)
        scanned += len(data)
        for words in WITHDRAWN_WORDS:
            assert words.encode() not in data, f"{words!r} found in {path.relative_to(sample_site)}"
    # The scan is real: the search index, feeds and manifests are there and readable.
    index = b"".join(readable_bytes(p) for p in sample_site.glob("pagefind*/**/*.pf_fragment"))
    assert b"Delroy" in index
    assert (sample_site / "feeds/all.atom.xml").is_file() and (
        sample_site / "cards/manifest.json"
    ).is_file()


def test_names_are_shown_only_as_consent_allows(sample_site: Path) -> None:
    context = SiteContext(ROOT / "content", ROOT, today=__import__("datetime").date(2026, 6, 1))
    site = load_site(context)
    named_in_full = {p.person.name for p in site.published if p.person.naming.value == "full name"}
    first_name_only = [
        p
        for p in site.published
        if p.person.naming.value == "first name"
        and len(p.person.name.split()) > 1
        and p.person.name not in named_in_full  # the same person chose full name elsewhere
    ]
    assert first_name_only, "the sample content should have a full name kept private"
    everything = b"\n".join(readable_bytes(p) for p in all_files(sample_site))
    for post in first_name_only:  # pages, feeds, manifests, alt text, the search index
        assert post.person.name.encode() not in everything, (
            f"full name of {post.source_path.name} is published"
        )
    delroy = (sample_site / "2024/delroy-what-is-missing-is-time/index.html").read_text(
        encoding="utf-8"
    )
    assert "Delroy" in delroy
    bengali = (sample_site / "2024/sumaiya-voices-missing-from-surveys/index.html").read_text(
        encoding="utf-8"
    )
    assert "সুমাইয়া রহমান" in bengali  # chose to be named in full, in her own script
    welsh = (
        sample_site / "2025/gwenllian-llanfairpwllgwyngyll-bilingual-reminders/index.html"
    ).read_text(encoding="utf-8")
    assert "Gwenllian from Llanfairpwllgwyngyll" in welsh


def test_only_people_named_in_full_have_a_page(sample_site: Path) -> None:
    people = sorted(p.name for p in (sample_site / "people").iterdir() if p.is_dir())
    assert "সুমাইয়া-রহমান" in people  # a name in Bengali keeps its letters in the address
    assert all(name not in people for name in ("delroy", "tomos", "anonymous", "none"))


def test_pull_quotes_become_figures_and_model_quotes(sample_site: Path) -> None:
    html = (sample_site / "2024/five-things-people-told-us-were-missing/index.html").read_text(
        encoding="utf-8"
    )
    assert html.count('<figure class="pull-quote">') == 3
    assert "<figcaption>— Precious, Carer</figcaption>" in html
    site = load_site(
        SiteContext(ROOT / "content", ROOT, today=__import__("datetime").date(2026, 6, 1))
    )
    post = next(p for p in site.posts if p.slug == "five-things-people-told-us-were-missing")
    assert [q.speaker for q in post.quotes] == ["Precious", "Tomos", "Yasmin"]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, printed = build(
        ROOT / "content",
        tmp_path / "one",
        cache=tmp_path / "cache-one",
        **SAMPLE_SETTINGS,  # with the galleries in pages and the search split
    )
    assert first.ok, printed
    # The second build reuses a warm cache: cached and fresh builds must agree too.
    second, printed = build(
        ROOT / "content",
        tmp_path / "two",
        cache=tmp_path / "cache-one",
        **SAMPLE_SETTINGS,  # with the galleries in pages and the search split
    )
    assert second.ok, printed
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


def write_post(folder: Path, name: str, author: str, day: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(
        f"Speaker: {author}\nNaming: full name\nRole: Volunteer\nDate: 2024-07-{day:02d}\n"
        f"Consent: C-{name}\nChannels: web\n\nWords from {author} number {day}.\n",
        encoding="utf-8",
    )


def collision_content(root: Path) -> Path:
    """'Author 1' has three posts (two list pages at 2 a page); 'Author 12' has one."""
    content = root / "content"
    for day in (1, 2, 3):
        write_post(content / "quotes" / "2024", f"one-{day}", "Author 1", day)
    write_post(content / "quotes" / "2024", "twelve", "Author 12", 4)
    return content


def test_author_pages_do_not_collide_with_pagination(tmp_path: Path) -> None:
    content = collision_content(tmp_path)
    result, printed = build(content, tmp_path / "output", DEFAULT_PAGINATION=2)
    assert result.ok, printed
    page_two = (tmp_path / "output/people/author-1/page/2/index.html").read_text(encoding="utf-8")
    twelve = (tmp_path / "output/people/author-12/index.html").read_text(encoding="utf-8")
    assert "Words from Author 1 number 1." in page_two
    assert "Words from Author 12 number 4." in twelve and "Author 1 number" not in twelve


def test_pelicans_default_pattern_would_collide(tmp_path: Path) -> None:
    """The same content with Pelican's default patterns writes one file twice: the build stops."""
    content = collision_content(tmp_path)
    result, printed = build(
        content,
        tmp_path / "output",
        DEFAULT_PAGINATION=2,
        AUTHOR_URL="author/{slug}.html",
        AUTHOR_SAVE_AS="author/{slug}.html",
        PAGINATION_PATTERNS=[
            (1, "{name}{extension}", "{name}{extension}"),
            (2, "{name}{number}{extension}", "{name}{number}{extension}"),
        ],
    )
    assert not result.ok
    assert "author-12.html" in printed
    assert "Traceback" not in printed
    assert not (tmp_path / "output").exists()


def test_photos_lose_their_metadata(tmp_path: Path) -> None:
    from PIL import Image

    content = tmp_path / "content"
    (content / "images" / "2024").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (3.0, 10.0, 0.0)}  # GPS position
    exif[0x0112] = 6  # stored sideways: must come out upright
    Image.new("RGB", (40, 20), "#336699").save(content / "images/2024/photo.jpg", exif=exif)
    (content / "blog" / "2024").mkdir(parents=True)
    (content / "blog/2024/photos.md").write_text(
        "Title: Photos\nAuthor: Farah\nRole: Volunteer\nDate: 2024-07-02\nSummary: Photos.\n"
        "Consent: C-9\nChannels: web\n\n![Two chairs by a window](/images/2024/photo.jpg)\n",
        encoding="utf-8",
    )
    result, printed = build(content, tmp_path / "output")
    assert result.ok, printed
    with Image.open(tmp_path / "output/images/2024/photo.jpg") as published:
        assert published.size == (20, 40)
        assert len(published.getexif()) == 0
        assert b"Camera Maker" not in (tmp_path / "output/images/2024/photo.jpg").read_bytes()


def test_consent_ending_takes_effect_even_from_the_cache(tmp_path: Path) -> None:
    """A post read into Pelican's cache while consent was valid is dropped once it ends."""
    content = tmp_path / "content"
    folder = content / "quotes" / "2024"
    folder.mkdir(parents=True)
    (folder / "ending.md").write_text(
        "Speaker: Bethan\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-8\nChannels: web\n"
        "Consent-ends: 2025-01-31\n\nWords that may be shown until January.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    before, printed = build(content, tmp_path / "output", cache=cache, COPROWEEK_TODAY="2025-01-31")
    assert before.ok, printed
    assert (tmp_path / "output/2024/ending/index.html").is_file()
    after, printed = build(content, tmp_path / "output", cache=cache, COPROWEEK_TODAY="2025-02-01")
    assert after.ok, printed
    assert not (tmp_path / "output/2024/ending").exists()
    for path in all_files(tmp_path / "output"):
        assert b"may be shown until January" not in path.read_bytes(), path
    assert "content/quotes/2024/ending.md: consent ended on 2025-01-31" in printed


def structured_data(page: Path) -> dict:
    import json
    import re

    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        page.read_text(encoding="utf-8"),
        re.S,
    )
    assert found, page
    return json.loads(found[1])


def test_structured_data_names_people_as_their_consent_allows(sample_site: Path) -> None:
    quote = structured_data(sample_site / "2024/delroy-what-is-missing-is-time/index.html")
    assert quote["@type"] == "Quotation"
    assert quote["creator"]["name"] == "Delroy"  # first name only, as he chose
    assert quote["text"].startswith("What is missing, for me, is time.")
    anonymous = structured_data(sample_site / "2023/expert-citizen-on-the-panel/index.html")
    assert anonymous["creator"]["name"] == "Anonymous"
    blog = structured_data(sample_site / "2024/five-things-people-told-us-were-missing/index.html")
    assert (
        blog["@type"] == "BlogPosting"
        and blog["headline"] == "Five things people told us were missing"
    )
    assert blog["author"]["name"] == "Owain"
    event = structured_data(sample_site / "campaigns/2024/index.html")
    assert (
        event["@type"] == "Event"
        and event["startDate"] == "2024-07-01"
        and event["endDate"] == "2024-07-05"
    )


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    good, printed = build(content, output, COPROWEEK_PROJECT_ROOT=str(tmp_path))
    assert good.ok, printed
    before = digest(output)
    post = content / "quotes/2024/delroy-what-is-missing-is-time.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Date: 2024-07-02", "Date: 2024-07-32"),
        encoding="utf-8",
    )
    failed, printed = build(content, output, COPROWEEK_PROJECT_ROOT=str(tmp_path))
    assert not failed.ok
    assert 'Date: "2024-07-32" is not a date we can read.' in printed
    assert digest(output) == before


def test_a_site_built_over_an_old_one_is_the_same_as_one_built_afresh(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    for _ in range(2):
        result, printed = build(content, output, cache=cache, **SAMPLE_SETTINGS)
        assert result.ok, printed
    cards = {path: path.read_bytes() for path in (cache / "cards").rglob("*.png")}
    assert cards
    # A post removed, one withdrawn and one changed: the next build writes over the site of
    # two builds ago, which has all three as they were.
    quotes = content / "quotes" / "2025"
    (quotes / "farah-instructions-people-use.md").unlink()
    withdrawn = quotes / "marcus-tenants-shared-the-budget.md"
    withdrawn.write_text(
        withdrawn.read_text(encoding="utf-8").replace(
            "Consent-ends:", "Withdrawn: yes\nConsent-ends:"
        ),
        encoding="utf-8",
    )
    changed = quotes / "jordan-group-chat-with-tenants.md"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("every meeting.", "every meeting now."),
        encoding="utf-8",
    )
    result, printed = build(content, output, cache=cache, **SAMPLE_SETTINGS)
    assert result.ok, printed
    afresh, printed = build(content, tmp_path / "afresh", cache=cache, **SAMPLE_SETTINGS)
    assert afresh.ok, printed
    assert digest(output) == digest(tmp_path / "afresh")
    assert not list(output.rglob("*farah*")) and not list(output.rglob("*marcus-tenants*"))
    # Cards are hard links to the cache in both sites: none was written through.
    for path, data in cards.items():
        assert not path.exists() or path.read_bytes() == data, path


@pytest.mark.parametrize("content", [ROOT / "content", FIXTURES / "broken" / "content"])
def test_worker_processes_check_and_render_as_one_does(content: Path) -> None:
    """Posts (with their rendered bodies) and problems, in order, are those of one process."""

    def loaded(parallel_from: int | None) -> LoadedSite:
        context = SiteContext(content, content.parent, today=date(2026, 6, 1))
        return load_site(context, parallel_from=parallel_from)

    one, two = loaded(None), loaded(1)
    assert one.posts and two.posts == one.posts
    assert all(post.html for post in one.posts)
    assert two.problems == one.problems


def test_a_site_checked_by_two_processes_is_built_the_same(tmp_path: Path) -> None:
    """The reader takes the bodies the checks rendered: the site is the same, byte for byte."""
    sites = {}
    for parallel_from in (None, 1):
        output = tmp_path / f"from-{parallel_from}"
        result, printed = build(
            ROOT / "content",
            output,
            COPROWEEK_PROJECT_ROOT=str(ROOT),
            COPROWEEK_CARDS_ENABLED=False,
            COPROWEEK_CONTENT_PARALLEL_FROM=parallel_from,
        )
        assert result.ok, printed
        sites[parallel_from] = digest(output)
    assert sites[1] == sites[None]


def test_a_build_leaves_nothing_beside_the_site_and_never_follows_links(
    tmp_path: Path,
) -> None:
    """Each build writes a new site into a staging folder and swaps it in; the site it
    replaced is deleted beside the next build, links inside it deleted, never followed."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "feeds" / "content", content)
    output = tmp_path / "output"
    quick = {"COPROWEEK_CARDS_ENABLED": False, "COPROWEEK_SEARCH_ENABLED": False}
    result, printed = build(content, output, **quick)
    assert result.ok, printed
    precious = tmp_path / "precious"
    (precious / "folder").mkdir(parents=True)
    (precious / "keep.html").write_text("not the site's", encoding="utf-8")
    (precious / "folder" / "keep.html").write_text("not the site's", encoding="utf-8")
    (output / "outside.html").symlink_to(precious / "keep.html")
    (output / "outside").symlink_to(precious / "folder")
    # Beside output/, a file and a link named as an interrupted build's folder would be.
    (tmp_path / ".output.building-1").write_text("a stray file", encoding="utf-8")
    (tmp_path / ".output.old-2").symlink_to(precious)
    for _ in range(2):
        result, printed = build(content, output, **quick)
        assert result.ok, printed
    assert not (output / "outside.html").exists() and not (output / "outside").exists()
    assert (precious / "keep.html").read_text(encoding="utf-8") == "not the site's"
    assert (precious / "folder" / "keep.html").is_file()
    # Beside output/ only the site the last build replaced, which the next build deletes.
    left = list(tmp_path.glob(".output*"))
    assert len(left) <= 1 and all(".old-" in path.name for path in left), left


def test_a_fault_in_the_kit_leaves_nothing_beside_the_site(tmp_path: Path) -> None:
    """A build stopped by an exception (a fault of the kit, not of the content) says so,
    keeps the old site and leaves no staging folder, even with cards and search running."""
    from pelican import signals

    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "feeds" / "content", content)
    output = tmp_path / "output"
    result, printed = build(content, output)
    assert result.ok, printed
    before = digest(output)

    def broken(pelican: object) -> None:
        raise RuntimeError("a fault planted by the test")

    signals.finalized.connect(broken)
    try:
        result, printed = build(content, output)
    finally:
        signals.finalized.disconnect(broken)
    assert not result.ok
    assert "This is a fault in the site kit" in printed and "a fault planted by the test" in printed
    assert digest(output) == before
    assert not list(tmp_path.glob(".output*"))


def test_wrong_settings_are_named_in_plain_english_and_nothing_is_built(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "feeds" / "content", content)
    result, printed = build(
        content,
        tmp_path / "output",
        COPROWEEK_CARDS_WORKERS="two",
        COPROWEEK_FEEDS_FORMATS=("atom", "pdf"),
        COPROWEEK_CARDS_WORKER=2,
        COPROWEEK_CARD_MAX_CHARS=0,
    )
    assert not result.ok and not (tmp_path / "output").exists()
    assert "COPROWEEK_CARDS_WORKERS is 'two', but should be a whole number or None." in printed
    assert "COPROWEEK_FEEDS_FORMATS has 'pdf'; choose from atom, rss." in printed
    assert (
        "COPROWEEK_CARDS_WORKER is not a setting of the kit. Did you mean COPROWEEK_CARDS_WORKERS?"
        in printed
    )
    assert "COPROWEEK_CARD_MAX_CHARS must be 1 or more." in printed
    assert "Traceback" not in printed and "fault in the site kit" not in printed
