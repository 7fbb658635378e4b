"""Publishing: rsync and gh-pages deploys, the sitemap and robots.txt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from conftest import ROOT

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PROJECT_FILES = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kit as a new organisation would have it, in its own git repository."""
    project = tmp_path_factory.mktemp("org") / "site"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(
        project,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "commit",
        "-qm",
        "Our site",
    )
    return project


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def invoke(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    environment = {**os.environ, "COPROWEEK_TODAY": "2026-06-01", **env}
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )


def test_publish_copies_the_site_with_rsync(project_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "webroot"
    (target).mkdir()
    (target / "stale.html").write_text("an old page", encoding="utf-8")
    done = invoke(project_copy, "publish", "--target", str(target))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Published output/ to {target} with rsync." in done.stdout
    assert (target / "index.html").is_file()
    assert (target / "2024/delroy-what-is-missing-is-time/index.html").is_file()
    assert not (target / "stale.html").exists(), "rsync --delete removes pages that were taken down"
    page = (target / "index.html").read_text(encoding="utf-8")
    assert "https://coproweek.example.org/" in page  # built with publishconf.py


def test_gh_pages_commits_and_pushes_the_site(project_copy: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(project_copy, "remote", "add", "origin", str(remote))
    done = invoke(
        project_copy,
        "gh-pages",
        "--push",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Committed output/ to the gh-pages branch and pushed it." in done.stdout
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in files and ".nojekyll" in files
    assert "2024/delroy-what-is-missing-is-time/index.html" in files


def test_publish_without_a_target_says_what_to_do(project_copy: Path) -> None:
    done = invoke(project_copy, "publish", COPROWEEK_PUBLISH_TARGET="")
    assert done.returncode == 1
    assert "No publish target" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def sitemap_addresses(output: Path) -> set[str]:
    tree = ElementTree.parse(output / "sitemap.xml")
    return {loc.text or "" for loc in tree.iter(f"{SITEMAP_NS}loc")}


def editions_of(output: Path) -> list[str]:
    """The folders of the site's editions: the main one, and cy/ on a bilingual site."""
    return ["", *(["cy/"] if (output / "cy" / "sitemap.xml").is_file() else [])]


def test_sitemap_lists_every_published_page_and_nothing_else(sample_site: Path) -> None:
    """Each edition's sitemap lists that edition's pages (a bilingual site has two)."""
    base = "http://localhost:8000/"
    editions = editions_of(sample_site)
    expected: dict[str, set[str]] = {edition: set() for edition in editions}
    for page in sample_site.rglob("*.html"):
        relative = page.relative_to(sample_site).as_posix()
        edition = "cy/" if "cy/" in editions and relative.startswith("cy/") else ""
        if (
            relative == f"{edition}404.html"
            or b'name="robots" content="noindex' in page.read_bytes()
        ):
            continue
        address = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        expected[edition].add(base + quote(address))
    for edition in editions:
        assert sitemap_addresses(sample_site / edition) == expected[edition], edition
    listed = sitemap_addresses(sample_site)
    assert base + "2024/delroy-what-is-missing-is-time/" in listed
    assert not [address for address in listed if "withdrawn-example" in address]


def test_robots_txt_points_to_the_sitemap(sample_site: Path) -> None:
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    for edition in editions_of(sample_site):
        assert f"Sitemap: http://localhost:8000/{edition}sitemap.xml\n" in robots
    assert not (sample_site / "cy" / "robots.txt").exists()


def visible_text(page: Path) -> str:
    from lxml import html

    tree = html.fromstring(page.read_bytes())
    for hidden in tree.xpath("//script | //style"):
        hidden.drop_tree()
    return "".join(tree.text_content().split())  # block boundaries are not spaces in the source


def test_publishing_builds_are_minified_without_losing_text(
    sample_site: Path, tmp_path: Path
) -> None:
    from conftest import SAMPLE_SETTINGS, build

    result, printed = build(
        ROOT / "content", tmp_path / "output", **SAMPLE_SETTINGS, COPROWEEK_MINIFY=True
    )
    assert result.ok, printed
    minified = tmp_path / "output"
    pages = sorted(p.relative_to(sample_site) for p in sample_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(minified) for p in minified.rglob("*.html"))
    for relative in pages:
        assert (minified / relative).stat().st_size <= (sample_site / relative).stat().st_size, (
            relative
        )
        assert visible_text(minified / relative) == visible_text(sample_site / relative), relative
    article = "2024/delroy-what-is-missing-is-time/index.html"
    assert (minified / article).stat().st_size < (sample_site / article).stat().st_size
    css = "theme/css/site.css"
    assert (minified / css).stat().st_size < 0.9 * (sample_site / css).stat().st_size


def workflow_commands(name: str) -> list[str]:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_the_workflows_commands_pass_on_a_new_copy_of_the_kit(
    project_copy: Path, name: str
) -> None:
    """Each `./kit ...` step of the shipped workflows, as it stands, on the sample content
    (through invoke in this test's environment; `./kit tests` is this very test run)."""
    commands = workflow_commands(name)
    assert commands and all(command.startswith("./kit ") for command in commands), commands
    for command in commands:
        arguments = command.split()[1:]
        if arguments[0] == "tests":
            continue  # this very test run
        done = invoke(project_copy, *arguments, COPROWEEK_SITEURL="https://example.github.io/site")
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
        assert "Traceback" not in done.stdout + done.stderr


def test_every_link_works_on_a_site_published_under_a_sub_path(tmp_path: Path) -> None:
    """GitHub Pages project sites live at https://owner.github.io/repository/: every link,
    image and stylesheet the kit writes starts with SITEURL (templates and imported macros)."""
    import re

    from conftest import build

    site_url = "https://sub-path.test/campaign-site"
    result, printed = build(ROOT / "content", tmp_path / "output", SITEURL=site_url)
    assert result.ok, printed
    addresses = re.compile(r'\s(?:href|src|srcset|action)="([^"]*)"')
    outside = []
    for page in sorted((tmp_path / "output").rglob("*.html")):
        for address in addresses.findall(page.read_text(encoding="utf-8")):
            first = address.split()[0] if address else address
            if first.startswith(("#", "mailto:", site_url + "/")) or first == site_url:
                continue
            if first.startswith("https://") and not first.startswith("https://sub-path.test/"):
                continue  # a link to another site written by a contributor or a share link
            outside.append(f"{page.relative_to(tmp_path)}: {address}")
    assert not outside, outside[:20]
