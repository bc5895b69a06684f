"""Stages: the text as it stood after a handling, derived from the content
and the decision history, never kept as a copy."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import REPO, STEM, Result, snapshot, tool
from someohje.content.project_file import load
from someohje.document.guideline import guideline
from someohje.document.status import Status
from someohje.errors import ContentError
from someohje.model import Document
from someohje.record.stages import amendments_in, stage_handling
from someohje.textual import block_texts, inline_text
from someohje.tree import Block, Heading, Paragraph

VALID = "valid stages: kh-2022-06-07, kvalt-2022-06-14"
META = "project/content/document.yaml"


@pytest.fixture(scope="module")
def document() -> Document:
    return load(REPO)


def amendment_paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph) and b.role == "amendment"]


def test_default_stage_is_the_last_handling_the_approved_text(document: Document) -> None:
    assert stage_handling(document, None) is document.final_handling()
    approved = guideline(document)
    assert approved == guideline(document, "kvalt-2022-06-14")
    assert approved.draft_mark == ""
    assert approved.approval_line == "Hyväksytty: Kunnanvaltuusto 14.6.2022 §\u00a037"
    assert approved.file_stem == STEM


def test_the_boards_proposal_is_without_the_four_additions(document: Document) -> None:
    proposal = guideline(document, "kh-2022-06-07")
    assert amendment_paragraphs(proposal.blocks) == []
    assert amendments_in(document, document.handling("kh-2022-06-07")) == []
    text = " ".join(block_texts(proposal.blocks))
    for amendment in document.amendments:
        assert amendment.wording.split(",")[0] not in text
    assert proposal.draft_mark == Status.PROPOSAL.mark == "EHDOTUS"  # the board approved it for proposing
    assert proposal.approval_line == "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 §\u00a0139)"
    assert proposal.date_text == "7.6.2022"
    assert proposal.file_stem == f"{STEM}-kh-2022-06-07-s139"


def test_the_approved_text_is_the_proposal_plus_the_councils_additions(document: Document) -> None:
    """No copy per stage: the later text is the earlier one with exactly the
    amendments decided at the later meeting added, each in its own section."""
    proposal, approved = guideline(document, "kh-2022-06-07"), guideline(document)
    added = amendment_paragraphs(approved.blocks)
    assert len(added) == len(document.amendments) == 4
    without = tuple(b for b in approved.blocks if b not in added)
    body = block_texts(without)
    cut = body.index("Käsittelyhistoria")
    assert body[:cut] == block_texts(proposal.blocks)[:cut]
    for amendment in document.amendments:
        paragraph = next(p for p in added if amendment.wording in inline_text(p.children))
        label = f"(Kvalt 14.6.2022 §\u00a037, lisäys {amendment.number}"
        assert inline_text(paragraph.children).endswith((f"{label})", f"{label}; kirjoitusasu korjattu)"))
        assert section_of(approved.blocks, paragraph) == amendment.section_id


def section_of(blocks: tuple[Block, ...], target: Block) -> str:
    """The anchor of the main section a block stands in."""
    current = ""
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            current = block.anchor
        if block is target:
            return current
    raise AssertionError("block not found")


def test_an_amendment_dated_onto_the_text_stage_is_refused(project: Path) -> None:
    """Re-date the council's decision onto the board's handling: the section
    files hold the board's text, so they would hold the additions already."""
    path = project / "content" / "document.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("decided_by: kvalt-2022-06-14", "decided_by: kh-2022-06-07"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(project)
    assert len(caught.value.problems) == 4
    assert all("at or before text_stage 'kh-2022-06-07'" in p.message for p in caught.value.problems)


def test_an_amendment_decided_later_is_left_out_of_an_earlier_stage(project: Path) -> None:
    """Re-date the council's additions onto a later (pending) handling: the
    council's stage then lacks them and the later one holds them; it is the
    decision history, not the files, that says what a stage contains."""
    path = project / "content" / "document.yaml"
    text = path.read_text(encoding="utf-8")
    later = (
        "  - id: kh-2025-04-07\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: none\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    text = text.replace("\nextract:", "\n" + later + "extract:", 1)
    path.write_text(text.replace("decided_by: kvalt-2022-06-14", "decided_by: kh-2025-04-07"), encoding="utf-8")
    doc = load(project)
    assert len(amendment_paragraphs(guideline(doc, "kvalt-2022-06-14").blocks)) == 0
    assert len(amendment_paragraphs(guideline(doc, "kh-2025-04-07").blocks)) == 4


def test_build_stage_writes_the_proposal_marked_as_proposal(
    cli: Callable[..., Result], tmp_path: Path, document: Document
) -> None:
    result = cli("build", str(REPO), "--stage", "kh-2022-06-07", "--format", "html", "--out", str(tmp_path))
    assert result.code == 0, result.err
    page = (tmp_path / f"{STEM}-kh-2022-06-07-s139.html").read_text(encoding="utf-8")
    assert re.search(r'class="draft-mark">EHDOTUS<', page)
    assert "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 §\u00a0139)" in page
    assert 'class="amendment"' not in page
    assert document.amendments[0].wording not in page


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        ("kh-2099", f"error: --stage: unknown stage 'kh-2099'; {VALID}"),
        (
            "kh-2020",
            "error: --stage: the text as it stood after 'kh-2020' is not in the content "
            f"(it starts at 'kh-2022-06-07'); {VALID}",
        ),
        (
            "kvalt-2020",
            "error: --stage: the text as it stood after 'kvalt-2020' is not in the content "
            f"(it starts at 'kh-2022-06-07'); {VALID}",
        ),
    ],
)
def test_a_stage_without_text_is_a_one_line_error(
    cli: Callable[..., Result], project: Path, stage: str, message: str
) -> None:
    assert cli("build", str(project), "--format", "html", cwd=project.parent).code == 0
    before = snapshot(project / "build")
    result = cli("build", str(project), "--stage", stage, "--format", "html", cwd=project.parent)
    assert (result.code, result.err.splitlines(), result.out) == (2, [message], "")
    assert snapshot(project / "build") == before


def test_the_proposal_pdf_is_marked_as_proposal_on_every_page(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("build", str(REPO), "--stage", "kh-2022-06-07", "--format", "pdf", "--out", str(tmp_path))
    assert result.code == 0, result.err
    pdf = tmp_path / f"{STEM}-kh-2022-06-07-s139.pdf"
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")[:-1]]
    assert len(pages) > 1
    assert all("EHDOTUS" in page for page in pages)
    assert "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 § 139)" in pages[0]
    assert not any("Hyväksytty:" in page for page in pages)
