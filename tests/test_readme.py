"""The README's commands and example stay true."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_readme_starts_with_the_build_and_test_commands() -> None:
    build, test = shell_blocks()[:2]
    assert README.index(build) < README.index("## What it is")
    assert "pip install -e ." in build and build.strip().endswith("python -m someohje build")
    assert "pip install -e '.[test]'" in test and test.strip().endswith("python -m pytest -q -n auto")


def test_ci_runs_the_readme_test_command() -> None:
    test = shell_blocks()[1].strip()
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_library_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    [example] = re.findall(r"```python\n(.*?)```", README, re.S)
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)
    assert isinstance(namespace["pdf"], bytes) and namespace["pdf"][:5] == b"%PDF-"  # type: ignore[index]
    assert "Kvalt 14.6.2022 §\u00a037 approved" in capsys.readouterr().out


def test_every_verb_in_the_readme_exists() -> None:
    import argparse

    from someohje.cli import parser

    [verbs] = [a.choices for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    shown = set(re.findall(r"python -m someohje ([\w-]+)", README))
    assert shown <= set(verbs) and shown >= {"build", "check", "attachment", "extract", "diff", "package", "new"}
    assert os.path.exists(REPO / "bench/bench.py")
    assert Path(REPO / "content/ohje/01-johdanto.md").is_file()
