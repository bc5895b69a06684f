"""Table layout: fixed column widths, repeating header rows, shading.

python-docx makes the table and its grid; these helpers fix the layout and
widths (on the grid for LibreOffice and on each cell for Word), keep rows
from splitting, repeat the header row on every page and fill header cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn

from .element import Element, el
from .units import hex_colour


def fixed_table(table: Element, widths: Sequence[int]) -> None:
    """Give the ``w:tbl`` ``table`` fixed layout and column ``widths`` in twips.

    The table's width is their sum (``w:tblW``, made when missing, after any
    ``w:tblStyle``); the widths go on the grid (read by LibreOffice) and on
    every cell (read by Word). ``widths`` needs one width per grid column and
    per cell of every row: a row with merged or missing cells raises
    ValueError.
    """
    tblpr = table.tblPr
    tbl_w = tblpr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = el("w:tblW")
        tblpr.insert(0 if tblpr.tblStyle is None else 1, tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    tblpr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    for col, width in zip(table.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width))
    for tr in table.findall(qn("w:tr")):
        for tc, width in zip(tr.findall(qn("w:tc")), widths, strict=True):
            tc.width = width * 635  # twips -> EMU; python-docx writes w:tcW in dxa


def repeat_header_row(row: Element) -> None:
    """Make the ``w:tr`` ``row`` a header row, repeated atop every page the table spans.

    Appends ``w:cantSplit`` and ``w:tblHeader`` to ``w:trPr``, so the row also
    never breaks across pages. Word repeats only header rows that start the
    table, one after another.
    """
    trpr = row.get_or_add_trPr()
    trpr.append(el("w:cantSplit"))
    trpr.append(el("w:tblHeader"))


def keep_row_together(row: Element) -> None:
    """Keep ``w:tr`` ``row`` from breaking across pages (``w:cantSplit``)."""
    row.get_or_add_trPr().append(el("w:cantSplit"))


def shade_cell(cell: Element, colour: str) -> None:
    """Fill table cell ``w:tc`` with ``colour`` (``#rrggbb``)."""
    cell.get_or_add_tcPr().append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": hex_colour(colour)}))
