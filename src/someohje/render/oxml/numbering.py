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
    """A ``w:abstractNum`` list definition with one ``w:lvl`` per level; each
    level restarts after any higher level."""
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
    """Add a ``w:num`` using definition ``abstract_id`` to the ``w:numbering``
    element and return its id. With ``start``, ``level`` starts (again) at
    that number (``w:startOverride``): each numbered list begins anew."""
    num = numbering.add_num(abstract_id)
    if start is not None:
        num.add_lvlOverride(level).add_startOverride(start)
    return int(num.numId)


def set_numbering(paragraph: Element, num_id: int, level: int) -> None:
    """Make ``w:p`` ``paragraph`` an item of list ``num_id`` at ``level``
    (``w:numPr``, placed right after ``w:pStyle`` as the schema orders it)."""
    num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def numbering_xml(definitions: Iterable[etree._Element]) -> bytes:
    """The ``word/numbering.xml`` part holding the ``w:abstractNum``
    definitions; list instances (``w:num``) are added while rendering."""
    root = etree.Element(qn("w:numbering"), nsmap={"w": W_NS})
    for node in definitions:
        root.append(node)
    return serialise(root)
