"""Language versions: one decision history, a text per language (esimerkkilä's
guideline in Finnish and Swedish). Loading, the problems a version's files
can have, its own seals, its outputs and links, and what a change rebuilds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from helpers import FIXTURES, REPO, Result, edit, snapshot
from someohje.content.checkers import checker
from someohje.content.project_file import load_collection

FI, SV = "esimerkkilan-kunnan-tietoturvaohje", "esimerkkila-kommuns-anvisning-om-informationssakerhet"
VERSION = "content/svenska/version.yaml"
META = "content/document.yaml"


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    return root


def test_a_version_shares_the_decision_history_and_has_its_own_text_and_seals() -> None:
    collection = load_collection(FIXTURES / "esimerkkila")
    fi, sv = collection.pick("tietoturvaohje"), collection.pick("tietoturvaohje.sv-FI")
    assert collection.order[:2] == ("tietoturvaohje", "tietoturvaohje.sv-FI")
    assert (fi.language, sv.language) == ("fi-FI", "sv-FI")
    assert (fi.versions, sv.versions, sv.version_of) == (
        ("tietoturvaohje.sv-FI",),
        ("tietoturvaohje",),
        "tietoturvaohje",
    )
    history = [(h.id, h.date, h.paragraph, h.outcome, h.body.id) for h in fi.handlings]
    assert [(h.id, h.date, h.paragraph, h.outcome, h.body.id) for h in sv.handlings] == history
    assert {h.body.name for h in sv.handlings} == {"Kommunstyrelsen", "Kommunfullmäktige"}  # in its language
    assert sv.diary_number == fi.diary_number and sv.organisation.name == "Esimerkkilä kommun"
    assert sv.title == "Esimerkkilä kommuns anvisning om informationssäkerhet" and sv.stem == SV
    assert [s.id for s in sv.sections] == [s.id for s in fi.sections]
    assert [(a.id, a.kind, a.handling.id) for a in sv.amendments] == [
        (a.id, a.kind, a.handling.id) for a in fi.amendments
    ]
    assert sv.amendments[0].wording == "två minuter" and fi.amendments[0].wording == "kahden minuutin"
    assert {s.handling_id for s in sv.seals} == {s.handling_id for s in fi.seals}
    assert {s.digest for s in sv.seals}.isdisjoint({s.digest for s in fi.seals})  # each language's text is sealed
    assert sv.decisions_path == fi.metadata_path and sv.metadata_path.name == "version.yaml"


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (META, "sv-FI: svenska", "sv-FI: ruotsi", [f"{META}:16: the version's folder 'ruotsi' is not a folder below"]),
        (META, "sv-FI: svenska", "sv_FI: svenska", [f"{META}:16: version 'sv_FI' is not a language tag such as sv-FI"]),
        (META, "sv-FI: svenska", "sv-fi: svenska", [f"{META}:16: version 'sv-fi' is written sv-FI"]),
        (META, "sv-FI: svenska", "fi: svenska", [f"{META}:16: version 'fi' is in the document's own language"]),
        (VERSION, "language: sv-FI", "language: sv-SE", [f"{VERSION}:5: language 'sv-SE' is not the version's"]),
        (VERSION, "  - id: yleista\n    file: allmant.md\n", "", [f"{VERSION}:10: the sections are laitteet; a"]),
        (
            VERSION,
            "  - id: muutos-2\n",
            "  - id: muutos-9\n",
            [f"{VERSION}:15: amendment 'muutos-2' (Kst 6.5.2024", f"{VERSION}:20: amendment 'muutos-9' is not an"],
        ),
        (
            VERSION,
            "    decided_text: Meningen om USB-minnen stryks.\n",
            "",
            [f"{VERSION}:20: amendment 'muutos-2' has no"],
        ),
        (VERSION, "wording: två minuter", "wording: tre minuter", [f"{VERSION}:18: amendment 'muutos-1'"]),
        (VERSION, "    anchor: fem minuter\n", "", [f"{VERSION}:16: amendment 'muutos-1' (replace) needs 'anchor'"]),
        (
            VERSION,
            "title: Esimerkkilä",
            "titel: Esimerkkilä",
            [f"{VERSION}:5: missing required field 'title'", f"{VERSION}:6: unknown field 'titel'"],
        ),
    ],
)
def test_each_problem_of_a_version_is_one_line_at_its_place(
    bilingual: Path, cli: Callable[..., Result], path: str, old: str, new: str, expected: list[str]
) -> None:
    edit(bilingual / path, old, new)
    for verb in ("check", "build"):
        result = cli(verb, str(bilingual), cwd=bilingual)
        lines = result.err.splitlines()
        assert result.code == 1 and len(lines) == len(expected), result
        assert all(line.startswith(start) for line, start in zip(lines, expected, strict=True)), lines
    assert not (bilingual / "build").exists()


def test_an_edit_to_a_sealed_swedish_text_is_refused_there_and_the_finnish_stays_good(
    bilingual: Path, cli: Callable[..., Result]
) -> None:
    edit(bilingual / "content/svenska/utrustning.md", "nätverksenhet", "molntjänst")
    result = cli("check", str(bilingual), "--no-spell", cwd=bilingual)
    assert result.code == 1 and result.err.startswith("content/svenska/utrustning.md:6: the text decided at"), result
    assert "teksti/" not in result.err  # the Finnish text is untouched and its seals hold
    assert "or reseal: python -m someohje seal --document tietoturvaohje.sv-FI --meeting kh-2023-05-08" in result.err


def test_an_unsealed_version_names_its_language_and_the_command_that_seals_it(
    bilingual: Path, cli: Callable[..., Result]
) -> None:
    (bilingual / "content/svenska/seals.yaml").unlink()
    result = cli("check", str(bilingual), "--no-spell", cwd=bilingual)
    assert result.code == 1 and result.err.startswith("content/document.yaml:"), result
    assert "its sv-FI text is not sealed; run: python -m someohje seal --document tietoturvaohje.sv-FI" in result.err
    sealed = cli("seal", str(bilingual), "--document", "tietoturvaohje.sv-FI", "--meeting", "kh-2023-05-08")
    assert sealed.code == 0, sealed.err
    assert (bilingual / "content/svenska/seals.yaml").is_file()
    assert (bilingual / "content/seals.yaml").read_bytes() == (FIXTURES / "esimerkkila/content/seals.yaml").read_bytes()


def _pdf_text(path: Path) -> str:
    return " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )


def _frbr(path: Path) -> tuple[str, str, str]:
    """The Akoma Ntoso file's work URI, expression language and expression URI."""
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    ident = ET.parse(path).getroot().find(".//a:identification", ns)
    assert ident is not None
    work = ident.find("a:FRBRWork/a:FRBRuri", ns)
    language = ident.find("a:FRBRExpression/a:FRBRlanguage", ns)
    expression = ident.find("a:FRBRExpression/a:FRBRuri", ns)
    assert work is not None and language is not None and expression is not None
    return work.get("value", ""), language.get("language", ""), expression.get("value", "")


def test_both_versions_build_with_each_amendment_in_its_language_and_link_each_other(
    bilingual: Path, cli: Callable[..., Result]
) -> None:
    result = cli("build", str(bilingual))
    assert result.code == 0, result.err
    out = bilingual / "build"
    sv_text, fi_text = _pdf_text(out / f"{SV}.pdf"), _pdf_text(out / f"{FI}.pdf")
    assert "efter två minuter" in sv_text and "fem minuter" not in sv_text
    assert "de apparater som kommunen tillhandahåller" in sv_text and "USB-minnen" not in sv_text
    assert "kahden minuutin" in fi_text and "två minuter" not in fi_text
    sv_page, fi_page = (out / f"{SV}.html").read_text("utf-8"), (out / f"{FI}.html").read_text("utf-8")
    assert '<html lang="sv-FI">' in sv_page
    for page in (sv_page, fi_page):  # each names both, itself too (hreflang)
        assert f'<link rel="alternate" hreflang="sv-FI" href="{SV}.html">' in page
        assert f'<link rel="alternate" hreflang="fi-FI" href="{FI}.html">' in page
    assert f'<a href="{FI}.html" hreflang="fi-FI" lang="fi-FI">Suomeksi</a>' in sv_page
    assert f'<a href="{SV}.html" hreflang="sv-FI" lang="sv-FI">På svenska</a>' in fi_page
    works = [_frbr(out / f"{stem}.akn.xml") for stem in (FI, SV)]
    assert works[0][0] == works[1][0]  # one work (its type the document's), two expressions
    assert (works[0][1], works[1][1]) == ("fin", "swe") and works[0][2] != works[1][2]
    index = json.loads((out / "index.json").read_text("utf-8"))
    jsonschema.validate(index, json.loads((REPO / "schemas/index.schema.json").read_text("utf-8")))
    rows = {d["id"]: d for d in index["documents"]}
    assert rows["tietoturvaohje"]["versions"] == [{"id": "tietoturvaohje.sv-FI", "language": "sv-FI"}]
    assert rows["tietoturvaohje.sv-FI"]["versions"] == [{"id": "tietoturvaohje", "language": "fi-FI"}]
    assert rows["tietoturvaohje.sv-FI"]["language"] == "sv-FI"
    assert [o["file"] for o in rows["tietoturvaohje.sv-FI"]["outputs"]][:2] == [f"{SV}.html", f"{SV}.pdf"]
    html = (out / "index.html").read_text("utf-8")
    assert '<a href="#tietoturvaohje.sv-FI" hreflang="sv-FI" lang="sv-FI">På svenska</a>' in html
    assert '<a href="#tietoturvaohje" hreflang="fi-FI" lang="fi-FI">Suomeksi</a>' in html
    assert '<tr id="tietoturvaohje.sv-FI" lang="sv-FI">' in html  # its title is Swedish in the Finnish index


def _written(result: Result) -> set[str]:
    return {Path(line.split()[1]).name for line in result.out.splitlines() if line.startswith("wrote ")}


def test_a_change_to_the_version_rebuilds_it_alone_and_one_to_the_history_rebuilds_both(
    bilingual: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert cli("build", str(bilingual), "--format", "html").code == 0
    out = bilingual / "build"
    edit(bilingual / VERSION, "keywords: [informationssäkerhet]", "keywords: [informationssäkerhet, distansarbete]")
    result = cli("build", str(bilingual), "--format", "html")
    assert result.code == 0, result.err
    assert "up to date, not rebuilt: hallintosaanto, tietoturvaohje\n" in result.out
    assert f"{SV}.html" in _written(result) and f"{FI}.html" not in _written(result)
    edit(bilingual / META, "distribution: [hallinto]", "distribution: [hallinto, tietohallinto]")
    result = cli("build", str(bilingual), "--format", "html")
    assert result.code == 0, result.err
    assert {f"{SV}.html", f"{FI}.html"} <= _written(result)
    forced = cli("build", str(bilingual), "--format", "html", "--force", "--out", str(tmp_path / "kaikki"))
    assert forced.code == 0, forced.err
    assert snapshot(out) == snapshot(tmp_path / "kaikki")


PROPOSAL = (
    "  - id: kh-2025-04-07\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
    "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
)
FINNISH_ONLY = (
    "  - id: ehdotus-1\n    decided_by: kh-2025-04-07\n    section: laitteet\n    kind: replace\n"
    "    anchor: kunnan verkkolevylle\n    wording: kunnan pilvipalveluun\n"
)


def test_a_proposal_worded_in_finnish_only_leaves_the_versions_later_stages_unbuilt(
    bilingual: Path, cli: Callable[..., Result]
) -> None:
    meta = bilingual / META
    text = meta.read_text(encoding="utf-8").replace("text_stage:", PROPOSAL + "text_stage:")
    head, tail = text.split("\ndistribution:", 1)  # the amendments end where the distribution starts
    meta.write_text(f"{head}\n{FINNISH_ONLY}distribution:{tail}", encoding="utf-8")
    check = cli("check", str(bilingual), "--no-spell")
    assert check.code == 0, check.err  # the Finnish proposal is the Finnish text's; the Swedish one lags behind
    assert "Not yet in this version: the amendments proposed for Kst 7.4.2025 have no wording in sv-FI" in check.out
    stage = ("--stage", "kh-2025-04-07", "--format", "html")
    assert cli("build", str(bilingual), "--document", "tietoturvaohje", *stage).code == 0
    refused = cli("build", str(bilingual), "--document", "tietoturvaohje.sv-FI", *stage)
    assert refused.code == 2 and "valid stages:" in refused.err and "kh-2025-04-07" not in refused.err.split(":")[-1]
    with (bilingual / VERSION).open("a", encoding="utf-8") as f:
        f.write("  - id: ehdotus-1\n    anchor: kommunens nätverksenhet\n    wording: kommunens molntjänst\n")
    built = cli("build", str(bilingual), "--document", "tietoturvaohje.sv-FI", *stage)
    assert built.code == 0, built.err


def test_check_spell_checks_the_swedish_version_with_the_swedish_dictionary(
    cli: Callable[..., Result],
) -> None:
    result = cli("check", str(FIXTURES / "esimerkkila"))
    assert result.code == 0, result.err
    if checker("sv") is None:
        assert "Spell check: skipped, the document's language is sv-FI (version.yaml: language)" in result.out
        pytest.skip("Hunspell's sv_FI is not installed (apt-get install hunspell-sv): the skip line said so")
    assert re.search(r"Spell check: \d+ words checked with Hunspell's Swedish dictionary \(sv_FI;", result.out)
