"""The command line and the output folder: a PROJECT_DIR that holds no
project, an unknown stage or format, an option out of range or an output
folder in the way is one line, exit 2 for a wrong command line (1 for a
file), and nothing is written; outside any project, build says what it
builds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import someohje
from helpers import FIXTURES, REPO, Result
from someohje.errors import UsageError

# --- PROJECT_DIR ---------------------------------------------------------------------


def test_a_missing_project_folder_is_a_usage_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("build", "nope", cwd=tmp_path)
    assert (result.code, result.err, result.out) == (2, "error: PROJECT_DIR: no such folder: nope\n", "")
    assert list(tmp_path.iterdir()) == []


def test_missing_content_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("build", "empty", cwd=tmp_path)
    assert (result.code, result.err) == (1, "empty/content: missing content folder (expected content/document.yaml)\n")
    assert not (tmp_path / "empty/build").exists()


def test_empty_content_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "p/content").mkdir(parents=True)
    result = cli("check", "p", cwd=tmp_path)
    assert (result.code, result.err) == (
        1,
        "p/content/document.yaml: missing: the content folder has no document.yaml\n",
    )


def test_outside_a_project_build_says_what_it_builds(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("build", "--format", "html", cwd=tmp_path)
    assert result.code == 0, result.err
    first, *_ = result.out.splitlines()
    assert first == "no content/ folder here: building the example guideline shipped with someohje into build/"
    assert sorted(p.name for p in (tmp_path / "build").glob("*.html")) == [
        "index.html",
        "rautalammin-kunnan-sosiaalisen-median-ohje.html",
        "saavutettavuusseloste.html",
    ]


# --- options -------------------------------------------------------------------------


def test_unknown_stage_lists_valid_ids(cli: Callable[..., Result], project: Path) -> None:
    result = cli("build", str(project), "--stage", "kh-2099", "--format", "html")
    assert result.code == 2
    assert result.err.strip().endswith("unknown stage 'kh-2099'; valid stages: kh-2022-06-07, kvalt-2022-06-14")
    assert len(result.err.splitlines()) == 1


def test_a_huge_attachment_number_is_a_usage_error(cli: Callable[..., Result], project: Path) -> None:
    number = "9" * 5000
    result = cli("attachment", str(project), "--meeting", "kvalt-2022-06-14", "--number", number, "--format", "html")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines()[-1].endswith(f"argument --number: invalid int value: '{number}'")
    assert not (project / "build").exists()


def test_render_document_names_the_formats() -> None:
    session = someohje.open_session(REPO)
    with pytest.raises(UsageError) as caught:
        someohje.render_document(someohje.guideline(session.document), session, "bogus")
    assert str(caught.value) == "--format: unknown format 'bogus' (choose from html, docx, pdf, akn)"


# --- the output folder ---------------------------------------------------------------


def test_unwritable_output_folder_is_a_one_line_error(cli: Callable[..., Result], project: Path) -> None:
    blocker = project / "not-a-folder"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = cli("build", str(project), "--format", "html", "--out", str(blocker / "build"))
    assert result.code == 1
    [line] = result.err.splitlines()
    assert line.startswith(str(blocker)) and line.endswith(f"would be written below {blocker}, which is not a folder")
    assert blocker.read_text(encoding="utf-8") == "a file where the output folder should be"


def test_an_os_error_names_the_output_file(cli: Callable[..., Result], built_project: Path) -> None:
    stem = "rautalammin-kunnan-sosiaalisen-median-ohje"
    (built_project / "build" / f"{stem}.docx").mkdir()
    result = cli("build", str(built_project), "--format", "html,docx", cwd=built_project.parent)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"project/build/{stem}.docx: in the way: not a regular file, so not replaced\n"
    assert os.listdir(built_project / "build" / f"{stem}.docx") == []


def test_another_project_in_the_same_output_folder_is_told(cli: Callable[..., Result], project: Path) -> None:
    out = project.parent / "shared-out"
    assert cli("build", str(project), "--format", "html", "--out", str(out)).code == 0
    other = FIXTURES / "esimerkkila"
    result = cli("build", str(other), "--format", "html", "--out", str(out))
    assert result.code == 0
    assert result.err == (
        f"warning: {out} held the outputs of another project ({project}); files of the same name are replaced\n"
    )
