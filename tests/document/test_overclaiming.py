"""Nothing overclaimed: every output that shows the reconstructed text says
so on its first page; the text in force on a date says what it rests on; the
index says only what is known; metadata dates say what they are and tracked
changes are the producer's; check's word totals say what they count; the
new skeleton's own draft is not called approved."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree

from helpers import REPO, STEM, Result, run_cli, tool

NOTE = "Tekstin alkuperä: ohjeen sanamuoto on laadittu jälkikäteen"
AS_OF = f"{STEM}-ajantasainen-2099-01-01"
MEETING = "kvalt-2022-06-14"
#: every kind of output of the shipped project: its file stem and whether it shows the reconstructed text
KINDS = {
    "guideline": (STEM, True),
    "stage": (f"{STEM}-kh-2022-06-07-s139", True),
    "attachment": (f"{STEM}-kvalt-2022-06-14-s37-liite-1", True),
    "extract": (f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote", False),
    "redline": (f"{STEM}-muutokset-kh-2022-06-07-s139-kvalt-2022-06-14-s37", True),
    "as-of": (AS_OF, True),
}
DCTERMS = "http://purl.org/dc/terms/"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def as_of(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("as-of")
    result = run_cli("build", str(REPO), "--as-of", "1.1.2099", "--out", str(out))
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("package")
    result = run_cli("package", str(REPO), "--meeting", MEETING, "--out", str(out))
    assert result.code == 0, result.err
    return out / MEETING


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def first_page(pdf: Path) -> str:
    out = subprocess.run([tool("pdftotext"), "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True)
    return one_line(out.stdout)


def whole_pdf(pdf: Path) -> str:
    out = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    return one_line(out.stdout)


def docx_start(path: Path, count: int = 8) -> list[str]:
    return [one_line(p.text) for p in docx.Document(str(path)).paragraphs[:count]]


def html_before_body(path: Path) -> str:
    """The web page's text from the title to the first section."""
    page = path.read_text(encoding="utf-8")
    head = page[page.index('<h1 class="title">') : page.index("<h2", page.index('<h1 class="title">'))]
    return one_line(re.sub(r"<[^>]+>", " ", head))


def check_note(folder: Path, stem: str, shown: bool) -> None:
    pdf = folder / f"{stem}.pdf"
    if shown:
        assert NOTE in first_page(pdf), pdf.name
        assert any(t.startswith(NOTE) for t in docx_start(folder / f"{stem}.docx")), stem
        assert NOTE in html_before_body(folder / f"{stem}.html"), stem
    else:
        assert "Tekstin alkuperä" not in whole_pdf(pdf), pdf.name
        assert not any("Tekstin alkuperä" in p.text for p in docx.Document(str(folder / f"{stem}.docx")).paragraphs)
        assert "Tekstin alkuperä" not in (folder / f"{stem}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "as-of"])
def test_every_output_kind_carries_the_note_or_shows_no_reconstructed_text(every_output: Path, kind: str) -> None:
    stem, shown = KINDS[kind]
    check_note(every_output, stem, shown)


def test_the_text_in_force_on_a_date_carries_the_note(as_of: Path) -> None:
    check_note(as_of, AS_OF, True)


def test_the_archival_pdf_carries_the_note(every_output: Path) -> None:
    assert NOTE in first_page(every_output / f"{STEM}-arkisto.pdf")


def test_every_file_of_the_meeting_package_carries_the_note_or_shows_no_reconstructed_text(package: Path) -> None:
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    roles = {entry["file"]: entry["role"] for entry in manifest["files"]}
    stems = {Path(f).stem for f in roles if f.endswith(".pdf")}
    assert len(stems) == 5  # attachment, proposal, extract, decided text, the decision's redline
    for stem in stems:
        check_note(package, stem, roles[f"{stem}.pdf"] != "extract")
    with zipfile.ZipFile(package / f"{MEETING}.zip") as archive:
        redline = next(n for n in archive.namelist() if "-muutokset-" in n and n.endswith(".pdf"))
        assert archive.read(redline) == (package / redline).read_bytes()


def test_as_of_says_what_the_text_rests_on(as_of: Path) -> None:
    text = first_page(as_of / f"{AS_OF}.pdf")
    assert (
        "Ohjeen teksti sellaisena kuin se on voimassa 1.1.2099 lähteissä olevien päätösten mukaan; viimeisin "
        "huomioitu päätös on Kvalt 14.6.2022 § 37. Myöhemmistä päätöksistä, jotka eivät ole lähteissä, ei ole tietoa. "
        "Päätöksen voimaantulopäivä ei ole tiedossa; voimassaolo on laskettu päätöspäivästä 14.6.2022."
    ) in text
    assert "AJANTASAINEN VERSIO" in text  # the mark is a word a search finds, not spaced letters


def test_the_index_says_only_what_is_known(built: Path) -> None:
    data = json.loads((built / "index.json").read_text(encoding="utf-8"))
    guideline = data["documents"][0]
    assert data["schema"] == "someohje/index/3"
    assert (guideline["status"], guideline["status_text"], guideline["in_force"], guideline["text_origin"]) == (
        "approved",
        "Hyväksytty 14.6.2022 · voimaantulopäivä ei tiedossa",
        None,
        "reconstruction",
    )
    assert guideline["provenance"].startswith(NOTE)
    page = one_line(re.sub(r"<[^>]+>", " ", (built / "index.html").read_text(encoding="utf-8")))
    assert "Hyväksytty 14.6.2022 · voimaantulopäivä ei tiedossa" in page and NOTE in page
    assert "Voimassa" not in page


def custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("docProps/custom.xml"))
    return {p.get("name"): p[0].text for p in root}


def test_dates_say_what_they_are(every_output: Path, as_of: Path) -> None:
    for stem, term, name, value in (
        (STEM, "dateAccepted", "Hyväksymispäivä", "2022-06-14"),
        (KINDS["stage"][0], "dateSubmitted", "Ehdotuksen päivämäärä", "2022-06-07"),
    ):
        core = docx.Document(str(every_output / f"{stem}.docx")).core_properties
        assert core.created is None and core.modified is None  # no file dates
        props = custom_properties(every_output / f"{stem}.docx")
        assert props[name] == f"{value}T00:00:00Z"
        with pikepdf.open(every_output / f"{stem}.pdf") as pdf:
            assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
            xmp = pdf.open_metadata()
            assert xmp[f"{{{DCTERMS}}}{term}"] == value
            assert "xmp:CreateDate" not in xmp and "xmp:ModifyDate" not in xmp
        page = (every_output / f"{stem}.html").read_text(encoding="utf-8")
        assert f'<meta name="dcterms.{term}" content="{value}">' in page and "dcterms.created" not in page
    assert custom_properties(every_output / f"{STEM}.docx")["Päätös"] == "Kvalt 14.6.2022 §\u00a037"
    assert custom_properties(as_of / f"{AS_OF}.docx")["Tilannepäivä"] == "2099-01-01T00:00:00Z"
    with pikepdf.open(every_output / f"{STEM}-arkisto.pdf") as pdf:
        assert pdf.open_metadata()[f"{{{DCTERMS}}}dateAccepted"] == "2022-06-14"
        for name in pdf.attachments:
            params = pdf.attachments[name].obj.EF.F.Params
            assert "/CreationDate" not in params and "/ModDate" not in params


def test_tracked_changes_are_the_producers(every_output: Path) -> None:
    stem = KINDS["redline"][0]
    with zipfile.ZipFile(every_output / f"{stem}.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    marks = [*body.iter(f"{W}ins"), *body.iter(f"{W}del")]
    assert marks and {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {
        ("Rautalammin kunta (someohje)", None)
    }
    assert "tuottaja, Rautalammin kunta (someohje), ei toimielin" in first_page(every_output / f"{stem}.pdf")


def test_check_says_what_each_word_total_counts(cli: Callable[..., Result]) -> None:
    out = cli("check", "--no-spell").out
    assert re.search(
        r"^Sections: 9, \d+ words in the approved text as built \(its sections with their source "
        r"references, and the history table\)$",
        out,
        re.M,
    )
    assert re.search(
        r"words by origin: drafted \d+, amendment \d+ \(\d+ in the sections' own text: no source "
        r"references, no history table\)$",
        out,
        re.M,
    )


def test_the_spell_check_total_is_labelled() -> None:
    from someohje.commands.summary import spell_summary
    from someohje.content.spell import SpellReport

    assert spell_summary(SpellReport(True, 12, ())) == (
        "Spell check: 12 words checked with Voikko (the section files and the amendments' wording; numbers, "
        "addresses and the recorded minutes left out), 0 unknown"
    )
    assert spell_summary(SpellReport(True, 1, (), swedish=1)).startswith(
        "Spell check: 1 word checked with Voikko (the section files"
    )
    assert ", 1 word in Swedish passages checked with Hunspell, 0 unknown" in spell_summary(
        SpellReport(True, 1, (), swedish=1)
    )


def test_a_new_municipalitys_draft_is_its_original_text(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "esimerkkila"
    assert cli("new", str(folder), "--organisation", "Esimerkkilän kunta", "--web", "www.esimerkkila.fi").code == 0
    [meta] = folder.glob("content/*/document.yaml")
    text = meta.read_text(encoding="utf-8")
    assert "\ntext_origin: original\n" in text and "approved-original" not in text


def test_the_reconstruction_claims_no_entry_into_force(built: Path) -> None:
    text = whole_pdf(built / f"{STEM}.pdf")
    assert "tulee voimaan" not in text and "Ennen voimaantuloa" not in text
    assert "Ohjeen hyväksyy kunnanvaltuusto kunnanhallituksen esityksestä." in text
