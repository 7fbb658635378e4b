"""`./kit` where there is no apt-get (macOS with Homebrew, Fedora): it says exactly what to
install, and goes on when nothing is missing. Run with a PATH of a few real commands and
shims for the package managers, in a copy of the script (it never gets to install)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

# What the script itself runs, besides the package managers.
TOOLS = ("bash", "env", "dirname", "find", "uname", "cat", "grep", "cut", "sha256sum", "id")


def shims(folder: Path, **scripts: str) -> Path:
    folder.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    for name, body in scripts.items():
        (folder / name).write_text(f"#!{shutil.which('bash')}\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return folder


def run_kit(tmp_path: Path, path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("kit", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    environment = {"PATH": str(path), "HOME": str(tmp_path / "home")}
    return subprocess.run(
        [str(project / "kit"), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_apt_get_homebrew_users_are_told_exactly_what_to_install(tmp_path: Path) -> None:
    path = shims(tmp_path / "bin", brew="exit 0")
    done = run_kit(tmp_path, path, "tests")
    assert done.returncode == 1
    message = done.stderr
    assert "This computer has no apt-get" in message
    assert "Missing: chromium rsync git java." in message
    assert "    brew install rsync git openjdk\n" in message
    assert "    brew install --cask chromium\n" in message
    assert "dnf" not in message and "Traceback" not in message
    assert ".devcontainer/" in message
    assert not (tmp_path / "project" / ".venv").exists()


def test_without_apt_get_dnf_users_are_told_exactly_what_to_install(tmp_path: Path) -> None:
    path = shims(tmp_path / "bin", dnf="exit 0")
    done = run_kit(tmp_path, path, "publish")
    assert done.returncode == 1
    assert "Missing: rsync." in done.stderr
    assert "    sudo dnf install rsync\n" in done.stderr
    assert "brew" not in done.stderr


def test_without_apt_get_and_nothing_missing_the_kit_goes_on(tmp_path: Path) -> None:
    # The fonts and FriBiDi the kit installed on this machine are found by their files;
    # Python is a shim that shows the script got past the system packages.
    path = shims(tmp_path / "bin", python3='echo "Python reached: $*"; exit 3')
    done = run_kit(tmp_path, path, "build")
    assert "no apt-get" not in done.stderr
    assert "Python reached: -m venv .venv" in done.stdout
    assert done.returncode == 3


def test_the_dev_container_is_debian_12_with_python_and_forwards_the_site() -> None:
    folder = ROOT / ".devcontainer"
    config = json.loads((folder / "devcontainer.json").read_text(encoding="utf-8"))
    assert config["build"]["dockerfile"] == "Dockerfile"
    assert 8000 in config["forwardPorts"]
    assert "./kit" in config["postCreateCommand"]
    dockerfile = (folder / "Dockerfile").read_text(encoding="utf-8")
    assert "\nFROM python:3.11-bookworm\n" in dockerfile  # Debian 12, Python 3.11
    for package in ("fonts-noto-core", "fonts-noto-color-emoji", "libfribidi0", "chromium"):
        assert package in dockerfile
    # Every Debian package the kit wants is in the image, so ./kit installs nothing there.
    kit = (ROOT / "kit").read_text(encoding="utf-8")
    for line in kit.splitlines():
        if line.startswith("debian_packages=(") or "debian_packages+=(" in line:
            wanted = line.split("(", 1)[1].split(")")[0].split()
            assert set(wanted) <= set(dockerfile.split()), set(wanted) - set(dockerfile.split())
    assert os.access(ROOT / "kit", os.X_OK)
