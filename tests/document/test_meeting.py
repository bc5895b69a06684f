"""Meeting documents: the agenda attachment and the minutes extract."""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from helpers import BOOKKEEPING, REPO, STEM, Result, run_cli, snapshot, tool
from someohje.content.project_file import load
from someohje.document.guideline import guideline
from someohje.document.meeting import attachment, extract
from someohje.model import Document
from someohje.textual import block_texts, inline_text
from someohje.tree import Heading, Paragraph

MINUTES = REPO / "content" / "sources" / "kvalt-2022-06-14-s37.txt"
MEETING = "kvalt-2022-06-14"
ATTACHMENT = f"{STEM}-kvalt-2022-06-14-s37-liite-1"
EXTRACT = f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote"
META = "project/content/document.yaml"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def document() -> Document:
    return load(REPO)


def norm(text: str) -> str:
    """Whitespace (no-break spaces included) collapsed to single spaces."""
    return " ".join(text.split())


# --- the agenda attachment -------------------------------------------------------------


def test_attachment_is_the_text_proposed_to_the_meeting(document: Document) -> None:
    doc = attachment(document, MEETING, 1)
    proposal = guideline(document, "kh-2022-06-07")
    assert doc.kind == "attachment"
    assert doc.blocks == proposal.blocks  # the board's proposal: without the four additions
    assert doc.stamp == ("Liite 1", f"Kvalt 14.6.2022 §{NBSP}37")
    assert doc.file_stem == ATTACHMENT
    assert doc.approval_line == f"Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 §{NBSP}139)"
    assert doc.draft_mark == "EHDOTUS"
    assert doc.date_text == "7.6.2022" and doc.diary_number == "RauDno-2020-792"
    assert attachment(document, MEETING, 3).stamp[0] == "Liite 3"


def test_attachment_stamp_takes_the_bodys_abbreviation_from_content(project: Path) -> None:
    path = project / "content" / "project.yaml"  # bodies are stated once for the collection
    path.write_text(
        path.read_text(encoding="utf-8").replace("abbreviation: Kvalt", "abbreviation: Valt"), encoding="utf-8"
    )
    doc = attachment(load(project), MEETING, 2)
    assert doc.stamp == ("Liite 2", f"Valt 14.6.2022 §{NBSP}37")
    assert doc.file_stem == f"{STEM}-valt-2022-06-14-s37-liite-2"


def test_attachment_command_stamps_the_identification_block(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli(
        "attachment", str(REPO), "--meeting", MEETING, "--number", "1", "--format", "html", "--out", str(tmp_path)
    )
    assert result.code == 0, result.err
    assert [p.name for p in tmp_path.iterdir() if p.name not in BOOKKEEPING] == [f"{ATTACHMENT}.html"]
    page = (tmp_path / f"{ATTACHMENT}.html").read_text(encoding="utf-8")
    ident = page[page.index('<dl class="ident">') : page.index("</dl>")]
    assert re.findall(r'<div class="ident-stamp">.*?<dd>(.*?)</dd>', ident) == ["Liite 1", f"Kvalt 14.6.2022 §{NBSP}37"]
    assert "EHDOTUS" in page and 'class="amendment"' not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--meeting", "kvalt-2099"),
            "error: --meeting: unknown meeting 'kvalt-2099'; meetings with an attachment: kvalt-2022-06-14",
        ),
        (
            ("--meeting", "kh-2020"),
            "error: --meeting: no text was proposed to 'kh-2020' (it is the first handling); "
            "meetings with an attachment: kvalt-2022-06-14",
        ),
        (
            ("--meeting", "kh-2022-06-07"),
            "error: --meeting: the text proposed to 'kh-2022-06-07' (after 'kvalt-2020') is not in the content "
            "(it starts at 'kh-2022-06-07'); meetings with an attachment: kvalt-2022-06-14",
        ),
        (("--meeting", MEETING, "--number", "0"), "error: the attachment number must be 1 or more (got 0)"),
    ],
)
def test_attachment_errors_are_one_line(
    cli: Callable[..., Result], project: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(project / "build")
    result = cli("attachment", str(project), *args, "--format", "html", cwd=project.parent)
    assert (result.code, result.err.splitlines(), result.out) == (2, [message], "")
    assert snapshot(project / "build") == before


# --- the minutes extract ---------------------------------------------------------------


def minutes_paragraphs() -> tuple[list[str], list[str]]:
    """The minutes source as (head lines, the item's paragraphs), whitespace
    normalised and bullets dropped; single words (field names, the
    placeholder ``x``) are left out as trivial."""
    chunks = [norm(re.sub(r"^\s*(?:-|•)\s+", "", c)) for c in MINUTES.read_text(encoding="utf-8").split("\n\n")]
    chunks = [c for c in chunks if len(c.split()) > 1]
    title = next(k for k, c in enumerate(chunks) if c.startswith("§ "))
    return chunks[:title], chunks[title:]


def in_order(expected: list[str], found: list[str]) -> list[str]:
    """The expected paragraphs that are not found, each after the previous
    (a paragraph may open with the run-in field name ``Esittelijä:``)."""
    found = [f.removeprefix("Esittelijä: ") for f in found]
    missing: list[str] = []
    at = 0
    for paragraph in expected:
        try:
            at = found.index(paragraph, at) + 1
        except ValueError:
            missing.append(paragraph)
    return missing


def test_extract_structure(document: Document) -> None:
    doc = extract(document, MEETING)
    assert (doc.kind, doc.doc_type, doc.date_text) == ("extract", "Pöytäkirjanote", "14.6.2022")
    assert doc.title == f"§{NBSP}37 Rautalammin kunnan sosiaalisen median ohje"
    head, _ = minutes_paragraphs()
    assert block_texts(doc.lead) == [*head, "RauDno-2020-792"]  # as the minutes head the item
    assert head == ["Kunnanvaltuusto, kokous 14.6.2022", "Pöytäkirja on tarkastettu"]
    assert doc.file_stem == EXTRACT and doc.approval_line == "" and doc.draft_mark == ""
    headings = [(b.level, inline_text(b.children)) for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        (1, "Aikaisempi käsittely"),
        (2, "Kunnanhallitus vuonna 2020"),  # natural: what is unknown is said under it
        (2, "Kunnanvaltuusto vuonna 2020"),
        (2, f"Kunnanhallitus 7.6.2022 §{NBSP}139"),
        (1, f"Kunnanvaltuusto 14.6.2022 §{NBSP}37"),
        (1, "Valitusosoitus"),  # a council decision: kunnallisvalitus
        (2, "Valitusoikeus ja valitusperusteet"),
        (2, "Valitusaika ja tiedoksisaanti"),
        (2, "Valituksen sisältö ja liitteet"),
        (2, "Valituksen toimittaminen"),
        (2, "Oikeudenkäyntimaksu"),
    ]
    texts = block_texts(doc.blocks)
    assert texts[texts.index("Kunnanhallitus vuonna 2020") + 1] == "Kokouksen päivämäärä ja pykälä eivät ole tiedossa."
    assert doc.stamp == (f"Kunnanvaltuusto 14.6.2022 §{NBSP}37",)  # in every page's block


def fields(document: Document, handling_id: str) -> list[str]:
    """The field labels printed under a handling's heading."""
    doc = extract(document, MEETING)
    out: list[str] = []
    inside = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            inside = block.anchor == handling_id
        elif inside and isinstance(block, Paragraph) and block.role == "label":
            out.append(inline_text(block.children))
    return out


def test_extract_fields_follow_the_minutes_and_omit_what_is_not_recorded(document: Document) -> None:
    assert fields(document, "kh-2020") == ["Valmistelija", "Perustelut", "Ehdotus", "Päätös"]
    assert fields(document, "kvalt-2020") == ["Ehdotus", "Päätös"]  # no preparer, no reasoning recorded
    assert fields(document, "kh-2022-06-07") == ["Valmistelija", "Perustelut", "Ehdotus", "Päätös"]
    assert fields(document, MEETING) == ["Valmistelija", "Perustelut", "Ehdotus", "Päätös", "Tiedoksi"]


def test_no_label_stands_empty_and_the_presenter_opens_the_proposal(document: Document) -> None:
    blocks = extract(document, MEETING).blocks
    for label, following in itertools.pairwise(blocks):
        if isinstance(label, Paragraph) and label.role == "label":
            assert not (isinstance(following, Paragraph) and following.role == "label"), inline_text(label.children)
    texts = block_texts(blocks)
    at = texts.index("Ehdotus")
    assert texts[at + 1] == "Esittelijä: Anu Sepponen, kunnanjohtaja, anu.sepponen@rautalampi.fi"


def test_extract_quotes_every_recorded_paragraph_in_order(document: Document) -> None:
    head, item = minutes_paragraphs()
    doc = extract(document, MEETING)
    found = [norm(t) for t in [doc.title, *block_texts(doc.lead), *block_texts(doc.blocks)]]
    assert in_order(item, found) == []
    assert head[0] in found  # "Kunnanvaltuusto, kokous 14.6.2022"
    decided = [a.decided_text for a in document.amendments]
    at = found.index(decided[0])
    assert found[at : at + len(decided) + 2] == [*decided, "Tiedoksi", ", ".join(document.distribution)]
    assert "poisiivista" in found[at] and "oikaistaa" in found[at + 1]  # verbatim, typing errors kept


def test_an_extract_needs_a_known_date_and_paragraph(cli: Callable[..., Result], project: Path) -> None:
    before = snapshot(project / "build")
    result = cli("extract", str(project), "--meeting", "kvalt-2020", "--format", "html", cwd=project.parent)
    expected = (
        "error: --meeting: the date or § of 'kvalt-2020' is not in the sources; "
        "meetings with an extract: kh-2022-06-07, kvalt-2022-06-14"
    )
    assert (result.code, result.err.splitlines()) == (2, [expected])
    result = cli("extract", str(project), "--meeting", "kh-9", "--format", "html", cwd=project.parent)
    assert result.code == 2 and result.err.startswith("error: --meeting: unknown meeting 'kh-9';")
    assert snapshot(project / "build") == before


class Paragraphs(HTMLParser):
    """Text of every <h1>-<h3>, <p> and <li> inside <main>, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._main = False
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._main = self._main or tag == "main"
        if self._main and tag in ("h1", "h2", "h3", "p", "li"):
            self.items.append("")
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "p", "li"):
            self._open = False
        self._main = self._main and tag != "main"

    def handle_data(self, data: str) -> None:
        if self._open:
            self.items[-1] += data


def test_extract_html_reads_like_the_minutes(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("extract", str(REPO), "--meeting", MEETING, "--format", "html", "--out", str(tmp_path))
    assert result.code == 0, result.err
    parser = Paragraphs()
    parser.feed((tmp_path / f"{EXTRACT}.html").read_text(encoding="utf-8"))
    found = [norm(t) for t in parser.items]
    assert in_order(minutes_paragraphs()[1], found) == []


# --- DOCX and PDF ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def meeting_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The attachment and the extract in their default formats (PDF, DOCX)."""
    pytest.importorskip("someohje.render.docx", reason="the DOCX renderer is not written yet")
    pytest.importorskip("someohje.render.pdf", reason="the PDF renderer is not written yet")
    out = tmp_path_factory.mktemp("meeting")
    for verb, extra in (("attachment", ["--number", "1"]), ("extract", [])):
        result = run_cli(verb, str(REPO), "--meeting", MEETING, *extra, "--out", str(out))
        assert result.code == 0, result.err
    return out


def test_default_formats_are_pdf_and_docx(meeting_build: Path) -> None:
    assert sorted(p.name for p in meeting_build.iterdir() if p.name not in BOOKKEEPING) == sorted(
        f"{stem}.{ext}" for stem in (ATTACHMENT, EXTRACT) for ext in ("docx", "pdf")
    )


def test_extract_docx_quotes_the_minutes(meeting_build: Path) -> None:
    import docx

    found = [norm(named_text(p)) for p in docx.Document(str(meeting_build / f"{EXTRACT}.docx")).paragraphs]
    assert in_order(minutes_paragraphs()[1], found) == []


def named_text(paragraph: Any) -> str:
    """A DOCX paragraph's text without the field name on its first line
    (``Päätös``, in the character style *Kenttänimi Char*)."""
    runs = paragraph.runs
    if runs and runs[0].style.name == "Kenttänimi Char":
        return str(paragraph.text).split("\n", 1)[1]
    return str(paragraph.text)


def flat(text: str) -> str:
    """Letters only: PDF line ends may hyphenate any word, so hyphens and
    whitespace are dropped on both sides before comparing."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def test_extract_pdf_quotes_the_minutes(meeting_build: Path) -> None:
    whole = flat("".join(pdf_pages(meeting_build / f"{EXTRACT}.pdf")))
    at = 0
    for paragraph in minutes_paragraphs()[1]:
        found = whole.find(flat(paragraph), at)
        assert found >= 0, paragraph
        at = found + len(flat(paragraph))


def test_attachment_pdf_is_stamped_and_marked_on_every_page(meeting_build: Path) -> None:
    pages = pdf_pages(meeting_build / f"{ATTACHMENT}.pdf")
    assert len(pages) > 1
    for page in pages:
        text = norm(page)
        assert "Liite 1" in text and "Kvalt 14.6.2022 § 37" in text and "EHDOTUS" in text


def test_meeting_documents_rebuild_byte_identical(meeting_build: Path, tmp_path: Path) -> None:
    for verb, extra in (("attachment", ["--number", "1"]), ("extract", [])):
        result = run_cli(verb, str(REPO), "--meeting", MEETING, *extra, "--out", str(tmp_path))
        assert result.code == 0, result.err
    assert snapshot(tmp_path) == snapshot(meeting_build)


def libreoffice_text(docx_file: Path, tmp_path: Path) -> str:
    """Convert a DOCX to PDF with headless LibreOffice (a throwaway profile)
    and return the PDF's text."""
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = [tool("soffice"), profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_file)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    converted = tmp_path / f"{docx_file.stem}.pdf"
    return subprocess.run([tool("pdftotext"), str(converted), "-"], capture_output=True, text=True, check=True).stdout


def test_libreoffice_opens_the_meeting_documents(meeting_build: Path, tmp_path: Path) -> None:
    extract_text = norm(libreoffice_text(meeting_build / f"{EXTRACT}.docx", tmp_path))
    assert "Aikaisempi käsittely" in extract_text and "poisiivista" in extract_text
    attachment_text = norm(libreoffice_text(meeting_build / f"{ATTACHMENT}.docx", tmp_path))
    assert "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 § 139)" in attachment_text
