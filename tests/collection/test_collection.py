"""A municipality's collection: many documents, catalogue entries, references, the index."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pikepdf
import pytest

import someohje
from helpers import BOOKKEEPING, FIXTURES, REPO, STEM, Result, run_cli, tool
from someohje.content.project_file import load_collection

NBSP = "\u00a0"
SCHEMA = json.loads((REPO / "schemas/index.schema.json").read_text(encoding="utf-8"))
TIETOTURVA, SAANTO = "esimerkkilan-kunnan-tietoturvaohje", "esimerkkilan-kunnan-hallintosaanto"
SVENSKA = "esimerkkila-kommuns-anvisning-om-informationssakerhet"  #: the guideline's Swedish version


@pytest.fixture
def esimerkkila(tmp_path: Path) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    return root


@pytest.fixture(scope="module")
def collection_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("collection") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    result = run_cli("build", str(root))
    assert result.code == 0, result.err
    return root / "build"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def hrefs(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.hrefs


# --- the model ----------------------------------------------------------------------------------


def test_the_shipped_project_is_a_collection_with_a_catalogue_entry() -> None:
    collection = load_collection(REPO)
    assert collection.ids() == ["sosiaalisen-median-ohje"]
    [entry] = collection.entries
    assert (entry.title, entry.diary_number, entry.decision_line()) == (
        "Viestintäohjelma",
        "RauDno-2019-368",
        f"Kunnanhallitus käsitteli 4.11.2019 §{NBSP}258",
    )
    doc = someohje.load(REPO)
    assert doc.organisation.name == "Rautalammin kunta" and [p.id for p in doc.people] == ["koivula-laukka", "sepponen"]
    assert [ref for ref, _ in doc.related] == ["viestintaohjelma"]


def test_three_documents_of_different_types(esimerkkila: Path) -> None:
    collection = load_collection(esimerkkila)
    assert collection.order == ("tietoturvaohje", "tietoturvaohje.sv-FI", "hallintosaanto", "hankintaohje")
    assert [d.doc_type for d in collection.documents] == ["Ohje", "Anvisning", "Hallintosääntö"]
    assert [e.doc_type for e in collection.entries] == ["Ohje"]
    assert someohje.load(esimerkkila, "hallintosaanto").title == "Esimerkkilän kunnan hallintosääntö"
    # shared facts are the same objects in every document
    a, _, b = collection.documents
    assert a.organisation is b.organisation and a.bodies == b.bodies


def test_a_shared_fact_stated_again_in_a_document_is_an_error(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    meta = esimerkkila / "content/hallintosaanto/document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "organisation:\n  name: Toinen\n  web: x.invalid\n")
    line = len(meta.read_text(encoding="utf-8").splitlines()) - 2
    result = cli("check", str(esimerkkila), "--no-spell", cwd=esimerkkila.parent)
    assert (result.code, result.err) == (
        1,
        f"esimerkkila/content/hallintosaanto/document.yaml:{line}: 'organisation' is stated once for the "
        "collection, in project.yaml\n",
    )


def test_a_link_to_an_unknown_document_names_file_and_line(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    section = esimerkkila / "content/hallintosaanto/saanto/01-viestinta.md"
    section.write_text(section.read_text(encoding="utf-8").replace("doc:hankintaohje", "doc:hankinta"))
    result = cli("build", str(esimerkkila), cwd=esimerkkila.parent)
    assert (result.code, result.err) == (
        1,
        "esimerkkila/content/hallintosaanto/saanto/01-viestinta.md:5: reference to unknown document 'hankinta' "
        "(documents of the collection: hallintosaanto, hankintaohje, tietoturvaohje)\n",
    )
    assert not (esimerkkila / "build").exists()


def test_an_unknown_related_id_names_its_line(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    meta = esimerkkila / "content/document.yaml"
    text = meta.read_text(encoding="utf-8").replace("related: [hallintosaanto]", "related: [hallintosaanto, ohje]")
    meta.write_text(text, encoding="utf-8")
    line = text.splitlines().index("related: [hallintosaanto, ohje]") + 1
    result = cli("check", str(esimerkkila), "--no-spell", cwd=esimerkkila.parent)
    assert result.code == 1
    assert result.err.startswith(f"esimerkkila/content/document.yaml:{line}: reference to unknown document 'ohje'")


def test_document_picks_one_and_an_unknown_id_is_a_usage_error(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    one = cli("build", str(esimerkkila), "--document", "hallintosaanto", "--format", "html")
    assert one.code == 0, one.err
    assert sorted(p.name for p in (esimerkkila / "build").iterdir() if p.name not in BOOKKEEPING) == [f"{SAANTO}.html"]
    for bad, why in (("ohje", "is unknown"), ("hankintaohje", "is a catalogue entry: its text is not in the project")):
        result = cli("build", str(esimerkkila), "--document", bad)
        assert (result.code, result.err) == (
            2,
            f"error: --document: '{bad}' {why}; documents: tietoturvaohje, tietoturvaohje.sv-FI, hallintosaanto\n",
        )


def test_seal_and_check_work_per_document(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    section = esimerkkila / "content/hallintosaanto/saanto/01-viestinta.md"
    section.write_text(section.read_text(encoding="utf-8").replace("päätökset", "kaikki päätökset"))
    check = cli("check", str(esimerkkila), "--no-spell", cwd=esimerkkila.parent)
    assert check.code == 1 and check.err.startswith("esimerkkila/content/hallintosaanto/saanto/01-viestinta.md:7:")
    for meeting in ("kh-2023-05-08", "kvalt-2023-06-12"):
        sealed = cli(
            "seal", str(esimerkkila), "--document", "hallintosaanto", "--meeting", meeting, "--force", "--reason", "t"
        )
        assert sealed.code == 0, sealed.err
    assert cli("check", str(esimerkkila), "--no-spell").code == 0


# --- the built collection -------------------------------------------------------------------------


def test_build_writes_every_document_and_the_index(collection_build: Path) -> None:
    names = sorted(p.name for p in collection_build.iterdir() if p.name not in BOOKKEEPING)
    stems = (SAANTO, TIETOTURVA, SVENSKA)
    expected = [f"{stem}.{ext}" for stem in stems for ext in ("docx", "html", "pdf", "akn.xml")]
    site = ["index.html", "index.json", "pagefind", "saavutettavuusseloste.html"]
    site += ["index.sv.html", "tillganglighetsutlatande.html"]  # the collection is bilingual: its site too
    assert names == sorted([*expected, *site])


def test_index_json_follows_its_schema_and_its_digests_are_the_files(collection_build: Path) -> None:
    data = json.loads((collection_build / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert [(d["id"], d["status"]) for d in data["documents"]] == [
        ("tietoturvaohje", "in-force"),
        ("tietoturvaohje.sv-FI", "in-force"),
        ("hallintosaanto", "in-force"),
        ("hankintaohje", "catalogue"),
    ]
    for doc in data["documents"]:
        for out in doc["outputs"]:
            content = (collection_build / out["file"]).read_bytes()
            assert (out["size"], out["sha256"]) == (len(content), hashlib.sha256(content).hexdigest())
    first = data["documents"][0]
    assert first["decision"]["reference"] == f"Kvalt 12.6.2023 §{NBSP}18"
    assert first["last_change"]["reference"] == f"Kvalt 10.6.2024 §{NBSP}22"
    assert data["documents"][3]["outputs"] == [] and data["documents"][3]["decision"]["kind"] == "approved"


def test_index_html_groups_by_type_and_links_every_output(collection_build: Path) -> None:
    page = (collection_build / "index.html").read_text(encoding="utf-8")
    assert page.index('<h2 id="ryhma-1">Ohje</h2>') < page.index('<h2 id="ryhma-2">Hallintosääntö</h2>')
    links = hrefs(collection_build / "index.html")
    for stem in (TIETOTURVA, SAANTO):
        expected = [f"{stem}.html", f"{stem}.pdf", f"{stem}.docx", f"{stem}.akn.xml"]
        assert [h for h in links if h.startswith(stem)] == expected
    assert all(not h.startswith(("file:", "/")) for h in links)  # works from file:// and any web server
    assert "Luettelotieto (teksti ei ole kokoelmassa)" in page and page.count("<script") == 1  # the search box's


def test_every_document_links_back_and_to_the_others_in_its_own_format(collection_build: Path) -> None:
    html_links = hrefs(collection_build / f"{SAANTO}.html")
    assert {"index.html", f"{TIETOTURVA}.html", "index.html#hankintaohje"} <= set(html_links)
    with zipfile.ZipFile(collection_build / f"{SAANTO}.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert f'Target="{TIETOTURVA}.docx"' in rels and 'Target="index.html#hankintaohje"' in rels
    with pikepdf.open(collection_build / f"{SAANTO}.pdf") as pdf:
        uris = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/URI" in a.A}
    assert uris == {
        f"{TIETOTURVA}.pdf",
        "index.html#hankintaohje",
        "https://www.esimerkkila.invalid",
    }  # no machine paths


def test_the_shipped_build_lists_the_communications_programme(built: Path) -> None:
    data = json.loads((built / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    entry = data["documents"][1]
    assert (entry["id"], entry["status"], entry["decision"]["kind"], entry["decision"]["reference"]) == (
        "viestintaohjelma",
        "catalogue",
        "handled",
        f"Kh 4.11.2019 §{NBSP}258",
    )
    shown = re.sub(r"<[^>]+>", "", (built / "index.html").read_text(encoding="utf-8"))  # the text, without the spans
    assert "Käsitelty: Kunnanhallitus 4.11.2019 §\u00a0258" in shown  # that keep identifiers on one line
    assert "index.html" in hrefs(built / f"{STEM}.html")
    tool("pdftotext")
    text = subprocess.run(["pdftotext", str(built / f"{STEM}.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Kaikki säännöt ja ohjeet" not in text  # the back link is for the web page only
