"""Hostile contributions (tests/hostile_corpus.py), built as a pull request would be.

Sanitised cases are built together with good posts: every output file (pages, feeds,
manifests, the zip packs' members, the search index) is scanned for scripts, handlers,
script and data addresses, resources from other sites, source files and each case's own
words. Refused cases are checked and built together over a site built before: every one is
reported with its file and line, the build stops, and output/ stays byte for byte as it was.
Around both builds, nothing in the project or in a folder beside it changes but output/ and
the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build, check
from hostile_corpus import Case, good_content, refused_cases, sanitised_cases
from lxml import etree
from PIL import Image

SANITISED = sanitised_cases()
BOTH = {"COPROWEEK_LANGUAGES": ("en", "cy")}  # every case through both editions
REFUSED = refused_cases()
SITE = "http://localhost:8000"  # the feeds' address for a local build
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "xlink:href",
    "cite",
}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "background", "data"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# The theme's own scripts, in each edition (the corpus is built in Welsh and English).
THEME_SCRIPTS = {
    f"{edition}/theme/js/{name}.js" for edition in ("", "/cy") for name in ("search", "gallery")
}
SEARCH_PAGES = ("search/index.html", "cy/search/index.html")


def lay_out(project: Path, files: dict[str, str | bytes | tuple[str, str]]) -> None:
    for name, value in files.items():
        path = project.parent / name if name.startswith("outside/") else project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, tuple):
            path.symlink_to(project.parent / value[1])
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")


def snapshot(root: Path, skip: tuple[str, ...]) -> dict[str, str]:
    """Every file and link under `root` (but the folders named in `skip`) and its digest."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink():
                found[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def readable(path: Path) -> list[tuple[str, bytes]]:
    """A file's bytes as a reader gets them: a gzip (the search index) unpacked, a zip pack
    member by member."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return [(path.name, gzip.decompress(data))]
    if path.suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as pack:
            return [(f"{path.name}:{info.filename}", pack.read(info)) for info in pack.infolist()]
    return [(path.name, data)]


@dataclass
class Built:
    project: Path
    output: Path
    printed: str
    ok: bool
    before: dict[str, str]
    after: dict[str, str]


def _run(tmp: Path, cases: list[Case]) -> Built:
    project = tmp / "project"
    lay_out(project, good_content())
    for case in cases:
        lay_out(project, case.files)
    (tmp / "outside" / "watched.txt").parent.mkdir(parents=True, exist_ok=True)
    (tmp / "outside" / "watched.txt").write_text("nobody writes here", encoding="utf-8")
    before = snapshot(tmp, skip=("output", "cache"))
    result, printed = build(project / "content", project / "output", project / "cache", **BOTH)
    after = snapshot(tmp, skip=("output", "cache"))
    return Built(project, project / "output", printed, result.ok, before, after)


@pytest.fixture(scope="module")
def sanitised(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = _run(tmp_path_factory.mktemp("sanitised"), SANITISED)
    assert built.ok, built.printed
    return built


@pytest.fixture(scope="module")
def refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Built, str, dict[str, str], dict[str, str]]:
    """A good site first; then every refused case added: (the build, the check's report,
    output/ before and after)."""
    tmp = tmp_path_factory.mktemp("refused")
    good = _run(tmp, [])
    assert good.ok, good.printed
    output_before = snapshot(good.output, skip=())
    project = good.project
    for case in REFUSED:
        lay_out(project, case.files)
    code, report = check(project / "content", **BOTH)
    assert code == 1
    before = snapshot(tmp, skip=("output", "cache"))
    result, printed = build(project / "content", project / "output", project / "cache", **BOTH)
    after = snapshot(tmp, skip=("output", "cache"))
    built = Built(project, good.output, printed, result.ok, before, after)
    return built, report, output_before, snapshot(good.output, skip=())


@pytest.mark.parametrize("case", SANITISED, ids=[case.name for case in SANITISED])
def test_a_sanitised_case_leaves_nothing_of_itself(sanitised: Built, case: Case) -> None:
    for name in case.also_absent:
        assert not (sanitised.output / name).exists(), name
    if not case.marker:
        return
    marker = case.marker.encode()
    for path in sorted(p for p in sanitised.output.rglob("*") if p.is_file()):
        for member, data in readable(path):
            assert marker not in data, (
                f"{case.marker} in {path.relative_to(sanitised.output)} ({member})"
            )


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_a_refused_case_is_reported_with_file_and_line(refused: tuple, case: Case) -> None:
    _, report, _, _ = refused
    path, line, message = case.refused  # type: ignore[misc]
    where = f"{path}:{line}: "
    found = [text for text in report.splitlines() if text.startswith(where) and message in text]
    assert found, f"{where}...{message}\n--- report ---\n{report}"


def test_the_refused_build_stops_and_changes_nothing(refused: tuple) -> None:
    built, report, output_before, output_after = refused
    assert not built.ok
    assert output_after == output_before, "output/ changed"
    assert built.after == built.before, "a file outside output/ and the cache changed"
    assert not list(built.project.glob(".output*")), "a staging folder was left behind"
    for text in (report, built.printed):
        assert "Traceback" not in text and "fault in the site kit" not in text
        assert "\x1b" not in text and "\x07" not in text, "a control character reached the terminal"


def test_the_sanitised_build_writes_only_its_site(sanitised: Built) -> None:
    assert sanitised.after == sanitised.before
    assert "Traceback" not in sanitised.printed and "fault in the site kit" not in sanitised.printed
    assert (sanitised.output / "2024/tomos-good/index.html").is_file()  # good posts still built
    assert (sanitised.output / "2024/script/index.html").is_file()  # the sanitised one too


def test_no_source_file_and_no_photo_metadata_is_published(sanitised: Built) -> None:
    sources = {
        hashlib.sha256(p.read_bytes()).digest()
        for p in sanitised.project.joinpath("content").rglob("*")
        if p.is_file()
    }
    for path in sanitised.output.rglob("*"):
        if not path.is_file():
            continue
        assert path.suffix not in (".md", ".rst", ".mkd", ".htm"), path
        assert hashlib.sha256(path.read_bytes()).digest() not in sources, (
            f"{path} is a source file as it is"
        )
        if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp") and "/cards/" not in str(path):
            with Image.open(path) as image:
                assert not image.getexif(), f"{path} kept its EXIF data"
    assert list(sanitised.output.glob("images/2024/gps*"))  # the photo itself is there


class _HtmlScan(HTMLParser):
    def __init__(self, where: str, problems: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.where, self.problems = where, problems
        self.in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            kind, src = values.get("type"), values.get("src")
            if not (kind == "application/ld+json" or src in THEME_SCRIPTS):
                self.problems.append(f"{self.where}: a <script> ({values})")
            self.in_script = values
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.problems.append(f"{self.where}: <{tag}>")
        if tag == "form" and self.where not in SEARCH_PAGES:  # the theme's own search form
            self.problems.append(f"{self.where}: <form>")
        if tag == "link" and (values.get("rel") or "") in (
            "stylesheet",
            "icon",
            "preload",
            "manifest",
        ):
            self._local(tag, "href", values.get("href") or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"{self.where}: a refresh")
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.problems.append(f"{self.where}: <{tag} {name}>")
            if name in URL_ATTRIBUTES and value.startswith(BAD_SCHEMES):
                self.problems.append(f"{self.where}: <{tag} {name}={value[:40]}>")
            if name in RESOURCE_ATTRIBUTES:
                for part in value.split(","):
                    self._local(tag, name, part.strip().split(" ")[0])
            if name == "style" and "url(" in value:
                self.problems.append(f"{self.where}: <{tag} style> with url()")

    def handle_data(self, data: str) -> None:
        if self.in_script is not None and self.in_script.get("type") == "application/ld+json":
            json.loads(data)  # structured data is data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = None

    def _local(self, tag: str, name: str, value: str) -> None:
        parts = urlsplit(value)
        if value.startswith("//") or (parts.scheme and not value.startswith(SITE)):
            self.problems.append(f"{self.where}: <{tag} {name}={value[:60]}> is on another site")


def scan_html(text: str, where: str, problems: list[str]) -> None:
    scanner = _HtmlScan(where, problems)
    scanner.feed(text)
    scanner.close()


def scan_feed(data: bytes, where: str, problems: list[str]) -> None:
    tree = etree.fromstring(data)
    for element in tree.iter():
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if name in ("content", "description", "encoded", "summary") and element.text:
            scan_html(element.text, f"{where} <{name}>", problems)
        for attribute in ("url", "href", "src"):
            value = element.get(attribute)
            if (
                value
                and not value.startswith(SITE)
                and not (name == "link" and element.get("rel") in (None, "alternate", "self"))
            ):
                problems.append(f"{where}: <{name} {attribute}={value}> is on another site")


def test_every_output_file_is_safe(sanitised: Built) -> None:
    problems: list[str] = []
    output = sanitised.output
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        where = str(path.relative_to(output))
        for member, data in readable(path):
            label = f"{where} ({member})" if member != path.name else where
            if member.endswith((".html", ".htm")):
                scan_html(data.decode("utf-8"), label, problems)
            elif member.endswith(".xml") and "sitemap" not in member:
                scan_feed(data, label, problems)
            elif member.endswith(".json"):
                json.loads(data)
                if b"<script" in data.lower() or b"javascript:" in data.lower():
                    problems.append(f"{label}: markup or a script address in JSON")
            elif member.endswith(".pf_fragment") and b"<script" in data.lower():
                problems.append(f"{label}: a script in the search index")
    assert not problems, "\n".join(problems[:40])


def test_plain_text_is_shown_as_written(sanitised: Built) -> None:
    page = (sanitised.output / "2024/field-jinja/index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page and "{% raw %}" in page
    page = (sanitised.output / "2024/field-quotes/index.html").read_text(encoding="utf-8")
    assert "Volunteer &#34;and&#34; &#39;friend&#39; &amp; co" in page
    page = (sanitised.output / "2024/field-heart/index.html").read_text(encoding="utf-8")
    assert "Volunteer &lt;3" in page


def test_each_sanitised_removal_is_a_warning_with_its_line(sanitised: Built) -> None:
    assert (
        "content/quotes/2024/script.md:8: warning: the HTML tag <script> is not allowed and was removed."
        in sanitised.printed
    )
    assert (
        'content/quotes/2024/handler.md:8: warning: the attribute "onclick" on <p> runs code and was removed.'
        in sanitised.printed
    )
    assert (
        'content/quotes/2024/js-link.md:8: warning: the javascript: address in "href" on <a> is not allowed'
        in sanitised.printed
    )
    strict, printed = build(
        sanitised.project / "content", sanitised.project / "strict-output", COPROWEEK_STRICT=True
    )
    assert not strict.ok and not (sanitised.project / "strict-output").exists()
