"""The record: provenance, the kept source, sealed stages, amendment kinds, --as-of.

The made-up municipality under tests/fixtures/esimerkkila carries the whole
story: its council approves a guideline (in force 1.8.2023); a year later
its board proposes a replace, a delete and an insert, and the council
approves them with a change of its own (in force 1.8.2024).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pytest

import someohje
from helpers import FIXTURES, REPO, STEM, Result, finnish_only, tool
from redline_text import docx_document_xml, normal, paragraphs, split_history
from someohje.document.guideline import consolidated, guideline
from someohje.document.meeting import attachment
from someohje.errors import ContentError, UsageError
from someohje.model import Origin, TextOrigin
from someohje.record.amendments import section_texts
from someohje.record.inforce import parse_as_of
from someohje.textual import block_texts, inline_text
from someohje.tree import Paragraph, Table

NBSP = "\u00a0"
ESIM = "esimerkkilan-kunnan-tietoturvaohje"
NOTE_START = "Tekstin alkuperä: ohjeen sanamuoto on laadittu jälkikäteen asian RauDno-2020-792"


@pytest.fixture
def esimerkkila(tmp_path: Path) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    return root


def texts_of(doc: someohje.Document, stage: str) -> list[str]:
    return block_texts(split_history(guideline(doc, stage).blocks)[0])


def laitteet(texts: list[str]) -> list[str]:
    """The paragraphs of the fixture's second section (after its heading)."""
    start = texts.index("2 Laitteet ja tallennus")
    return texts[start + 1 :]


# --- 1. the project is self-contained ---------------------------------------------------------


def test_the_minutes_are_kept_in_the_project_and_the_handlings_name_them() -> None:
    doc = someohje.load(REPO)
    [source] = doc.sources
    assert source.path == REPO / "content/sources/kvalt-2022-06-14-s37.txt"
    assert source.text.startswith("Kunnanvaltuusto, kokous 14.6.2022")
    assert {h.source for h in doc.handlings} == {source}


def test_no_code_test_or_readme_reads_outside_the_repository() -> None:
    folder = "sha" + "red"  # spelled apart, so that this test does not find itself
    sibling = re.compile(rf"\.\./{folder}|parent\s*/\s*\"{folder}\"|{folder}/source")
    files = [*REPO.glob("src/**/*.py"), *REPO.glob("tests/**/*.py"), REPO / "README.md"]
    offenders = [str(p) for p in files if sibling.search(p.read_text("utf-8"))]
    assert offenders == []


def test_a_recorded_text_that_drifts_from_the_source_is_a_located_error(
    project: Path, cli: Callable[..., Result]
) -> None:
    meta = project / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        text.replace("Kunnanvaltuusto päätti, että asia palautetaan", "Valtuusto päätti, että asia palautetaan")
    )
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "  - id: kvalt-2020")
    result = cli("check", str(project), "--no-spell", cwd=project.parent)
    assert (result.code, result.err) == (
        1,
        f"project/content/document.yaml:{line}: the decision of 'kvalt-2020' is not verbatim in its source "
        "kvalt-2022-06-14-s37.txt: 'Valtuusto päätti, että asia palautetaan uudelleen valmist...' "
        "(the record is quoted, never edited)\n",
    )


# --- 2. provenance ---------------------------------------------------------------------------------


def test_a_reconstruction_says_so_where_the_approval_line_stands() -> None:
    doc = someohje.load(REPO)
    assert doc.text_origin is TextOrigin.RECONSTRUCTION
    out = guideline(doc)
    [note] = out.lead
    text = " ".join(block_texts([note]))
    assert text.startswith(NOTE_START)
    assert "eikä se ole toimielimen hyväksymä sanamuoto" in text
    assert out.metadata.description == text
    assert out.approval_line == f"Hyväksytty: Kunnanvaltuusto 14.6.2022 §{NBSP}37"  # the decision facts stay


def test_the_note_is_in_every_format_and_in_the_properties(built: Path) -> None:
    markup = (built / f"{STEM}.html").read_text(encoding="utf-8")
    body = re.sub(r"<[^>]+>", "", markup[markup.index("<main") :])  # the text: identifiers stand in no-break spans
    assert body.index("Hyväksytty: Kunnanvaltuusto") < body.index(NOTE_START) < body.index("1 Johdanto")
    assert re.search(rf'<meta name="description" content="[^"]*{NOTE_START}', markup)
    data = (built / f"{STEM}.docx").read_bytes()
    document = docx.Document(io.BytesIO(data))
    body = [p.text for p in document.paragraphs]
    assert any(t.startswith(NOTE_START) for t in body[:6])
    assert document.core_properties.comments.startswith(NOTE_START)
    with pikepdf.open(built / f"{STEM}.pdf") as pdf:
        assert str(pdf.open_metadata()["dc:description"]).endswith(
            "mitä ne olivat, ei käy ilmi lähteistä, eikä niitä ole merkitty tekstiin."
        )
    first = subprocess.run(
        [tool("pdftotext"), "-f", "1", "-l", "1", str(built / f"{STEM}.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Tekstin alkuperä" in first


def test_an_approved_original_carries_no_note(esimerkkila: Path) -> None:
    doc = someohje.load(esimerkkila)
    out = guideline(doc)
    assert out.lead == () and out.metadata.description == ""


def test_passages_know_their_origin(project: Path) -> None:
    doc = someohje.load(project)
    texts = section_texts(doc, doc.final_handling())
    origins = {o for t in texts for o in t.origins}
    assert origins == {Origin.DRAFTED, Origin.AMENDMENT}
    # a paragraph that quotes the minutes verbatim is a record passage
    section = project / "content/ohje/02-tavoitteet.md"
    quote = (
        "Toimintatapojen määrittely sosiaaliseen mediaan on kunnan etu, "
        "jotta sen mahdollisuudet voidaan hyödyntää täysimääräisesti."
    )
    section.write_text(section.read_text(encoding="utf-8") + f"\n{quote}\n", encoding="utf-8")
    doc = someohje.load(project)
    [tavoitteet] = [t for t in section_texts(doc, doc.final_handling()) if t.section.id == "tavoitteet"]
    assert tavoitteet.origins[-1] is Origin.RECORD and tavoitteet.origins[0] is Origin.DRAFTED


# --- 3. sealed stages --------------------------------------------------------------------------------


def test_the_shipped_content_is_sealed() -> None:
    doc = someohje.load(REPO)
    assert [s.handling_id for s in doc.seals] == ["kh-2022-06-07", "kvalt-2022-06-14"]
    assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", s.digest) for s in doc.seals)


def test_an_edit_of_a_decided_text_stops_check_and_build(project: Path, cli: Callable[..., Result]) -> None:
    section = project / "content/ohje/03-kayttajat.md"
    lines = section.read_text(encoding="utf-8").splitlines()
    at = next(i for i, t in enumerate(lines) if t and not t.startswith("#"))
    lines[at] = lines[at].replace(".", ", aina.", 1)
    section.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = (
        f"project/content/ohje/03-kayttajat.md:{at + 1}: the text decided at Kh 7.6.2022 §{NBSP}139 and "
        f"Kvalt 14.6.2022 §{NBSP}37 has changed (first difference here); change a decided text by an amendment "
        "of a later handling, or reseal: python -m someohje seal --meeting kh-2022-06-07 --force --reason '…'\n"
    )
    check = cli("check", str(project), "--no-spell", cwd=project.parent)
    assert (check.code, check.err) == (1, expected)
    build = cli("build", str(project), cwd=project.parent)
    assert (build.code, build.err) == (1, expected)
    assert not (project / "build").exists()


def test_rewrapping_markdown_keeps_the_seal(project: Path, cli: Callable[..., Result]) -> None:
    section = project / "content/ohje/03-kayttajat.md"
    text = section.read_text(encoding="utf-8")
    lines = text.splitlines()
    rewrapped = "\n".join(
        re.sub(r"(\S) (\S)", lambda m: m[1] + ("\n" if m.start() % 7 == 0 else " ") + m[2], line)
        if line and line[0].isalpha()
        else line
        for line in lines
    )
    section.write_text(rewrapped.replace("*", "_").replace("\n- ", "\n* "), encoding="utf-8")
    assert rewrapped != text
    result = cli("check", str(project), "--no-spell")
    assert result.code == 0, result.err


def test_an_amendments_changed_wording_points_at_its_line(project: Path, cli: Callable[..., Result]) -> None:
    meta = project / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("oikaistaa: oikaistaan", "oikaistaa: oikaistiin"), encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "  - id: lisays-2")
    result = cli("check", str(project), "--no-spell", cwd=project.parent)
    assert result.code == 1
    assert result.err.startswith(
        f"project/content/document.yaml:{line}: the text decided at Kvalt 14.6.2022 §{NBSP}37 has changed"
    )


def test_seal_refuses_to_reseal_without_force_and_records_the_reason(project: Path, cli: Callable[..., Result]) -> None:
    seals = project / "content/seals.yaml"
    before = seals.read_text(encoding="utf-8")
    assert cli("seal", str(project), "--meeting", "kh-2022-06-07").out.endswith(
        "the text is unchanged (" + re.search(r"sha256:\w+", before)[0] + ")\n"
    )  # type: ignore[index]
    section = project / "content/ohje/03-kayttajat.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nUusi kappale.\n", encoding="utf-8")
    refused = cli("seal", str(project), "--meeting", "kh-2022-06-07", cwd=project.parent)
    assert (refused.code, refused.err) == (
        1,
        f"project/content/seals.yaml:3: 'kh-2022-06-07' (Kh 7.6.2022 §{NBSP}139) is sealed already and its text "
        "has changed; to reseal it give --force and --reason\n",
    )
    no_reason = cli("seal", str(project), "--meeting", "kh-2022-06-07", "--force")
    assert (no_reason.code, no_reason.err) == (
        2,
        "error: --force needs --reason: say why the sealed text is resealed\n",
    )
    assert seals.read_text(encoding="utf-8") == before
    ok = cli("seal", str(project), "--meeting", "kh-2022-06-07", "--force", "--reason", "Kirjoitusvirhe korjattu")
    assert ok.code == 0, ok.err
    old = re.findall(r"sha256:\w+", before.split("kvalt-2022-06-14:")[0])[0]  # its digest (then earlier reseals)
    assert f'    - previous: {old}\n      reason: "Kirjoitusvirhe korjattu"\n' in seals.read_text(encoding="utf-8")
    [seal] = [s for s in someohje.load(project).seals if s.handling_id == "kh-2022-06-07"]
    assert seal.reseals[-1].previous == old and seal.reseals[-1].reason == "Kirjoitusvirhe korjattu"


def test_a_stage_without_text_cannot_be_sealed(cli: Callable[..., Result], project: Path) -> None:
    result = cli("seal", str(project), "--meeting", "kh-2020")
    assert (result.code, result.err) == (
        2,
        "error: --meeting: cannot seal 'kh-2020'; decided handlings the content holds: "
        "kh-2022-06-07, kvalt-2022-06-14\n",
    )


def test_a_decided_handling_must_be_sealed(project: Path, cli: Callable[..., Result]) -> None:
    (project / "content/seals.yaml").unlink()
    text = (project / "content/document.yaml").read_text(encoding="utf-8").splitlines()
    lines = [i for i, t in enumerate(text, 1) if t in ("  - id: kh-2022-06-07", "  - id: kvalt-2022-06-14")]
    result = cli("build", str(project), cwd=project.parent)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"project/content/document.yaml:{lines[0]}: handling 'kh-2022-06-07' (Kh 7.6.2022 §{NBSP}139) is decided "
        "but its text is not sealed; run: python -m someohje seal --meeting kh-2022-06-07",
        f"project/content/document.yaml:{lines[1]}: handling 'kvalt-2022-06-14' (Kvalt 14.6.2022 §{NBSP}37) is "
        "decided but its text is not sealed; run: python -m someohje seal --meeting kvalt-2022-06-14",
    ]


# --- 4. amendments that insert, replace and delete ----------------------------------------------------


def test_each_stage_of_the_fictional_history(esimerkkila: Path) -> None:
    doc = someohje.load(esimerkkila)
    approved_2023 = laitteet(texts_of(doc, "kvalt-2023-06-12"))
    assert approved_2023 == [
        "Työasemat lukitaan aina, kun työpisteeltä poistutaan. Näyttö lukittuu itsestään viiden minuutin kuluttua.",
        "Tiedostot tallennetaan kunnan verkkolevylle. Muistitikkuja saa käyttää vain hallinnon luvalla.",
        "Kotikoneella ei käsitellä kunnan asiakirjoja.",
    ]
    assert laitteet(texts_of(doc, "kh-2024-05-06")) == [
        "Työasemat lukitaan aina, kun työpisteeltä poistutaan. Näyttö lukittuu itsestään kahden minuutin kuluttua. "
        f"(Muutosehdotus Kh 6.5.2024 §{NBSP}52)",
        f"Tiedostot tallennetaan kunnan verkkolevylle. (Muutosehdotus Kh 6.5.2024 §{NBSP}52)",
        "Kotikoneella ei käsitellä kunnan asiakirjoja.",
        f"Etätyössä käytetään vain kunnan antamaa kannettavaa tietokonetta. (Lisäysehdotus Kh 6.5.2024 §{NBSP}52)",
    ]
    assert laitteet(texts_of(doc, "kvalt-2024-06-10")) == [
        "Työasemat lukitaan aina, kun työpisteeltä poistutaan. Näyttö lukittuu itsestään kahden minuutin kuluttua. "
        f"(Muutettu Kvalt 10.6.2024 §{NBSP}22)",
        f"Tiedostot tallennetaan kunnan verkkolevylle. (Muutettu Kvalt 10.6.2024 §{NBSP}22)",
        "Kotikoneella ei käsitellä kunnan asiakirjoja.",
        f"Etätyössä käytetään vain kunnan antamia laitteita. (Lisätty Kvalt 10.6.2024 §{NBSP}22)",
    ]


def test_a_whole_paragraph_deleted_leaves_its_source(esimerkkila: Path) -> None:
    meta = esimerkkila / "content/document.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "    anchor: Muistitikkuja saa käyttää vain hallinnon luvalla.",
            "    anchor: Tiedostot tallennetaan kunnan verkkolevylle. "
            "Muistitikkuja saa käyttää vain hallinnon luvalla.",
        ),
        encoding="utf-8",
    )
    doc = someohje.load(esimerkkila)
    assert laitteet(texts_of(doc, "kvalt-2024-06-10"))[1] == f"(Poistettu Kvalt 10.6.2024 §{NBSP}22)"


@pytest.mark.parametrize(
    ("anchor", "message"),
    [
        (
            "kolmen minuutin",
            "the passage 'kolmen minuutin' is not in section 'laitteet' as it stands before Kh 6.5.2024 §\u00a052",
        ),
        (
            "kunnan",
            "the passage 'kunnan' occurs 2 times in section 'laitteet' as it stands before "
            "Kh 6.5.2024 §\u00a052; quote enough of it to be unique",
        ),
    ],
)
def test_an_anchor_must_match_exactly_once(
    esimerkkila: Path, cli: Callable[..., Result], anchor: str, message: str
) -> None:
    meta = esimerkkila / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("    anchor: viiden minuutin", f"    anchor: {anchor}"), encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "  - id: muutos-1")
    result = cli("check", str(esimerkkila), "--no-spell", cwd=esimerkkila.parent)
    assert (result.code, result.err) == (
        1,
        f"esimerkkila/content/document.yaml:{line}: amendment 'muutos-1' (replace): {message}\n",
    )


def test_a_replace_needs_an_anchor_and_a_delete_no_wording(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    meta = esimerkkila / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace("    anchor: viiden minuutin\n", "").replace(
        "    anchor: Muistitikkuja saa käyttää vain hallinnon luvalla.\n",
        "    anchor: Muistitikkuja saa käyttää vain hallinnon luvalla.\n    wording: x\n",
    )
    meta.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    m1 = lines.index("  - id: muutos-1") + 1
    w2 = lines.index("    wording: x") + 1
    result = cli("check", str(esimerkkila), "--no-spell", cwd=esimerkkila.parent)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"esimerkkila/content/document.yaml:{m1}: amendment 'muutos-1' (replace) needs 'anchor': "
        "the exact passage it replaces",
        f"esimerkkila/content/document.yaml:{w2}: amendment 'muutos-2' deletes text: it has no 'wording'",
    ]


def test_the_redline_of_a_replace_delete_and_insert(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    result = cli("diff", str(esimerkkila), "--from", "kvalt-2023-06-12", "--to", "kvalt-2024-06-10")
    assert result.code == 0, result.err
    [path] = (esimerkkila / "build").glob("*.docx")
    xml = docx_document_xml(path.read_bytes())
    doc = someohje.load(esimerkkila)
    later, earlier = (split_history(guideline(doc, s).blocks)[0] for s in ("kvalt-2024-06-10", "kvalt-2023-06-12"))
    rejected, accepted = normal(paragraphs(xml, "del")), normal(paragraphs(xml, "ins"))
    assert normal(laitteet(block_texts(earlier))) in rejected and normal(laitteet(block_texts(later))) in accepted
    assert normal(laitteet(block_texts(later))) not in rejected
    deleted = re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", xml.decode("utf-8"))
    assert "viiden" in [d.strip() for d in deleted] and any("Muistitikkuja" in d for d in deleted)
    html_text = next((esimerkkila / "build").glob("*.html")).read_text(encoding="utf-8")
    assert re.search(r"<del[^>]*>viiden ?</del>\s*<ins[^>]*>kahden ?</ins>", html_text), html_text


def test_the_attachment_to_the_councils_2024_meeting_is_the_boards_proposal(esimerkkila: Path) -> None:
    doc = someohje.load(esimerkkila)
    liite = attachment(doc, "kvalt-2024-06-10", 2)
    assert liite.draft_mark == "EHDOTUS" and liite.stamp == ("Liite 2", f"Kvalt 10.6.2024 §{NBSP}22")
    assert laitteet(block_texts(split_history(liite.blocks)[0])) == laitteet(texts_of(doc, "kh-2024-05-06"))


# --- the text in force on a date ----------------------------------------------------------------------


def test_as_of_picks_the_text_in_force(esimerkkila: Path) -> None:
    doc = someohje.load(esimerkkila)
    before, after = consolidated(doc, parse_as_of("1.1.2024")), consolidated(doc, parse_as_of("1.9.2024"))
    assert before.stage == "kvalt-2023-06-12" and after.stage == "kvalt-2024-06-10"
    assert laitteet(block_texts(split_history(after.blocks)[0])) == laitteet(texts_of(doc, "kvalt-2024-06-10"))
    assert (after.draft_mark, after.date_text, after.file_stem) == (
        "AJANTASAINEN VERSIO",
        "1.9.2024",
        f"{ESIM}-ajantasainen-2024-09-01",
    )
    assert after.approval_line == (
        f"Hyväksytty: Kunnanvaltuusto 12.6.2023 §{NBSP}18; muutettu: Kvalt 10.6.2024 §{NBSP}22"
    )
    assert inline_text(after.lead[0].children) == (  # type: ignore[union-attr]
        "Ohjeen teksti sellaisena kuin se on voimassa 1.9.2024 lähteissä olevien päätösten mukaan; viimeisin "
        f"huomioitu päätös on Kvalt 10.6.2024 §{NBSP}22. Myöhemmistä päätöksistä, jotka eivät ole lähteissä, ei ole "
        "tietoa."
    )
    # decided 10.6.2024, in force 1.8.2024: on 1.7.2024 the 2023 text still holds
    assert consolidated(doc, parse_as_of("1.7.2024")).stage == "kvalt-2023-06-12"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            "1.7.2023",
            "error: --as-of: 1.7.2023 is before the text was first in force (Kvalt 12.6.2023 §\u00a018, "
            "in force 1.8.2023); give 1.8.2023 or later",
        ),
        ("2024-09-01", "error: --as-of: date '2024-09-01' is not of the form d.m.yyyy (e.g. 14.6.2022)"),
    ],
)
def test_as_of_before_the_first_approval_is_a_usage_error(
    esimerkkila: Path, cli: Callable[..., Result], day: str, message: str
) -> None:
    result = cli("build", str(esimerkkila), "--as-of", day)
    assert (result.code, result.err) == (2, message + "\n")
    assert not (esimerkkila / "build").exists()


def test_as_of_in_every_format(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    result = cli("build", str(esimerkkila), "--as-of", "1.9.2024", "--pdf-variant", "archival")
    assert result.code == 0, result.err
    stem = esimerkkila / "build" / f"{ESIM}-ajantasainen-2024-09-01"
    changed = f"(Muutettu Kvalt 10.6.2024 §{NBSP}22)"
    assert changed in stem.with_suffix(".html").read_text(encoding="utf-8")
    docx_text = "\n".join(p.text for p in docx.Document(str(stem.with_suffix(".docx"))).paragraphs)
    assert changed.replace(NBSP, " ") in docx_text.replace(NBSP, " ")
    pdf = next((esimerkkila / "build").glob(f"{ESIM}-ajantasainen-2024-09-01*.pdf"))
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Muutettu Kvalt 10.6.2024" in " ".join(text.split())
    with pikepdf.open(pdf) as f:
        data = json.loads(f.attachments["metadata.json"].get_file().read_bytes())
    assert data["as_of"] == "2024-09-01" and data["text_origin"] == "original"
    kinds = [(a["id"], a["kind"], a["approved_by"]) for a in data["amendments"]]
    assert kinds == [
        ("muutos-1", "replace", f"Kvalt 10.6.2024 §{NBSP}22"),
        ("muutos-2", "delete", f"Kvalt 10.6.2024 §{NBSP}22"),
        ("muutos-3", "insert", f"Kvalt 10.6.2024 §{NBSP}22"),
        ("muutos-4", "replace", f"Kvalt 10.6.2024 §{NBSP}22"),
    ]
    assert [h["in_force"] for h in data["handlings"]] == [None, "2023-08-01", None, "2024-08-01"]
    assert all(h["text_digest"].startswith("sha256:") for h in data["handlings"])


def test_as_of_for_rautalampi_says_the_entry_into_force_is_unknown() -> None:
    doc = someohje.load(REPO)
    out = consolidated(doc, parse_as_of("1.1.2024"))
    assert out.stage == "kvalt-2022-06-14"
    assert inline_text(out.lead[0].children).endswith(  # type: ignore[union-attr]
        "Päätöksen voimaantulopäivä ei ole tiedossa; voimassaolo on laskettu päätöspäivästä 14.6.2022."
    )
    with pytest.raises(UsageError) as caught:
        consolidated(doc, parse_as_of("13.6.2022"))
    assert str(caught.value) == (
        f"--as-of: 13.6.2022 is before the text was first in force (Kvalt 14.6.2022 §{NBSP}37, its entry into "
        "force is not recorded; decided 14.6.2022); give 14.6.2022 or later"
    )


# --- the history table -------------------------------------------------------------------------------


def test_the_history_table_says_what_the_record_says() -> None:
    doc = someohje.load(REPO)
    [table] = [b for b in guideline(doc).blocks if isinstance(b, Table)]
    assert table.caption == "Asian RauDno-2020-792 käsittelyvaiheet"
    decisions = [inline_text(row[3]) for row in table.rows]
    assert decisions == [
        "Hyväksyi ohjeen ja esitti sen kunnanvaltuustolle hyväksyttäväksi.",
        "Palautti asian uudelleen valmisteluun.",
        "Hyväksyi ohjeen muutamin tarkennuksin ja esitti sen kunnanvaltuustolle hyväksyttäväksi.",
        "Hyväksyi ohjeen neljällä lisäyksellä (merkitty tekstiin).",
    ]


def test_content_error_type_is_raised_for_a_bad_anchor_in_the_library(esimerkkila: Path) -> None:
    meta = esimerkkila / "content/document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("anchor: viiden minuutin", "anchor: ei ole"))
    doc = someohje.load(esimerkkila)
    with pytest.raises(ContentError):
        guideline(doc)
    assert isinstance(guideline(doc, "kvalt-2023-06-12").blocks[0], type(guideline(doc, "kh-2023-05-08").blocks[0]))
    assert not any(isinstance(b, Paragraph) and b.role == "marker" for b in guideline(doc, "kh-2023-05-08").blocks)


# --- a new draft stage for the next meeting -------------------------------------------------------------


def test_a_pending_handling_is_a_draft_stage_that_needs_no_seal(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    finnish_only(esimerkkila)  # a draft amendment of the Finnish text alone
    meta = esimerkkila / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    pending = (
        "  - id: kh-2025-04-07\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    draft = (
        "  - id: luonnos-1\n    decided_by: kh-2025-04-07\n    section: laitteet\n    kind: replace\n"
        "    anchor: kahden minuutin\n    wording: yhden minuutin\n"
    )
    text = text.replace("text_stage:", pending + "text_stage:").replace("distribution:", draft + "distribution:")
    meta.write_text(text, encoding="utf-8")
    assert cli("check", str(esimerkkila), "--no-spell").code == 0
    doc = someohje.load(esimerkkila)
    assert doc.final_handling().id == "kvalt-2024-06-10"  # the default build stays the text in force
    out = guideline(doc, "kh-2025-04-07")
    assert out.draft_mark == "LUONNOS"
    assert out.approval_line == "Luonnos kunnanhallitukselle käsiteltäväksi 7.4.2025"
    assert laitteet(block_texts(split_history(out.blocks)[0]))[0].endswith(
        f"yhden minuutin kuluttua. (Muutettu Kvalt 10.6.2024 §{NBSP}22) (Muutosehdotus Kh 7.4.2025)"
    )
    assert cli("seal", str(esimerkkila), "--meeting", "kh-2025-04-07").code == 2  # nothing decided yet


def test_an_amendment_already_in_the_section_files_is_refused(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    meta = esimerkkila / "content/document.yaml"
    text = meta.read_text(encoding="utf-8").replace(
        "decided_by: kh-2024-05-06\n    section: laitteet\n    kind: replace",
        "decided_by: kh-2023-05-08\n    section: laitteet\n    kind: replace",
    )
    meta.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - id: muutos-1") + 1
    result = cli("check", str(esimerkkila), "--no-spell", cwd=esimerkkila.parent)
    assert (result.code, result.err) == (
        1,
        f"esimerkkila/content/document.yaml:{line}: amendment 'muutos-1' is decided by 'kh-2023-05-08', at or "
        "before text_stage 'kh-2023-05-08': the section files hold that text already\n",
    )
