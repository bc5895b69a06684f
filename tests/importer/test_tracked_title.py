"""import-changes (issue 21): a tracked insertion in the title (outside the
guideline's sections) is a change that cannot be recorded, said as such,
never taken for "only formatting changes"; a marker typed in Word is text
that the wording may not carry."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, Result, snapshot
from tracked_edits import Editor

PENDING = "kh-2025-04-07"
STEM = "esimerkkilan-kunnan-tietoturvaohje"
TITLE = "Esimerkkilän kunnan tietoturvaohje"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    meta = root / "content/document.yaml"
    pending = (
        f"  - id: {PENDING}\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", pending + "text_stage:"), encoding="utf-8")
    return root


def stage_docx(project: Path, cli: Callable[..., Result]) -> Path:
    result = cli("build", str(project), "--stage", PENDING, "--format", "docx")
    assert result.code == 0, result.err
    return project / "build" / f"{STEM}-{PENDING}.docx"


def test_an_insertion_in_the_title_is_a_change_outside_the_sections(project: Path, cli: Callable[..., Result]) -> None:
    editor = Editor(stage_docx(project, cli))
    editor.change(TITLE, "", " (uusi)")
    edited = editor.save(project / "otsikko.docx")
    before = snapshot(project / "content")
    result = cli("import-changes", edited.name, "--meeting", PENDING, str(project), cwd=project)
    lines = result.err.splitlines()
    assert result.code == 1 and "only formatting" not in result.err
    assert "a change outside the guideline's sections (title, approval line, history)" in lines[0]
    assert "(uusi)" in lines[0]
    assert lines[-1] == (
        "otsikko.docx: nothing recorded: 1 change(s) cannot be anchored; accept or reject them in the document "
        "and import it again"
    )
    assert snapshot(project / "content") == before


def test_a_marker_typed_in_word_is_not_recorded_as_wording(project: Path, cli: Callable[..., Result]) -> None:
    editor = Editor(stage_docx(project, cli))
    editor.change("Työasemat lukitaan", "kahden", "[[lisäys:muutos-3]] kahden")
    edited = editor.save(project / "merkki.docx")
    before = snapshot(project / "content")
    result = cli("import-changes", str(edited), "--meeting", PENDING, str(project), cwd=project)
    assert result.code == 1 and "Traceback" not in result.err
    assert "its wording holds '[[lisäys:muutos-3]]' would be printed as text" in result.err
    assert result.err.startswith("content/document.yaml:")
    assert snapshot(project / "content") == before
