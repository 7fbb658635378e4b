"""Hostile contributions: sanitised HTML, locked paths, private photos, no tracebacks."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, build, check
from coproweek_content import safety
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GOOD = "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nConsent: C-1\nChannels: web\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


SANITISED = {
    "script.md": (
        "Hello <script>alert('x')</script> there.",
        7,
        "the HTML tag <script> is not allowed and was removed.",
    ),
    "handler.md": (
        '<p onclick="steal()">Click me</p>',
        7,
        'the attribute "onclick" on <p> runs code and was removed.',
    ),
    "js-link.md": (
        "[Free tea](javascript:alert(1))",
        7,
        'the javascript: address in "href" on <a> is not allowed and was removed.',
    ),
    "html-js-link.md": (
        '<a href="javascript:alert(1)">tea</a>',
        7,
        'the javascript: address in "href" on <a> is not allowed and was removed.',
    ),
    "svg.md": (
        '<svg><script>alert(1)</script><circle r="4"/></svg>',
        7,
        "the HTML tag <svg> is not allowed and was removed.",
    ),
    "iframe.md": (
        '<iframe src="https://example.org/"></iframe>',
        7,
        "the HTML tag <iframe> is not allowed and was removed.",
    ),
    "overlay.md": (
        '<span style="position:fixed;top:0;left:0;width:100%;height:100%">Win</span>',
        7,
        "the inline style on <span> was removed.",
    ),
    "data-link.md": (
        "[Open](data:text/html;base64,PHNjcmlwdD4=)",
        7,
        'the data: address in "href" on <a> is not allowed and was removed.',
    ),
    "comment.md": (
        "Visible words. <!-- private note: Amira's phone -->",
        7,
        "an HTML comment was removed (comments are not published).",
    ),
    "form.md": (
        '<form action="https://example.org/"><input name="pin"></form>',
        7,
        "the HTML tag <form> is not allowed and was removed.",
    ),
}
FORBIDDEN_OUTPUT = [
    b"<script",
    b"onclick",
    b"javascript:",
    b"<svg",
    b"<iframe",
    b'style="position',
    b"data:text",
    b"private note",
    b"<form",
    b"<input",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    for name, (body, _, _) in SANITISED.items():
        write(content / "quotes" / "2024" / name, GOOD + "\nSome words. " + body + "\n")
    write(content / "quotes" / "2024" / "good.md", GOOD + "\nAn ordinary, welcome quote.\n")
    result, printed = build(content, root / "output")
    assert result.ok, printed
    return root / "output", printed


@pytest.mark.parametrize("name", sorted(SANITISED))
def test_unsafe_markup_is_reported_with_file_and_line(
    hostile_site: tuple[Path, str], name: str
) -> None:
    _, line, message = SANITISED[name]
    assert f"content/quotes/2024/{name}:{line}: warning: {message}" in hostile_site[1]


def test_unsafe_markup_never_reaches_a_page(hostile_site: tuple[Path, str]) -> None:
    output = hostile_site[0]
    for path in output.rglob("*.html"):
        if path.relative_to(output).as_posix() == "search/index.html":
            continue  # the theme's own search form and script, with no content in it
        # Structured data (JSON-LD) is ours; its text is JSON-escaped, so it cannot open a tag.
        data = re.sub(
            rb'<script type="application/ld\+json">.*?</script>', b"", path.read_bytes(), flags=re.S
        )
        for forbidden in FORBIDDEN_OUTPUT:
            assert forbidden not in data, f"{forbidden!r} in {path.relative_to(output)}"
    assert "An ordinary, welcome quote." in (output / "2024/good/index.html").read_text(
        encoding="utf-8"
    )
    # Allowed markup keeps working.
    assert "Click me" in (output / "2024/handler/index.html").read_text(encoding="utf-8")


def test_strict_mode_stops_on_what_the_sanitiser_removed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "quotes" / "2024" / "script.md", GOOD + "\nHello <script>alert(1)</script>\n")
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 1
    assert "script.md:7: warning: the HTML tag <script> is not allowed and was removed." in report


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG file that claims to be width x height: a header and no pixel data."""
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_invalid_posts_get_clear_errors_and_write_nothing_outside(tmp_path: Path) -> None:
    project = tmp_path / "project"
    content = project / "content"
    outside = tmp_path / "secret.md"
    write(outside, GOOD + "\nA file outside the content folder.\n")
    write(tmp_path / "secret.jpg", png_header(10, 10))
    folder = content / "quotes" / "2024"
    write(folder / "save-as.md", GOOD + "Save_as: ../../x.html\n\nWords.\n")
    write(
        content / "blog" / "2024" / "traversal.md",
        GOOD.replace("Speaker", "Author")
        + "Title: T\nSummary: S\n\n![A photo](/images/../../secret.jpg)\n",
    )
    write(content / "images" / "2024" / "huge.png", png_header(30000, 30000))
    write(
        content / "blog" / "2024" / "huge.md",
        GOOD.replace("Speaker", "Author")
        + "Title: T\nSummary: S\n\n![A huge photo](/images/2024/huge.png)\n",
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "linked.md").symlink_to(outside)
    write(folder / "big.md", GOOD + "\n" + "word " * 2_100_000)
    write(folder / "latin1.md", GOOD.encode() + b"\nCaf\xe9\n")
    write(folder / "nul.md", GOOD.encode() + b"\nA\x00B\n")
    write(folder / "nested.md", GOOD + "\n" + "".join("    " * i + "- item\n" for i in range(40)))
    write(
        folder / "data-image.md", GOOD + "\nA dot: ![A dot](data:image/png;base64,iVBORw0KGgo=)\n"
    )
    write(folder / "good.md", GOOD + "\nA welcome quote.\n")
    before = sorted(p.name for p in tmp_path.iterdir())

    result, printed = build(content, project / "output")

    assert not result.ok
    expected = [
        'content/quotes/2024/save-as.md:6: "Save_as" is not allowed in content',
        'content/blog/2024/traversal.md:9: "/images/../../secret.jpg" points outside the images folder.',
        'content/blog/2024/huge.md:9: "/images/2024/huge.png" is far too large to be a photo for a web page.',
        "content/quotes/2024/linked.md:1: this is a link to a file or folder outside its folder of content/",
        "content/quotes/2024/big.md:1: this file cannot be read: the file is 10500 KB, more than the 200 KB a post may be.",
        "content/quotes/2024/latin1.md:1: this file cannot be read: line 7 has characters that are not UTF-8 text.",
        "content/quotes/2024/nul.md:1: this file cannot be read: line 7 contains a NUL character",
        'content/quotes/2024/data-image.md:7: "data:image/png;base64,iVBORw0KGgo=" is not a photo of this site: only photos in content/images/ can be shown.',
        "content/quotes/2024/nested.md:28: this line is indented by 84 spaces: lists or quotes are nested far too deeply.",
    ]
    for line in expected:
        assert line in printed, f"missing: {line}\n{printed}"
    assert "Traceback" not in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (project / "output").exists()
    assert not (project / "x.html").exists()


def test_a_hostile_slug_cannot_leave_its_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "quotes" / "2024" / "post.md", GOOD + "Slug: ../../../etc/passwd\n\nWords.\n")
    result, printed = build(content, tmp_path / "output")
    assert result.ok, printed
    assert (tmp_path / "output/2024/etc-passwd/index.html").is_file()
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("Call me on 07700 900123 any time.", 7, "a phone number"),
        ("Write to amira@example.org for more.", 7, "an email address"),
        ("I live at 14 Station Road now.", 7, "a street address"),
        ("Our office is at CF10 1AA.", 7, "a postcode"),
    ],
)
def test_personal_details_in_a_post_are_warned_about(
    tmp_path: Path, body: str, line: int, what: str
) -> None:
    content = tmp_path / "content"
    write(content / "quotes" / "2024" / "post.md", GOOD + "\n" + body + "\n")
    code, report = check(content)
    assert code == 0  # a warning: an organisation may publish its own public address
    assert (
        f"content/quotes/2024/post.md:{line}: warning: the text seems to contain {what}." in report
    )


def test_a_full_name_in_the_text_of_a_first_name_post_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(
        content / "quotes" / "2024" / "post.md",
        GOOD.replace("Tomos", "Tomos Rhys") + "\nI am Tomos Rhys and I said this.\n",
    )
    code, report = check(content)
    assert code == 1
    assert (
        'post.md:7: the text contains "Tomos Rhys", but this person agreed to be named less fully.'
        in report
    )


def test_workflow_files_pass_the_schema_check() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {"publish.yml", "pull-request.yml"} <= {path.name for path in workflows}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# Property-based: whatever metadata and Markdown arrive, the check explains, never crashes.
KEYS = st.sampled_from(
    [
        "Speaker",
        "Role",
        "Date",
        "Consent",
        "Channels",
        "Naming",
        "Place",
        "Campaign",
        "Tags",
        "Wellbeing",
        "Excerpt",
        "Source",
        "Withdrawn",
        "Consent-ends",
        "Save_as",
        "Template",
        "Speakr",
        "Slug",
    ]
)
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["2024-07-02", "web, social", "first name", "yes", "2024", "../x", "#1B1B1B"]),
)
MARKDOWN = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "# Heading",
                "- a\n    - b",
                "> quote\n> — Name, Role",
                "![](x.png)",
                "<b>bold</b>",
                "<script>x</script>",
                "[a](javascript:x)",
                "```\n<script>\n```",
                "    code",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "<!-- c -->",
            ]
        ),
    ),
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(metadata=st.lists(st.tuples(KEYS, VALUES), max_size=10), body=MARKDOWN)
def test_random_posts_never_crash_the_check(
    tmp_path_factory: pytest.TempPathFactory, metadata: list[tuple[str, str]], body: list[str]
) -> None:
    content = tmp_path_factory.mktemp("random") / "content"
    header = "".join(
        f"{key}: {value}\n".replace("\r", " ") for key, value in metadata if "\n" not in value
    )
    write(content / "quotes" / "2024" / "random.md", header + "\n" + "\n\n".join(body) + "\n")
    code, report = check(content)
    assert "Traceback" not in report
    if code != 0:
        problem_lines = [line for line in report.splitlines() if line.startswith("content/")]
        assert problem_lines
        for line in problem_lines:
            assert line.startswith("content/quotes/2024/random.md:"), line
            assert line.split(":")[1].isdigit(), line


# Lines mixing words with pieces of contact details, names, HTML and Markdown links.
_PIECES = st.sampled_from(
    [
        "we met",
        "Ann Lee",
        "ann@example.org",
        "07700 900123",
        "+44 7700 900123",
        "12 Mill Road",
        "SW1A 1AA",
        "<b>",
        "<script>x</script>",
        "<!-- note -->",
        "[a](javascript:x)",
        "[b](https://example.org)",
        "`code`",
        "    indented",
        "```",
        "0",
        "/",
        "",
    ]
)
_TEXTS = st.lists(st.lists(_PIECES, max_size=4).map(" ".join), max_size=6).map("\n".join)


def _details_line_by_line(body: str, first_line: int, full_name: str) -> list[safety.Finding]:
    """personal_details as it was written before its whole-text shortcut: every line, every
    pattern."""
    findings = []
    lines = body.split("\n")
    for offset, line in enumerate(lines):
        following = lines[offset + 1] if offset + 1 < len(lines) else ""
        attribution = safety.ATTRIBUTION_LINE.match(line) and not re.match(
            r"^\s{0,3}>\s*\S", following
        )
        if len(full_name.split()) > 1 and full_name.lower() in line.lower() and not attribution:
            findings.append((first_line + offset, "name"))
        for pattern, what in safety.DETAILS:
            if pattern.search(line):
                findings.append((first_line + offset, what))
    return findings


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_the_shortcut_of_the_details_scan_finds_what_a_full_scan_finds(body: str) -> None:
    found = safety.personal_details(body, 3, ["Ann Lee"])
    kinds = [(f.line, "name" if "named less fully" in f.message else f.message) for f in found]
    expected = [
        (line, what if what == "name" else f"the text seems to contain {what}.")
        for line, what in _details_line_by_line(body, 3, "Ann Lee")
    ]
    assert kinds == expected
