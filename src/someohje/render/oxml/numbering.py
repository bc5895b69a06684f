"""List numbering: definitions, instances and list items.

``word/numbering.xml`` holds one ``w:abstractNum`` definition per kind of
list (bullets, numbers), each with its levels (:class:`ListLevel`); every
list in the text is a ``w:num`` instance of one, and each of its items a
paragraph with ``w:numPr`` naming the instance and the level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from .element import Element, serialise
from .ns import W_NS
from .units import hex_colour


@dataclass(frozen=True)
class ListLevel:
    """One level of a list definition."""

    fmt: str  #: ``bullet``, ``decimal``, ``lowerLetter``...
    text: str  #: ``•`` or ``%1.``
    left: int  #: text indent, twips
    hanging: int  #: how far the number hangs left of the text, twips
    colour: str = ""  #: the marker's colour, ``#rrggbb``


def abstract_numbering(abstract_id: int, levels: Sequence[ListLevel]) -> etree._Element:
    """A ``w:abstractNum`` list definition ``abstract_id``, one ``w:lvl`` per level.

    Every level starts at 1 and, as no ``w:lvlRestart`` says otherwise,
    restarts after any higher level. Its marker hangs ``hanging`` twips left of
    the text at ``left``, with a number tab stop at the text; a level with a
    colour gets its marker in that colour. Returns a plain lxml element, for
    :func:`numbering_xml`.
    """
    node = etree.Element(qn("w:abstractNum"), {qn("w:abstractNumId"): str(abstract_id)})
    etree.SubElement(node, qn("w:multiLevelType"), {qn("w:val"): "hybridMultilevel"})
    for ilvl, level in enumerate(levels):
        lvl = etree.SubElement(node, qn("w:lvl"), {qn("w:ilvl"): str(ilvl)})
        etree.SubElement(lvl, qn("w:start"), {qn("w:val"): "1"})
        etree.SubElement(lvl, qn("w:numFmt"), {qn("w:val"): level.fmt})
        etree.SubElement(lvl, qn("w:lvlText"), {qn("w:val"): level.text})
        etree.SubElement(lvl, qn("w:lvlJc"), {qn("w:val"): "left"})
        ppr = etree.SubElement(lvl, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:tabs")).append(
            etree.Element(qn("w:tab"), {qn("w:val"): "num", qn("w:pos"): str(level.left)})
        )
        etree.SubElement(ppr, qn("w:ind"), {qn("w:left"): str(level.left), qn("w:hanging"): str(level.hanging)})
        if level.colour:
            rpr = etree.SubElement(lvl, qn("w:rPr"))
            etree.SubElement(rpr, qn("w:color"), {qn("w:val"): hex_colour(level.colour)})
    return node


def add_list_instance(numbering: Element, abstract_id: int, level: int, start: int | None) -> int:
    """Add a ``w:num`` of definition ``abstract_id`` to ``numbering``; return its id.

    ``numbering`` is the ``w:numbering`` element of the document's numbering
    part (python-docx's class, which takes the next free id). With ``start``,
    ``level`` starts (again) at that number (``w:lvlOverride/w:startOverride``),
    so each numbered list begins anew; without it no override is written, as
    a bulleted list needs none.
    """
    num = numbering.add_num(abstract_id)
    if start is not None:
        num.add_lvlOverride(level).add_startOverride(start)
    return int(num.numId)


def set_numbering(paragraph: Element, num_id: int, level: int) -> None:
    """Make the ``w:p`` ``paragraph`` an item of list ``num_id`` at ``level``.

    ``level`` counts from 0. Writes ``w:numPr`` (``w:ilvl``, ``w:numId``)
    through python-docx, which places it where the schema orders it in
    ``w:pPr`` (after ``w:pStyle`` and the keep and widow properties); an
    existing ``w:numPr`` is reused and its values replaced.
    """
    num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def numbering_xml(definitions: Iterable[etree._Element]) -> bytes:
    """The ``word/numbering.xml`` part holding the list ``definitions``.

    ``definitions`` are ``w:abstractNum`` elements (:func:`abstract_numbering`),
    written in the order given. The part holds no ``w:num`` yet: each list adds
    its own instance while rendering (:func:`add_list_instance`).
    """
    root = etree.Element(qn("w:numbering"), nsmap={"w": W_NS})
    for node in definitions:
        root.append(node)
    return serialise(root)
