"""Shared fixtures: a copy of the shipped project to break, the CLI, builds
made once per session, the browser. The helpers they use are in
``helpers.py``, which the tests import."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import AXE_JS, EVERY_OUTPUT, REPO, Result, english_messages, run_cli

english_messages()  # before any test imports someohje or starts a process: the suite reads English


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the shipped project (content/ and templates/)."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def built_project(project: Path, cli: Callable[..., Result]) -> Path:
    """A copy of the shipped project with a previous good HTML build in build/."""
    result = cli("build", str(project), "--format", "html")
    assert result.code == 0, result.err
    return project


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default guideline built once in every format into a temp folder."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli("build", str(REPO), "--out", str(out))
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="session")
def every_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document the project writes, in HTML, DOCX and PDF, plus the
    archival PDF of the guideline, built once into a temp folder."""
    out = tmp_path_factory.mktemp("every")
    commands = [(*c, "--format", "html,docx,pdf") for c in EVERY_OUTPUT]
    commands.append(("build", "--format", "pdf", "--pdf-variant", "archival"))
    for command in commands:
        result = run_cli(command[0], str(REPO), *command[1:], "--out", str(out))
        assert result.code == 0, result.err
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by chromedriver through Selenium."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    driver_path, chromium = shutil.which("chromedriver"), shutil.which("chromium")
    if driver_path is None or chromium is None or not AXE_JS.is_file():
        pytest.skip("the browser tests need chromium and chromium-driver (apt-get) and axe-core (npm install)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
