"""Third-party validators on every output the project writes.

- ``page-validation`` (PyPI): 0 failed PDF/UA-1 rules on every PDF, and 0
  failed PDF/A-3a rules on the archival one;
- the Nu HTML checker (``vnu-jar`` from npm, on Java): 0 errors on every
  HTML page;
- axe-core (npm) in Chromium through chromedriver and Selenium: 0 WCAG 2.1
  A/AA violations on every HTML page.

Each skips with a reason when its tool is missing; ``.ci/run`` installs them
all, so CI never skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import AXE_JS, REPO, STEM, run_cli

NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def outputs(folder: Path, suffix: str) -> list[Path]:
    found = sorted(folder.glob(f"*{suffix}"))
    assert len(found) >= 5, found  # guideline, stage, attachment, extract, redline
    return found


def page_failures(path: Path, profile: str) -> list[str]:
    page = pytest.importorskip("page", reason="page-validation is not installed (pip install -e '.[test]')")
    report = page.validate_pdf(path, profile=profile)
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def test_every_pdf_passes_pdf_ua_1(every_output: Path) -> None:
    for pdf in outputs(every_output, ".pdf"):
        assert page_failures(pdf, "ua1") == [], pdf.name


def test_the_archival_pdf_passes_pdf_a_3a(every_output: Path) -> None:
    archival = every_output / f"{STEM}-arkisto.pdf"
    assert page_failures(archival, "3a") == []
    tagged = every_output / f"{STEM}.pdf"
    assert page_failures(tagged, "3a") != []  # the checker does fail a PDF that is not PDF/A


def test_every_html_page_has_no_nu_checker_errors(every_output: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker needs java (apt-get install default-jre-headless) and npm install")
    pages = outputs(every_output, ".html")
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(proc.stderr)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
    assert proc.returncode == 0


def axe_violations(browser: Any, page: Path) -> list[str]:
    browser.get(page.as_uri())
    browser.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
        WCAG_21_AA,
    )
    assert "error" not in result, result
    assert result["passes"], "axe-core ran no check"
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def test_every_html_page_has_no_wcag_21_aa_violations(every_output: Path, browser: Any) -> None:
    for page in outputs(every_output, ".html"):
        assert axe_violations(browser, page) == [], page.name


# --- a bilingual collection: esimerkkilä's guideline in Finnish and Swedish ---------------------

BILINGUAL = ("esimerkkilan-kunnan-tietoturvaohje", "esimerkkila-kommuns-anvisning-om-informationssakerhet")
MEETING = "kh-2025-04-07"  #: a board meeting to come: an attachment, the proposed text and a redline per language
PENDING = (
    f"  - id: {MEETING}\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
    "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
)


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Esimerkkilä built, with the package of a meeting that handles its guideline again."""
    root = tmp_path_factory.mktemp("bilingual") / "esimerkkila"
    shutil.copytree(REPO / "tests/fixtures/esimerkkila", root)
    meta = root / "content/document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", PENDING + "text_stage:"), encoding="utf-8")
    for command in (("build", "--format", "html,pdf"), ("package", "--meeting", MEETING, "--format", "html,pdf")):
        result = run_cli(command[0], str(root), *command[1:])
        assert result.code == 0, result.err
    return root / "build"


def bilingual_files(out: Path, suffix: str) -> list[Path]:
    """The two versions' files of ``suffix``, their meeting documents' too."""
    found = sorted(
        p for p in [*out.glob(f"*{suffix}"), *(out / MEETING).glob(f"*{suffix}")] if p.name.startswith(BILINGUAL)
    )
    assert {stem for stem in BILINGUAL if any(p.name.startswith(stem) for p in found)} == set(BILINGUAL), found
    assert len(found) >= 8, found  # each language: the text, the attachment, the proposal, the redline
    return found


def test_both_language_versions_pass_pdf_ua_1_with_their_language(bilingual: Path) -> None:
    import pikepdf

    for pdf in bilingual_files(bilingual, ".pdf"):
        assert page_failures(pdf, "ua1") == [], pdf.name
        with pikepdf.open(pdf) as opened:
            assert str(opened.Root.Lang) == ("sv-FI" if pdf.name.startswith(BILINGUAL[1]) else "fi-FI"), pdf.name


def test_both_language_versions_and_the_index_have_no_nu_checker_errors(bilingual: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker needs java (apt-get install default-jre-headless) and npm install")
    pages = [*bilingual_files(bilingual, ".html"), bilingual / "index.html"]
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(proc.stderr)["messages"]
    assert [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_both_language_versions_and_the_index_have_no_wcag_21_aa_violations(bilingual: Path, browser: Any) -> None:
    for page in [*bilingual_files(bilingual, ".html"), bilingual / "index.html"]:
        assert axe_violations(browser, page) == [], page.name
