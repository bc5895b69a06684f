"""``import``: DOCX files written by python-docx, LibreOffice, pandoc and
someohje itself become content that loads, checks and builds."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pypandoc
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import RGBColor

from helpers import FIXTURES, STEM, Result, run_cli, snapshot, tool

IMAGE = FIXTURES / "esimerkkila" / "content" / "teksti" / "kuva.png"
TITLE = "Esimerkkilän kunnan tietoturvaohje"


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _field(paragraph: Any, instr: str, shown: str) -> None:
    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", shown), ("end", None)):
        run = OxmlElement("w:r")
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run.append(el)
        paragraph._p.append(run)


TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor><wp:docPr id="9" name="Tekstiruutu"/><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
    "<w:txbxContent><w:p><w:r><w:t>Laatikon teksti</w:t></w:r></w:p></w:txbxContent>"
    "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)


def python_docx_file(path: Path) -> Path:
    """A DOCX as a script would write it with python-docx: built-in styles,
    a Finnish-named heading style, an outline level, and things Markdown
    cannot carry (a comment, a colour, a page break, a field)."""
    d = docx.Document()
    d.core_properties.title = TITLE
    header = d.sections[0].header.paragraphs[0]
    header.text = "Esimerkkilän kunta\tOhje\t1 (2)"
    d.sections[0].header.add_paragraph("\t4.3.2024\tDnro ESIM/12/2024")
    d.add_paragraph(TITLE, style="Title")
    d.add_heading("1 Yleistä", 1)
    p = d.add_paragraph("Tämä ohje koskee ")
    p.add_run("kaikkia").bold = True
    p.add_run(" työntekijöitä ja ")
    p.add_run("sijaisia").italic = True
    p.add_run(". Merkit *tähti*, [hakasulku] ja <kulma> säilyvät.")
    d.add_paragraph("Ensimmäinen kohta", style="List Bullet")
    d.add_paragraph("Sisempi kohta", style="List Bullet 2")
    d.add_paragraph("Toinen kohta", style="List Bullet")
    d.add_paragraph("Vaihe yksi", style="List Number")
    d.add_paragraph("Vaihe kaksi", style="List Number")
    linked = d.add_paragraph("Lisätietoa: ")
    _hyperlink(linked, "https://example.invalid/ohje", "ohjesivu")
    d.add_heading("Vastuut", 2)
    table = d.add_table(rows=3, cols=2)
    rows = (("Tehtävä", "Vastuu"), ("Salasanat", "Jokainen"), ("Laitteet", "Hallinto"))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    d.add_picture(str(IMAGE))
    d.inline_shapes[0]._inline.docPr.set("descr", "Kunnan vaakuna")
    red = d.add_paragraph().add_run("Punainen varoitus")
    red.font.color.rgb = RGBColor(0xC0, 0, 0)
    d.add_page_break()
    d.styles.add_style("Otsikko 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Seuranta", style="Otsikko 1")
    commented = d.add_paragraph("Ohje tarkistetaan vuosittain.")
    d.add_comment(commented.runs, text="Kuka tarkistaa?", author="Tiina Testaaja", initials="TT")
    dated = d.add_paragraph("Päivitetty ")
    _field(dated, " DATE \\@ d.M.yyyy ", "1.1.2024")
    d.add_paragraph("Katso ruutu.")._p.append(parse_xml(TEXT_BOX))
    outline = d.add_paragraph("Tarkistuksen vaiheet")
    outline._p.get_or_add_pPr().append(OxmlElement("w:outlineLvl"))
    outline._p.pPr[-1].set(qn("w:val"), "1")
    d.save(str(path))
    return path


def import_cli(source: Path, into: Path, *extra: str) -> Result:
    return run_cli("import", str(source), "--into", str(into), *extra)


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, Result]:
    into = tmp_path / "tuotu"
    result = import_cli(python_docx_file(tmp_path / "ohje.docx"), into)
    assert result.code == 0, result.err
    return into, result


def test_python_docx_file_becomes_one_section_file_per_main_heading(imported: tuple[Path, Result]) -> None:
    into, _ = imported
    folder = into / "content" / "ohje"
    assert sorted(p.name for p in folder.glob("*.md")) == ["01-yleista.md", "02-seuranta.md"]
    assert (folder / "01-yleista.md").read_text(encoding="utf-8").splitlines() == [
        "# Yleistä",
        "",
        "Tämä ohje koskee **kaikkia** työntekijöitä ja *sijaisia*. "
        "Merkit \\*tähti\\*, \\[hakasulku\\] ja \\<kulma\\> säilyvät.",
        "",
        "- Ensimmäinen kohta",
        "  - Sisempi kohta",
        "- Toinen kohta",
        "",
        "1. Vaihe yksi",
        "2. Vaihe kaksi",
        "",
        "Lisätietoa: [ohjesivu](https://example.invalid/ohje)",
        "",
        "## Vastuut",
        "",
        "| Tehtävä | Vastuu |",
        "| --- | --- |",
        "| Salasanat | Jokainen |",
        "| Laitteet | Hallinto |",
        "",
        "![Kunnan vaakuna](kuvat/kuva-1.png)",
        "",
        "Punainen varoitus",
    ]
    assert (folder / "02-seuranta.md").read_text(encoding="utf-8").splitlines() == [
        "# Seuranta",
        "",
        "Ohje tarkistetaan vuosittain.",
        "",
        "Päivitetty 1.1.2024",
        "",
        "Katso ruutu.",
        "",
        "Laatikon teksti",
        "",
        "## Tarkistuksen vaiheet",
    ]
    assert (folder / "kuvat" / "kuva-1.png").read_bytes() == IMAGE.read_bytes()


def test_metadata_comes_from_core_properties_and_the_header(imported: tuple[Path, Result]) -> None:
    into, _ = imported
    yaml_text = (into / "content" / "document.yaml").read_text(encoding="utf-8")
    assert f'title: "{TITLE}"' in yaml_text
    assert 'type: "Ohje"' in yaml_text
    assert 'diary_number: "ESIM/12/2024"' in yaml_text
    assert 'diary_number_pattern: "ESIM/\\\\d+/\\\\d+"' in yaml_text
    assert 'date: "4.3.2024"' in yaml_text
    assert 'name: "Esimerkkilän kunta"' in yaml_text


def test_report_names_each_unmapped_thing_with_file_and_line(imported: tuple[Path, Result]) -> None:
    into, result = imported
    report = (into / "import-report.txt").read_text(encoding="utf-8").splitlines()
    first = str(into / "content" / "ohje" / "01-yleista.md")
    second = str(into / "content" / "ohje" / "02-seuranta.md")
    assert f"{first}:23: formatting not imported: colour in ”Punainen varoitus” (paragraph 18 of ohje.docx)" in report
    assert f"{second}:1: manual page break not imported (paragraph 19 of ohje.docx)" in report
    assert f"{second}:3: comment ”Kuka tarkistaa?” not imported (paragraph 21 of ohje.docx)" in report
    assert all("paragraph 17 " not in line for line in report)  # the picture's: an image with alt text maps
    assert any(line.startswith(f"{second}:5: field DATE kept as its shown text") for line in report)
    assert (
        f"{second}:7: text box ”Laatikon teksti” imported as paragraphs after the one it was anchored in"
        " (paragraph 23 of ohje.docx)" in report
    )
    assert "ohje.docx: 1 heading numbers removed: someohje numbers headings itself" in report
    for line in report:
        assert f"  {line}" in result.out


def test_check_points_at_placeholders_then_passes_once_filled_in(imported: tuple[Path, Result]) -> None:
    into, _ = imported
    meta = into / "content" / "document.yaml"
    result = run_cli("check", str(into), "--no-spell")
    assert result.code == 1
    lines = result.err.splitlines()
    assert f"{meta}:5: placeholder left to fill in: verkkosivujen osoite, esim. www.kunta.fi" in lines
    assert f"{meta}:23: placeholder left to fill in: proposed, returned tai approved" in lines
    assert all("TÄYDENNÄ" not in line or "placeholder" in line for line in lines)
    assert len(lines) == (into / "import-report.txt").read_text(encoding="utf-8").count("placeholder left")
    filled = {
        "verkkosivujen osoite, esim. www.kunta.fi": "www.esimerkkila.invalid",
        "päättävä toimielin, esim. Kunnanhallitus": "Kunnanhallitus",
        "lyhenne, esim. Kh": "Kh",
        "genetiivi, esim. Kunnanhallituksen": "Kunnanhallituksen",
        "allatiivi, esim. kunnanhallitukselle": "kunnanhallitukselle",
    }
    text = meta.read_text(encoding="utf-8")
    for gap, value in filled.items():
        text = text.replace(f"TÄYDENNÄ: {gap}", value)
    meta.write_text(re.sub(r"  # TÄYDENNÄ: .*", "", text), encoding="utf-8")
    handling = re.search(r"^  - id: (\S+)$", text, re.M)
    assert handling is not None
    unsealed = run_cli("check", str(into), "--no-spell")
    assert unsealed.code == 1 and "is decided but its text is not sealed" in unsealed.err
    assert run_cli("seal", str(into), "--meeting", handling[1]).code == 0
    result = run_cli("check", str(into), "--no-spell")
    assert result.code == 0, result.err
    built = run_cli("build", str(into), "--format", "docx")
    assert built.code == 0, built.err
    texts = [p.text for p in docx.Document(str(next((into / "build").glob("*.docx")))).paragraphs]
    assert (
        "Tämä ohje koskee kaikkia työntekijöitä ja sijaisia. Merkit *tähti*, [hakasulku] ja <kulma> säilyvät." in texts
    )
    assert "1.1 Vastuut" in texts


def test_import_into_an_existing_project_is_refused_without_replace(
    imported: tuple[Path, Result], tmp_path: Path
) -> None:
    into, _ = imported
    before = snapshot(into)
    again = import_cli(tmp_path / "ohje.docx", into)
    assert again.code == 2
    assert again.err == (
        f"error: {into / 'content' / 'document.yaml'}: already exists: "
        "import would overwrite it (add --replace to do so)\n"
    )
    assert snapshot(into) == before


def test_replace_rewrites_sections_and_keeps_the_rest_of_document_yaml(project: Path, tmp_path: Path) -> None:
    meta = project / "content" / "document.yaml"
    old = meta.read_text(encoding="utf-8")
    result = import_cli(python_docx_file(tmp_path / "ohje.docx"), project, "--replace")
    assert result.code == 0, result.err
    new = meta.read_text(encoding="utf-8")
    head, tail = old.split("\nsections:\n", 1)
    assert new.startswith(head + "\nsections:\n  - id: yleista\n    file: ohje/01-yleista.md\n")
    assert new.endswith(tail[tail.index("\n# The council's four additions") :])
    assert sorted(p.name for p in (project / "content" / "ohje").glob("*.md")) == ["01-yleista.md", "02-seuranta.md"]
    assert "removed " in result.out and "09-voimaantulo.md" in result.out


def test_libreoffice_docx_keeps_headings_lists_table_and_link(tmp_path: Path) -> None:
    soffice = tool("soffice")
    page = tmp_path / "ohje.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Testiohje</title></head><body>'
        '<h1>Johdanto</h1><p>Teksti <b>lihava</b> ja <i>kursiivi</i> ja <a href="https://example.invalid/x">'
        "linkki</a>.</p><ul><li>Yksi<ul><li>Sisempi</li></ul></li><li>Kaksi</li></ul><ol><li>Eka</li><li>Toka</li>"
        "</ol><h2>Alaotsikko</h2><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td>"
        "</tr></tbody></table><h1>Toinen luku</h1><p>Loppu.</p></body></html>",
        encoding="utf-8",
    )
    subprocess.run(
        [soffice, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", str(page)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    into = tmp_path / "tuotu"
    result = import_cli(tmp_path / "ohje.docx", into)
    assert result.code == 0, result.err
    folder = into / "content" / "ohje"
    assert (folder / "01-johdanto.md").read_text(encoding="utf-8").splitlines() == [
        "# Johdanto",
        "",
        "Teksti **lihava** ja *kursiivi* ja [linkki](https://example.invalid/x).",
        "",
        "- Yksi",
        "  - Sisempi",
        "- Kaksi",
        "",
        "1. Eka",
        "2. Toka",
        "",
        "## Alaotsikko",
        "",
        "| A | B |",
        "| --- | --- |",
        "| 1 | 2 |",
    ]
    assert (folder / "02-toinen-luku.md").read_text(encoding="utf-8") == "# Toinen luku\n\nLoppu.\n"
    assert 'title: "Testiohje"' in (into / "content" / "document.yaml").read_text(encoding="utf-8")


def test_pandoc_docx_keeps_nesting_start_number_image_and_the_footnote(tmp_path: Path) -> None:
    shutil.copy(IMAGE, tmp_path / "kuva.png")
    markdown = (
        "---\ntitle: Pandoc-ohje\n---\n\n# Yleistä\n\nTeksti **lihava** ja *kursiivi*.[^1]\n\n"
        "- Yksi\n    - Sisempi\n- Kaksi\n\n3. Kolmas\n4. Neljäs\n\n![Kunnan vaakuna](kuva.png)\n\n"
        "| Tehtävä | Vastuu |\n|---|---|\n| Salasanat | Jokainen |\n\n[^1]: Alaviitteen teksti.\n"
    )
    source = tmp_path / "pandoc.docx"
    pypandoc.convert_text(
        markdown, "docx", format="md", outputfile=str(source), extra_args=["--resource-path", str(tmp_path)]
    )
    into = tmp_path / "tuotu"
    result = import_cli(source, into)
    assert result.code == 0, result.err
    section = into / "content" / "ohje" / "01-yleista.md"
    lines = section.read_text(encoding="utf-8").splitlines()
    assert lines[:10] == [
        "# Yleistä",
        "",
        "Teksti **lihava** ja *kursiivi*.[^1]",
        "",
        "- Yksi",
        "  - Sisempi",
        "- Kaksi",
        "",
        "3. Kolmas",
        "4. Neljäs",
    ]
    assert "![Kunnan vaakuna](kuvat/kuva-1.png)" in lines
    assert lines[-5:] == [
        "| Tehtävä | Vastuu |",
        "| --- | --- |",
        "| Salasanat | Jokainen |",
        "",
        "[^1]: Alaviitteen teksti.",
    ]
    assert "footnote" not in result.out  # kept, so not reported
    assert 'title: "Pandoc-ohje"' in (into / "content" / "document.yaml").read_text(encoding="utf-8")


def _body(path: Path) -> list[tuple[str, str, str]]:
    """(kind, text, list level) of every body paragraph, tables as rows of
    cell text; the kind is the heading or list style, else ``text``."""
    out = []
    for el in docx.Document(str(path)).element.body:
        if el.tag == qn("w:p"):
            ilvl = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
            style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            level = ilvl.get(qn("w:val")) if ilvl is not None else ""
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            name = style.get(qn("w:val")) if style is not None else ""
            kind = name if name.startswith("Heading") or name in ("Title", "ListParagraph") else "text"
            out.append((kind, text, level))
        elif el.tag == qn("w:tbl"):
            for tr in el.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                out.append(("row", " | ".join(cells), ""))
    return out


def test_someohje_docx_imports_and_builds_again_to_the_same_paragraphs(built: Path, tmp_path: Path) -> None:
    into = tmp_path / "takaisin"
    result = import_cli(built / f"{STEM}.docx", into)
    assert result.code == 0, result.err
    meta = into / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    for gap, value in {
        "verkkosivujen osoite, esim. www.kunta.fi": "www.rautalampi.fi",
        "lyhenne, esim. Kh": "Kvalt",
        "genetiivi, esim. Kunnanhallituksen": "Kunnanvaltuuston",
        "allatiivi, esim. kunnanhallitukselle": "kunnanvaltuustolle",
    }.items():
        text = text.replace(f"TÄYDENNÄ: {gap}", value)
    meta.write_text(text, encoding="utf-8")  # an approved text is built only once nothing is left to fill in
    handling = re.search(r"^  - id: (\S+)$", text, re.M)
    assert handling is not None and run_cli("seal", str(into), "--meeting", handling[1]).code == 0
    rebuilt = run_cli("build", str(into), "--format", "docx")
    assert rebuilt.code == 0, rebuilt.err
    before = _body(built / f"{STEM}.docx")
    after = _body(into / "build" / f"{STEM}.docx")
    history = before.index(("Heading1", "Käsittelyhistoria", ""))
    start = before.index(next(b for b in before if b[0] == "Heading1"))
    assert after[:2] == before[:2]  # title, approval line
    # the reconstruction note came back as text_origin (its sentence on amendments goes: they are text now)
    assert after[2][1] == before[2][1].split(" Kunnanvaltuuston 14.6.2022")[0]
    begins = after.index(next(b for b in after if b[0] == "Heading1"))  # after a table of contents of its own
    assert after[begins : begins + history - start] == before[start:history]  # every heading, paragraph, list item
    shift = begins - start
    # the history table came back as the build's own, from the one handling the DOCX states, not as a section
    assert [b for b in after if "Käsittelyhistoria" in b[1] and b[0].startswith("Heading")] == [before[history]]
    assert after[history + shift : history + shift + 3] == before[history : history + 3]  # heading, caption, header
    assert after[history + shift + 3 :] == [("row", "Kunnanvaltuusto | 14.6.2022 | 37 | Hyväksyi ohjeen.", "")]
    assert sum(1 for style, _, level in before[:history] if level) > 40


def test_not_a_docx_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "ohje.docx"
    fake.write_bytes(b"not a zip")
    result = import_cli(fake, tmp_path / "tuotu")
    assert result.code == 1
    assert result.err.startswith(f"{fake}: not a Word document (.docx) that can be read:")
    assert len(result.err.splitlines()) == 1
    assert not (tmp_path / "tuotu").exists()
    missing = import_cli(tmp_path / "puuttuu.docx", tmp_path / "tuotu")
    assert (missing.code, missing.err) == (1, f"{tmp_path / 'puuttuu.docx'}: no such file\n")


def test_bad_document_id_is_a_usage_error(tmp_path: Path) -> None:
    result = import_cli(IMAGE, tmp_path / "x", "--document", "Ohje 1")
    assert (result.code, result.err) == (
        2,
        "error: --document 'Ohje 1' must be lower-case letters, digits and hyphens\n",
    )


def test_escaped_markdown_reads_back_as_the_same_text() -> None:
    from someohje.content.markdown import parse_inline
    from someohje.importer.markdown_out import MarkdownWriter, inline, line_start
    from someohje.textual import inline_text
    from someohje.tree import Text

    for text in ("a *b* _c_ [d](e) <f> & `g` | h \\ i!", "Kh 4.11.2019 § 258", "1. ei lista", "# ei otsikko"):
        written = line_start(inline((Text(text),), MarkdownWriter().call))
        back = parse_inline(written, Path("x.md"), Path("."), 1)
        assert inline_text(back) == text.replace("§ ", "§\u00a0"), written


def test_finnish_typography_is_idempotent_so_imported_text_builds_the_same() -> None:
    from someohje.finnish import smart_text

    for text in ('käsitteli 4.11.2019 § 258 ja "lainaus"', "Kuntalain (410/2015) 29 § velvoittaa", "§ 37"):
        once = smart_text(text)
        assert smart_text(once) == once


def test_text_before_the_first_heading_gets_a_section_with_a_placeholder_title(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Johdantoteksti ilman otsikkoa.")
    d.add_heading("Ainoa luku", 2)  # the shallowest level used becomes a main section
    d.add_heading("Alaluku", 3)
    d.add_paragraph("Tekstiä.")
    d.save(str(tmp_path / "alku.docx"))
    into = tmp_path / "tuotu"
    assert import_cli(tmp_path / "alku.docx", into).code == 0
    folder = into / "content" / "ohje"
    assert (folder / "01-alku.md").read_text(encoding="utf-8") == (
        "# TÄYDENNÄ: otsikko tekstille ennen ensimmäistä otsikkoa\n\nJohdantoteksti ilman otsikkoa.\n"
    )
    assert (folder / "02-ainoa-luku.md").read_text(encoding="utf-8") == "# Ainoa luku\n\n## Alaluku\n\nTekstiä.\n"
    check = run_cli("check", str(into), "--no-spell")
    assert f"{folder / '01-alku.md'}:1: placeholder left to fill in: otsikko tekstille ennen ensimmäistä otsikkoa" in (
        check.err.splitlines()
    )


def test_a_numbered_list_interrupted_by_a_paragraph_keeps_its_numbers(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Vaiheet", 1)
    d.add_paragraph("Ensin tämä", style="List Number")
    d.add_paragraph("Toiseksi tämä", style="List Number")
    d.add_paragraph("Välissä selitys.")
    d.add_paragraph("Kolmanneksi tämä", style="List Number")
    d.save(str(tmp_path / "numerot.docx"))
    into = tmp_path / "tuotu"
    assert import_cli(tmp_path / "numerot.docx", into).code == 0
    assert (into / "content" / "ohje" / "01-vaiheet.md").read_text(encoding="utf-8").splitlines()[2:] == [
        "1. Ensin tämä",
        "2. Toiseksi tämä",
        "",
        "Välissä selitys.",
        "",
        "3. Kolmanneksi tämä",
    ]
