"""Links and anchors (issue 21): every form of a ``doc:`` link reaches the
same check, the scheme in any case; an amendment's passage matches whole
words of the visible text only (never inside a word, never half a link,
never U+FFFC, which stands for an image or a source reference); and an
amendment marker is only ever structure, never text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import someohje
from helpers import FIXTURES, INTRO, Result, append, edit, finnish_only, reseal, run_cli, snapshot
from someohje.render.html_format import render

KNOWN = "(documents of the collection: sosiaalisen-median-ohje, viestintaohjelma)"
PENDING = "kh-2025-04-07"
META = "esimerkkila/content/document.yaml"


def check(project: Path) -> Result:
    result = run_cli("check", str(project), "--no-spell", cwd=project.parent)
    assert "Traceback" not in result.err
    return result


@pytest.mark.parametrize(
    "written",
    [
        "[teksti](DOC:olematon)",
        "[teksti](Doc:olematon)",
        "<doc:olematon>",
        '[teksti](doc:olematon "otsikko")',
        "[teksti][viite]\n\n[viite]: doc:olematon",
    ],
    ids=["upper-case", "capitalised", "autolink", "with-a-title", "reference-style"],
)
def test_every_form_of_a_doc_link_reaches_the_check(project: Path, written: str) -> None:
    before = snapshot(project / "build")
    line = append(project / "content/ohje/01-johdanto.md", f"\nKatso {written}\n") + 1
    result = check(project)
    message = f"reference to unknown document 'olematon' {KNOWN}"
    assert (result.code, result.err.splitlines()) == (1, [f"{INTRO}:{line}: {message}"])
    build = run_cli("build", str(project), "--format", "html", cwd=project.parent)
    assert (build.code, build.err) == (1, result.err)
    assert snapshot(project / "build") == before


def test_a_doc_link_in_any_case_becomes_the_link_to_the_document(project: Path) -> None:
    append(
        project / "content/ohje/01-johdanto.md", "\nKatso [ohjelma](DOC:viestintaohjelma) ja <Doc:viestintaohjelma>.\n"
    )
    session = someohje.open_session(project, sealed=False)
    page = render(someohje.guideline(session.document), session).decode("utf-8")
    assert page.count('href="index.html#viestintaohjelma"') == 2
    assert 'href="doc:' not in page.lower()  # the autolink shows its address as its text, as it is written


def test_a_doc_link_typed_into_an_amendments_wording_is_refused(project: Path) -> None:
    """A decided amendment's wording says no more than its decided text
    (issue 16): a link typed into it, to a known document or not, is one
    located error and never reaches the output."""
    decided = "    decided_text: Tarvittaessa, vakavassa tapauksessa, asia tuodaan valtuustoon.\n"
    line = (
        edit(
            project / "content/document.yaml",
            decided,
            decided + "    wording: Tarvittaessa, vakavassa tapauksessa, asia tuodaan [valtuustoon](Doc:olematon).\n",
        )
        + 1
    )
    result = check(project)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"project/content/document.yaml:{line}: amendment 'lisays-4': its wording differs from the decided_text "
        "by more than the recorded corrections ('[valtuustoon](Doc:olematon).' where the record has "
        "'valtuustoon.'); leave 'wording' out to use the decided text, and list each typing error under "
        "'corrections'"
    ]


# --- amendments: whole words of the visible text ------------------------------------------------


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    """The fictional collection with a pending board handling to propose amendments to."""
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    finnish_only(root)
    meta = root / "content/document.yaml"
    pending = (
        f"  - id: {PENDING}\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", pending + "text_stage:"), encoding="utf-8")
    return root


def propose(root: Path, section: str, kind: str, anchor: str, wording: str | None = None) -> int:
    """Add an amendment of the pending handling; returns its line in document.yaml."""
    meta = root / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    lines = ["  - id: ehdotus-1", f"    decided_by: {PENDING}", f"    section: {section}", f"    kind: {kind}"]
    lines.append(f'    anchor: "{anchor}"')
    if wording is not None:
        lines.append(f'    wording: "{wording}"')
    at = text.index("distribution:")
    meta.write_text(text[:at] + "\n".join(lines) + "\n" + text[at:], encoding="utf-8")
    return text[:at].count("\n") + 1


def fails_at(root: Path, *expected: str) -> None:
    before = snapshot(root / "build")
    result = run_cli("build", str(root), "--stage", PENDING, "--format", "html", cwd=root.parent)
    assert (result.code, result.err.splitlines()) == (1, list(expected)), result
    assert snapshot(root / "build") == before


def test_a_passage_inside_a_word_is_not_found(fixture: Path) -> None:
    line = propose(fixture, "yleista", "replace", "tekijöitä", "henkilöitä")
    fails_at(
        fixture,
        f"{META}:{line}: amendment 'ehdotus-1' (replace): the passage 'tekijöitä' is not in section 'yleista' "
        "as it stands before Kh 7.4.2025",
    )


def test_a_whole_word_is_found(fixture: Path) -> None:
    propose(fixture, "yleista", "replace", "työntekijöitä", "henkilöitä")
    result = run_cli("build", str(fixture), "--stage", PENDING, "--format", "html", cwd=fixture.parent)
    assert result.code == 0, result.err


def test_a_passage_that_cuts_a_link_in_two_is_refused(fixture: Path) -> None:
    edit(fixture / "content/teksti/yleista.md", "[linkki](", "[ohjeen linkki](")
    reseal(fixture)
    line = propose(fixture, "yleista", "replace", "on ohjeen", "on uuden")
    fails_at(
        fixture,
        f"{META}:{line}: amendment 'ehdotus-1' (replace): the passage 'on ohjeen' begins or ends inside a link "
        "in section 'yleista'; quote the whole link, or only text outside it",
    )


@pytest.mark.parametrize("kind", ["delete", "insert", "replace"])
def test_an_anchor_quoting_the_stand_in_of_an_image_is_refused(fixture: Path, kind: str) -> None:
    wording = None if kind == "delete" else "Uusi teksti."
    line = propose(fixture, "yleista", kind, "\\ufffc", wording)
    message = (
        "amendment 'ehdotus-1': the anchor quotes U+FFFC, which stands for an image or a source reference, "
        "not text; quote the words of the passage"
    )
    fails_at(fixture, f"{META}:{line + 4}: {message}")


def test_deleting_the_text_beside_an_image_keeps_the_image(fixture: Path) -> None:
    edit(fixture / "content/teksti/yleista.md", "![Kunnan vaakuna](kuva.png)", "![Kunnan vaakuna](kuva.png) Vaakuna.")
    reseal(fixture)
    propose(fixture, "yleista", "delete", "Vaakuna.")
    session = someohje.open_session(fixture)
    page = render(someohje.guideline(session.document, PENDING), session).decode("utf-8")
    assert 'alt="Kunnan vaakuna"' in page and "Muutosehdotus Kh 7.4.2025" in page and "Vaakuna." not in page


# --- markers are structure, never text ----------------------------------------------------------


def test_a_marker_in_an_amendments_wording_is_refused(fixture: Path) -> None:
    line = propose(fixture, "laitteet", "replace", "kunnan verkkolevylle", "verkkolevylle [[lisäys:muutos-3]]")
    why = (
        "'[[lisäys:muutos-3]]' would be printed as text: an amendment marker is only ever a paragraph "
        "of its own in a section"
    )
    fails_at(fixture, f"{META}:{line + 5}: amendment 'ehdotus-1': its wording holds {why}")


def test_an_escaped_marker_in_a_section_is_refused(fixture: Path) -> None:
    path = fixture / "content/teksti/laitteet.md"
    line = append(path, "\nTeksti \\[\\[lisäys:muutos-3\\]\\] tässä.\n") + 1
    why = (
        "'[[lisäys:muutos-3]]' would be printed as text: an amendment marker is only ever a paragraph "
        "of its own in a section"
    )
    result = check(fixture)
    assert (result.code, result.err.splitlines()) == (1, [f"esimerkkila/content/teksti/laitteet.md:{line}: {why}"])
