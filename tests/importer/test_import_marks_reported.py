"""Paragraph-level things with no Markdown counterpart are reported: a
tracked deletion of a paragraph mark, a Word checkbox."""

from __future__ import annotations

from pathlib import Path

from wordbuild import import_here, run, write

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def test_a_tracked_deletion_of_a_paragraph_mark_is_reported(tmp_path: Path) -> None:
    mark = '<w:pPr><w:rPr><w:del w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    done = import_here(write(tmp_path / "merkki.docx", mark + run("Alku"), run("jatkuu.")))
    assert "Alku\n\njatkuu." in done.markdown
    assert any("tracked deletion of a paragraph mark not applied" in line for line in done.report)


def test_a_checkbox_keeps_its_character_and_is_reported(tmp_path: Path) -> None:
    box = f'<w:sdt><w:sdtPr><w14:checkbox {W14}><w14:checked {W14} w14:val="1"/></w14:checkbox></w:sdtPr>'
    box += f"<w:sdtContent>{run('☒')}</w:sdtContent></w:sdt>"
    done = import_here(write(tmp_path / "ruutu.docx", box + run(" Tehty")))
    assert "☒ Tehty" in done.markdown
    assert any("checkbox ”☒” kept as its character" in line for line in done.report)
