"""The identification block on the SFS 2487 grid, measured in every format.

The theme (``templates/theme.yaml``, ``grid:``) names the edition and the
columns; the PDF (``pdftotext -bbox``), the DOCX (its tab stops, and where
LibreOffice draws the header) and the web page (Chromium's layout) must put
the document type at C4 and the page number at C7, within 1 mm.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from helpers import REPO, STEM, tool
from someohje.content.theme import Theme, load_theme
from test_docx import NS, libreoffice, members, w

PT_PER_MM = 72 / 25.4
TOLERANCE_MM = 1.0
LIITE = f"{STEM}-kvalt-2022-06-14-s37-liite-1"


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme(REPO / "templates" / "theme.yaml")


def test_the_theme_states_the_edition_and_the_columns(theme: Theme) -> None:
    assert theme.edition == "SFS 2487:2024"
    assert (theme.tab, theme.ident_column, theme.page_column) == (23, 4, 7)
    assert (theme.ident_at, theme.page_at) == (92, 161)


def words_on_first_line(pdf: Path, page: int = 1) -> list[tuple[str, float]]:
    """``(word, x in mm)`` on the page's topmost text line."""
    xml = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (unescape(m[4]), float(m[0]) / PT_PER_MM, float(m[3]))
        for m in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)
    ]
    bottom = min(y for *_, y in words)
    return [(text, x) for text, x, y in words if abs(y - bottom) < 3]


def assert_on_grid(line: list[tuple[str, float]], theme: Theme) -> None:
    """Organisation at C0, the first word after it (the document type) at C4,
    the page number at C7."""
    org = ["Rautalammin", "kunta"]
    assert [text for text, _ in line[:2]] == org, line
    assert abs(line[0][1] - theme.margin_left) <= TOLERANCE_MM, line
    assert abs(line[2][1] - (theme.margin_left + theme.ident_at)) <= TOLERANCE_MM, line
    number = next(x for text, x in line if re.fullmatch(r"\d+", text))
    assert abs(number - (theme.margin_left + theme.page_at)) <= TOLERANCE_MM, line


def test_pdf_puts_type_and_page_number_on_the_grid_on_every_page(every_output: Path, theme: Theme) -> None:
    for pdf in sorted(every_output.glob("*.pdf")):
        assert_on_grid(words_on_first_line(pdf), theme)
        assert_on_grid(words_on_first_line(pdf, 2), theme)


def test_docx_header_has_the_grid_as_tab_stops(every_output: Path, theme: Theme) -> None:
    header = next(
        etree.fromstring(v)
        for k, v in members((every_output / f"{LIITE}.docx").read_bytes()).items()
        if k.startswith("word/header")
    )
    paragraphs = header.findall("w:p", NS)
    assert header.find(".//w:tbl", NS) is None  # the grid is tab stops, not a layout table
    twips = [round(mm * 1440 / 25.4) for mm in (theme.ident_at, theme.page_at)]
    for p in paragraphs:
        stops = [int(t.get(w("pos"))) for t in p.findall("w:pPr/w:tabs/w:tab", NS)]
        assert stops == twips
    texts = ["".join(t.text or "-" for t in p.iter(w("t"), w("noBreakHyphen"))) for p in paragraphs]
    assert texts[1:] == ["7.6.2022", "RauDno-2020-792", "Liite 1", "Kvalt 14.6.2022 §\u00a037", "EHDOTUS"]


def test_libreoffice_draws_the_docx_header_on_the_same_grid(every_output: Path, theme: Theme, tmp_path: Path) -> None:
    pdf = libreoffice(every_output / f"{LIITE}.docx", "pdf", tmp_path)
    assert_on_grid(words_on_first_line(pdf), theme)
    assert_on_grid(words_on_first_line(pdf, 3), theme)


def test_the_web_page_puts_the_block_on_the_same_grid(every_output: Path, theme: Theme, browser: Any) -> None:
    browser.set_window_size(1280, 900)
    browser.get((every_output / f"{LIITE}.html").as_uri())
    org, doc_type, number = (
        browser.execute_script("return document.querySelector(arguments[0]).getBoundingClientRect().left;", css)
        for css in (".page-header .org", ".ident-type dd", ".page-number")
    )
    mm = 25.4 / 96  # CSS pixels
    assert abs((doc_type - org) * mm - theme.ident_at) <= TOLERANCE_MM
    assert abs((number - org) * mm - theme.page_at) <= TOLERANCE_MM


def test_on_a_narrow_screen_the_block_stacks_and_nothing_scrolls_sideways(every_output: Path, browser: Any) -> None:
    browser.set_window_size(360, 800)  # WCAG 2.1 reflow: 320 CSS px of content
    try:
        for page in sorted(every_output.glob("*.html")):
            browser.get(page.as_uri())
            scroll, inner = browser.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
            )
            assert scroll <= inner, page.name
    finally:
        browser.set_window_size(1280, 900)


def test_with_wide_margins_the_page_number_runs_into_the_margin_in_the_docx_as_in_the_pdf(
    project: Path, tmp_path: Path
) -> None:
    """Margins of 26 + 18 mm leave the page number at C7 5 mm: the PDF lets
    "1 (12)" run on into the margin, and LibreOffice must not wrap it."""
    from helpers import run_cli

    theme_file = project / "templates" / "theme.yaml"
    text = theme_file.read_text(encoding="utf-8")
    theme_file.write_text(
        text.replace("margin_left: 20", "margin_left: 26").replace("margin_right: 15", "margin_right: 18")
    )
    wide = load_theme(theme_file)
    assert wide.page_number_overhang == 7.0  # 12 mm wanted, 210 - 26 - 18 - 161 = 5 mm left
    result = run_cli("build", str(project), "--format", "docx,pdf")
    assert result.code == 0, result.err
    for pdf in (project / "build" / f"{STEM}.pdf", libreoffice(project / "build" / f"{STEM}.docx", "pdf", tmp_path)):
        line = words_on_first_line(pdf)
        assert re.fullmatch(r"1 \(\d+\)", " ".join(t for t, _ in line[-2:])), (pdf.name, line)  # on one line
        number = next(x for t, x in line if t == "1")
        assert abs(number - (wide.margin_left + wide.page_at)) <= TOLERANCE_MM, line
