"""The content checks: every problem in plain English, with file, line and a fix, all in one run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build, check, copy_fixture

BROKEN = FIXTURES / "broken" / "content"


@pytest.fixture(scope="module")
def broken_report() -> tuple[int, str]:
    return check(BROKEN)


# (file, line, message, start of the fix) for every problem in tests/fixtures/broken.
EXPECTED = [
    (
        "content/quotes/2024/typo-in-key.md",
        1,
        '"Speakr" is not a field a quote post can have. Did you mean "Speaker"?',
        'change "Speakr" to "Speaker".',
    ),
    (
        "content/quotes/2024/bad-date.md",
        4,
        'Date: "2024-13-45" is not a date we can read.',
        "write the date as year-month-day",
    ),
    (
        "content/quotes/2024/unknown-campaign.md",
        3,
        "there is no campaign for 2031. Campaigns we have: 2024.",
        "correct the year, or add content/campaigns/2031.md",
    ),
    (
        "content/quotes/2024/no-consent.md",
        1,
        "Consent is missing: this post names a person (Speaker).",
        "add a line: Consent:",
    ),
    (
        "content/quotes/2024/no-consent.md",
        1,
        "Channels is missing: we need to know where the person agreed their words can appear.",
        "add a line listing what they agreed to",
    ),
    (
        "content/quotes/2024/chooses-path.md",
        6,
        '"Save_as" is not allowed in content: it would choose where the page is written.',
        "remove this line.",
    ),
    (
        "content/quotes/2024/chooses-path.md",
        7,
        '"Template" is not allowed in content: it would choose the page template.',
        "remove this line.",
    ),
    ("content/quotes/2024/empty-role.md", 2, "Role is empty.", "write a value after the colon"),
    (
        "content/quotes/2024/same-name.md",
        1,
        "this would have the same web address (/2024/same-name/) as content/blog/2024/same-name.md.",
        "rename one of the two files",
    ),
    (
        "content/blog/2024/images-without-alt.md",
        1,
        "Summary is missing.",
        "add a line near the top",
    ),
    (
        "content/blog/2024/images-without-alt.md",
        7,
        'Image: the image file "/images/2024/missing-photo.jpg" does not exist.',
        "put the photo in content/images/",
    ),
    (
        "content/blog/2024/images-without-alt.md",
        7,
        "the photo has no alt text (a description for people who cannot see it).",
        "add a line: Image-alt:",
    ),
    (
        "content/blog/2024/images-without-alt.md",
        11,
        "this image has no alt text.",
        "write a short description between the square brackets",
    ),
]


def problems_in(report: str) -> list[tuple[str, int, str, str]]:
    """Parse the printed report back into (file, line, message, fix)."""
    found = []
    for match in re.finditer(
        r"^(\S+?):(\d+): (?!notice|warning)(.+)\n    How to fix: (.+)$", report, re.M
    ):
        found.append((match[1], int(match[2]), match[3], match[4]))
    return found


@pytest.mark.parametrize(
    "expected", EXPECTED, ids=[f"{e[0].split('/')[-1]}:{e[1]}" for e in EXPECTED]
)
def test_each_problem_is_reported_with_file_line_and_fix(
    broken_report: tuple[int, str], expected: tuple[str, int, str, str]
) -> None:
    path, line, message, fix_start = expected
    matching = [p for p in problems_in(broken_report[1]) if p[:3] == (path, line, message)]
    assert matching, f"missing: {path}:{line}: {message}\n--- report ---\n{broken_report[1]}"
    assert matching[0][3].startswith(fix_start)


def test_all_problems_in_one_run_and_nothing_else(broken_report: tuple[int, str]) -> None:
    code, report = broken_report
    assert code == 1
    assert len(problems_in(report)) == len(EXPECTED)
    assert f"Found {len(EXPECTED)} problems in 8 files. Nothing was published." in report
    assert "Traceback" not in report


def test_expired_consent_is_a_notice_not_an_error(broken_report: tuple[int, str]) -> None:
    assert (
        "content/quotes/2024/expired.md:1: notice: this post is left out of the site because "
        "their consent ended on 2025-01-31." in broken_report[1]
    )


def test_a_typo_is_not_also_reported_as_a_missing_field(broken_report: tuple[int, str]) -> None:
    assert "typo-in-key.md:1: Speaker is missing." not in broken_report[1]


def test_broken_content_builds_nothing_and_keeps_the_old_site(tmp_path: Path) -> None:
    content = copy_fixture("broken", tmp_path)
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous good site", encoding="utf-8")
    result, printed = build(content, output)
    assert not result.ok
    assert "Nothing was published." in printed
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the previous good site"
    assert not list(tmp_path.glob(".output.building-*")), "the unfinished build was not removed"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


QUOTE = "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-1\nChannels: web\n"


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        (
            "Naming: first name and place\n",
            6,
            'Naming is "first name and place" but there is no Place.',
        ),
        ("Naming: nickname\n", 6, 'Naming: "nickname" is not a way of naming someone we know.'),
        ("Channels: web, radio\n", 6, '"Channels" appears twice (also on line 5).'),
        (
            "Wellbeing: be happy\n",
            6,
            'Wellbeing: "be happy" is not one of the five ways to wellbeing.',
        ),
        ("Source: example.org/story\n", 6, 'Source: "example.org/story" is not a web address.'),
        ("Withdrawn: perhaps\n", 6, 'Withdrawn: "perhaps" is not yes or no.'),
        ("Consent-ends: next year\n", 6, 'Consent-ends: "next year" is not a date we can read.'),
        (
            "Status: draft\n",
            6,
            '"Status" is not allowed in content: it would change whether and where the page is published.',
        ),
        (
            "URL: elsewhere/\n",
            6,
            '"URL" is not allowed in content: it would choose the page\'s web address.',
        ),
        (
            "Author: Tomos\n",
            6,
            '"Author" is not a field a quote post can have. Did you mean "Speaker"?',
        ),
        (
            "Speaker Tomos Jones\n",
            6,
            'this line is inside the fields at the top but is not written as "Field: value".',
        ),
    ],
)
def test_field_problems(tmp_path: Path, header: str, line: int, message: str) -> None:
    content = tmp_path / "content"
    write(content / "quotes" / "2024" / "post.md", QUOTE + header + "\nA quote.\n")
    code, report = check(content)
    assert code == 1
    assert f"content/quotes/2024/post.md:{line}: {message}" in report, report


def test_consent_reference_must_not_be_contact_details(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(
        content / "quotes" / "2024" / "post.md",
        QUOTE.replace("C-1", "tomos@example.org") + "\nA quote.\n",
    )
    code, report = check(content)
    assert code == 1
    assert (
        "content/quotes/2024/post.md:4: Consent: the consent reference looks like contact details."
        in report
    )


def test_an_excerpt_must_be_the_persons_own_words(tmp_path: Path) -> None:
    content = tmp_path / "content"
    said = "Words said together. " * 20
    post = content / "quotes" / "2024" / "post.md"
    write(post, QUOTE + "Excerpt: Words we said together.\n\n" + said + "\n")
    code, report = check(content)
    assert code == 1
    assert "post.md:6: the Excerpt is not word for word from the quote" in report
    write(post, QUOTE + "Excerpt: Words said together. … Words said together.\n\n" + said + "\n")
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 0, report


def test_unreadable_files_are_explained(tmp_path: Path) -> None:
    content = tmp_path / "content"
    folder = content / "quotes" / "2024"
    folder.mkdir(parents=True)
    (folder / "latin1.md").write_bytes(QUOTE.encode() + b"\nCaf\xe9 talk.\n")
    (folder / "nul.md").write_bytes(QUOTE.encode() + b"\nA\x00quote.\n")
    code, report = check(content)
    assert code == 1
    assert (
        "content/quotes/2024/latin1.md:1: this file cannot be read: line 7 has characters that are not UTF-8 text."
        in report
    )
    assert (
        "content/quotes/2024/nul.md:1: this file cannot be read: line 7 contains a NUL character"
        in report
    )


def test_a_file_in_an_unknown_folder_is_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "posts" / "mine.md", QUOTE + "\nA quote.\n")
    code, report = check(content)
    assert code == 1
    assert "content/posts/mine.md:1: this file is not in a folder the site reads" in report


def test_pelican_warnings_fail_the_build(tmp_path: Path) -> None:
    """Whatever our checks miss and Pelican warns about still stops the build."""
    import logging

    from pelican import signals

    content = tmp_path / "content"
    write(content / "quotes" / "2024" / "post.md", QUOTE + "\nA quote.\n")

    def warn(generator: object) -> None:
        logging.getLogger("pelican.generators").warning("Something Pelican did not like")

    signals.article_generator_finalized.connect(warn)
    try:
        result, printed = build(content, tmp_path / "output")
    finally:
        signals.article_generator_finalized.disconnect(warn)
    assert not result.ok
    assert "Something Pelican did not like" in printed
    assert not (tmp_path / "output").exists()


def test_the_bundled_sample_content_passes() -> None:
    code, report = check(ROOT / "content", COPROWEEK_PROJECT_ROOT=str(ROOT))
    assert code == 0, report
    assert "All content is fine" in report


def test_a_post_dated_in_the_future_appears_on_its_day(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "quotes" / "2024" / "now.md", QUOTE + "\nPublished now.\n")
    write(
        content / "quotes" / "2024" / "later.md",
        QUOTE.replace("2024-07-02", "2026-06-03") + "\nPublished on its day.\n",
    )
    result, printed = build(content, tmp_path / "before", COPROWEEK_TODAY="2026-06-02")
    assert result.ok, printed
    assert (
        "content/quotes/2024/later.md:1: notice: this post is scheduled: it will be published on 2026-06-03."
        in printed
    )
    assert "2026-06-03: content/quotes/2024/later.md" in printed
    assert not (tmp_path / "before/2026/later").exists()
    assert "later" not in (tmp_path / "before/sitemap.xml").read_text(encoding="utf-8")
    result, printed = build(content, tmp_path / "on-the-day", COPROWEEK_TODAY="2026-06-03")
    assert result.ok, printed
    assert (tmp_path / "on-the-day/2026/later/index.html").is_file()
