"""A minutes extract that can be certified: appeal instructions by the kind of
decision, the certification, and a visible blank wherever the sources are
silent (never an invented name or date)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pytest

from helpers import REPO, STEM, Result, snapshot, tool
from someohje.content.project_file import load
from someohje.document.appeal import BLANK, CERTIFY_LABEL, appeal_kind
from someohje.document.meeting import extract
from someohje.model import Document
from someohje.textual import block_texts

EXTRACT = f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote"
META = "project/content/document.yaml"


@pytest.fixture(scope="module")
def document() -> Document:
    return load(REPO)


def after(texts: list[str], label: str) -> list[str]:
    return texts[texts.index(label) + 1 :]


def test_the_council_decision_gets_a_municipal_appeal_with_blanks(document: Document) -> None:
    assert appeal_kind(document, document.handling("kvalt-2022-06-14")) == "kunnallisvalitus"
    texts = block_texts(extract(document, "kvalt-2022-06-14").blocks)
    appeal = after(texts, "Valitusosoitus")
    assert "Tähän päätökseen haetaan muutosta kunnallisvalituksella (kuntalaki 410/2015, 134\u00a0§)." in appeal
    # the record names no address of the court and no day of publication: blanks, not guesses
    for label in (
        "Postiosoite",
        "Sähköposti",
        "Puhelin",
        "Aukioloaika",
        "Pöytäkirja asetettu nähtäväksi yleiseen tietoverkkoon",
    ):
        assert f"{label}: {BLANK}" in appeal
    assert not any("{" in t for t in appeal)


def test_a_preparatory_decision_gets_no_appeal(document: Document) -> None:
    board = document.handling("kh-2022-06-07")  # proposed onwards to the council
    assert appeal_kind(document, board) == "ei-muutoksenhakua"
    texts = block_texts(extract(document, "kh-2022-06-07").blocks)
    assert texts[texts.index("Muutoksenhakukielto") + 1].startswith("Tähän päätökseen ei saa hakea muutosta")
    assert "Valitusosoitus" not in texts and "Oikaisuvaatimusohje" not in texts


def test_the_certification_is_blank_where_the_sources_name_no_one(document: Document) -> None:
    texts = block_texts(extract(document, "kvalt-2022-06-14").blocks)
    assert texts[-4:] == [
        CERTIFY_LABEL,
        f"Paikka ja päivämäärä: {BLANK}",
        f"Allekirjoitus: {BLANK}",
        f"Nimenselvennys ja virka-asema: {BLANK}",
    ]


def test_certification_facts_from_content_are_printed(project: Path) -> None:
    path = project / "content" / "document.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  certifier: ~", "  certifier: Testi Henkilö").replace(
        "certifier_title: ~", "certifier_title: x"
    )
    text = text.replace("  place: ~", "  place: Paikka").replace("  date: ~", "  date: 20.6.2022")
    path.write_text(
        text.replace("appeal_authority: Itä-Suomen hallinto-oikeus", "appeal_authority: Tuomioistuin"), encoding="utf-8"
    )
    doc = load(project)
    texts = block_texts(extract(doc, "kvalt-2022-06-14").blocks)
    assert texts[-3:] == [
        "Paikka ja päivämäärä: Paikka 20.6.2022",
        f"Allekirjoitus: {BLANK}",  # signed by hand, always
        "Nimenselvennys ja virka-asema: Testi Henkilö, x",
    ]
    assert "Valitusviranomainen: Tuomioistuin" in texts


def test_the_pdf_and_docx_show_the_blanks_and_link_the_e_mail_addresses(every_output: Path) -> None:
    pdf = every_output / f"{EXTRACT}.pdf"
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count(BLANK) == 7 and CERTIFY_LABEL in text  # the signature line is a signature field in the PDF
    with pikepdf.open(pdf) as f:
        uris = {str(a.A.URI) for page in f.pages for a in page.get("/Annots", []) if "/A" in a}
    assert {"mailto:merja.koivula-laukka@rautalampi.fi", "mailto:anu.sepponen@rautalampi.fi"} <= uris
    document = docx.Document(str(every_output / f"{EXTRACT}.docx"))
    assert sum(p.text.count(BLANK) for p in document.paragraphs) == 8
    targets = {r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")}
    assert "mailto:anu.sepponen@rautalampi.fi" in targets
    html = (every_output / f"{EXTRACT}.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="mailto:anu\.sepponen@rautalampi\.fi">anu\.sepponen@rautalampi\.fi</a>', html)


def fails_with(cli: Callable[..., Result], project: Path, expected: str) -> None:
    before = snapshot(project / "build")
    result = cli("check", str(project), "--no-spell", cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (1, [expected])
    assert snapshot(project / "build") == before


def edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_bad_certification_date_names_its_line(cli: Callable[..., Result], project: Path) -> None:
    line = edit(project / "content/document.yaml", "  date: ~", "  date: 2022-06-20")
    fails_with(cli, project, f"{META}:{line}: date '2022-06-20' is not of the form d.m.yyyy (e.g. 14.6.2022)")


def test_an_unknown_kind_of_appeal_names_its_line(cli: Callable[..., Result], project: Path) -> None:
    line = edit(project / "content/document.yaml", "kvalt: kunnallisvalitus", "kvalt: valitus")
    fails_with(cli, project, f"{META}:{line}: the appeal of 'kvalt' must be kunnallisvalitus or oikaisuvaatimus")


def test_an_unknown_field_in_an_appeal_text_names_file_and_line(cli: Callable[..., Result], project: Path) -> None:
    path = project / "content/muutoksenhaku/kunnallisvalitus.md"
    line = edit(path, "{appeal_address}", "{osoite}")
    allowed = (
        "appeal_authority, appeal_address, appeal_email, appeal_phone, appeal_hours, "
        "registry_address, registry_email, registry_hours, minutes_published, body"
    )
    fails_with(
        cli,
        project,
        f"project/content/muutoksenhaku/kunnallisvalitus.md:{line}: unknown field '{{osoite}}' (allowed: {allowed})",
    )


def test_a_missing_appeal_text_is_named(cli: Callable[..., Result], project: Path) -> None:
    (project / "content/muutoksenhaku/oikaisuvaatimus.md").unlink()
    where = "project/content/muutoksenhaku/oikaisuvaatimus.md"
    fails_with(cli, project, f"{where}: missing: the appeal instructions 'oikaisuvaatimus' (a Markdown file)")
