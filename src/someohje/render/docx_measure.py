"""What the DOCX writer (:mod:`.docx`) measures and merges before it writes:
column widths that keep each word whole, adjacent text joined into one run,
whether a heading is wholly inserted or deleted, which field name opens the
paragraph it names, and the bookmark name of a heading's anchor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ..content.theme import Theme
from ..textual import inline_text
from ..tree import Change, Inline, Paragraph, Text
from .oxml.units import pt_twips, twips

ChangeKind = Literal["", "ins", "del"]


def fit_columns(
    rows: Sequence[Sequence[Sequence[Inline]]], shares: Sequence[int], total: int, theme: Theme
) -> list[int]:
    """Column widths (twips) in proportion to ``shares``, each widened where
    needed so that its longest word, in the theme's table size and cell
    padding, fits unbroken (the PDF hyphenates such a word; a word processor
    without Finnish hyphenation would split it at any letter), taking the
    room from the widest column."""
    widths = [round(total * s / sum(shares)) for s in shares]
    padding = 2 * twips(theme.spacing.cell_padding_mm[1])
    char = pt_twips(theme.table_size * 0.56)  # a generous average letter width of a sans serif
    for col in range(len(widths)):
        words = [w for row in rows if col < len(row) for w in inline_text(row[col]).split()]
        need = max((len(w) for w in words), default=0) * char + padding
        if need > widths[col]:
            widest = max(range(len(widths)), key=lambda c: widths[c])
            grow = min(need - widths[col], widths[widest] // 2)
            if widest != col:
                widths[col] += grow
                widths[widest] -= grow
    return widths


def merge_text(items: Sequence[Inline]) -> list[Inline]:
    """``items`` with each run of adjacent :class:`Text` joined into one (one
    ``w:r`` instead of several alike)."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + item.text)
        else:
            out.append(item)
    return out


def whole_change(items: Sequence[Inline]) -> ChangeKind:
    """``"ins"`` or ``"del"`` when all of ``items`` (bar whitespace) lie in
    changes of that one kind, else ``""``."""
    kinds = {
        item.kind if isinstance(item, Change) else ""
        for item in items
        if not (isinstance(item, Text) and not item.text.strip())
    }
    if kinds == {"ins"}:
        return "ins"
    if kinds == {"del"}:
        return "del"
    return ""


def names_its_paragraph(label: Paragraph, para: Paragraph) -> bool:
    """Whether ``label`` is a field name and ``para`` the unchanged paragraph
    it names (a list, a table or a tracked change keeps its own paragraphs)."""
    return label.role == "label" and para.role != "label" and not label.change and not para.change


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for a heading's anchor (``_Toc`` names are hidden
    from the user's bookmark list; no hyphens, at most 40 characters)."""
    return f"_Toc_{anchor.replace('-', '_')}"[:40]
