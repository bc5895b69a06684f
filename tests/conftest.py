"""Shared fixtures: a copy of the shipped project to break, and the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"  #: npm install (.ci/run does)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run ``python -m someohje ARGS`` as a user would, in a fresh process."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "someohje", *args], cwd=cwd or REPO, capture_output=True, text=True, env=env
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


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


def reseal(project: Path) -> None:
    """Reseal every sealed stage of ``project`` after a test edited its text
    (a test that is about something else than sealing)."""
    for meeting in re.findall(r"^([a-z0-9-]+):$", (project / "content/seals.yaml").read_text(), re.M):
        result = run_cli("seal", str(project), "--meeting", meeting, "--force", "--reason", "test edit")
        assert result.code == 0, result.err


#: the one file someohje keeps in an output folder besides the outputs: the
#: project that wrote it last (someohje.pipeline.output.OWNER_FILE)
OWNER_FILE = ".someohje-project"
#: someohje's own files in an output folder: the owner record and the build
#: record (someohje.content.project_file.incremental.RECORD_FILE)
BOOKKEEPING = {OWNER_FILE, ".someohje-build.json"}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (to prove nothing changed),
    less the output folder's owner record."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in BOOKKEEPING
    }


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default guideline built once in every format into a temp folder."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli("build", str(REPO), "--out", str(out))
    assert result.code == 0, result.err
    return out


STEM = "rautalammin-kunnan-sosiaalisen-median-ohje"


def tool(name: str) -> str:
    """The path of an external tool, or skip the test saying how to get it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it with apt-get)")
    return path


#: Every command that writes a document of the shipped project, all formats.
EVERY_OUTPUT = (
    ("build",),
    ("build", "--stage", "kh-2022-06-07"),
    ("attachment", "--meeting", "kvalt-2022-06-14", "--number", "1"),
    ("extract", "--meeting", "kvalt-2022-06-14"),
    ("diff", "--from", "kh-2022-06-07", "--to", "kvalt-2022-06-14"),
)


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
