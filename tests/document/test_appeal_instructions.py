"""Appeal instructions a lawyer can sign: the appeal authority named from the
project's data, the rules of notification, what an appeal must contain and
have attached, where and by when it is delivered, the court fee law; each
kind in its own text; the extract itself an extract (no table of contents,
its own metadata)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pytest

from helpers import REPO, STEM, Result, snapshot, tool
from someohje.document.appeal import BLANK

EXTRACT = f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote"
AUTHORITY = "Itä-Suomen hallinto-oikeus"


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, as one line (hyphenated words rejoined)."""
    text = subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def docx_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.text for p in docx.Document(str(path)).paragraphs).replace("\u00a0", " "))


def html_text(path: Path) -> str:
    text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", text.replace("&nbsp;", " ").replace("\u00a0", " "))


def test_the_council_decision_names_its_appeal_authority_in_every_format(every_output: Path) -> None:
    for text in (
        pdf_text(every_output / f"{EXTRACT}.pdf"),
        docx_text(every_output / f"{EXTRACT}.docx"),
        html_text(every_output / f"{EXTRACT}.html"),
    ):
        assert f"Valitusviranomainen: {AUTHORITY}" in text
        # the court's contact details are not in the sources: visible blanks
        for label in ("Postiosoite", "Sähköposti", "Puhelin", "Aukioloaika"):
            assert f"{label}: {BLANK}" in text
        assert f"Pöytäkirja asetettu nähtäväksi yleiseen tietoverkkoon: {BLANK}" in text


def test_the_authority_is_stated_once_in_the_data_with_its_basis() -> None:
    yaml = (REPO / "content/document.yaml").read_text(encoding="utf-8")
    assert yaml.count(AUTHORITY) == 2  # the value and its comment
    assert f"  appeal_authority: {AUTHORITY}\n" in yaml
    comment = yaml[: yaml.index(f"  appeal_authority: {AUTHORITY}")].rsplit("extract:", 1)[1]
    assert "134 §" in comment and "47 §" in comment and "Pohjois-Savo" in comment
    for kind in ("kunnallisvalitus", "oikaisuvaatimus", "ei-muutoksenhakua"):
        assert AUTHORITY not in (REPO / f"content/muutoksenhaku/{kind}.md").read_text(encoding="utf-8")


def test_the_appeal_instructions_state_the_rules(every_output: Path) -> None:
    text = pdf_text(every_output / f"{EXTRACT}.pdf")
    appeal = text[text.index("Valitusosoitus") : text.index("Pöytäkirjanotteen oikeaksi todistaa")]
    for rule in (
        "30 päivän kuluessa päätöksen tiedoksisaannista",
        "Tiedoksisaantipäivää ei lueta valitusaikaan",
        "seitsemäntenä päivänä siitä, kun päätös lähetettiin hänelle kirjeellä",
        "kolmantena päivänä siitä, kun se lähetettiin hänelle sähköisenä viestinä",
        "Kunnan jäsenen katsotaan saaneen päätöksestä tiedon seitsemäntenä päivänä siitä, kun pöytäkirja on "
        "asetettu nähtäväksi yleiseen tietoverkkoon",
        # what an appeal contains and has attached
        "päätös, johon haetaan muutosta",
        "vaatimusten perustelut",
        "valittajan nimi ja yhteystiedot",
        "Valitukseen on liitettävä päätös, johon haetaan muutosta, ja selvitys siitä, minä päivänä päätös on "
        "saatu tiedoksi",
        # where and by when
        "Valitus toimitetaan valitusviranomaiselle",
        "viimeistään valitusajan viimeisenä päivänä ennen valitusviranomaisen aukioloajan päättymistä",
        "ensimmäisenä arkipäivänä sen jälkeen",
        "laissa tuomioistuinmaksuista (1455/2015)",
    ):
        assert rule in appeal, rule
    assert not re.search(r"\d+\s*(€|euro)", appeal)  # the fee's amount changes: never stated


def test_a_rectification_request_has_its_own_text(cli: Callable[..., Result], project: Path) -> None:
    meta = project / "content/document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("kvalt: kunnallisvalitus", "kvalt: oikaisuvaatimus"))
    out = project / "build"
    result = cli("extract", str(project), "--meeting", "kvalt-2022-06-14", "--format", "pdf", "--out", str(out))
    assert result.code == 0, result.err
    text = pdf_text(out / f"{EXTRACT}.pdf")
    assert "Oikaisuvaatimusohje" in text and "Valitusosoitus" not in text and AUTHORITY not in text
    request = text[text.index("Oikaisuvaatimusohje") : text.index("Pöytäkirjanotteen oikeaksi todistaa")]
    for rule in (
        "Oikaisuvaatimus tehdään toimielimelle, joka päätöksen teki: Kunnanvaltuusto",
        f"Postiosoite (kunnan kirjaamo): {BLANK}",
        "14 päivän kuluessa päätöksen tiedoksisaannista",
        "Tiedoksisaantipäivää ei lueta oikaisuvaatimusaikaan",
        "kolmantena päivänä",
        "päätös, johon oikaisua vaaditaan",
        "ennen kirjaamon aukioloajan päättymistä",
    ):
        assert rule in request, rule


def test_each_kind_keeps_its_own_text() -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (REPO / "content/muutoksenhaku").glob("*.md")}
    assert set(texts) == {"kunnallisvalitus", "oikaisuvaatimus", "ei-muutoksenhakua"}
    assert texts["kunnallisvalitus"].startswith("# Valitusosoitus\n")
    assert texts["oikaisuvaatimus"].startswith("# Oikaisuvaatimusohje\n")
    assert texts["ei-muutoksenhakua"].startswith("# Muutoksenhakukielto\n")
    assert "{appeal_authority}" in texts["kunnallisvalitus"] and "{body}" in texts["oikaisuvaatimus"]


def test_the_readme_lists_the_texts_a_lawyer_must_approve() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("**The municipality's lawyer must approve**") :].split("\n\n", 1)[0]
    for kind in ("kunnallisvalitus", "oikaisuvaatimus", "ei-muutoksenhakua"):
        assert f"`content/muutoksenhaku/{kind}.md`" in part
    assert "`extract: appeals:`" in part and "`appeal_authority`" in part


def test_an_appeal_text_that_names_no_authority_is_refused(cli: Callable[..., Result], project: Path) -> None:
    path = project / "content/muutoksenhaku/kunnallisvalitus.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{appeal_authority}", "hallinto-oikeus"))
    before = snapshot(project / "build")
    result = cli("build", str(project), cwd=project.parent)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        "project/content/muutoksenhaku/kunnallisvalitus.md:1: the instructions must name the appeal authority: "
        "add {appeal_authority} (Hallintolaki 434/2003 47 §)"
    ]
    assert snapshot(project / "build") == before


def test_the_extract_has_no_table_of_contents(every_output: Path) -> None:
    assert "Sisällys" not in pdf_text(every_output / f"{EXTRACT}.pdf")
    assert 'class="contents"' not in (every_output / f"{EXTRACT}.html").read_text(encoding="utf-8")
    xml = docx.Document(str(every_output / f"{EXTRACT}.docx")).element.xml
    assert "TOC \\" not in xml and "Sisällys" not in xml


def test_the_extract_metadata_describes_the_extract(every_output: Path) -> None:
    subject = f"Ote kunnanvaltuuston pöytäkirjasta 14.6.2022 § 37: {'Rautalammin kunnan sosiaalisen median ohje'}"
    with pikepdf.open(every_output / f"{EXTRACT}.pdf") as pdf:
        info = {k: str(v).replace("\u00a0", " ") for k, v in pdf.docinfo.items()}
    assert info["/Subject"].startswith(subject)
    assert "Tekstin alkuperä" not in info["/Subject"] and "toimintaperiaatteet" not in info["/Subject"]
    assert "pöytäkirjanote" in info["/Keywords"]
    props = docx.Document(str(every_output / f"{EXTRACT}.docx")).core_properties
    assert props.subject.replace("\u00a0", " ") == subject
    assert "Tekstin alkuperä" not in (props.comments or "")


@pytest.mark.parametrize("field", ["minutes_published"])
def test_a_publication_date_is_a_date(cli: Callable[..., Result], project: Path, field: str) -> None:
    meta = project / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    line = text[: text.index(f"  {field}: ~")].count("\n") + 1
    meta.write_text(text.replace(f"  {field}: ~", f"  {field}: kesäkuussa"))
    result = cli("check", str(project), "--no-spell", cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (
        1,
        [f"project/content/document.yaml:{line}: date 'kesäkuussa' is not of the form d.m.yyyy (e.g. 14.6.2022)"],
    )
