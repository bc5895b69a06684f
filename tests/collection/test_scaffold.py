"""``new`` and ``new-document``: another municipality in one command."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx

import someohje
from helpers import Result, snapshot
from someohje.content.project_file import load_collection

PLACEHOLDERS = [
    "content/ohje/document.yaml:3: placeholder left to fill in: asiakirjan otsikko",
    "content/ohje/document.yaml:5: placeholder left to fill in: diaarinumero",
    "content/ohje/teksti/01-johdanto.md:1: placeholder left to fill in: luvun otsikko",
    "content/ohje/teksti/01-johdanto.md:3: placeholder left to fill in: luvun teksti",
]


def new(cli: Callable[..., Result], folder: Path, organisation: str = "Esimerkkilän kunta") -> Result:
    return cli("new", str(folder), "--organisation", organisation, "--web", "www.esimerkkila.fi")


def test_new_builds_at_once_into_a_draft(tmp_path: Path, cli: Callable[..., Result]) -> None:
    folder = tmp_path / "uusi"
    assert new(cli, folder).code == 0
    built = cli("build", str(folder), "--format", "html,docx")
    assert built.code == 0, built.err
    page = next((folder / "build").glob("taydenna-*.html")).read_text(encoding="utf-8")
    assert 'class="draft-mark">LUONNOS<' in page and "Luonnos kunnanhallitukselle käsiteltäväksi" in page
    assert "Esimerkkilän kunta" in page and "Rautalam" not in page
    texts = [p.text for p in docx.Document(str(next((folder / "build").glob("*.docx")))).paragraphs]
    assert "TÄYDENNÄ: asiakirjan otsikko" in texts  # every gap is visible in the document too
    theme = (folder / "templates/theme.yaml").read_text(encoding="utf-8")
    assert theme.startswith("# The layout of Esimerkkilän kunta's documents") and "\nlogo:" in theme


def test_check_lists_every_placeholder_by_file_and_line(tmp_path: Path, cli: Callable[..., Result]) -> None:
    folder = tmp_path / "uusi"
    new(cli, folder)
    result = cli("check", str(folder), "--no-spell", cwd=folder)
    assert result.code == 1
    assert result.err.splitlines() == PLACEHOLDERS


def test_a_town_gets_its_own_bodies(tmp_path: Path, cli: Callable[..., Result]) -> None:
    new(cli, tmp_path / "kaupunki", "Esimerkkilän kaupunki")
    doc = someohje.load(tmp_path / "kaupunki")
    assert [(b.name, b.abbreviation) for b in doc.bodies] == [
        ("Kaupunginhallitus", "Khall"),
        ("Kaupunginvaltuusto", "Kval"),
    ]


def test_an_approved_text_with_placeholders_is_refused(tmp_path: Path, cli: Callable[..., Result]) -> None:
    folder = tmp_path / "uusi"
    new(cli, folder)
    meta = folder / "content/ohje/document.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        text.replace("date: unknown", "date: 3.2.2025").replace("outcome: pending", "outcome: approved"),
        encoding="utf-8",
    )
    assert cli("seal", str(folder), "--meeting", "luonnos").code == 0
    result = cli("build", str(folder), cwd=folder)
    assert (result.code, result.err.splitlines()) == (1, PLACEHOLDERS)
    assert not (folder / "build").exists()


def test_new_refuses_a_folder_in_use_and_bad_values(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "vanha").mkdir()
    (tmp_path / "vanha/x.txt").write_text("x")
    before = snapshot(tmp_path)
    result = cli("new", str(tmp_path / "vanha"), "--organisation", " ", "--web", "esimerkkila")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: --organisation: give the organisation's name, e.g. 'Esimerkkilän kunta'",
        "error: --web: 'esimerkkila' is not a web address such as www.esimerkkila.fi",
        f"error: {tmp_path / 'vanha'}: exists and is not empty: give a new folder for the project",
    ]
    assert snapshot(tmp_path) == before


def test_new_document_adds_to_the_collection(tmp_path: Path, cli: Callable[..., Result]) -> None:
    folder = tmp_path / "uusi"
    new(cli, folder)
    project_yaml = (folder / "content/project.yaml").read_text(encoding="utf-8")
    added = cli(
        "new-document", str(folder), "--id", "hankintaohje", "--title", "Esimerkkilän hankintaohje", "--type", "Ohje"
    )
    assert added.code == 0, added.err
    after = (folder / "content/project.yaml").read_text(encoding="utf-8")
    assert after == project_yaml + "  - id: hankintaohje\n    folder: hankintaohje\n"  # nothing else touched
    collection = load_collection(folder)
    assert collection.ids() == ["ohje", "hankintaohje"]
    assert collection.pick("hankintaohje").title == "Esimerkkilän hankintaohje"
    again = cli("new-document", str(folder), "--id", "hankintaohje", "--title", "X", "--type", "Ohje")
    assert (again.code, again.err) == (
        2,
        "error: --id: 'hankintaohje' is in use already (documents: ohje, hankintaohje)\n",
    )
    built = cli("build", str(folder), "--format", "html")
    assert built.code == 0, built.err
    assert re.search(r"esimerkkilan-hankintaohje\.html", (folder / "build/index.html").read_text(encoding="utf-8"))


def test_new_document_in_a_one_document_project_says_how_to_make_a_collection(
    project: Path, cli: Callable[..., Result]
) -> None:
    (project / "content/project.yaml").unlink()  # the shipped project, as a one-document project
    result = cli("new-document", str(project), "--id", "toinen", "--title", "Toinen", "--type", "Ohje", cwd=project)
    assert result.code == 2
    assert result.err.startswith(
        "error: content/document.yaml: this project holds one document; make it a collection first"
    )
