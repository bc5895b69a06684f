"""Style definitions (``w:style``) and the ``word/styles.xml`` part.

A :class:`StyleSpec` describes a paragraph, character or table style with
the theme's lengths (millimetres, points); :func:`style_element` writes it
with its paragraph, run and table properties in schema order, and
:func:`styles_xml` the whole part with the document defaults.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from .element import serialise
from .ns import W_NS
from .run import set_language
from .units import eighths, half_points, hex_colour, pt_twips, twips


@dataclass(frozen=True)
class Border:
    """One paragraph border side: width in points, gap to the text in points."""

    width: float
    colour: str
    space: float = 0.0


@dataclass(frozen=True)
class StyleSpec:
    """A style definition (``w:style``); unset values inherit from ``based_on``.

    Lengths are millimetres, sizes and spacing points. ``name`` is what Word
    shows; built-in styles use Word's own names (``heading 1``, ``Title``) so
    Word, LibreOffice and pandoc recognise them.
    """

    style_id: str
    name: str
    kind: Literal["paragraph", "character", "table"] = "paragraph"
    based_on: str = ""
    next: str = ""
    default: bool = False
    ui_priority: int | None = None
    primary: bool = False  #: shown in Word's style gallery
    # paragraph properties
    keep_next: bool = False
    keep_lines: bool = False
    widow_control: bool = False  #: no single first or last line of a paragraph on a page
    no_hyphens: bool = False  #: never hyphenate automatically (headings)
    outline_level: int | None = None
    borders: Mapping[str, Border] = field(default_factory=dict)  #: top/left/bottom/right
    tab_stops: Sequence[tuple[str, float]] = ()  #: (alignment, mm)
    before: float | None = None
    after: float | None = None
    line: float | None = None  #: line height in points (at least; taller content may grow it)
    indent_left: float | None = None
    indent_right: float | None = None
    align: str = ""  #: left, center, right, both
    # run properties
    font: str = ""
    bold: bool | None = None
    italic: bool | None = None
    underline: bool = False
    superscript: bool = False
    colour: str = ""
    size: float | None = None
    letter_spacing: float | None = None
    language: str = ""
    # table properties
    table_borders: Border | None = None
    cell_margins: tuple[float, float] | None = None  #: (vertical, horizontal) mm
    header_fill: str = ""  #: the first row's shading
    header_bold: bool = False


def _paragraph_properties(spec: StyleSpec) -> etree._Element | None:
    ppr = etree.Element(qn("w:pPr"))
    if spec.keep_next:
        etree.SubElement(ppr, qn("w:keepNext"))
    if spec.keep_lines:
        etree.SubElement(ppr, qn("w:keepLines"))
    if spec.widow_control:
        etree.SubElement(ppr, qn("w:widowControl"))
    if spec.borders:
        bdr = etree.SubElement(ppr, qn("w:pBdr"))
        for side in ("top", "left", "bottom", "right"):
            if side in spec.borders:
                b = spec.borders[side]
                etree.SubElement(
                    bdr,
                    qn(f"w:{side}"),
                    {
                        qn("w:val"): "single",
                        qn("w:sz"): str(eighths(b.width)),
                        qn("w:space"): str(round(b.space)),
                        qn("w:color"): hex_colour(b.colour),
                    },
                )
    if spec.tab_stops:
        tabs = etree.SubElement(ppr, qn("w:tabs"))
        for align, pos in spec.tab_stops:
            etree.SubElement(tabs, qn("w:tab"), {qn("w:val"): align, qn("w:pos"): str(twips(pos))})
    if spec.no_hyphens:
        etree.SubElement(ppr, qn("w:suppressAutoHyphens"))
    spacing: dict[str, str] = {}
    if spec.before is not None:
        spacing[qn("w:before")] = str(pt_twips(spec.before))
    if spec.after is not None:
        spacing[qn("w:after")] = str(pt_twips(spec.after))
    if spec.line is not None:
        spacing[qn("w:line")] = str(pt_twips(spec.line))
        spacing[qn("w:lineRule")] = "atLeast"
    if spacing:
        etree.SubElement(ppr, qn("w:spacing"), spacing)
    ind: dict[str, str] = {}
    if spec.indent_left is not None:
        ind[qn("w:left")] = str(twips(spec.indent_left))
    if spec.indent_right is not None:
        ind[qn("w:right")] = str(twips(spec.indent_right))
    if ind:
        etree.SubElement(ppr, qn("w:ind"), ind)
    if spec.align:
        etree.SubElement(ppr, qn("w:jc"), {qn("w:val"): spec.align})
    if spec.outline_level is not None:
        etree.SubElement(ppr, qn("w:outlineLvl"), {qn("w:val"): str(spec.outline_level)})
    return ppr if len(ppr) else None


def _run_properties(spec: StyleSpec) -> etree._Element | None:
    rpr = etree.Element(qn("w:rPr"))
    if spec.font:
        etree.SubElement(
            rpr, qn("w:rFonts"), {qn(f"w:{slot}"): spec.font for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
        )
    for flag, tags in ((spec.bold, ("w:b", "w:bCs")), (spec.italic, ("w:i", "w:iCs"))):
        if flag is not None:
            for tag in tags:
                etree.SubElement(rpr, qn(tag), {} if flag else {qn("w:val"): "0"})
    if spec.colour:
        etree.SubElement(rpr, qn("w:color"), {qn("w:val"): hex_colour(spec.colour)})
    if spec.letter_spacing is not None:
        etree.SubElement(rpr, qn("w:spacing"), {qn("w:val"): str(pt_twips(spec.letter_spacing))})
    if spec.size is not None:
        etree.SubElement(rpr, qn("w:sz"), {qn("w:val"): str(half_points(spec.size))})
        etree.SubElement(rpr, qn("w:szCs"), {qn("w:val"): str(half_points(spec.size))})
    if spec.underline:
        etree.SubElement(rpr, qn("w:u"), {qn("w:val"): "single"})
    if spec.superscript:
        etree.SubElement(rpr, qn("w:vertAlign"), {qn("w:val"): "superscript"})
    if spec.language:
        set_language(rpr, spec.language)
    return rpr if len(rpr) else None


def _table_properties(spec: StyleSpec) -> etree._Element | None:
    if spec.table_borders is None and spec.cell_margins is None:
        return None
    tblpr = etree.Element(qn("w:tblPr"))
    if spec.table_borders is not None:
        b = spec.table_borders
        borders = etree.SubElement(tblpr, qn("w:tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            etree.SubElement(
                borders,
                qn(f"w:{side}"),
                {
                    qn("w:val"): "single",
                    qn("w:sz"): str(eighths(b.width)),
                    qn("w:space"): "0",
                    qn("w:color"): hex_colour(b.colour),
                },
            )
    if spec.cell_margins is not None:
        vertical, horizontal = (str(twips(v)) for v in spec.cell_margins)
        mar = etree.SubElement(tblpr, qn("w:tblCellMar"))
        for side, value in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
            etree.SubElement(mar, qn(f"w:{side}"), {qn("w:w"): value, qn("w:type"): "dxa"})
    return tblpr


def style_element(spec: StyleSpec) -> etree._Element:
    """The ``w:style`` element for ``spec``, children in schema order."""
    attrs = {qn("w:type"): spec.kind, qn("w:styleId"): spec.style_id}
    if spec.default:
        attrs[qn("w:default")] = "1"
    node = etree.Element(qn("w:style"), attrs)
    etree.SubElement(node, qn("w:name"), {qn("w:val"): spec.name})
    if spec.based_on:
        etree.SubElement(node, qn("w:basedOn"), {qn("w:val"): spec.based_on})
    if spec.next:
        etree.SubElement(node, qn("w:next"), {qn("w:val"): spec.next})
    if spec.ui_priority is not None:
        etree.SubElement(node, qn("w:uiPriority"), {qn("w:val"): str(spec.ui_priority)})
    if spec.primary:
        etree.SubElement(node, qn("w:qFormat"))
    for part in (_paragraph_properties(spec), _run_properties(spec), _table_properties(spec)):
        if part is not None:
            node.append(part)
    if spec.header_fill or spec.header_bold:
        cond = etree.SubElement(node, qn("w:tblStylePr"), {qn("w:type"): "firstRow"})
        if spec.header_bold:
            rpr = etree.SubElement(cond, qn("w:rPr"))
            etree.SubElement(rpr, qn("w:b"))
            etree.SubElement(rpr, qn("w:bCs"))
        if spec.header_fill:
            tcpr = etree.SubElement(cond, qn("w:tcPr"))
            etree.SubElement(
                tcpr,
                qn("w:shd"),
                {
                    qn("w:val"): "clear",
                    qn("w:color"): "auto",
                    qn("w:fill"): hex_colour(spec.header_fill),
                },
            )
    return node


def styles_xml(defaults: StyleSpec, styles: Iterable[StyleSpec]) -> bytes:
    """The ``word/styles.xml`` part: the document defaults and ``styles``.

    The run and paragraph properties of ``defaults`` become ``w:docDefaults``
    (its ids, names and table properties are not used; ``w:rPrDefault`` and
    ``w:pPrDefault`` are written even when empty). Each of ``styles`` becomes a
    ``w:style`` (:func:`style_element`), in the order given.
    """
    root = etree.Element(qn("w:styles"), nsmap={"w": W_NS})
    doc_defaults = etree.SubElement(root, qn("w:docDefaults"))
    rpr = _run_properties(defaults)
    rpr_default = etree.SubElement(doc_defaults, qn("w:rPrDefault"))
    if rpr is not None:
        rpr_default.append(rpr)
    ppr = _paragraph_properties(defaults)
    ppr_default = etree.SubElement(doc_defaults, qn("w:pPrDefault"))
    if ppr is not None:
        ppr_default.append(ppr)
    for spec in styles:
        root.append(style_element(spec))
    return serialise(root)
