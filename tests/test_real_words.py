"""Real contributors' words, as they write them (tests/fixtures/real-words): a pasted essay,
a staff round-up of long quotes by people with consent of their own, a team as author, a
cross-post with an excerpt, YAML fields with lists. Built with a real Pelican run; the
assertions are about what readers and social media teams get."""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, build, check, copy_fixture

ROUNDUP = "2025/what-our-staff-learned-this-year"
ESSAY = "2025/from-the-back-row-to-the-chair"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    tmp = tmp_path_factory.mktemp("real")
    content = copy_fixture("real-words", tmp)
    result, printed = build(content, tmp / "output")
    assert result.ok, printed
    return tmp / "output", printed, content


def every_text(output: Path) -> list[tuple[str, str]]:
    """(file, text) for every file of the site a reader or a tool could read: zip members and
    the compressed search index unpacked, card images left out (their words are in the
    manifests and alt text)."""
    found = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as pack:
                for info in pack.infolist():
                    if info.filename.endswith(".json"):
                        found.append((f"{path.name}:{info.filename}", pack.read(info).decode()))
            continue
        if path.suffix.lower() in (".png", ".jpg", ".webp", ".woff2", ".ttf"):
            continue
        found.append((str(path.relative_to(output)), data.decode("utf-8", "replace")))
    return found


def page(output: Path, address: str) -> str:
    return (output / address / "index.html").read_text(encoding="utf-8")


def test_people_quoted_are_named_only_as_their_consent_allows(site: tuple) -> None:
    output, _, _ = site
    for name, text in every_text(output):
        assert "Hughes" not in text, f"Bronwen's surname in {name}"
        assert "Price" not in text, f"Alun's surname in {name}"
    roundup = page(output, ROUNDUP)
    assert "— Bronwen, Occupational Therapist" in roundup
    assert "— Alun from Treorchy, Carer" in roundup


def test_a_quoted_person_who_withdrew_leaves_and_the_post_stays(site: tuple) -> None:
    output, printed, _ = site
    for name, text in every_text(output):
        assert "Ellis-Jones" not in text and "Marged" not in text, name
        assert "knocking on doors" not in text, f"the withdrawn quote is in {name}"
    roundup = page(output, ROUNDUP)
    assert "Thank you to everyone who took part." in roundup
    assert "the quote of Marged" in printed and "/2025/what-our-staff-learned-this-year/" in printed


def test_long_quotes_are_published_in_full_and_carded_only_from_their_excerpt(site: tuple) -> None:
    output, printed, _ = site
    roundup = " ".join(page(output, ROUNDUP).split())
    assert "without ringing us for help." in roundup  # Bronwen's, whole
    assert "before they do anything else this year." in roundup  # Alun's, whole, no excerpt
    assert "published in full but has no card" in printed
    manifest = json.loads((output / "cards/manifest.json").read_text(encoding="utf-8"))
    roundup_cards = [
        c for c in manifest["cards"] if c["source"].endswith("what-our-staff-learned-this-year.md")
    ]
    quotes = [c for c in roundup_cards if c["kind"] == "quote"]
    assert len(quotes) == 1  # Bronwen's, from her excerpt; Alun's has none, Marged withdrew
    assert (
        "The hard part was admitting" in quotes[0]["alt"] and "ringing us" not in quotes[0]["alt"]
    )
    ifan = [c for c in manifest["cards"] if "ifan" in c["source"] and c["kind"] == "quote"]
    assert ifan and "… It hands the questions back" in ifan[0]["alt"]


def test_pasted_text_reads_as_its_writer_meant(site: tuple) -> None:
    output, printed, _ = site
    essay = page(output, ESSAY)
    body = essay[essay.index('class="prose"') :]
    body = body[: body.index("</div>")]
    paragraphs = re.findall(r"<p>(.*?)</p>", body, flags=re.S)
    assert any(p.startswith("For three years I sat at the back") for p in paragraphs)
    assert any(p.startswith("The first time somebody asked") for p in paragraphs)
    assert len(re.findall(r"<li>", body)) == 7  # three bullets, two numbered, two links
    assert "<ol>" in body and "we rotate who chairs" in body
    assert '<a href="https://example.org/minutes"' in body  # a bare address is a link
    assert "\u00ad" not in essay and "\u200b" not in essay
    assert (
        f'content/blog/{ESSAY}.md:13: warning: "Where it started" looks like a heading' in printed
    )


def test_a_team_is_an_author_shown_as_written(site: tuple) -> None:
    output, _, _ = site
    post = page(output, "2025/our-year-in-co-production")
    assert "By Lantern Lane engagement team" in post
    assert "Lantern Lane engagement team, Lantern Lane" not in post
    assert not (output / "people").exists() or not list((output / "people").glob("lantern*"))
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', post, re.S)[1]
    )
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "Lantern Lane engagement team"


def test_each_quote_counts_and_shows_once_per_campaign(site: tuple) -> None:
    output, _, _ = site
    campaign = page(output, "campaigns/2025")
    # Alun's words are a quote post and a pull quote: one card on the wall.
    assert campaign.count("That sounds small. It is not small.") == 1
    wall = re.findall(r'<figure class="quote[ "]', campaign)  # the featured quote and the wall
    listing = page(output, "campaigns")
    assert f"{len(wall)} quotes" in listing


def test_yaml_fields_with_lists(site: tuple) -> None:
    output, _, _ = site
    post = page(output, "2025/tea-before-the-agenda")
    assert "Tea before the agenda" in post
    assert (output / "tag/meetings/index.html").is_file() and (
        output / "tag/hospitality/index.html"
    ).is_file()
    assert "— Sioned, Volunteer" in post and "Pugh" not in post


def test_placeholders_warn_and_stop_strict_builds(site: tuple) -> None:
    _, printed, content = site
    assert "content/pages/contact.md:3: warning: this is placeholder text the kit wrote" in printed
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 1 and "placeholder text" in report


def test_a_deleted_post_is_listed_for_taking_down(tmp_path: Path) -> None:
    content = copy_fixture("real-words", tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    result, printed = build(content, output, cache)
    assert result.ok, printed
    (content / "quotes/2025/ifan-peer-research-hands-back-the-questions.md").unlink()
    result, printed = build(content, output, cache)
    assert result.ok, printed
    assert (
        "content/quotes/2025/ifan-peer-research-hands-back-the-questions.md: deleted or renamed "
        "since the last build; remove anything already shared from /2025/ifan-peer-research-hands-back-the-questions/"
    ) in printed
    # Its cards too, by the names they were posted with (from the cards cache's history).
    cards_part = printed.split("Cards to delete from social media", 1)[1].split("\n\n", 1)[0]
    assert "content/quotes/2025/ifan-peer-research-hands-back-the-questions.md:" in cards_part
    assert "ifan-peer-research-hands-back-the-questions-1-" in cards_part
    again, printed = build(content, output, cache)
    assert "deleted or renamed" not in printed  # listed once
    assert "Cards to delete" not in printed


def test_tidy_rewrites_pasted_text_as_clean_markdown(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    essay = tmp_path / "essay.md"
    shutil.copy(FIXTURES / "real-words/content/blog/2025/from-the-back-row-to-the-chair.md", essay)
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "tidy", str(essay)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "+## Where it started" in done.stdout and "-• papers a week ahead" in done.stdout
    tidied = essay.read_text(encoding="utf-8")
    assert "## What changed" in tidied and "- papers a week ahead, in plain English" in tidied
    assert "1. we rotate who chairs" in tidied and "\u00ad" not in tidied
    assert tidied.startswith("Title: From the back row to the chair\n")
    again = subprocess.run(
        [sys.executable, "-m", "invoke", "tidy", str(essay)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "tidy already" in again.stdout
