"""Shared test helpers: real Pelican builds of small content folders."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from coproweek_build.build import BuildResult, build_site, load_settings, run_checks  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Consent end dates are compared with "today": tests pin it so results never drift.
PINNED_TODAY = "2026-06-01"


# The sample's pelicanconf.py is bilingual, with a Welsh site name: fixtures are built with
# the settings' defaults unless a test asks for more.
FIXTURE_LANGUAGES: dict[str, Any] = {
    "COPROWEEK_LANGUAGES": ("en",),
    "COPROWEEK_EDITION_SETTINGS": None,
}


def build(
    content: Path, output: Path, cache: Path | None = None, **settings: Any
) -> tuple[BuildResult, str]:
    """Build `content` into `output` with the project's settings; returns (result, printed)."""
    cache_path = cache or output.parent / f"{output.name}-cache"
    overrides: dict[str, Any] = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache_path),
        # Each build's cards are cached beside its other caches, never in the project's .cache/.
        "COPROWEEK_CARDS_CACHE_DIR": str(cache_path / "cards"),
        "COPROWEEK_TODAY": PINNED_TODAY,
        "COPROWEEK_PROJECT_ROOT": str(content.parent),
        # Fixtures are sites in English, the setting's default, unless a test says otherwise
        # (the sample content is built as pelicanconf.py has it: SAMPLE_SETTINGS).
        **FIXTURE_LANGUAGES,
    }
    overrides.update(settings)
    printed = io.StringIO()
    result = build_site(ROOT / "pelicanconf.py", overrides, out=printed)
    return result, printed.getvalue()


def check(content: Path, **settings: Any) -> tuple[int, str]:
    """Run the content checks only; returns (exit code, printed report)."""
    overrides: dict[str, Any] = {
        "PATH": str(content),
        "COPROWEEK_TODAY": PINNED_TODAY,
        "COPROWEEK_PROJECT_ROOT": str(content.parent),
        **FIXTURE_LANGUAGES,
    }
    overrides.update(settings)
    printed = io.StringIO()
    code = run_checks(ROOT / "pelicanconf.py", overrides, out=printed)
    return code, printed.getvalue()


def copy_fixture(name: str, destination: Path) -> Path:
    """A writable copy of tests/fixtures/NAME/content, so a test may change it."""
    target = destination / name / "content"
    shutil.copytree(FIXTURES / name / "content", target)
    return target


def copy_sample_campaigns(content: Path) -> Path:
    """The sample campaigns into `content`, with the photos and logos their cards name."""
    for name in ("campaigns", "images"):
        shutil.copytree(ROOT / "content" / name, content / name)
    return content


# The sample site's galleries are in pages, as large sites have them, so the tests (and the
# browser tests) cover the gallery's pages.
SAMPLE_SETTINGS: dict[str, Any] = {
    "COPROWEEK_PROJECT_ROOT": str(ROOT),
    "COPROWEEK_LANGUAGES": load_settings(ROOT / "pelicanconf.py").get(
        "COPROWEEK_LANGUAGES", ("en",)
    ),
    "COPROWEEK_CARDS_GALLERY_PAGE_SIZE": 4,
}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample content, built once per test run; returns the output folder."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result, printed = build(ROOT / "content", output, **SAMPLE_SETTINGS)
    assert result.ok, printed
    return output


# Real-browser fixtures (`browser`, `site_url`): Debian's Chromium through Playwright.
from browser_fixtures import browser, site_url  # noqa: E402, F401


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are marked `browser` (`./kit tests --fast` leaves them out)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
