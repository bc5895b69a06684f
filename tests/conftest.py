"""Shared fixtures: a copy of the shipped project to break, and the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
#: project that wrote it last (someohje.output.OWNER_FILE)
OWNER_FILE = ".someohje-project"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (to prove nothing changed),
    less the output folder's owner record."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != OWNER_FILE
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
