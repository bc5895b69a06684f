"""Decided wording is the decided wording: the council's additions read as the
minutes record them, typing errors alone corrected and listed, and the
source reference says so; a wording that says more is refused; the
provenance note says exactly what is marked."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf

from helpers import REPO, STEM, Result, snapshot, tool
from someohje.content.project_file import load

REF = "Kvalt 14.6.2022 § 37"
#: the four additions as the guideline must state them, with their source references
ADDITIONS = (
    "Luottamushenkilöitä ei ole velvoitettu rakentamaan positiivista kuntakuvaa, mutta toivotaan, että he sen "
    f"mieluusti tekevät. ({REF}, lisäys 1; kirjoitusasu korjattu)",
    f"Mahdolliset virheet somessa oikaistaan välittömästi. ({REF}, lisäys 2; kirjoitusasu korjattu)",
    "Ryhmien puheenjohtajien tulee tarvittaessa käydä asia henkilön kanssa lävitse ja velvoittaa häntä oikaisemaan "
    f"virheellinen tieto ja tarvittaessa esittämään anteeksipyyntö asianosaisille. ({REF}, lisäys 3)",
    f"Tarvittaessa, vakavassa tapauksessa, asia tuodaan valtuustoon. ({REF}, lisäys 4)",
)
REWORDINGS = (
    "Valtuustoryhmien",
    "valtuuston käsiteltäväksi",
    "tekevät sitä mielellään",
    "sosiaalisessa mediassa oikaistaan",
)
META = "project/content/document.yaml"


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2011", "-"))


def pdf_text(path: Path, *pages: str) -> str:
    out = subprocess.run([tool("pdftotext"), *pages, str(path), "-"], capture_output=True, text=True, check=True)
    return one_line(out.stdout)


def test_the_additions_read_as_recorded_in_every_format(built: Path) -> None:
    texts = {
        "pdf": pdf_text(built / f"{STEM}.pdf"),
        "docx": one_line(" ".join(p.text for p in docx.Document(str(built / f"{STEM}.docx")).paragraphs)),
        "html": one_line(re.sub(r"<[^>]+>", "", (built / f"{STEM}.html").read_text(encoding="utf-8"))),
    }
    for fmt, text in texts.items():
        for addition in ADDITIONS:
            assert addition in text, (fmt, addition)
        for reworded in REWORDINGS:
            assert reworded not in text, (fmt, reworded)


def test_each_correction_is_in_the_model() -> None:
    doc = load(REPO)
    assert {a.id: a.corrections for a in doc.amendments} == {
        "lisays-1": (("velvoiteta", "velvoitettu"), ("poisiivista", "positiivista")),
        "lisays-2": (("oikaistaa", "oikaistaan"),),
        "lisays-3": (),
        "lisays-4": (),
    }
    for a in doc.amendments:  # the record itself stays verbatim
        fixed = a.decided_text
        for recorded, corrected in a.corrections:
            assert recorded in a.decided_text
            fixed = fixed.replace(recorded, corrected)
        assert a.wording == fixed


def test_the_archival_metadata_lists_the_corrections(every_output: Path) -> None:
    with pikepdf.open(every_output / f"{STEM}-arkisto.pdf") as pdf:
        data = json.loads(pdf.attachments["metadata.json"].get_file().read_bytes())
    first = data["amendments"][0]
    assert first["corrections"] == [
        {"recorded": "velvoiteta", "corrected": "velvoitettu"},
        {"recorded": "poisiivista", "corrected": "positiivista"},
    ]
    assert "poisiivista" in first["decided_text"]


def test_the_provenance_note_says_exactly_what_is_marked(built: Path) -> None:
    first = pdf_text(built / f"{STEM}.pdf", "-f", "1", "-l", "1")
    for said in (
        "Kunnanvaltuuston 14.6.2022 § 37 päättämät neljä lisäystä on merkitty tekstiin lähteineen pöytäkirjan "
        "sanamuodossa, kirjoitusvirheet korjattuina (velvoiteta → velvoitettu, poisiivista → positiivista, "
        "oikaistaa → oikaistaan).",
        f"Pöytäkirjaan kirjattu sanamuoto on pöytäkirjanotteessa ({REF}).",
        "Kunnanhallituksen 7.6.2022 § 139 päätöksessä ohje hyväksyttiin ”muutamin tarkennuksin”; mitä ne olivat, ei "
        "käy ilmi lähteistä, eikä niitä ole merkitty tekstiin.",
    ):
        assert said in first, said


def test_the_extract_keeps_the_typing_errors(every_output: Path) -> None:
    text = pdf_text(every_output / f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote.pdf")
    for recorded in ("ole velvoiteta", "poisiivista", "somessa oikaistaa välittömästi"):
        assert recorded in text


def refused(cli: Callable[..., Result], project: Path, expected: str) -> None:
    before = snapshot(project / "build")
    result = cli("check", str(project), "--no-spell", cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (1, [expected])
    assert snapshot(project / "build") == before


def edit(project: Path, old: str, new: str) -> int:
    path = project / "content/document.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1  # the line ``old`` starts on


def test_a_reworded_addition_is_refused(cli: Callable[..., Result], project: Path) -> None:
    old = "    decided_text: Tarvittaessa, vakavassa tapauksessa, asia tuodaan valtuustoon.\n"
    line = edit(
        project,
        old,
        old + "    wording: Tarvittaessa, vakavassa tapauksessa, asia tuodaan valtuuston käsiteltäväksi.\n",
    )
    refused(
        cli,
        project,
        f"{META}:{line + 1}: amendment 'lisays-4': its wording differs from the decided_text by more than the "
        "recorded corrections ('valtuuston' where the record has 'valtuustoon.'); leave 'wording' out to use the "
        "decided text, and list each typing error under 'corrections'",
    )


def test_a_rewording_is_not_a_typing_error(cli: Callable[..., Result], project: Path) -> None:
    old = "tarvittaessa esittämään anteeksipyyntö asianosaisille.\n"
    line = edit(project, old, old + "    corrections:\n      Ryhmien: Valtuustoryhmien\n")
    refused(
        cli,
        project,
        f"{META}:{line + 2}: amendment 'lisays-3': 'Ryhmien' → 'Valtuustoryhmien' changes more than 3 letters: "
        "that is rewording, not a typing error",
    )


def test_a_correction_names_a_word_of_the_record(cli: Callable[..., Result], project: Path) -> None:
    line = edit(project, "      oikaistaa: oikaistaan\n", "      oikastaa: oikaistaan\n")
    refused(cli, project, f"{META}:{line}: amendment 'lisays-2': 'oikastaa' is not a word of its decided_text")


def test_unrecorded_changes_are_quoted_from_the_decision(cli: Callable[..., Result], project: Path) -> None:
    line = edit(project, "unrecorded_changes: muutamin tarkennuksin", "unrecorded_changes: monin muutoksin")
    refused(
        cli,
        project,
        f"{META}:{line}: unrecorded_changes of 'kh-2022-06-07' must be quoted from its decision: "
        "'monin muutoksin' is not in it",
    )
