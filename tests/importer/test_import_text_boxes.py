"""Text in text boxes and shapes (DrawingML ``wps:txbx`` inside
``mc:AlternateContent``, VML ``v:textbox``) is imported where it stands,
with a report line; a document with no text it can read is refused."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from helpers import run_cli
from someohje.errors import ContentError
from someohje.importer import import_docx
from wordbuild import NS, drawing_box, import_here, run, vml_box, write


def test_a_drawingml_text_box_is_imported_once_after_its_paragraph(tmp_path: Path) -> None:
    source = write(tmp_path / "laatikko.docx", run("Ennen ruutua.") + drawing_box("Laatikon teksti."), run("Jälkeen."))
    done = import_here(source)
    assert done.markdown == "# Luku\n\nEnnen ruutua.\n\nLaatikon teksti.\n\nJälkeen.\n"
    assert any("text box ”Laatikon teksti.” imported as paragraphs" in line for line in done.report)
    assert not any("AlternateContent" in line for line in done.report)


def test_a_vml_text_box_is_imported(tmp_path: Path) -> None:
    done = import_here(write(tmp_path / "vml.docx", run("Teksti.") + vml_box("Vanha ruutu.")))
    assert "Teksti.\n\nVanha ruutu.\n" in done.markdown
    assert any("text box ”Vanha ruutu.”" in line for line in done.report)


def test_a_text_box_in_a_table_cell_follows_the_table(tmp_path: Path) -> None:
    cell = f"<w:tc><w:p>{run('Solu')}{vml_box('Solun ruutu.')}</w:p></w:tc>"
    table = f"<w:tbl><w:tr>{cell}</w:tr><w:tr><w:tc><w:p>{run('Toinen')}</w:p></w:tc></w:tr></w:tbl>"
    done = import_here(write(tmp_path / "solu.docx", table))
    assert done.markdown.endswith("| Toinen |\n\nSolun ruutu.\n")


def _shapes_only(path: Path) -> Path:
    d = docx.Document()
    body = d.element.body
    body.insert(0, parse_xml(f'<w:p {NS}><w:r><w:pict><v:shape><v:imagedata r:id="x"/></v:shape></w:pict></w:r></w:p>'))
    d.save(str(path))
    return path


def test_a_document_with_no_text_it_can_read_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    source = _shapes_only(tmp_path / "kuvio.docx")
    with pytest.raises(ContentError, match="has no text that import can read: nothing written; not read: legacy"):
        import_docx(source, tmp_path / "tuotu")
    result = run_cli("import", str(source), "--into", str(tmp_path / "tuotu"))
    assert result.code == 1
    assert "nothing written" in result.err
    assert not (tmp_path / "tuotu").exists()


def test_a_document_whose_text_is_all_in_shapes_imports_that_text(tmp_path: Path) -> None:
    d = docx.Document()
    body = d.element.body
    body.insert(0, parse_xml(f"<w:p {NS}>{drawing_box('Kaikki teksti on ruudussa.')}</w:p>"))
    d.save(str(tmp_path / "ruudut.docx"))
    done = import_here(tmp_path / "ruudut.docx")
    assert "Kaikki teksti on ruudussa." in done.markdown
