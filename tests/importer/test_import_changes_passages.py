"""import-changes finds its way in a paragraph that quotes another language:
the passage's text is part of the paragraph it reads back."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, Result, edit, reseal
from test_import_changes import PENDING, docx_text, stage_docx, stage_text
from tracked_edits import Editor

SECTION = "content/teksti/yleista.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture quoting an English sentence, with a pending board handling."""
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    edit(root / SECTION, "työntekijöitä.", "työntekijöitä: [Security comes first]{lang=en}.")
    reseal(root)
    meta = root / "content/document.yaml"
    pending = (
        f"  - id: {PENDING}\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", pending + "text_stage:"), encoding="utf-8")
    return root


def test_a_change_beside_a_passage_is_imported(project: Path, cli: Callable[..., Result]) -> None:
    before = stage_text(project)
    e = Editor(stage_docx(project, cli))
    e.change("Tämä ohje koskee", "", " nyt")
    edited = e.save(project / "muokattu.docx")
    assert docx_text(edited, "del") == before
    result = cli("import-changes", str(edited), "--meeting", PENDING, str(project), cwd=project)
    assert (result.code, result.err) == (0, ""), result.out
    assert stage_text(project) == docx_text(edited, "ins") != before
    assert any("Security comes first" in text for text in stage_text(project))
