"""The PDF: municipal layout, fonts, tagging, metadata, archival variant.

Checked with the tools a user or an archive would use (qpdf, poppler's
pdffonts/pdfinfo/pdftotext, pikepdf); expected values come from the content
through someohje, never typed in here.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

import someohje
from helpers import BOOKKEEPING, REPO, STEM, Result, tool
from someohje.document.guideline import guideline
from someohje.model import Document
from someohje.pipeline.session import Options, Session, open_session
from someohje.render import pdf
from someohje.textual import inline_text
from someohje.tree import Heading, OutputDocument, Table, Text

# --- helpers -------------------------------------------------------------------


def session(variant: str = "tagged") -> Session:
    return open_session(REPO, Options(pdf_variant=variant))


def run(*command: str) -> str:
    proc = subprocess.run(command, capture_output=True, text=True, check=True)
    return proc.stdout


def pages_text(path: Path) -> list[str]:
    """pdftotext's text of each page (reading order)."""
    tool("pdftotext")
    return run("pdftotext", str(path), "-").split("\f")[:-1]


def flat(text: str) -> str:
    """Text as one line, every space collapsed (pdftotext rejoins hyphenated words)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def headings(doc: OutputDocument) -> list[Heading]:
    return [b for b in doc.blocks if isinstance(b, Heading)]


def struct_tags(pdf_file: pikepdf.Pdf) -> list[str]:
    """Every structure element type, depth first."""
    out: list[str] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                out.append(str(node.S))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    walk(pdf_file.Root.StructTreeRoot)
    return out


@pytest.fixture(scope="module")
def pdf_path(built: Path) -> Path:
    return built / f"{STEM}.pdf"


@pytest.fixture(scope="module")
def approved() -> tuple[Document, OutputDocument]:
    s = session()
    return s.document, guideline(s.document)


# --- building ------------------------------------------------------------------


def test_build_writes_the_pdf_under_the_stable_name(pdf_path: Path) -> None:
    assert pdf_path.read_bytes().startswith(b"%PDF-1.7")


def test_library_render_gives_the_cli_bytes(pdf_path: Path) -> None:
    s = session()
    assert someohje.render_document(guideline(s.document), s, "pdf") == pdf_path.read_bytes()


def test_format_pdf_alone_rebuilds_byte_identical(cli: Callable[..., Result], tmp_path: Path, pdf_path: Path) -> None:
    result = cli("build", str(REPO), "--format", "pdf", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in BOOKKEEPING) == [
        "index.html",
        "index.json",
        f"{STEM}.pdf",
        "saavutettavuusseloste.html",
    ]
    assert (tmp_path / f"{STEM}.pdf").read_bytes() == pdf_path.read_bytes()


# --- real tools --------------------------------------------------------------------


def test_qpdf_check_is_clean(pdf_path: Path) -> None:
    tool("qpdf")
    proc = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No syntax or stream encoding errors" in proc.stdout


def test_every_font_is_the_shipped_one_embedded_and_subset(pdf_path: Path) -> None:
    tool("pdffonts")
    rows = run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert len(rows) >= 2  # regular and bold at least
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+Liberation-Sans(-Bold)?(-Italic)?", name), row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_pdfinfo_says_a4_tagged_and_long_enough(pdf_path: Path) -> None:
    tool("pdfinfo")
    info = dict(line.split(":", 1) for line in run("pdfinfo", str(pdf_path)).splitlines() if ":" in line)
    width, height = map(float, re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width, 2), round(height, 2)) == (595.28, 841.89)
    assert info["Tagged"].strip() == "yes"
    assert int(info["Pages"]) >= 5


def test_text_has_every_heading_the_diary_number_and_the_additions(
    pdf_path: Path, approved: tuple[Document, OutputDocument]
) -> None:
    document, doc = approved
    text = flat("\n".join(pages_text(pdf_path)))
    for heading in [doc.title, *(inline_text(h.children) for h in headings(doc))]:
        assert flat(heading) in text, heading
    assert document.diary_number in text
    assert document.final_handling().paragraph_text().replace("\u00a0", " ") in text  # § 37
    assert len(document.amendments) == 4
    for amendment in document.amendments:
        assert flat(amendment.wording) in text, amendment.id


def test_every_page_carries_the_identification_block_and_footer(
    pdf_path: Path, approved: tuple[Document, OutputDocument]
) -> None:
    _, doc = approved
    pages = pages_text(pdf_path)
    for number, page in enumerate(pages, 1):
        lines = page.splitlines()
        assert f"{number} ({len(pages)})" in lines  # page x (y) from counter(page)/counter(pages)
        for field in (doc.organisation, doc.doc_type, doc.date_text, doc.diary_number):
            assert field in lines, (number, field)
        assert f"{doc.organisation} · {doc.web}" in lines
    assert flat(doc.approval_line) in flat(pages[0])


def test_headings_are_kept_with_what_follows(pdf_path: Path, approved: tuple[Document, OutputDocument]) -> None:
    _, doc = approved
    titles = {flat(inline_text(h.children)) for h in headings(doc)}
    footer = f"{doc.organisation} · {doc.web}"
    for page in pages_text(pdf_path):
        body = [line for line in page.splitlines() if line.strip() and line != footer]
        assert flat(body[-1]) not in titles, body[-1]


def test_headings_stand_at_the_margin_and_text_on_the_grid(
    pdf_path: Path, approved: tuple[Document, OutputDocument]
) -> None:
    tool("pdftotext")
    _, doc = approved
    theme = session().theme
    margin, indent = (mm * 72 / 25.4 for mm in (theme.margin_left, theme.margin_left + theme.body_indent))
    layout = run("pdftotext", "-bbox-layout", str(pdf_path), "-")
    lines = [
        (float(x), " ".join(re.findall(r">([^<]*)</word>", words)))
        for x, words in re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', layout, flags=re.S)
    ]
    texts = [text for _, text in lines]
    checked = 0
    for block, following in zip(doc.blocks, doc.blocks[1:], strict=False):
        if isinstance(block, Heading) and block.level == 1 and not isinstance(following, Heading | Table):
            at = texts.index(flat(inline_text(block.children)))
            assert lines[at][0] == pytest.approx(margin, abs=0.5)
            assert lines[at + 1][0] == pytest.approx(indent, abs=0.5), lines[at + 1]
            checked += 1
    assert checked >= 5


# --- structure and metadata ------------------------------------------------------


def test_tagged_pdf_has_real_heading_tags_language_and_title(
    pdf_path: Path, approved: tuple[Document, OutputDocument]
) -> None:
    _, doc = approved
    with pikepdf.open(pdf_path) as f:
        assert f.Root.MarkInfo.Marked is True
        assert str(f.Root.Lang) == doc.metadata.language == "fi-FI"
        assert f.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(f.docinfo.Title) == doc.title
        tags = struct_tags(f)
    levels = [h.level for h in headings(doc)]
    assert tags.count("/H1") == 1  # the title
    assert tags.count("/H2") == levels.count(1) + 1  # and the table of contents' "Sisällys"
    assert tags.count("/H3") == levels.count(2)
    assert {"/P", "/L", "/LI", "/Table", "/TH"} <= set(tags)


def test_bookmarks_nest_sections_under_the_title(pdf_path: Path, approved: tuple[Document, OutputDocument]) -> None:
    _, doc = approved
    expected: list[tuple[str, list[str]]] = [("Sisällys", [])]  # the table of contents comes first
    for h in headings(doc):
        if h.level == 1:
            expected.append((inline_text(h.children), []))
        elif h.level == 2:
            expected[-1][1].append(inline_text(h.children))
    with pikepdf.open(pdf_path) as f, f.open_outline() as outline:
        assert [item.title for item in outline.root] == [doc.title]
        sections = outline.root[0].children
        found = [(s.title, [sub.title for sub in s.children]) for s in sections]
    assert found == expected


def test_metadata_comes_from_the_document_not_the_clock(
    pdf_path: Path, approved: tuple[Document, OutputDocument]
) -> None:
    _, doc = approved
    meta = doc.metadata
    with pikepdf.open(pdf_path) as f:
        info = f.docinfo
        assert str(info.Title) == meta.title
        assert str(info.Author) == meta.author
        assert str(info.Subject) == f"{meta.subject}. {meta.description}"  # the provenance note too
        assert meta.identifier in str(info.Keywords)
        assert "/CreationDate" not in info and "/ModDate" not in info  # no file dates
        xmp = f.open_metadata()
        assert xmp["dc:title"] == meta.title
        assert xmp["dc:identifier"] == meta.identifier
        assert meta.language in xmp["dc:language"]
        assert "xmp:CreateDate" not in xmp and xmp["{http://purl.org/dc/terms/}dateAccepted"] == meta.date.isoformat()
        assert xmp["pdfuaid:part"] == "1"
        assert "/ID" not in f.trailer  # nothing random: no file identifier at all


# --- variants and stages ---------------------------------------------------------------


def test_archival_pdf_embeds_the_decision_metadata(
    cli: Callable[..., Result], tmp_path: Path, approved: tuple[Document, OutputDocument]
) -> None:
    args = ("build", str(REPO), "--format", "pdf", "--pdf-variant", "archival")
    assert cli(*args, "--out", str(tmp_path / "a")).code == 0
    assert cli(*args, "--out", str(tmp_path / "b")).code == 0
    path = tmp_path / "a" / f"{STEM}-arkisto.pdf"  # its own name: the tagged PDF is not replaced
    assert sorted(p.name for p in (tmp_path / "a").iterdir() if p.name not in BOOKKEEPING) == [
        "index.html",
        "index.json",
        path.name,
        f"{STEM}.pdf",  # beside it
        "saavutettavuusseloste.html",
    ]
    assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    document, _ = approved
    with pikepdf.open(path) as f:
        xmp = f.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "A")
        assert xmp["pdfuaid:part"] == "1"
        assert "/Filter" not in f.Root.Metadata  # PDF/A: the XMP stream is plain text
        assert xmp["dc:identifier"] == document.diary_number
        assert f.Root.MarkInfo.Marked is True and "/StructTreeRoot" in f.Root  # still accessible
        assert f.trailer.ID[0] == f.trailer.ID[1]  # PDF/A's file identifier: a hash of the content
        spec = f.attachments["metadata.json"]
        assert str(spec.obj.AFRelationship) == "/Data"
        akn = f.attachments["akomantoso.xml"].obj  # the text as Akoma Ntoso beside it
        assert [a.objgen for a in f.Root.AF] == [spec.obj.objgen, akn.objgen]
        assert spec.get_file().mime_type == "application/json"
        data = json.loads(spec.get_file().read_bytes())
    assert data["diary_number"] == document.diary_number
    assert data["title"] == document.title
    assert data["organisation"]["name"] == document.organisation.name
    assert data["distribution"] == list(document.distribution)
    assert [h["id"] for h in data["handlings"]] == [h.id for h in document.handlings]
    for got, h in zip(data["handlings"], document.handlings, strict=True):
        assert got["body"] == h.body.name
        assert got["date"] == (h.date.date.isoformat() if h.date.date else "unknown")
        assert got["paragraph"] == h.paragraph
        assert got["outcome"] == h.outcome.value
        assert (got["preparer"] or {}).get("name") == (h.preparer.name if h.preparer else None)
        assert (got["presenter"] or {}).get("name") == (h.presenter.name if h.presenter else None)
    assert [(a["decided_text"], a["wording"]) for a in data["amendments"]] == [
        (a.decided_text, a.wording) for a in document.amendments
    ]
    assert data["stage"]["handling"] == document.final_handling().id


def test_qpdf_accepts_the_archival_pdf(tmp_path: Path) -> None:
    tool("qpdf")
    s = session("archival")
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf.render(guideline(s.document), s))
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_plain_variant_is_untagged(approved: tuple[Document, OutputDocument]) -> None:
    s = session("plain")
    data = pdf.render(guideline(s.document), s)
    with pikepdf.open(io.BytesIO(data)) as f:
        assert "/StructTreeRoot" not in f.Root
        assert str(f.docinfo.Title) == approved[1].title


def test_a_draft_stage_is_marked_on_every_page(cli: Callable[..., Result], tmp_path: Path) -> None:
    document = session().document
    stage = next(
        h
        for h in document.handlings[document.handling_index(document.text_stage) :]
        if h is not document.final_handling()
    )
    result = cli("build", str(REPO), "--format", "pdf", "--stage", stage.id, "--out", str(tmp_path))
    assert result.code == 0, result.err
    draft = guideline(document, stage.id)
    assert draft.draft_mark
    (path,) = tmp_path.glob("*.pdf")
    for page in pages_text(path):
        assert draft.draft_mark in page.split()


def test_a_long_table_repeats_its_header_on_every_page(
    approved: tuple[Document, OutputDocument], tmp_path: Path
) -> None:
    _, doc = approved
    table = next(b for b in doc.blocks if isinstance(b, Table))
    long = replace(table, rows=table.rows * 40)
    long_doc = replace(doc, blocks=(Heading(1, (Text("Pitkä taulukko"),)), long))
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.render(long_doc, session()))
    pages = pages_text(path)
    assert len(pages) >= 3
    header = [inline_text(cell) for cell in table.header]
    for page in pages:
        lines = page.splitlines()
        assert all(cell in lines for cell in header), page[:200]


def test_check_imports_neither_weasyprint_nor_docx() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "someohje", "check", str(REPO), "--no-spell"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "someohje.content.document_file" in imported  # the list is real
    assert not {"weasyprint", "docx"} & imported


def test_an_xref_stream_ending_in_cr_gets_an_unambiguous_end_of_line() -> None:
    body = b"%PDF-1.7\n1 0 obj\n<</Type /XRef/Length 3>>\nstream\nab\r\nendstream\nendobj\n"
    data = body + b"startxref\n9\n%%EOF\n"
    fixed = pdf.unambiguous_xref_end(data)
    assert fixed == data.replace(b"ab\r\nendstream", b"ab\r\r\nendstream")
    plain = data.replace(b"ab\r\n", b"abc\n")
    assert pdf.unambiguous_xref_end(plain) == plain
