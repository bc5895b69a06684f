"""Every ``w:t`` of the body reaches the section files or the import report:
a document with fields, text boxes, merged and nested tables, raised text,
footnotes and endnotes, a localised table of contents, colours and a
comment-free mix of runs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from someohje.importer.scripts import shifted
from wordbuild import add_notes, cell, drawing_box, field, import_here, note_call, run, styled, vml_box, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _mixed(path: Path) -> Path:
    docx = path
    header = "<w:tr>" + cell("Sarake A") + cell("Sarake B") + cell("Sarake C") + "</w:tr>"
    nested = "<w:tbl><w:tr>" + cell("Sisätaulukko") + "</w:tr></w:tbl>"
    row = "<w:tr>" + cell("Yhdistetty solu", '<w:gridSpan w:val="2"/>') + f"<w:tc><w:p/>{nested}<w:p/></w:tc></w:tr>"
    write(
        path,
        run("Katso ") + field('HYPERLINK "https://www.rautalampi.fi/"', run("kunnan sivut")) + run(" tästä."),
        run("Sisäinen ") + field('HYPERLINK \\l "_Toc9"', run("viittaus")) + run(" luvun."),
        run("Ala m")
        + styled('<w:vertAlign w:val="superscript"/>', "2")
        + styled('<w:color w:val="FF0000"/>', " punainen"),
        run("Ruutu tässä.") + drawing_box("Laatikko uusi") + vml_box("Laatikko vanha"),
        run("Päiväys ") + field(" DATE ", run("1.2.2025")),
        run("Alaviitteellinen lause.") + note_call("footnote", 1) + run(" Ja loppuviite.") + note_call("endnote", 1),
        f"<w:tbl>{header}{row}</w:tbl>",
        heading="Pääluku",
    )
    add_notes(docx, "footnote", run("Alaviitteen ") + styled("<w:b/>", "lihava") + run(" teksti."))
    return add_notes(
        docx, "endnote", run("Loppuviitteen teksti ") + field('HYPERLINK "https://example.invalid/"', run("linkki"))
    )


def _body_texts(path: Path) -> list[str]:
    """Each ``w:t`` of the body and the notes, less the copies an mc:Fallback repeats."""
    with zipfile.ZipFile(path) as package:
        roots = [etree.fromstring(package.read(f"word/{part}.xml")) for part in ("document", "footnotes", "endnotes")]
    return [
        t.text.strip()
        for root in roots
        for t in root.iter(f"{W}t")
        if t.text and t.text.strip() and not any(a.tag == MC_FALLBACK for a in t.iterancestors())
    ]


def test_every_text_run_of_the_body_reaches_the_content_or_the_report(tmp_path: Path) -> None:
    source = _mixed(tmp_path / "kaikki.docx")
    done = import_here(source)
    content = re.sub(r"\\(.)", r"\1", done.markdown)
    report = "\n".join(done.report)
    missing = [
        text
        for text in _body_texts(source)
        if text not in content and text not in report and (shifted(text, "superscript") or "\0") not in content
    ]
    assert missing == []
    assert "Alaviitteellinen lause.[^1] Ja loppuviite.[^2]" in done.markdown  # notes stay notes, where called
    assert done.markdown.endswith(
        "[^1]: Alaviitteen **lihava** teksti.\n[^2]: Loppuviitteen teksti [linkki](https://example.invalid/)\n"
    )
    assert len(_body_texts(source)) >= 15
