"""Paragraph properties (``w:pPr``) python-docx does not set.

Tab stops, space before and after, keeping a paragraph on the page of the
next: each placed where the schema orders it among the other ``w:pPr``
children, as Word refuses properties out of order.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn

from .element import Element, el
from .units import pt_twips, twips


def set_tabs(paragraph: Element, positions_mm: Sequence[float], *, align: str = "left", leader: str = "") -> None:
    """Set tab stops at ``positions_mm`` on the ``w:p`` ``paragraph``.

    Positions count from the left margin, not from the paragraph's indent.
    ``align`` (``left``, ``right``...) and ``leader`` (e.g. ``"dot"``; none when
    empty) apply to every stop. The ``w:tabs`` goes right after ``w:pStyle``,
    or first in ``w:pPr``; call this once per paragraph, as a second call adds
    a second ``w:tabs``.
    """
    extra = {"w:leader": leader} if leader else {}
    tabs = el("w:tabs", {}, *(el("w:tab", {"w:val": align, **extra, "w:pos": twips(mm)}) for mm in positions_mm))
    ppr = paragraph.get_or_add_pPr()
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(tabs)
    else:
        ppr.insert(0, tabs)


def set_right_indent(paragraph: Element, mm: float) -> None:
    """Indent the ``w:p`` ``paragraph`` ``mm`` from the right margin (negative:
    into the margin, which Word and LibreOffice allow)."""
    paragraph.get_or_add_pPr().get_or_add_ind().set(qn("w:right"), str(twips(mm)))


def set_spacing(paragraph: Element, *, before: float | None = None, after: float | None = None) -> None:
    """Override a paragraph's space before/after, in points."""
    spacing = paragraph.get_or_add_pPr().get_or_add_spacing()
    if before is not None:
        spacing.set(qn("w:before"), str(pt_twips(before)))
    if after is not None:
        spacing.set(qn("w:after"), str(pt_twips(after)))


def keep_with_next(paragraph: Element) -> None:
    """Keep the ``w:p`` ``paragraph`` on the same page as the next one (``w:keepNext``)."""
    ppr = paragraph.get_or_add_pPr()
    if ppr.find(qn("w:keepNext")) is None:
        ppr.insert_element_before(el("w:keepNext"), *_AFTER_KEEP_NEXT)


_AFTER_KEEP_NEXT = (
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
