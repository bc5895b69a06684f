"""Identifiers never break at a line end: a diary number, a date or a
statute number is held whole in every format (DOCX non-breaking hyphens,
HTML ``white-space: nowrap``), while its text stays as typed for search."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx

from helpers import STEM

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_the_docx_writes_the_diary_numbers_hyphens_as_non_breaking(built: Path) -> None:
    path = built / f"{STEM}.docx"
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
    # RauDno‑2020‑792 as runs: text, non-breaking hyphen, text, non-breaking hyphen, text
    held = r"RauDno</w:t><w:noBreakHyphen/><w:t[^>]*>2020</w:t><w:noBreakHyphen/><w:t[^>]*>792"
    assert re.search(held, body)
    assert "RauDno-2020-792" not in body  # no plain, breakable hyphen left in it
    # and a reader still gets the number as typed
    assert any("RauDno-2020-792" in p.text for p in docx.Document(str(path)).paragraphs)


def test_the_html_keeps_identifiers_on_one_line(built: Path) -> None:
    page = (built / f"{STEM}.html").read_text(encoding="utf-8")
    assert '<span class="nobr">RauDno-2020-792</span>' in page
    assert '<span class="nobr">14.6.2022</span>' in page
    assert ".nobr { white-space: nowrap; }" in page or "nowrap" in page
