"""The built wheel carries the default content, templates and fonts, so a
``pip install`` user can build the Rautalampi guideline without the source."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import REPO, STEM


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    [whl] = out.glob("someohje-*.whl")
    return whl


def test_wheel_ships_defaults_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "content").rglob("*"):
        if path.is_file():
            assert f"someohje/_defaults/content/{path.relative_to(REPO / 'content')}" in names
    assert "someohje/_defaults/templates/theme.yaml" in names
    assert "someohje/fonts/LiberationSans-Regular.ttf" in names
    assert "someohje/py.typed" in names
    for lang in ("fi", "en"):  # the messages' catalogues, compiled
        assert f"someohje/locale/{lang}/LC_MESSAGES/someohje.mo" in names


def test_installed_wheel_builds_the_guideline_outside_any_project(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-m", "someohje", "build", "--format", "html"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (work / "build" / f"{STEM}.html").stat().st_size > 10_000
    finnish = subprocess.run(
        [sys.executable, "-m", "someohje", "--lang", "fi", "seal", "--help"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert finnish.stdout.startswith("käyttö: python -m someohje seal")  # the wheel's catalogue is read
    probe = subprocess.run(
        [sys.executable, "-c", "import someohje, sys; sys.stdout.write(someohje.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.startswith(str(site))  # the wheel's copy ran, not the checkout


@pytest.mark.parametrize("distribution", ["someohje", "weasyprint", "Jinja2", "PyYAML", "pagefind_bin", "no-such"])
def test_the_installed_versions_the_caches_are_keyed_by_are_importlib_metadatas(distribution: str) -> None:
    """someohje reads a version from its dist-info folder's name (cheaper than
    importing importlib.metadata): the same answer."""
    from importlib.metadata import PackageNotFoundError, version

    from someohje import caches

    try:
        expected = version(distribution)
    except PackageNotFoundError:
        expected = "0"
    assert caches.installed(distribution) == expected
