"""Empty option values (issue 21): ``--as-of ''`` and every other empty
value on the command line is a usage error (exit 2) naming the option,
never taken for the option's absence; an unknown value is one too."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli, snapshot

EMPTY = "an empty value is not allowed; give a value or leave the option out"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["build", "--as-of", ""], "--as-of"),
        (["build", "--stage", ""], "--stage"),
        (["build", "--document", ""], "--document"),
        (["build", "--out", ""], "--out"),
        (["build", "--format", ""], "--format"),
        (["attachment", "--meeting", ""], "--meeting"),
        (["diff", "--from", "", "--to", "kvalt-2022-06-14"], "--from"),
        (["package", "--meeting", ""], "--meeting"),
        (["seal", "--meeting", "kvalt-2022-06-14", "--force", "--reason", ""], "--reason"),
        (["serve", "--host", ""], "--host"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_an_empty_value_is_a_usage_error_naming_the_option(project: Path, args: list[str], option: str) -> None:
    before = snapshot(project)
    verb, *rest = args
    result = run_cli(verb, str(project), *rest, cwd=project.parent)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines()[-1] == f"python -m someohje {verb}: error: argument {option}: {EMPTY}"
    assert snapshot(project) == before and not (project / "build").exists()


def test_an_empty_project_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", "", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"python -m someohje check: error: argument PROJECT_DIR: {EMPTY}"


def test_an_empty_trailing_project_of_import_changes_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("import-changes", "x.docx", "--meeting", "kh", "", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"python -m someohje: error: argument PROJECT_DIR: {EMPTY}"


def test_a_stage_whose_text_the_content_does_not_hold_is_a_usage_error(project: Path) -> None:
    result = run_cli("build", str(project), "--stage", "kvalt-2020", "--format", "html", cwd=project.parent)
    assert result.code == 2
    assert result.err == (
        "error: --stage: the text as it stood after 'kvalt-2020' is not in the content (it starts at "
        "'kh-2022-06-07'); valid stages: kh-2022-06-07, kvalt-2022-06-14\n"
    )
    assert not (project / "build").exists()


def test_spaces_are_left_to_the_verb_which_says_what_it_expects(project: Path) -> None:
    result = run_cli("build", str(project), "--as-of", " ", "--format", "html", cwd=project.parent)
    assert result.code == 2
    assert result.err == "error: --as-of: date ' ' is not of the form d.m.yyyy (e.g. 14.6.2022)\n"
