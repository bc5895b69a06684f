"""Strict Open XML (ISO/IEC 29500 Strict), which Word writes when asked, is
read as the same document as its Transitional twin (issue 17), instead of
being refused as "not a Word document"."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from someohje.importer.strict import transitional_uri
from wordbuild import import_here

#: Transitional -> Strict, as ECMA-376 Part 1 Strict names them (the package's own names, OPC, are the same)
STRICT_NAMES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": (
        "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"
    ),
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "http://purl.oclc.org/ooxml/drawingml/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "http://purl.oclc.org/ooxml/officeDocument/math",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "http://purl.oclc.org/ooxml/officeDocument/extendedProperties"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": (
        "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"
    ),
}
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_QUOTED = re.compile(r'"(http://schemas\.openxmlformats\.org/[^"]+)"')


def as_strict(transitional: bytes) -> bytes:
    """The DOCX ``transitional`` as Word saves it in Strict: every namespace
    and relationship type renamed, nothing else."""

    def strict(match: re.Match[str]) -> str:
        uri = match[1]
        if uri in STRICT_NAMES:
            return f'"{STRICT_NAMES[uri]}"'
        if uri.startswith(_RELATIONSHIP):  # styles, numbering, settings, hyperlink, image, ...
            return f'"http://purl.oclc.org/ooxml/officeDocument/relationships/{uri[len(_RELATIONSHIP) :]}"'
        return match[0]

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(transitional)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                data = _QUOTED.sub(strict, data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


def written(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Sosiaalisen median ohje", 0)
    d.add_heading("Johdanto", 1)
    p = d.add_paragraph("Ohje koskee ")
    p.add_run("kaikkia").bold = True
    p.add_run(" työntekijöitä ja ")
    p.add_run("luottamushenkilöitä").italic = True
    p.add_run(".")
    d.add_paragraph("Ensimmäinen kohta", style="List Bullet")
    d.add_paragraph("Toinen kohta", style="List Bullet")
    d.add_heading("Vastuut", 1)
    table = d.add_table(rows=2, cols=2)
    for cell, text in zip(
        [*table.rows[0].cells, *table.rows[1].cells], ["Tehtävä", "Vastuu", "Tilit", "Viestintä"], strict=True
    ):
        cell.text = text
    d.save(str(path))
    return path


def test_a_strict_docx_imports_as_its_transitional_twin(tmp_path: Path) -> None:
    plain = written(tmp_path / "siirtyma.docx")
    strict = tmp_path / "tiukka.docx"
    strict.write_bytes(as_strict(plain.read_bytes()))
    with zipfile.ZipFile(strict) as z:
        document = z.read("word/document.xml").decode("utf-8")
        assert "http://purl.oclc.org/ooxml/wordprocessingml/main" in document
        assert "schemas.openxmlformats.org/wordprocessingml" not in document  # Strict through and through
    ours, theirs = import_here(strict), import_here(plain)
    assert ours.markdown == theirs.markdown
    assert "Ohje koskee **kaikkia** työntekijöitä ja *luottamushenkilöitä*." in ours.markdown
    assert "| Tilit | Viestintä |" in ours.markdown
    assert ours.report == [line.replace("siirtyma", "tiukka") for line in theirs.report]


@pytest.mark.parametrize(("strict", "transitional"), [(s, t) for t, s in STRICT_NAMES.items()])
def test_every_strict_name_word_writes_has_its_transitional_name(strict: str, transitional: str) -> None:
    assert transitional_uri(strict) == transitional


def test_a_uri_that_is_not_a_strict_name_is_left_as_it_is() -> None:
    for uri in ("https://www.rautalampi.fi/", "http://purl.oclc.org/ooxml/", "http://purl.oclc.org/other/x"):
        assert transitional_uri(uri) == uri
