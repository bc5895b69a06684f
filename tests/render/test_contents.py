"""*Sisällys*: a document of more than three pages has a table of contents
with page numbers and links, alike in the PDF, the DOCX and the web page; a
shorter one has none."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree

from helpers import REPO, STEM, Result, tool
from test_docx import NS, libreoffice, members, w

LONG = [STEM, f"{STEM}-kh-2022-06-07-s139", f"{STEM}-kvalt-2022-06-14-s37-liite-1"]
LONG += [f"{STEM}-muutokset-kh-2022-06-07-s139-kvalt-2022-06-14-s37"]  # an extract has none
ENTRY = re.compile(r"^(.+?)\s*\.{3,}\s*(\d+)$")


def pages(pdf: Path) -> list[str]:
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(line.split()) for line in text.stdout.split("\f")[:-1]]


def page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.stdout.split("\f")[:-1]
    ]


def toc_entries(pdf: Path) -> list[tuple[str, int]]:
    """The table of contents as printed: ``(heading, page)`` per line."""
    lines = page_lines(pdf)[0] + (page_lines(pdf)[1] if len(page_lines(pdf)) > 1 else [])
    start = lines.index("Sisällys")
    found = []
    for line in lines[start + 1 :]:
        match = ENTRY.match(line)
        if not match:
            break
        found.append((match.group(1), int(match.group(2))))
    return found


def heading_page(lines: list[list[str]], heading: str, after: int = 1) -> int:
    """The first page, from ``after`` on, whose body (the running header's
    lines, common to every page, left out once) has the line ``heading``."""
    common = set.intersection(*(set(page[:8]) for page in lines))

    def body(page: list[str]) -> list[str]:
        rest = list(page)
        for line in common:
            rest.remove(line)
        return rest

    return next(n for n, page in enumerate(lines, 1) if n >= after and heading in body(page))


@pytest.mark.parametrize("stem", LONG)
def test_a_long_pdf_lists_its_main_headings_with_their_pages(every_output: Path, stem: str) -> None:
    pdf = every_output / f"{stem}.pdf"
    lines = page_lines(pdf)
    assert len(lines) > 3
    entries = toc_entries(pdf)
    assert len(entries) >= 3
    for heading, page in entries:
        assert heading_page(lines, heading, after=2 if page > 1 else 1) == page, heading
    with pikepdf.open(pdf) as f:
        internal = [a for a in f.pages[0].get("/Annots", []) if a.Subtype == "/Link" and "/Dest" in a]
        assert len(internal) >= len(entries)  # every entry is a link


def test_the_docx_toc_is_a_field_whose_cached_result_lists_entries_and_pdf_pages(every_output: Path) -> None:
    data = (every_output / f"{STEM}.docx").read_bytes()
    body = etree.fromstring(members(data)["word/document.xml"])
    assert [" ".join(i.text.split()) for i in body.iter(w("instrText"))] == ['TOC \\o "1-1" \\h \\z \\u']
    entries = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='TOC1']", namespaces=NS)
    cached = [("".join(t.text for t in p.iter(w("t"))), p.find(".//w:hyperlink", NS).get(w("anchor"))) for p in entries]
    bookmarks = set(body.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    pdf_entries = toc_entries(every_output / f"{STEM}.pdf")
    assert [text for text, _ in cached] == [f"{h}{n}" for h, n in pdf_entries]
    assert {anchor for _, anchor in cached} <= bookmarks
    styles = [p.style.name for p in docx.Document(str(every_output / f"{STEM}.docx")).paragraphs[:4]]
    assert "TOC Heading" in styles


def test_libreoffice_shows_the_docx_toc_with_the_same_pages(every_output: Path, tmp_path: Path) -> None:
    pdf = libreoffice(every_output / f"{STEM}.docx", "pdf", tmp_path)
    assert toc_entries(pdf) == toc_entries(every_output / f"{STEM}.pdf")
    lines = page_lines(pdf)
    # LibreOffice here has no Finnish hyphenation (Word and the PDF do), so its
    # lines run a little longer: a heading near a page end may slip one page.
    found = [(heading_page(lines, h, after=2 if p > 1 else 1), p, h) for h, p in toc_entries(pdf)]
    assert all(page <= shown <= page + 1 for shown, page, _ in found), found
    assert sum(shown == page for shown, page, _ in found) >= len(found) - 1, found


def test_the_web_page_has_the_same_contents_as_a_linked_nav(every_output: Path) -> None:
    html = (every_output / f"{STEM}.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="contents" aria-labelledby="sisallys">(.*?)</nav>', html, re.S)
    assert nav and '<h2 id="sisallys">Sisällys</h2>' in nav.group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(1))
    assert [text for _, text in links] == [h for h, _ in toc_entries(every_output / f"{STEM}.pdf")]
    for anchor, _ in links:
        assert f'id="{anchor}"' in html


def test_a_document_of_three_pages_has_no_contents(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli(
        "extract", str(REPO), "--meeting", "kh-2022-06-07", "--format", "html,docx,pdf", "--out", str(tmp_path)
    )
    assert result.code == 0, result.err
    stem = f"{STEM}-kh-2022-06-07-s139-poytakirjanote"
    assert len(pages(tmp_path / f"{stem}.pdf")) == 3
    assert "Sisällys" not in "".join(pages(tmp_path / f"{stem}.pdf"))
    assert 'class="contents"' not in (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    assert b"TOC \\o" not in members((tmp_path / f"{stem}.docx").read_bytes())["word/document.xml"]


def test_an_html_only_build_decides_the_same(cli: Callable[..., Result], tmp_path: Path, every_output: Path) -> None:
    result = cli("build", str(REPO), "--format", "html", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert (tmp_path / f"{STEM}.html").read_bytes() == (every_output / f"{STEM}.html").read_bytes()
