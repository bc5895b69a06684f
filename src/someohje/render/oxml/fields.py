"""Complex fields: page numbers and the table of contents.

A field is a run sequence ``begin``, instruction, ``separate``, cached
result, ``end`` (``w:fldChar``/``w:instrText``). :func:`add_field` writes a
whole one inside a paragraph (``PAGE``, ``NUMPAGES``); :func:`field_start`
and :func:`field_end` open and close one that spans paragraphs, as the TOC
field spans its entries.
"""

from __future__ import annotations

from .element import Element, child, el
from .run import RunFormat, run


def add_field(paragraph: Element, instruction: str, placeholder: str = "1", fmt: RunFormat | None = None) -> None:
    """Append a complex field with ``instruction`` to the ``w:p`` ``paragraph``.

    ``instruction`` is e.g. ``"PAGE"`` or ``"NUMPAGES"``. Five runs, each with
    formatting ``fmt``: ``w:fldChar`` begin, the ``w:instrText`` (padded with a
    space each side, spaces preserved), separate, the cached result
    ``placeholder`` and end. The placeholder shows until the application
    updates the field (Word and LibreOffice update page fields as they lay
    out).
    """
    for part in ("begin", "instr", "separate", "result", "end"):
        r = run("", fmt)
        if part == "instr":
            instr = child(r, "w:instrText")
            instr.text = f" {instruction} "
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif part == "result":
            r = run(placeholder, fmt)
        else:
            child(r, "w:fldChar", {"w:fldCharType": part})
        paragraph.append(r)


def field_start(paragraph: Element, instruction: str) -> None:
    """Open a complex field with ``instruction`` at the end of ``paragraph``.

    Appends the ``begin``, instruction and ``separate`` runs, unformatted. The
    cached result follows, in this paragraph and possibly later ones (a TOC
    field spans its entries), until :func:`field_end` closes the field; nothing
    checks that it is closed.
    """
    paragraph.append(el("w:r", {}, el("w:fldChar", {"w:fldCharType": "begin"})))
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    paragraph.append(el("w:r", {}, instr))
    paragraph.append(el("w:r", {}, el("w:fldChar", {"w:fldCharType": "separate"})))


def field_end(paragraph: Element) -> None:
    """Close the field :func:`field_start` opened."""
    paragraph.append(el("w:r", {}, el("w:fldChar", {"w:fldCharType": "end"})))
