"""Read a DOCX body into document-tree blocks, noting what cannot be mapped.

python-docx opens the package (parts, relationships, core properties); the
body is walked here element by element, so that every element is either
mapped (headings, paragraphs, bold, italic, lists, tables, links, images) or
recorded as a :class:`Notice` (comments, text boxes, footnotes, fields,
page breaks, colours, tracked changes, anything unknown). Nothing is dropped
without a notice.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from ..content.placeholders import placeholder
from ..record.provenance import NOTE_PREFIX
from ..tree import Block, Heading, Image, Inline, ListBlock, ListItem, Paragraph, Strong, Table
from .inlines import Item, LinkPiece, Piece, to_inlines
from .metadata import APPROVAL
from .styles import R_ID, Element, Styles, numbering_of, on, outline_level, val

R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_IMAGE_TYPES = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "gif": "gif"}
_IGNORED = {  # no content: bookmarks, proofing marks, comment ranges, permissions, properties
    "bookmarkStart",
    "bookmarkEnd",
    "proofErr",
    "commentRangeStart",
    "commentRangeEnd",
    "permStart",
    "permEnd",
    "pPr",
    "rPr",
    "lastRenderedPageBreak",
    "softHyphen",
}
_FORMATTING = {  #: run properties that show but have no Markdown counterpart
    "color": "colour",
    "highlight": "highlight",
    "shd": "shading",
    "u": "underline",
    "strike": "strikethrough",
}
EXCERPT = 60
IMAGE_FOLDER = "kuvat"  #: images go to this folder beside the section files


def excerpt(text: str) -> str:
    """``text`` shortened for a report line, quoted the Finnish way."""
    text = " ".join(text.split())
    return f"”{text[:EXCERPT]}…”" if len(text) > EXCERPT else f"”{text}”"


def plain(el: Element) -> str:
    """All ``w:t`` text below ``el``, paragraphs separated by spaces."""
    parts = []
    for p in el.iter(qn("w:p")):
        parts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return " ".join(x for x in parts if x) or "".join(t.text or "" for t in el.iter(qn("w:t")))


@dataclass(frozen=True)
class Notice:
    """Something in the DOCX that the content does not carry as it was.

    ``block`` is the index of the body block it was at or next to (None: the
    document as a whole); ``paragraph`` the 1-based number of the DOCX body
    paragraph it was in (0: not in a paragraph)."""

    block: int | None
    paragraph: int
    message: str


@dataclass
class Body:
    """What the reader found: blocks, notices, the title paragraph, images."""

    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  #: text of Title-style paragraphs
    front: list[str] = field(default_factory=list)  #: text of paragraphs before the first heading
    images: dict[str, bytes] = field(default_factory=dict)  #: path beside the section files -> bytes


@dataclass
class _ListEntry:
    level: int
    ordered: bool
    start: int  #: the number Word shows for this item
    num_id: str
    inlines: tuple[Inline, ...]


@dataclass
class _Field:
    instr: str = ""
    result: bool = False
    sink: list[Item] | None = None  #: the result pieces of a HYPERLINK field


class Reader:
    """Walks one document's body. ``document`` is python-docx's Document
    (for its parts: styles, numbering, images, link targets); ``notes`` the
    text of its comments, footnotes and endnotes by kind and id."""

    def __init__(self, document: Any, notes: dict[str, dict[str, str]]) -> None:
        part = document.part
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: no lists
            numbering = None
        self.styles = Styles(document.styles.element, numbering)
        self.part = part
        self.notes = notes  #: "comments"/"footnotes"/"endnotes" -> id -> text
        self.body = Body()
        self.pending: list[_ListEntry] = []
        self.paragraph_no = 0
        self.fields: list[_Field] = []
        self.image_names: dict[str, str] = {}  #: rId -> file name
        self.seen_heading = False
        self.counters: dict[tuple[str, int], int] = {}  #: (numId, level) -> the last number shown

    # -- notices ---------------------------------------------------------------------

    def notice(self, message: str) -> None:
        where = len(self.body.blocks)
        self.body.notices.append(Notice(where, self.paragraph_no, message))

    # -- the body --------------------------------------------------------------------

    def read(self, body: Element) -> Body:
        """Every block of ``body``, in order."""
        for child in body:
            self.block(child)
        self.flush_list()
        return self.body

    def block(self, el: Element) -> None:
        tag = _local(el)
        if tag == "p":
            self.paragraph(el)
        elif tag == "tbl":
            self.flush_list()
            self.table(el)
        elif tag == "sdt":
            for inner in el.iterfind(qn("w:sdtContent")):
                for child in inner:
                    self.block(child)
        elif tag in ("sectPr", *_IGNORED):
            return
        else:
            self.notice(f"unsupported element w:{tag} {excerpt(plain(el))} not imported")

    def paragraph(self, p: Element) -> None:
        """A heading, title, list item or paragraph. Bold and italic come from
        the runs and character styles only: a paragraph style's own look
        (bold headings, an italic caption) is not emphasis."""
        self.paragraph_no += 1
        ppr = p.find(qn("w:pPr"))
        style_id = val(ppr.find(qn("w:pStyle")) if ppr is not None else None)
        if style_id.upper().startswith("TOC"):  # a table of contents: the build makes its own
            if style_id.upper() == "TOCHEADING":
                self.notice("table of contents not imported: the build writes its own")
            return
        style = self.styles.paragraph(style_id)
        self._paragraph_marks(ppr)
        items = self.inline_items(p)
        inlines = to_inlines(items)
        text = "".join(i.text for i in items if isinstance(i, Piece)).strip()
        level = outline_level(ppr) or style.heading
        if not text and all(isinstance(i, Piece) for i in items):
            return
        if style.title:
            self.body.titles.append(text)
            if len(self.body.titles) > 1:
                self.notice(f"a second title paragraph {excerpt(text)} imported as a main heading")
                self._add(Heading(1, inlines))
            return
        if level:
            self.seen_heading = True
            self._add(Heading(level, _unbold(inlines)))
            return
        if not self.seen_heading:
            self.body.front.append(text)
            if APPROVAL.search(text.replace("\u00a0", " ")):
                self.notice(f"approval line {excerpt(text)} read into document.yaml (handlings), not kept as text")
                return
            if text.startswith(NOTE_PREFIX):
                self.notice("provenance note read into document.yaml (text_origin: reconstruction), not kept as text")
                return
        num = numbering_of(ppr, style.list_level) or style.num
        kind = self.styles.list_kind(num[0], num[1]) if num else None
        if num and kind:
            number = self._count(num[0], num[1], kind[1])
            self.pending.append(_ListEntry(num[1], kind[0], number, num[0], inlines))
            return
        self._add(Paragraph(inlines))

    def _count(self, num_id: str, level: int, start: int) -> int:
        """The number Word shows for the next item of list ``num_id`` at
        ``level``: a list continues after an interrupting paragraph, and an
        item restarts the levels below it."""
        number = self.counters.get((num_id, level), start - 1) + 1
        self.counters[(num_id, level)] = number
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]
        return number

    def _add(self, block: Block) -> None:
        self.flush_list()
        self.body.blocks.append(block)

    def _paragraph_marks(self, ppr: Element | None) -> None:
        if ppr is None:
            return
        if on(ppr.find(qn("w:pageBreakBefore"))):
            self.notice("manual page break (page break before the paragraph) not imported")
        if ppr.find(qn("w:sectPr")) is not None:
            self.notice("section break not imported")
        if ppr.find(qn("w:framePr")) is not None:
            self.notice("text frame imported as an ordinary paragraph")

    # -- lists ---------------------------------------------------------------------

    def flush_list(self) -> None:
        if not self.pending:
            return
        entries, self.pending = self.pending, []
        base = min(e.level for e in entries)
        for block in _nest(entries, base):
            self.body.blocks.append(block)

    # -- tables --------------------------------------------------------------------

    def table(self, tbl: Element) -> None:
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        header_rows = 0
        for r, tr in enumerate(tbl.iterfind(qn("w:tr"))):
            trpr = tr.find(qn("w:trPr"))
            if trpr is not None and on(trpr.find(qn("w:tblHeader"))) and header_rows == r:
                header_rows += 1
            rows.append(tuple(self.cell(tc) for tc in _cells(tr)))
        if not rows:
            return
        if header_rows == 0:
            self.notice("table has no header row marked (repeat as header row): its first row is used as the header")
        elif header_rows > 1:
            self.notice(f"table has {header_rows} header rows: only the first is imported as the header")
        width = max(len(r) for r in rows)
        padded = [r + ((),) * (width - len(r)) for r in rows]
        header = tuple(_unbold(cell) for cell in padded[0])
        self.body.blocks.append(Table(header, tuple(padded[1:])))

    def cell(self, tc: Element) -> tuple[Inline, ...]:
        tcpr = tc.find(qn("w:tcPr"))
        if tcpr is not None and (tcpr.find(qn("w:gridSpan")) is not None or tcpr.find(qn("w:vMerge")) is not None):
            self.notice(f"merged table cell {excerpt(plain(tc))} imported as a single cell")
        items: list[Item] = []
        paragraphs = 0
        for child in tc:
            tag = _local(child)
            if tag == "p":
                self.paragraph_no += 1
                found = self.inline_items(child)
                if items and found:
                    items.append(Piece(" "))
                paragraphs += bool(found)
                items.extend(found)
            elif tag == "tbl":
                self.notice(f"table inside a table cell {excerpt(plain(child))} not imported")
        if paragraphs > 1:
            self.notice(f"table cell with {paragraphs} paragraphs joined into one line")
        return to_inlines(items)

    # -- inlines ---------------------------------------------------------------------

    def inline_items(self, p: Element) -> list[Item]:
        """The pieces of paragraph ``p``."""
        sink: list[Item] = []
        formats: set[str] = set()
        self._children(p, sink, False, False, formats)
        if formats:
            self.notice(f"formatting not imported: {', '.join(sorted(formats))} in {excerpt(plain(p))}")
        return sink

    def _children(self, parent: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        for child in parent:
            tag = _local(child)
            if child.tag == qn("w:r"):
                self.run(child, sink, bold, italic, formats)
            elif tag == "hyperlink":
                self.hyperlink(child, sink, bold, italic, formats)
            elif tag in ("ins", "moveTo"):
                self.notice(f"tracked insertion {excerpt(plain(child))} imported as accepted")
                self._children(child, sink, bold, italic, formats)
            elif tag in ("del", "moveFrom"):
                deleted = "".join(t.text or "" for t in child.iter(qn("w:delText")))
                self.notice(f"tracked deletion {excerpt(deleted)} imported as accepted (the text is left out)")
            elif tag == "fldSimple":
                self._simple_field(child, sink, bold, italic, formats)
            elif tag in ("smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo"):
                self._children(child, sink, bold, italic, formats)
            elif child.tag.startswith(_MATH):
                self.notice(f"equation {excerpt(plain(child))} not imported")
            elif tag not in _IGNORED and tag not in ("sdtPr", "sdtEndPr"):
                self.notice(f"unsupported element w:{tag} {excerpt(plain(child))} not imported")

    def hyperlink(self, el: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        inner: list[Item] = []
        self._children(el, inner, bold, italic, formats)
        rid = el.get(R_ID)
        target = str(self.part.rels[rid].target_ref) if rid and rid in self.part.rels else ""
        anchor = el.get(qn("w:anchor"))
        if target and re.match(r"(?i)(https?|mailto):", target):
            sink.append(LinkPiece(target, tuple(inner)))
            return
        shown = target or f"#{anchor}" if (target or anchor) else "(no target)"
        text = "".join(i.text for i in inner if isinstance(i, Piece))
        self.notice(f"link {excerpt(text)} to {shown} kept as plain text (only web and e-mail links are kept)")
        sink.extend(inner)

    def run(self, r: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            rstyle = val(rpr.find(qn("w:rStyle")))
            if rstyle:
                cb, ci = self.styles.character(rstyle)
                bold, italic = bold or cb, italic or ci
            if rpr.find(qn("w:b")) is not None:
                bold = on(rpr.find(qn("w:b")))
            if rpr.find(qn("w:i")) is not None:
                italic = on(rpr.find(qn("w:i")))
            for tag, name in _FORMATTING.items():
                el = rpr.find(qn(f"w:{tag}"))
                if el is not None and _visible(tag, el) and not (tag == "u" and rstyle.lower() == "hyperlink"):
                    formats.add(name)
        target = self.fields[-1].sink if self.fields and self.fields[-1].sink is not None else sink
        for child in r:
            self._run_child(child, target, bold, italic)

    def _run_child(self, child: Element, sink: list[Item], bold: bool, italic: bool) -> None:
        tag = _local(child)
        in_instr = bool(self.fields) and not self.fields[-1].result
        if tag == "fldChar":
            self._field_char(str(child.get(qn("w:fldCharType")) or ""), sink)
        elif tag == "instrText":
            if self.fields:
                self.fields[-1].instr += child.text or ""
        elif in_instr:
            return
        elif tag == "t":
            sink.append(Piece(child.text or "", bold, italic))
        elif tag in ("tab", "ptab"):
            sink.append(Piece(" "))
        elif tag in ("br", "cr"):
            if child.get(qn("w:type")) == "page":
                self.notice("manual page break not imported")
            sink.append(Piece(" "))
        elif tag == "noBreakHyphen":
            sink.append(Piece("\u2011", bold, italic))
        elif tag == "drawing":
            self.drawing(child, sink)
        elif tag in ("pict", "object"):
            self.notice(f"legacy drawing or embedded object {excerpt(plain(child))} not imported")
        elif tag in ("footnoteReference", "endnoteReference"):
            kind = "footnotes" if tag == "footnoteReference" else "endnotes"
            text = self.notes.get(kind, {}).get(str(child.get(qn("w:id"))), "")
            self.notice(f"{kind[:-1]} {excerpt(text)} not imported")
        elif tag == "commentReference":
            text = self.notes.get("comments", {}).get(str(child.get(qn("w:id"))), "")
            self.notice(f"comment {excerpt(text)} not imported")
        elif tag == "sym":
            self.notice(f"symbol character (font {child.get(qn('w:font'))}) not imported")
        elif tag not in _IGNORED and tag not in ("delText",):
            self.notice(f"unsupported element w:{tag} in a run not imported")

    # -- fields ------------------------------------------------------------------------

    def _field_char(self, kind: str, sink: list[Item]) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.result = True
            if current.instr.strip().upper().startswith("HYPERLINK"):
                current.sink = []
        elif kind == "end" and self.fields:
            self._end_field(self.fields.pop(), sink)

    def _end_field(self, done: _Field, sink: list[Item]) -> None:
        instr = " ".join(done.instr.split())
        href = _hyperlink_target(instr)
        outer = self.fields[-1].sink if self.fields and self.fields[-1].sink is not None else sink
        if done.sink is not None and href:
            outer.append(LinkPiece(href, tuple(done.sink)))
            return
        if done.sink is not None:
            outer.extend(done.sink)
        self.notice(f"field {instr.split(' ')[0] if instr else '(empty)'} kept as its shown text ({instr[:EXCERPT]})")

    def _simple_field(self, el: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        instr = " ".join(str(el.get(qn("w:instr")) or "").split())
        inner: list[Item] = []
        self._children(el, inner, bold, italic, formats)
        href = _hyperlink_target(instr)
        if href:
            sink.append(LinkPiece(href, tuple(inner)))
            return
        sink.extend(inner)
        self.notice(f"field {instr.split(' ')[0] if instr else '(empty)'} kept as its shown text ({instr[:EXCERPT]})")

    # -- drawings ------------------------------------------------------------------------

    def drawing(self, el: Element, sink: list[Item]) -> None:
        frame = el.find(f"{_WP}inline")
        if frame is None:
            frame = el.find(f"{_WP}anchor")
            if frame is not None and el.find(f".//{_A}blip") is not None:
                self.notice("floating image placed in the text where it was anchored")
        if el.find(f".//{_WPS}txbx") is not None or el.find(f".//{qn('w:txbxContent')}") is not None:
            self.notice(f"text box {excerpt(plain(el))} not imported")
            return
        blip = el.find(f".//{_A}blip")
        if frame is None or blip is None or blip.get(R_EMBED) is None:
            self.notice("drawing (shape, chart or diagram) not imported")
            return
        doc_pr = frame.find(f"{_WP}docPr")
        alt = (doc_pr.get("descr") or doc_pr.get("title") or "").strip() if doc_pr is not None else ""
        name = self._image(str(blip.get(R_EMBED)))
        if name and not alt:
            self.notice(f"image {name} has no alternative text: a placeholder is written in its place")
        if name:
            sink.append(Image(name, " ".join(alt.split()) or placeholder("mitä kuva esittää")))

    def _image(self, rid: str) -> str:
        if rid in self.image_names:
            return self.image_names[rid]
        try:
            part = self.part.related_parts[rid]
        except KeyError:
            self.notice("image whose picture is not in the file (a linked image) not imported")
            return ""
        ext = posixpath.splitext(str(part.partname))[1].lstrip(".").lower()
        if ext not in _IMAGE_TYPES:
            self.notice(f"image in {ext.upper() or 'unknown'} format not imported: save it as PNG or JPEG and add it")
            return ""
        name = f"{IMAGE_FOLDER}/kuva-{len(self.image_names) + 1}.{_IMAGE_TYPES[ext]}"
        self.image_names[rid] = name
        self.body.images[name] = part.blob
        return name


def _unbold(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A heading's or header cell's inlines without a bold wrapping the whole."""
    if len(inlines) == 1 and isinstance(inlines[0], Strong):
        return inlines[0].children
    return inlines


def _local(el: Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _visible(tag: str, el: Element) -> bool:
    """A colour, highlight, shading or underline that actually shows."""
    if tag == "color":
        return val(el).lower() not in ("auto", "000000", "")
    if tag == "shd":
        return str(el.get(qn("w:fill")) or "auto").lower() not in ("auto", "ffffff", "")
    if tag in ("u", "highlight"):
        return val(el, "single").lower() != "none"
    return on(el)


def _cells(tr: Element) -> list[Element]:
    out = []
    for child in tr:
        if child.tag == qn("w:tc"):
            out.append(child)
        elif _local(child) == "sdt":
            out.extend(child.iter(qn("w:tc")))
    return out


def _hyperlink_target(instr: str) -> str:
    match = re.match(r'(?i)HYPERLINK\s+"([^"]+)"', instr)
    if match and re.match(r"(?i)(https?|mailto):", match.group(1)):
        return match.group(1)
    return ""


def _nest(entries: list[_ListEntry], level: int) -> list[ListBlock]:
    """Flat list paragraphs to nested lists; a change of list or of kind at
    ``level`` starts a new list."""
    lists: list[ListBlock] = []
    items: list[ListItem] = []
    head: _ListEntry | None = None
    i = 0
    while i < len(entries):
        entry = entries[i]
        if entry.level <= level and head is not None and (entry.ordered != head.ordered or entry.num_id != head.num_id):
            lists.append(ListBlock(tuple(items), ordered=head.ordered, start=head.start))
            items, head = [], None
        if head is None:
            head = entry
        j = i + 1
        while j < len(entries) and entries[j].level > max(entry.level, level):
            j += 1
        children: list[Block] = [Paragraph(entry.inlines)]
        if j > i + 1:
            children.extend(_nest(entries[i + 1 : j], level + 1))
        items.append(ListItem(tuple(children)))
        i = j
    if head is not None:
        lists.append(ListBlock(tuple(items), ordered=head.ordered, start=head.start))
    return lists
