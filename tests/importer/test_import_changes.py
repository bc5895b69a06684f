"""import-changes: a DOCX edited with Track Changes becomes proposed amendments.

The made-up municipality (tests/fixtures/esimerkkila) gets a pending board
handling on 7.4.2025; its stage is built as DOCX, edited with tracked
changes (by lxml as Word writes them, and by LibreOffice itself through
UNO), imported, and the new stage is compared with the edited document's
accepted text, paragraph by paragraph.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import someohje
from helpers import FIXTURES, Result, edit, finnish_only, reseal
from someohje.content.sources import normalised
from someohje.document.guideline import guideline
from someohje.importer.yamltext import UnknownLayout, with_amendments
from someohje.model import AmendmentKind
from someohje.record.amendments import ATOM, unit_texts
from someohje.record.stages import stage_blocks
from someohje.render.archival import decision_metadata
from tracked_edits import Editor, body_paragraphs

PENDING = "kh-2025-04-07"
STEM = "esimerkkilan-kunnan-tietoturvaohje"
HERE = Path(__file__).resolve().parent
LABEL = re.compile(r"\s*\((?:Muutettu|Lisätty|Poistettu|Muutosehdotus|Lisäysehdotus|Poistoehdotus|Kvalt|Kh)\s[^)]*\)")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture with a pending board handling after the council's 2024 decision."""
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


def stage_text(project: Path) -> list[str]:
    """The pending stage's paragraphs as someohje builds them, source references left out."""
    doc = someohje.load(project)
    units = [u for b in stage_blocks(doc, doc.handling(PENDING)) for u in unit_texts(b)]
    return [t for t in (normalised(LABEL.sub("", u.replace(ATOM, ""))) for u in units) if t]


def docx_text(path: Path, keep: str) -> list[str]:
    """The guideline's paragraphs in a DOCX (between the first section and
    the history), with every change accepted or rejected, source references
    (which someohje adds) left out."""
    paragraphs = [normalised(LABEL.sub("", t.replace("\u00a0", " "))) for t in body_paragraphs(path, keep)]
    start = next(i for i, t in enumerate(paragraphs) if t.startswith("1 "))
    end = paragraphs.index("Käsittelyhistoria")
    return [t for t in paragraphs[start:end] if t]


def word_edits(source: Path, target: Path) -> Path:
    """The edits a board member makes in Word: inside paragraphs, a whole
    new paragraph, a whole deleted one."""
    e = Editor(source)
    e.change("Työasemat lukitaan", "kahden", "kolmen")  # a word replaced
    e.change("Tämä ohje koskee", "", " nyt")  # words inserted between two
    e.change("Tiedostot tallennetaan", " kunnan", "")  # a word deleted
    e.change("Salasanat", "Salasanat", "Salasanat ja PIN-koodit")  # in a table cell
    e.insert_paragraph_after("Kotikoneella ei", "Tulostimelle ei jätetä papereita.")
    e.delete_paragraph("Etätyössä käytetään")
    return e.save(target)


def test_tracked_changes_become_amendments_that_give_the_edited_text(project: Path, cli: Callable[..., Result]) -> None:
    before = stage_text(project)
    meta = project / "content/document.yaml"
    original = meta.read_bytes()
    edited = word_edits(stage_docx(project, cli), project / "muokattu.docx")
    assert docx_text(edited, "del") == before  # rejecting all gives the stage as it was

    result = cli("import-changes", str(edited), "--meeting", PENDING, str(project), cwd=project)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [
        "content/document.yaml: recorded 6 proposed amendment(s) of Kh 7.4.2025:",
        "  kh-2025-04-07-1: replace in 'yleista', Tiina Testaaja",
        "  kh-2025-04-07-2: replace in 'yleista', Tiina Testaaja",
        "  kh-2025-04-07-3: replace in 'laitteet', Tiina Testaaja",
        "  kh-2025-04-07-4: replace in 'laitteet', Tiina Testaaja",
        "  kh-2025-04-07-5: insert in 'laitteet', Tiina Testaaja",
        "  kh-2025-04-07-6: delete in 'laitteet', Tiina Testaaja",
    ]
    assert stage_text(project) == docx_text(edited, "ins")  # the new stage is the accepted text
    assert stage_text(project) != before

    # the rest of document.yaml is untouched, byte for byte: the items went in at the list's end
    new = meta.read_bytes()
    at = original.index(b"distribution:")
    assert new.startswith(original[:at]) and new.endswith(original[at:])
    added = new[at : len(new) - len(original) + at].decode("utf-8")
    assert added.startswith(f"  - id: {PENDING}-1\n    decided_by: {PENDING}\n    section: yleista\n")
    assert "    kind: replace\n    anchor: kahden\n    wording: kolmen\n" in added
    assert "    kind: delete\n    anchor: Etätyössä käytetään vain kunnan antamia laitteita.\n" in added

    doc = someohje.load(project)
    new_ones = [a for a in doc.amendments if a.handling.id == PENDING]
    assert [a.kind for a in new_ones] == [AmendmentKind.REPLACE] * 4 + [AmendmentKind.INSERT, AmendmentKind.DELETE]
    assert {(a.proposed_by, str(a.proposed_on)) for a in new_ones} == {("Tiina Testaaja", "2025-03-30")}
    out = guideline(doc, PENDING)
    [inserted] = [
        a for a in decision_metadata(doc, out)["amendments"] if a["kind"] == "insert" and a["decided_by"] == PENDING
    ]
    assert (inserted["proposed_by"], inserted["proposed_on"]) == ("Tiina Testaaja", "2025-03-30")

    # every verb shows them like any amendment
    assert cli("check", str(project), "--no-spell").code == 0
    assert cli("diff", str(project), "--from", "kvalt-2024-06-10", "--to", PENDING, "--format", "html").code == 0
    texts = [normalised(t) for b in out.blocks for t in unit_texts(b)]
    assert f"Näyttö lukittuu itsestään kolmen minuutin kuluttua. {ATOM} {ATOM}" in " ".join(texts)
    assert "Tulostimelle ei jätetä papereita. " + ATOM in texts


def test_approving_the_handling_makes_the_imported_changes_decided(project: Path, cli: Callable[..., Result]) -> None:
    finnish_only(project)  # a decided amendment needs its wording in every version: this one has the Finnish only
    edited = word_edits(stage_docx(project, cli), project / "muokattu.docx")
    assert cli("import-changes", str(edited), "--meeting", PENDING, str(project)).code == 0
    meta = project / "content/document.yaml"
    text = meta.read_text(encoding="utf-8").replace("outcome: pending", "outcome: approved")
    text = text.replace(f"    decided_by: {PENDING}\n", f"    decided_by: {PENDING}\n    decided_text: Hyväksyttiin.\n")
    meta.write_text(text, encoding="utf-8")
    doc = someohje.load(project)
    assert doc.final_handling().id == PENDING
    labels = [
        label for label in re.findall(r"SourceRef\(label='([^']*)'\)", str(guideline(doc).blocks)) if "2025" in label
    ]
    assert labels == [
        "(Muutettu Kh 7.4.2025 § ei tiedossa)",
        "(Muutettu Kh 7.4.2025 § ei tiedossa)",
        "(Muutettu Kh 7.4.2025 § ei tiedossa)",
        "(Muutettu Kh 7.4.2025 § ei tiedossa)",
        "(Kh 7.4.2025 § ei tiedossa, lisäys 5)",
        "(Poistettu Kh 7.4.2025 § ei tiedossa)",
    ]


def system_python_with_uno() -> str:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return candidate
    pytest.skip("LibreOffice's Python bridge is not installed (.ci/run installs python3-uno)")


def test_changes_made_in_libreoffice_round_trip(project: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("soffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    python = system_python_with_uno()
    result = cli("attachment", str(project), "--meeting", PENDING, "--number", "2", "--format", "docx")
    assert result.code == 0, result.err
    source = project / "build" / f"{STEM}-{PENDING}-liite-2.docx"
    before = stage_text(project)
    edited = tmp_path / "libreoffice.docx"
    office = subprocess.run(
        [python, str(HERE / "lo_track_changes.py"), str(source), str(edited), str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert office.returncode == 0, office.stderr
    assert docx_text(edited, "del") == before
    result = cli("import-changes", str(edited), "--meeting", PENDING, str(project))
    assert (result.code, result.err) == (0, ""), result.err
    assert result.out.splitlines()[1:] == [
        "  kh-2025-04-07-1: delete in 'yleista', Liisa Libre",
        "  kh-2025-04-07-2: replace in 'yleista', Liisa Libre",
        "  kh-2025-04-07-3: replace in 'laitteet', Liisa Libre",
        "  kh-2025-04-07-4: replace in 'laitteet', Liisa Libre",
        "  kh-2025-04-07-5: insert in 'laitteet', Liisa Libre",
        "  kh-2025-04-07-6: delete in 'laitteet', Liisa Libre",
    ]
    assert stage_text(project) == docx_text(edited, "ins")
    assert {"2 Laitteet ja tiedostot", "Hallintopalvelut", "Tulostimelle ei jätetä papereita."} <= set(
        stage_text(project)
    )


# --- what is refused, and how ---------------------------------------------------------------------


def test_a_decided_or_unknown_handling_is_refused(project: Path, cli: Callable[..., Result]) -> None:
    docx = stage_docx(project, cli)
    result = cli("import-changes", str(docx), "--meeting", "kvalt-2024-06-10", str(project))
    assert (result.code, result.err) == (
        2,
        "error: --meeting: 'kvalt-2024-06-10' (Kvalt 10.6.2024 § 22) is decided (outcome: approved); tracked changes "
        f"become proposals of a coming meeting; pending handlings: {PENDING}\n".replace("§ 22", "§\u00a022"),
    )
    result = cli("import-changes", str(docx), "--meeting", "kh-2099-01-01", str(project))
    assert (result.code, result.err) == (
        2,
        f"error: --meeting: 'kh-2099-01-01' is not a handling; pending handlings: {PENDING}\n",
    )


def test_a_file_without_changes_or_not_a_docx_is_an_error(project: Path, cli: Callable[..., Result]) -> None:
    docx = stage_docx(project, cli)
    result = cli("import-changes", str(docx), "--meeting", PENDING, str(project), cwd=project)
    message = f"build/{STEM}-{PENDING}.docx: no tracked changes found (turn on Track Changes before editing)\n"
    assert (result.code, result.err) == (1, message)
    (project / "muistio.docx").write_text("ei Word-tiedosto", encoding="utf-8")
    result = cli("import-changes", "muistio.docx", "--meeting", PENDING, str(project), cwd=project)
    assert (result.code, result.err) == (1, "muistio.docx: not a Word document (.docx): File is not a zip file\n")
    result = cli("import-changes", "puuttuu.docx", "--meeting", PENDING, str(project), cwd=project)
    assert (result.code, result.err) == (1, "puuttuu.docx: no such file\n")


def test_importing_the_same_document_twice_is_refused(project: Path, cli: Callable[..., Result]) -> None:
    edited = word_edits(stage_docx(project, cli), project / "muokattu.docx")
    assert cli("import-changes", str(edited), "--meeting", PENDING, str(project)).code == 0
    meta = project / "content/document.yaml"
    after_first = meta.read_bytes()
    result = cli("import-changes", "muokattu.docx", "--meeting", PENDING, ".", cwd=project)
    assert result.code == 1
    assert result.err == (
        "muokattu.docx: the document without its changes is not the text of Kh 7.4.2025 as it stands "
        "(paragraph 5 reads 'Tämä ohje koskee kaikkia työntekijöitä. Ääkköset, §\u00a05 ja ...' "
        "where the text has 'Tämä ohje koskee nyt kaikkia työntekijöitä. Ääkköset, §\u00a05...'); "
        f"edit the DOCX of 'build --stage {PENDING}' (or the meeting's attachment)\n"
    )
    assert meta.read_bytes() == after_first


def test_changes_that_cannot_be_anchored_are_listed_and_nothing_is_written(
    project: Path, cli: Callable[..., Result]
) -> None:
    e = Editor(stage_docx(project, cli))
    e.change("Työasemat lukitaan", "kahden", "kolmen")  # fine on its own
    e.change("Työasemat lukitaan", "Kvalt", "Kh")  # inside a source reference
    e.change("2 Laitteet", "2 ", "3 ")  # a heading's number
    e.change("Esimerkkilän kunnan tietoturvaohje", "tietoturvaohje", "tietoturvaopas")  # the title
    header = e.parts["word/header1.xml"].decode("utf-8")
    e.parts["word/header1.xml"] = re.sub(
        r"(<w:p\b[^>]*>.*?</w:pPr>)",
        r'\1<w:ins w:id="1" w:author="A" w:date="2025-03-30T00:00:00Z"><w:r><w:t>LIITE</w:t></w:r></w:ins>',
        header,
        count=1,
        flags=re.S,
    ).encode("utf-8")
    rpr = e.paragraph("Kotikoneella").find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r/"
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr"
    )
    edited = e.save(project / "muokattu.docx")
    meta = project / "content/document.yaml"
    original = meta.read_bytes()
    result = cli("import-changes", "muokattu.docx", "--meeting", PENDING, ".", cwd=project)
    assert rpr is None  # a plain run: the formatting change test below adds its own
    assert result.code == 1
    assert result.err.splitlines() == [
        "muokattu.docx: paragraph 2 (outside the guideline's sections): a change outside the guideline's "
        "sections (title, approval line, history): 'tietoturvaohje → tietoturvaopas'",
        "muokattu.docx: paragraph 16 (section 2 Laitteet ja tallennus): a change in a heading's number "
        "(someohje numbers the headings): '2 → 3'",
        "muokattu.docx: paragraph 17 (section 2 Laitteet ja tallennus): a change in a source reference "
        "(someohje writes these): 'Kvalt → Kh'",
        "muokattu.docx: page header (word/header1.xml): a change in the page header or footer: 'LIITE'",
        "muokattu.docx: nothing recorded: 4 change(s) cannot be anchored; accept or reject them in the "
        "document and import it again",
    ]
    assert meta.read_bytes() == original
    assert edited.exists()


def test_a_formatting_change_is_reported_and_ignored(project: Path, cli: Callable[..., Result]) -> None:
    e = Editor(stage_docx(project, cli))
    e.change("Työasemat lukitaan", "kahden", "kolmen")
    run = e.paragraph("Kotikoneella").find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rpr = etree.SubElement(run, f"{w}rPr")
    run.insert(0, rpr)
    etree.SubElement(rpr, f"{w}b")
    change = etree.SubElement(
        rpr, f"{w}rPrChange", {f"{w}id": "77", f"{w}author": "A", f"{w}date": "2025-03-30T00:00:00Z"}
    )
    etree.SubElement(change, f"{w}rPr")
    e.save(project / "muokattu.docx")
    result = cli("import-changes", "muokattu.docx", "--meeting", PENDING, ".", cwd=project)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == (
        "ignored: muokattu.docx: paragraph 19: a formatting change (ignored: the theme sets the layout): "
        "'Kotikoneella ei käsitellä kunnan asiakirjoja.'"
    )
    assert "kolmen" in " ".join(stage_text(project))


def test_a_paragraph_split_in_two_is_not_guessed(project: Path, cli: Callable[..., Result]) -> None:
    e = Editor(stage_docx(project, cli))
    e.split_paragraph("Tiedostot tallennetaan", "verkkolevylle.")
    edited = e.save(project / "muokattu.docx")
    assert docx_text(edited, "ins")[-4:-2] == ["Tiedostot tallennetaan kunnan", "verkkolevylle."]
    result = cli("import-changes", "muokattu.docx", "--meeting", PENDING, ".", cwd=project)
    assert (result.code, result.err.splitlines()[0]) == (
        1,
        "muokattu.docx: paragraph 18 (section 2 Laitteet ja tallennus): a change that splits or joins "
        "paragraphs: 'Tiedostot tallennetaan kunnan verkkolevylle. (Muutettu Kv...'",
    )


# --- the YAML text ---------------------------------------------------------------------------------


def test_amendments_are_added_as_text_keeping_every_other_byte(project: Path) -> None:
    doc = someohje.load(project)
    [amendment] = [a for a in doc.amendments if a.id == "muutos-4"]
    item = with_amendments("a: 1\n", [amendment])
    assert item == (
        "a: 1\namendments:\n  - id: muutos-4\n    decided_by: kvalt-2024-06-10\n    section: laitteet\n"
        "    kind: replace\n    anchor: kunnan antamaa kannettavaa tietokonetta\n"
        "    wording: kunnan antamia laitteita\n"
    )
    assert with_amendments("amendments: []  # none yet\nb: 2\n", [amendment]).startswith(
        "amendments:\n  - id: muutos-4\n"
    )
    assert with_amendments("amendments: []  # none yet\nb: 2\n", [amendment]).endswith("laitteita\nb: 2\n")
    text = "amendments:\n- id: x\n  section: s\n# a comment kept in place\n\nb: 2 # end\n"
    out = with_amendments(text, [amendment])
    assert out.startswith("amendments:\n- id: x\n  section: s\n- id: muutos-4\n")
    assert out.endswith("laitteita\n# a comment kept in place\n\nb: 2 # end\n")


def test_bold_and_markdown_marks_in_a_change_keep_their_meaning(project: Path, cli: Callable[..., Result]) -> None:
    e = Editor(stage_docx(project, cli))
    e.change("Jokainen itse", "Jokainen", "Jokainen *aina*")  # typed inside a bold run, with asterisks
    e.save(project / "muokattu.docx")
    result = cli("import-changes", "muokattu.docx", "--meeting", PENDING, ".", cwd=project)
    assert (result.code, result.err) == (0, "")
    doc = someohje.load(project)
    [new] = [a for a in doc.amendments if a.handling.id == PENDING]
    assert (new.kind, new.anchor, new.wording) == (AmendmentKind.REPLACE, "Jokainen", "**Jokainen \\*aina\\***")
    cell = str(guideline(doc, PENDING).blocks)
    assert "Strong(children=(Text(text='Jokainen *aina*'),))" in cell


def test_the_next_meetings_attachment_shows_the_imported_proposals(project: Path, cli: Callable[..., Result]) -> None:
    meta = project / "content/document.yaml"
    council = (
        "  - id: kvalt-2025-05-05\n    body: kvalt\n    date: 5.5.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", council + "text_stage:"), encoding="utf-8")
    edited = word_edits(stage_docx(project, cli), project / "muokattu.docx")
    assert cli("import-changes", str(edited), "--meeting", PENDING, str(project)).code == 0
    result = cli("attachment", str(project), "--meeting", "kvalt-2025-05-05", "--format", "docx")
    assert result.code == 0, result.err
    liite = project / "build" / f"{STEM}-kvalt-2025-05-05-liite-1.docx"
    assert docx_text(liite, "ins") == docx_text(edited, "ins")
    assert any("(Muutosehdotus Kh 7.4.2025)" in t.replace("\u00a0", " ") for t in body_paragraphs(liite, "ins"))


def test_a_file_with_windows_line_endings_keeps_them(project: Path) -> None:
    doc = someohje.load(project)
    [amendment] = [a for a in doc.amendments if a.id == "muutos-2"]
    text = "a: 1\r\namendments:\r\n  - id: x\r\n    section: s\r\nb: 2\r\n"
    assert with_amendments(text, [amendment]) == (
        "a: 1\r\namendments:\r\n  - id: x\r\n    section: s\r\n  - id: muutos-2\r\n    decided_by: kh-2024-05-06\r\n"
        "    section: laitteet\r\n    kind: delete\r\n    anchor: Muistitikkuja saa käyttää vain hallinnon luvalla.\r\n"
        "b: 2\r\n"
    )


def test_a_flow_list_of_amendments_is_not_rewritten(project: Path, cli: Callable[..., Result]) -> None:
    meta = project / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    start, end = text.index("amendments:\n"), text.index("distribution:")
    items = yaml.safe_load(text)["amendments"]
    flow = yaml.safe_dump({"amendments": items}, default_flow_style=True, allow_unicode=True, width=10**6)[1:-2] + "\n"
    with pytest.raises(UnknownLayout):
        with_amendments(text[:start] + flow + text[end:], [])
    edited = word_edits(stage_docx(project, cli), project / "muokattu.docx")
    meta.write_text(text[:start] + flow + text[end:], encoding="utf-8")
    before = meta.read_bytes()
    line = text[:start].count("\n") + 1
    result = cli("import-changes", str(edited), "--meeting", PENDING, ".", cwd=project)
    assert (result.code, result.err) == (
        1,
        f"content/document.yaml:{line}: 'amendments:' is not a block list ('- id: …' items) "
        "that new items can be added to\n",
    )
    assert meta.read_bytes() == before


def test_amendments_that_would_not_give_the_edited_text_are_refused(
    project: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last safety net: the amendments are applied and compared with the
    accepted text. A wording that lost its last letter is caught."""
    from someohje.importer import tracked

    edited = word_edits(stage_docx(project, cli), project / "muokattu.docx")
    real = tracked.markdown
    monkeypatch.setattr(tracked, "markdown", lambda tokens: real(tokens)[:-1])
    doc = someohje.load(project)
    result = tracked.import_changes(doc, doc.handling(PENDING), edited)
    assert result.blocked
    assert [f.line("muokattu.docx") for f in result.findings] == [
        "muokattu.docx: paragraph 2 of the guideline text: would read 'Tämä ohje koskee ny kaikkia "
        "työntekijöitä. Ääkköset, § 5 ...', not as edited: 'Tämä ohje koskee nyt kaikkia työntekijöitä. "
        "Ääkköset, § 5...'"
    ]


@pytest.fixture
def noted(project: Path) -> Path:
    """The pending project with a footnote in its first section, resealed."""
    source = project / "content/teksti/yleista.md"
    edit(source, "koskee *kaikkia* työntekijöitä.", "koskee *kaikkia* työntekijöitä.[^tyo]")
    source.write_text(source.read_text(encoding="utf-8") + "\n[^tyo]: Myös harjoittelijat.\n", encoding="utf-8")
    reseal(project)
    return project


def test_a_change_next_to_a_footnote_keeps_the_note(noted: Path, cli: Callable[..., Result]) -> None:
    e = Editor(stage_docx(noted, cli))
    e.change("Tämä ohje koskee", "", " nyt")
    result = cli("import-changes", str(e.save(noted / "m.docx")), "--meeting", PENDING, str(noted), cwd=noted)
    assert (result.code, result.err) == (0, "")
    assert "1 proposed amendment(s)" in result.out
    assert stage_text(noted) == docx_text(noted / "m.docx", "ins")  # the note's text is still a unit of its own
    again = cli("build", str(noted), "--stage", PENDING, "--format", "docx")
    assert again.code == 0, again.err


@pytest.mark.parametrize("where", ["in the note", "its call"])
def test_a_change_in_a_footnote_is_not_taken_for_no_change(noted: Path, cli: Callable[..., Result], where: str) -> None:
    e = Editor(stage_docx(noted, cli))
    if where == "in the note":
        e.insert_in_footnote("Myös harjoittelijat.", " Myös vapaaehtoiset.")
        expected = "m.docx: footnote 1: a change in a footnote: import-changes does not record these yet"
    else:
        e.delete_footnote_call("Tämä ohje koskee")
        expected = "m.docx: a footnote's call: a footnote inserted or deleted: import-changes does not record"
    meta = noted / "content/document.yaml"
    before = meta.read_bytes()
    result = cli("import-changes", str(e.save(noted / "m.docx")), "--meeting", PENDING, str(noted), cwd=noted)
    assert result.code == 1 and "Traceback" not in result.err
    assert expected in result.err and "nothing recorded: 1 change(s)" in result.err
    assert meta.read_bytes() == before
