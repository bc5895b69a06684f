"""Raw OOXML helpers: what the DOCX renderer needs below python-docx.

python-docx covers paragraphs, runs, tables, sections and core properties.
Everything else the municipal layout needs lives here, as small functions
over WordprocessingML elements: page fields, language, tracked changes
(``w:ins``/``w:del``), hyperlinks, repeating table header rows, list
numbering, style definitions, the starting package and the reproducible
zip. Lengths are given in the units Word stores (twips, half-points, eighths
of a point); :func:`twips` and friends convert from millimetres and points.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
OD_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: the fixed timestamp of every zip member (the earliest a zip can store)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

Element = Any  #: an lxml element (python-docx's custom classes or plain)


# --- units ---------------------------------------------------------------------


def twips(mm: float) -> int:
    """Millimetres to twentieths of a point (``w:ind``, ``w:pgMar``, widths)."""
    return round(mm * 1440 / 25.4)


def pt_twips(points: float) -> int:
    """Points to twentieths of a point (``w:spacing`` before/after)."""
    return round(points * 20)


def half_points(points: float) -> int:
    """Points to half-points (``w:sz``)."""
    return round(points * 2)


def eighths(points: float) -> int:
    """Points to eighths of a point (border widths)."""
    return round(points * 8)


def hex_colour(colour: str) -> str:
    """``#004f8c`` -> ``004F8C``, the form ``w:color`` takes."""
    return colour.lstrip("#").upper()


# --- elements ------------------------------------------------------------------


def el(tag: str, attrs: Mapping[str, str | int] | None = None, *children: Element) -> Element:
    """A new element ``tag`` (``"w:p"``) with prefixed attributes and children.

    Attribute names carry their prefix (``{"w:val": "fi-FI"}``); values may be
    ints. The element is of python-docx's custom class for its tag, so it can
    be placed in a python-docx document and used through its proxies.
    """
    node = OxmlElement(tag, {qn(k): str(v) for k, v in (attrs or {}).items()})
    for child in children:
        node.append(child)
    return node


def child(parent: Element, tag: str, attrs: Mapping[str, str | int] | None = None) -> Element:
    """Append a new element ``tag`` to ``parent`` and return it."""
    node = el(tag, attrs)
    parent.append(node)
    return node


def set_language(rpr: Element, language: str) -> Element:
    """Set ``w:lang`` of run properties ``rpr`` to ``language`` (``fi-FI``) for
    Latin, East Asian and complex scripts; replaces an existing ``w:lang``.
    Returns the ``w:lang`` element."""
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = el("w:lang", {"w:val": language, "w:eastAsia": language, "w:bidi": language})
    rpr.append(lang)
    return lang


# --- runs, fields, tracked changes, hyperlinks ---------------------------------


@dataclass(frozen=True)
class RunFormat:
    """Direct formatting of a run; ``style`` is a character style id."""

    bold: bool = False
    italic: bool = False
    style: str = ""
    size: float = 0.0  #: points; 0 = from the style
    colour: str = ""  #: ``#rrggbb``; "" = from the style
    spacing: float = 0.0  #: letter spacing in points


PLAIN = RunFormat()  #: no direct formatting


def run_properties(fmt: RunFormat) -> Element | None:
    """``w:rPr`` for ``fmt`` in schema order, or None when ``fmt`` is plain."""
    if fmt == PLAIN:
        return None
    rpr = el("w:rPr")
    if fmt.style:
        child(rpr, "w:rStyle", {"w:val": fmt.style})
    if fmt.bold:
        child(rpr, "w:b")
        child(rpr, "w:bCs")
    if fmt.italic:
        child(rpr, "w:i")
        child(rpr, "w:iCs")
    if fmt.colour:
        child(rpr, "w:color", {"w:val": hex_colour(fmt.colour)})
    if fmt.spacing:
        child(rpr, "w:spacing", {"w:val": pt_twips(fmt.spacing)})
    if fmt.size:
        child(rpr, "w:sz", {"w:val": half_points(fmt.size)})
        child(rpr, "w:szCs", {"w:val": half_points(fmt.size)})
    return rpr


def run(text: str, fmt: RunFormat | None = None, *, deleted: bool = False) -> Element:
    """A ``w:r`` holding ``text`` with formatting ``fmt``.

    Tabs become ``w:tab`` and newlines ``w:br``; spaces are preserved. With
    ``deleted`` the text goes into ``w:delText``, as a tracked deletion needs.
    """
    r = el("w:r")
    rpr = run_properties(fmt or PLAIN)
    if rpr is not None:
        r.append(rpr)
    text_tag = "w:delText" if deleted else "w:t"
    for i, line in enumerate(text.split("\n")):
        if i:
            child(r, "w:br")
        for j, piece in enumerate(line.split("\t")):
            if j:
                child(r, "w:tab")
            if piece:
                t = child(r, text_tag)
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def add_field(paragraph: Element, instruction: str, placeholder: str = "1", fmt: RunFormat | None = None) -> None:
    """Append a complex field (``w:fldChar`` begin/separate/end around
    ``w:instrText``) to the ``w:p`` ``paragraph``, e.g. ``"PAGE"`` or
    ``"NUMPAGES"``.

    ``placeholder`` is the cached result shown until the application updates
    the field (Word and LibreOffice update page fields when they lay out).
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


@dataclass(frozen=True)
class Revision:
    """Who made tracked changes and when: ``w:author`` and ``w:date``."""

    author: str
    date: dt.date | None  #: None leaves ``w:date`` out (it is optional)

    @property
    def timestamp(self) -> str:
        """The date at midnight UTC, as ``w:date`` takes it."""
        return f"{self.date.isoformat()}T00:00:00Z" if self.date else ""


def tracked(kind: Literal["ins", "del"], revision: Revision, rev_id: int) -> Element:
    """An empty ``w:ins`` or ``w:del`` wrapper for runs, with ``w:id``,
    ``w:author`` and ``w:date``. Runs inside a ``w:del`` must hold
    ``w:delText`` (see :func:`run`)."""
    attrs: dict[str, str | int] = {"w:id": rev_id, "w:author": revision.author}
    if revision.date is not None:
        attrs["w:date"] = revision.timestamp
    return el(f"w:{kind}", attrs)


def mark_paragraph(paragraph: Element, kind: Literal["ins", "del"], revision: Revision, rev_id: int) -> None:
    """Mark the paragraph mark of ``w:p`` ``paragraph`` as inserted or deleted
    (``w:pPr/w:rPr/w:ins``), so a whole inserted paragraph is accepted or
    rejected as one, paragraph break included."""
    ppr = paragraph.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, tracked(kind, revision, rev_id))


def mark_row(row: Element, kind: Literal["ins", "del"], revision: Revision, rev_id: int) -> None:
    """Mark table row ``w:tr`` as wholly inserted or deleted (``w:trPr/w:ins``)."""
    row.get_or_add_trPr().append(tracked(kind, revision, rev_id))


def tab() -> Element:
    """A run holding one tab character (``w:tab``)."""
    return el("w:r", {}, el("w:tab"))


def set_tabs(paragraph: Element, positions_mm: Sequence[float], *, align: str = "left", leader: str = "") -> None:
    """Tab stops at ``positions_mm`` (from the left margin) on the ``w:p``
    ``paragraph``: ``align`` left or right, ``leader`` e.g. ``"dot"``."""
    extra = {"w:leader": leader} if leader else {}
    tabs = el("w:tabs", {}, *(el("w:tab", {"w:val": align, **extra, "w:pos": twips(mm)}) for mm in positions_mm))
    ppr = paragraph.get_or_add_pPr()
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(tabs)
    else:
        ppr.insert(0, tabs)


def field_start(paragraph: Element, instruction: str) -> None:
    """Open a complex field on ``paragraph``: ``begin``, the instruction and
    ``separate``; the cached result follows, :func:`field_end` closes it
    (possibly paragraphs later, as a TOC field spans its entries)."""
    paragraph.append(el("w:r", {}, el("w:fldChar", {"w:fldCharType": "begin"})))
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    paragraph.append(el("w:r", {}, instr))
    paragraph.append(el("w:r", {}, el("w:fldChar", {"w:fldCharType": "separate"})))


def field_end(paragraph: Element) -> None:
    """Close the field :func:`field_start` opened."""
    paragraph.append(el("w:r", {}, el("w:fldChar", {"w:fldCharType": "end"})))


def bookmark(paragraph: Element, name: str, bookmark_id: int) -> None:
    """Wrap the content of ``paragraph`` in the bookmark ``name``."""
    ppr = paragraph.find(qn("w:pPr"))
    start = el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": name})
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(el("w:bookmarkEnd", {"w:id": bookmark_id}))


def internal_link(bookmark_name: str) -> Element:
    """An empty ``w:hyperlink`` to the bookmark ``bookmark_name`` in the document."""
    return el("w:hyperlink", {"w:anchor": bookmark_name, "w:history": 1})


def hyperlink(r_id: str) -> Element:
    """An empty ``w:hyperlink`` to the external relationship ``r_id``; append
    runs (styled ``Hyperlink``) to it."""
    return el("w:hyperlink", {"r:id": r_id, "w:history": 1})


# --- paragraphs, tables ----------------------------------------------------------


def set_numbering(paragraph: Element, num_id: int, level: int) -> None:
    """Make ``w:p`` ``paragraph`` an item of list ``num_id`` at ``level``
    (``w:numPr``, placed right after ``w:pStyle`` as the schema orders it)."""
    num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def set_spacing(paragraph: Element, *, before: float | None = None, after: float | None = None) -> None:
    """Override a paragraph's space before/after, in points."""
    spacing = paragraph.get_or_add_pPr().get_or_add_spacing()
    if before is not None:
        spacing.set(qn("w:before"), str(pt_twips(before)))
    if after is not None:
        spacing.set(qn("w:after"), str(pt_twips(after)))


def repeat_header_row(row: Element) -> None:
    """Mark ``w:tr`` ``row`` as a header row repeated at the top of every page
    the table spans (``w:trPr/w:tblHeader``), and keep it from splitting."""
    trpr = row.get_or_add_trPr()
    trpr.append(el("w:cantSplit"))
    trpr.append(el("w:tblHeader"))


def zero_cell_margins(table: Element) -> None:
    """No inner cell margins left and right in ``w:tbl`` ``table``, so its
    text lines up with the page margins (the header's layout table)."""
    mar = el("w:tblCellMar", {}, el("w:left", {"w:w": 0, "w:type": "dxa"}), el("w:right", {"w:w": 0, "w:type": "dxa"}))
    look = table.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(mar)
    else:
        table.tblPr.append(mar)


def collapse_paragraph(paragraph: Element) -> None:
    """Make the empty ``w:p`` ``paragraph`` take (almost) no height: no
    space around it, an exact 1 pt line and a 1 pt paragraph mark (a header
    must end with a paragraph, but it need not push the body down)."""
    ppr = paragraph.get_or_add_pPr()
    spacing = ppr.get_or_add_spacing()
    for name, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(qn(f"w:{name}"), value)
    ppr.append(el("w:rPr", {}, el("w:sz", {"w:val": 2}), el("w:szCs", {"w:val": 2})))


def keep_row_together(row: Element) -> None:
    """Keep ``w:tr`` ``row`` from breaking across pages (``w:cantSplit``)."""
    row.get_or_add_trPr().append(el("w:cantSplit"))


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


def shade_cell(cell: Element, colour: str) -> None:
    """Fill table cell ``w:tc`` with ``colour`` (``#rrggbb``)."""
    cell.get_or_add_tcPr().append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": hex_colour(colour)}))


def fixed_table(table: Element, widths: Sequence[int]) -> None:
    """Give ``w:tbl`` fixed layout and column ``widths`` (twips), on the grid
    (read by LibreOffice) and on every cell (read by Word)."""
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


# --- numbering ---------------------------------------------------------------------


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


# --- styles ------------------------------------------------------------------------


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
    """The ``word/styles.xml`` part: document defaults (the run and paragraph
    properties of ``defaults``) and the given styles."""
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
    return _serialise(root)


# --- package parts -------------------------------------------------------------------


def _serialise(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def numbering_xml(definitions: Iterable[etree._Element]) -> bytes:
    """The ``word/numbering.xml`` part holding the ``w:abstractNum``
    definitions; list instances (``w:num``) are added while rendering."""
    root = etree.Element(qn("w:numbering"), nsmap={"w": W_NS})
    for node in definitions:
        root.append(node)
    return _serialise(root)


def settings_xml(language: str, default_tab: float, *, hyphenate: bool = True) -> bytes:
    """The ``word/settings.xml`` part: default tab stop (mm), automatic
    hyphenation, proofing language, Word 2013+ layout mode."""
    root = etree.Element(qn("w:settings"), nsmap={"w": W_NS})
    # children in the schema's order (Word refuses a settings part out of order)
    etree.SubElement(root, qn("w:defaultTabStop"), {qn("w:val"): str(twips(default_tab))})
    if hyphenate:
        etree.SubElement(root, qn("w:autoHyphenation"))
    etree.SubElement(root, qn("w:characterSpacingControl"), {qn("w:val"): "doNotCompress"})
    compat = etree.SubElement(root, qn("w:compat"))
    etree.SubElement(
        compat,
        qn("w:compatSetting"),
        {
            qn("w:name"): "compatibilityMode",
            qn("w:uri"): "http://schemas.microsoft.com/office/word",
            qn("w:val"): "15",
        },
    )
    etree.SubElement(root, qn("w:themeFontLang"), {qn("w:val"): language})
    return _serialise(root)


def font_table_xml(family: str) -> bytes:
    """The ``word/fontTable.xml`` part naming ``family`` as a proportional
    sans-serif, so an application without it substitutes a like one."""
    root = etree.Element(qn("w:fonts"), nsmap={"w": W_NS})
    font = etree.SubElement(root, qn("w:font"), {qn("w:name"): family})
    etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss"})
    etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    return _serialise(root)


def document_xml(page: tuple[float, float], margins: Mapping[str, float]) -> bytes:
    """The ``word/document.xml`` part: an empty body whose section has page
    size ``page`` (width, height mm) and ``margins`` (mm: top, right, bottom,
    left, header, footer)."""
    root = etree.Element(qn("w:document"), nsmap={"w": W_NS, "r": R_NS})
    body = etree.SubElement(root, qn("w:body"))
    sect = etree.SubElement(body, qn("w:sectPr"))
    etree.SubElement(sect, qn("w:pgSz"), {qn("w:w"): str(twips(page[0])), qn("w:h"): str(twips(page[1]))})
    mar = {qn(f"w:{k}"): str(twips(margins[k])) for k in ("top", "right", "bottom", "left", "header", "footer")}
    etree.SubElement(sect, qn("w:pgMar"), {**mar, qn("w:gutter"): "0"})
    etree.SubElement(sect, qn("w:cols"), {qn("w:space"): "708"})
    return _serialise(root)


def app_xml(company: str) -> bytes:
    """The ``docProps/app.xml`` part (extended properties): the producing
    application and the organisation; no statistics that would go stale."""
    root = etree.Element(f"{{{EP_NS}}}Properties", nsmap={None: EP_NS})
    for name, value in (
        ("Application", "someohje"),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{EP_NS}}}{name}").text = value
    return _serialise(root)


def core_xml() -> bytes:
    """An empty ``docProps/core.xml`` part, filled in through python-docx's
    ``core_properties`` (see :func:`set_core_properties`)."""
    root = etree.Element(
        f"{{{CP_NS}}}coreProperties",
        nsmap={
            "cp": CP_NS,
            "dc": "http://purl.org/dc/elements/1.1/",
            "dcterms": "http://purl.org/dc/terms/",
            "xsi": "http://www.w3.org/2001/XMLSchema-instance",
        },
    )
    return _serialise(root)


_CONTENT_TYPES = {
    "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "/word/fontTable.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}


def _relationships(rels: Sequence[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    for n, (kind, target) in enumerate(rels, 1):
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", {"Id": f"rId{n}", "Type": kind, "Target": target})
    return _serialise(root)


def skeleton(*, document: bytes, styles: bytes, numbering: bytes, settings: bytes, fonts: bytes, app: bytes) -> bytes:
    """A minimal, complete DOCX package (zip bytes) built from the given parts
    and an empty core-properties part, for python-docx to open and fill.

    Nothing comes from python-docx's default template: no sample styles,
    theme, thumbnail, custom XML or default core properties.
    """
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for ext, ctype in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(types, f"{{{CT_NS}}}Default", {"Extension": ext, "ContentType": ctype})
    for part, ctype in _CONTENT_TYPES.items():
        etree.SubElement(types, f"{{{CT_NS}}}Override", {"PartName": part, "ContentType": ctype})
    package_rels = _relationships(
        [
            (f"{OD_REL}/officeDocument", "word/document.xml"),
            (
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            (f"{OD_REL}/extended-properties", "docProps/app.xml"),
        ]
    )
    document_rels = _relationships(
        [
            (f"{OD_REL}/styles", "styles.xml"),
            (f"{OD_REL}/numbering", "numbering.xml"),
            (f"{OD_REL}/settings", "settings.xml"),
            (f"{OD_REL}/fontTable", "fontTable.xml"),
        ]
    )
    members = {
        "[Content_Types].xml": _serialise(types),
        "_rels/.rels": package_rels,
        "docProps/core.xml": core_xml(),
        "docProps/app.xml": app,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": document_rels,
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
        "word/settings.xml": settings,
        "word/fontTable.xml": fonts,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- core properties, reproducible zip ----------------------------------------------


@dataclass(frozen=True)
class CoreProperties:
    """The values of ``docProps/core.xml``."""

    title: str
    subject: str
    keywords: Sequence[str]
    author: str
    language: str
    identifier: str
    date: dt.date | None  #: None: no created/modified (no date of the document is known)
    category: str = ""
    description: str = ""  #: ``dc:description`` (Word: Comments)


#: the longest text a DOCX core property holds (python-docx and Word's limit)
CORE_TEXT_LIMIT = 255


def core_text(text: str) -> str:
    """``text`` cut to :data:`CORE_TEXT_LIMIT` characters, the last one an
    ellipsis when cut: a long title stays whole in the document itself."""
    return text if len(text) <= CORE_TEXT_LIMIT else text[: CORE_TEXT_LIMIT - 1] + "…"


def set_core_properties(core: Any, props: CoreProperties) -> None:
    """Fill python-docx's ``CoreProperties`` proxy ``core`` from ``props``:
    author and last editor are the organisation, created and modified the
    document's own date at midnight UTC (never the wall clock), revision 1.
    Each text is cut to Word's 255 characters (:func:`core_text`); the
    description (the provenance note) is written whole, as core.xml allows."""
    core.title = core_text(props.title)
    core.subject = core_text(props.subject)
    core.keywords = core_text("; ".join(props.keywords))
    core.author = core_text(props.author)
    core.last_modified_by = core_text(props.author)
    core.language = core_text(props.language)
    core.identifier = core_text(props.identifier)
    core.category = core_text(props.category)
    if props.description:  # python-docx caps its setters at 255 characters; core.xml itself does not
        core._element.get_or_add_description().text = props.description
    if props.date is not None:
        midnight = dt.datetime(props.date.year, props.date.month, props.date.day)
        core.created = midnight
        core.modified = midnight
    core.revision = 1


def reproducible_zip(data: bytes, *, level: int = 6) -> bytes:
    """Rewrite the zip ``data`` so that equal content gives equal bytes:
    ``[Content_Types].xml`` first, then every member sorted by name, each
    stamped 1980-01-01 00:00, deflated at a fixed ``level``, with fixed
    attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    first = "[Content_Types].xml"
    order = sorted(members, key=lambda name: (name != first, name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, members[name], compresslevel=level)
    return buffer.getvalue()
