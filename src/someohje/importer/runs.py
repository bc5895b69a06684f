"""Read what a Word paragraph holds: runs, links, fields and drawings.

:class:`RunReader` turns the children of one paragraph into the reader's
flat list of pieces (:mod:`.inlines`): text with its bold and italic, web
and e-mail links, images, footnotes and endnotes (as footnotes). What has no Markdown counterpart (colours and
underlines, tracked changes, comments, equations, text boxes,
fields other than hyperlinks, unknown elements) is reported through the
``notice`` it is given; nothing is dropped without a notice.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ..content.languages import language_tag
from ..content.placeholders import placeholder
from ..messages import N_
from ..messages import gettext as _
from ..tree import Image, LineBreak
from .inlines import Item, LinkPiece, NotePiece, Piece
from .notices import EXCERPT, excerpt, plain
from .scripts import shifted
from .styles import R_ID, Element, Styles, on, val

R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TXBX = qn("w:txbxContent")
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_IMAGE_TYPES = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "gif": "gif"}
IGNORED = {  # no content: bookmarks, proofing marks, comment ranges, permissions, properties
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
    "color": N_("colour"),
    "highlight": N_("highlight"),
    "shd": N_("shading"),
    "u": N_("underline"),
    "strike": N_("strikethrough"),
    "dstrike": N_("double strikethrough"),
    "smallCaps": N_("small caps"),
    "caps": N_("all capitals"),
}
IMAGE_FOLDER = "kuvat"  #: images go to this folder beside the section files


@dataclass
class _Field:
    instr: str = ""
    result: bool = False
    sink: list[Item] | None = None  #: the result pieces of a HYPERLINK field


class RunReader:
    """Reads the paragraphs of one document's body. ``part`` is the
    document's python-docx part (for images and link targets); ``notes``
    its comments, footnotes and endnotes (elements) by kind and id;
    ``images`` receives each imported picture by its path beside the section
    files; ``notice`` reports what is not imported as it was. A field may
    span paragraphs, so one reader reads them all in order."""

    def __init__(
        self,
        part: Any,
        styles: Styles,
        notes: dict[str, dict[str, Element]],
        images: dict[str, bytes],
        notice: Callable[[str], None],
    ) -> None:
        self.part = part
        self.styles = styles
        self.notes = notes  #: "comments"/"footnotes"/"endnotes" -> id -> element
        self.images = images
        self.notice = notice
        self.fields: list[_Field] = []
        self.image_names: dict[str, str] = {}  #: rId -> file name
        self.boxes: list[Element] = []  #: w:txbxContent found since :meth:`take_boxes`
        self.paragraph_language = ""  #: the language of the paragraph being read, from its style

    def take_boxes(self) -> list[Element]:
        """The text boxes (``w:txbxContent``) met in the paragraphs read since
        the last call: the reader imports their paragraphs after them."""
        boxes, self.boxes = self.boxes, []
        return boxes

    # -- runs and links ----------------------------------------------------------------

    def inline_items(self, p: Element) -> list[Item]:
        """The pieces of paragraph ``p``, each with its language."""
        sink: list[Item] = []
        formats: set[str] = set()
        outer = self.paragraph_language  # a footnote's paragraphs are read inside the one calling it
        self.paragraph_language = self.styles.language(val(p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")))
        try:
            self._children(p, sink, False, False, formats)
        finally:
            self.paragraph_language = outer
        if formats:
            self.notice(
                _("formatting not imported: {sorted} in {plain}").format(
                    sorted=", ".join(sorted(formats)), plain=excerpt(plain(p))
                )
            )
        return sink

    def _children(self, parent: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        for child in parent:
            tag = local_name(child)
            if child.tag == qn("w:r"):
                self.run(child, sink, bold, italic, formats)
            elif tag == "hyperlink":
                self.hyperlink(child, sink, bold, italic, formats)
            elif tag in ("ins", "moveTo"):
                self.notice(_("tracked insertion {plain} imported as accepted").format(plain=excerpt(plain(child))))
                self._children(child, sink, bold, italic, formats)
            elif tag in ("del", "moveFrom"):
                deleted = "".join(t.text or "" for t in child.iter(qn("w:delText")))
                self.notice(
                    _("tracked deletion {deleted} imported as accepted (the text is left out)").format(
                        deleted=excerpt(deleted)
                    )
                )
            elif tag == "fldSimple":
                self._simple_field(child, sink, bold, italic, formats)
            elif tag == "sdt" and child.find(f"{qn('w:sdtPr')}/{_W14}checkbox") is not None:
                self.notice(
                    _("checkbox {plain} kept as its character, not as a task-list box").format(
                        plain=excerpt(plain(child))
                    )
                )
                self._children(child, sink, bold, italic, formats)
            elif tag in ("smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo"):
                self._children(child, sink, bold, italic, formats)
            elif child.tag == f"{_MC}AlternateContent":
                self._children(choice(child), sink, bold, italic, formats)
            elif child.tag.startswith(_MATH):
                self.notice(_("equation {plain} not imported").format(plain=excerpt(plain(child))))
            elif tag not in IGNORED and tag not in ("sdtPr", "sdtEndPr"):
                self.notice(
                    _("unsupported element w:{tag} {plain} not imported").format(tag=tag, plain=excerpt(plain(child)))
                )

    def hyperlink(self, el: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        inner: list[Item] = []
        self._children(el, inner, bold, italic, formats)
        rid = el.get(R_ID)
        target = str(self.part.rels[rid].target_ref) if rid and rid in self.part.rels else ""
        anchor = el.get(qn("w:anchor"))
        if target and re.match(r"(?i)(https?|mailto):", target):
            sink.append(LinkPiece(target, tuple(inner)))
            return
        shown = target or f"#{anchor}" if (target or anchor) else _("(no target)")
        text = "".join(i.text for i in inner if isinstance(i, Piece))
        self.notice(
            _("link {text} to {shown} kept as plain text (only web and e-mail links are kept)").format(
                text=excerpt(text), shown=shown
            )
        )
        sink.extend(inner)

    def run(self, r: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        rpr = r.find(qn("w:rPr"))
        rstyle = val(rpr.find(qn("w:rStyle"))) if rpr is not None else ""
        language = self._language(rpr, rstyle)
        if rpr is not None:
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
                    formats.add(_(name))
        position = val(rpr.find(qn("w:vertAlign")) if rpr is not None else None)
        for child in r:
            if local_name(child) == "fldChar":  # ends a field into the sink around it, not into its own
                self._field_char(str(child.get(qn("w:fldCharType")) or ""), sink)
                continue
            shown: list[Item] = []
            self._run_child(child, shown, bold, italic)
            shown = [replace(item, language=language) if isinstance(item, Piece) else item for item in shown]
            if position in ("superscript", "subscript"):
                shown = [_shift(item, position, formats) for item in shown]
            self._field_sink(sink).extend(shown)

    def _language(self, rpr: Element | None, rstyle: str) -> str:
        """A run's language: its own ``w:lang``, else its character style's,
        else its paragraph's ("" when none is a language tag)."""
        own = val(rpr.find(qn("w:lang"))) if rpr is not None else ""
        raw = own or (self.styles.character_language(rstyle) if rstyle else "") or self.paragraph_language
        return language_tag(raw) or ""

    def _run_child(self, child: Element, sink: list[Item], bold: bool, italic: bool) -> None:
        tag = local_name(child)
        in_instr = bool(self.fields) and not self.fields[-1].result
        if tag == "instrText":
            if self.fields:
                self.fields[-1].instr += child.text or ""
        elif in_instr:
            return
        elif tag == "t":
            sink.append(Piece(child.text or "", bold, italic))
        elif tag in ("tab", "ptab"):
            sink.append(Piece(" "))
        elif tag in ("br", "cr"):
            if child.get(qn("w:type")) in ("page", "column"):
                self.notice(_("manual {get} break not imported").format(get=child.get(qn("w:type"))))
                sink.append(Piece(" "))
            else:
                sink.append(LineBreak())  # kept: the Markdown gets a hard line break
        elif tag == "noBreakHyphen":  # a hyphen that does not break (someohje writes identifiers so)
            sink.append(Piece("-", bold, italic))
        elif child.tag == f"{_MC}AlternateContent":
            for inner in choice(child):
                self._run_child(inner, sink, bold, italic)
        elif child.find(f".//{_TXBX}") is not None:  # a text box in a drawing or a VML shape
            self._text_boxes(child)
        elif tag == "drawing":
            self.drawing(child, sink)
        elif tag in ("pict", "object"):
            self.notice(_("legacy drawing or embedded object {plain} not imported").format(plain=excerpt(plain(child))))
        elif tag in ("footnoteReference", "endnoteReference"):
            self._note(tag[: -len("Reference")], str(child.get(qn("w:id"))), sink)
        elif tag in ("footnoteRef", "endnoteRef"):
            return  # the note's own number, at the start of its text: the renderers number notes
        elif tag == "commentReference":
            comment = self.notes.get("comments", {}).get(str(child.get(qn("w:id"))))
            self.notice(
                _("comment {value} not imported").format(value=excerpt(plain(comment) if comment is not None else ""))
            )
        elif tag == "sym":
            self.notice(_("symbol character (font {get}) not imported").format(get=child.get(qn("w:font"))))
        elif tag not in IGNORED and tag not in ("delText",):
            self.notice(_("unsupported element w:{tag} in a run not imported").format(tag=tag))

    # -- notes -------------------------------------------------------------------------

    def _note(self, kind: str, note_id: str, sink: list[Item]) -> None:
        """A footnote or endnote where it is called: its paragraphs' text (links
        resolved in the notes' own part), joined by line breaks; an endnote
        becomes a footnote, as someohje's documents have only footnotes."""
        note = self.notes.get(f"{kind}s", {}).get(note_id)
        if note is None:
            self.notice(
                _("{kind} {note_id} is called in the text but missing from the file: not imported").format(
                    kind=kind, note_id=note_id
                )
            )
            return
        paragraphs = note.findall(qn("w:p"))
        pieces: list[Item] = []
        body, self.part = self.part, self._notes_part(kind)
        try:
            for n, p in enumerate(paragraphs):
                if n:
                    pieces.append(LineBreak())
                pieces.extend(self.inline_items(p))
        finally:
            self.part = body
        while pieces and isinstance(pieces[0], Piece) and not pieces[0].text.strip():
            pieces.pop(0)  # the space Word writes after the note's number
        if pieces and isinstance(pieces[0], Piece):
            pieces[0] = replace(pieces[0], text=pieces[0].text.lstrip())
        text = plain(note)
        if kind == "endnote":
            self.notice(_("endnote {text} imported as a footnote (at the foot of its page)").format(text=excerpt(text)))
        if len(paragraphs) > 1:
            self.notice(
                _("{kind} {text} has {count} paragraphs: joined by line breaks").format(
                    kind=kind, text=excerpt(text), count=len(paragraphs)
                )
            )
        sink.append(NotePiece(tuple(pieces)))

    def _notes_part(self, kind: str) -> Any:
        """python-docx's part of the footnotes or endnotes (their own links and images)."""
        rel = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
        try:
            return self.part.part_related_by(rel)
        except KeyError:
            return self.part

    # -- fields ------------------------------------------------------------------------

    def _field_char(self, kind: str, sink: list[Item]) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.result = True
            if _field_name(" ".join(current.instr.split())) == "HYPERLINK":
                current.sink = []
        elif kind == "end" and self.fields:
            self._end_field(self.fields.pop(), sink)

    def _end_field(self, done: _Field, sink: list[Item]) -> None:
        instr = " ".join(done.instr.split())
        outer = self._field_sink(sink)
        if done.sink is not None:
            self._link_result(instr, done.sink, outer)
        else:
            self.notice(
                _("field {field_name} kept as its shown text ({instr})").format(
                    field_name=_field_name(instr), instr=instr[:EXCERPT]
                )
            )

    def _field_sink(self, sink: list[Item]) -> list[Item]:
        """Where shown text goes: the result of the innermost HYPERLINK field
        still open (fields nest), else ``sink``."""
        return next((f.sink for f in reversed(self.fields) if f.sink is not None), sink)

    def _link_result(self, instr: str, inner: list[Item], sink: list[Item]) -> None:
        """A HYPERLINK field's shown text: a link to a web or e-mail address,
        plain text (reported) for a bookmark (``\\l``) or another target."""
        href = _hyperlink_target(instr)
        if href:
            sink.append(LinkPiece(href, tuple(inner)))
            return
        sink.extend(inner)
        text = "".join(i.text for i in inner if isinstance(i, Piece))
        self.notice(
            _("link {text} to {field_target} kept as plain text (only web and e-mail links are kept)").format(
                text=excerpt(text), field_target=_field_target(instr)
            )
        )

    def _simple_field(self, el: Element, sink: list[Item], bold: bool, italic: bool, formats: set[str]) -> None:
        instr = " ".join(str(el.get(qn("w:instr")) or "").split())
        inner: list[Item] = []
        self._children(el, inner, bold, italic, formats)
        if _field_name(instr) == "HYPERLINK":
            self._link_result(instr, inner, sink)
            return
        sink.extend(inner)
        self.notice(
            _("field {field_name} kept as its shown text ({instr})").format(
                field_name=_field_name(instr), instr=instr[:EXCERPT]
            )
        )

    # -- drawings ------------------------------------------------------------------------

    def drawing(self, el: Element, sink: list[Item]) -> None:
        frame = el.find(f"{_WP}inline")
        if frame is None:
            frame = el.find(f"{_WP}anchor")
            if frame is not None and el.find(f".//{_A}blip") is not None:
                self.notice(_("floating image placed in the text where it was anchored"))
        blip = el.find(f".//{_A}blip")
        if frame is None or blip is None or blip.get(R_EMBED) is None:
            self.notice(_("drawing (shape, chart or diagram) not imported"))
            return
        doc_pr = frame.find(f"{_WP}docPr")
        alt = (doc_pr.get("descr") or doc_pr.get("title") or "").strip() if doc_pr is not None else ""
        name = self._image(str(blip.get(R_EMBED)))
        if name and not alt:
            self.notice(
                _("image {name} has no alternative text: a placeholder is written in its place").format(name=name)
            )
        if name:
            sink.append(Image(name, " ".join(alt.split()) or placeholder("mitä kuva esittää")))

    def _text_boxes(self, el: Element) -> None:
        """Queue the outermost text boxes of a shape (boxes may hold boxes)."""
        for box in el.iter(_TXBX):
            if _outermost(box, el):
                self.boxes.append(box)
                self.notice(
                    _("text box {plain} imported as paragraphs after the one it was anchored in").format(
                        plain=excerpt(plain(box))
                    )
                )

    def _image(self, rid: str) -> str:
        if rid in self.image_names:
            return self.image_names[rid]
        try:
            part = self.part.related_parts[rid]
        except KeyError:
            self.notice(_("image whose picture is not in the file (a linked image) not imported"))
            return ""
        ext = posixpath.splitext(str(part.partname))[1].lstrip(".").lower()
        if ext not in _IMAGE_TYPES:
            self.notice(
                _("image in {value} format not imported: save it as PNG or JPEG and add it").format(
                    value=ext.upper() or "unknown"
                )
            )
            return ""
        name = f"{IMAGE_FOLDER}/kuva-{len(self.image_names) + 1}.{_IMAGE_TYPES[ext]}"
        self.image_names[rid] = name
        self.images[name] = part.blob
        return name


def _outermost(box: Element, shape: Element) -> bool:
    """No other text box of ``shape`` holds ``box``."""
    for ancestor in box.iterancestors():
        if ancestor is shape:
            return True
        if ancestor.tag == _TXBX:
            return False
    return True


def choice(el: Element) -> list[Element]:
    """The children of an ``mc:AlternateContent``'s first ``mc:Choice`` (the
    ``mc:Fallback`` holds the same content again for older readers)."""
    first = el.find(f"{_MC}Choice")
    if first is None:
        first = el.find(f"{_MC}Fallback")
    return list(first) if first is not None else []


def local_name(el: Element) -> str:
    """The tag of ``el`` without its namespace ("" for a comment or the like)."""
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


def _shift(item: Item, position: str, formats: set[str]) -> Item:
    """A raised or lowered piece in Unicode, or as it is with ``position``
    noted among the formatting not imported."""
    if not isinstance(item, Piece) or not item.text.strip():
        return item
    text = shifted(item.text, position)
    if text is None:
        formats.add(position)
        return item
    return replace(item, text=text)


def _field_name(instr: str) -> str:
    """The field's type, upper case (``HYPERLINK``, ``DATE``), or "(empty)"."""
    return instr.split(" ")[0].upper() if instr.strip() else "(empty)"


def _field_target(instr: str) -> str:
    """Where a HYPERLINK field points, as a report line shows it: ``#bookmark`` for ``\\l``."""
    bookmark = re.search(r'\\l\s+"([^"]*)"', instr)
    if bookmark:
        return f"#{bookmark.group(1)}"
    target = re.match(r'(?i)HYPERLINK\s+"([^"]*)"', instr)
    return target.group(1) if target else _("(no target)")


def _hyperlink_target(instr: str) -> str:
    match = re.match(r'(?i)HYPERLINK\s+"([^"]+)"', instr)
    if match and re.match(r"(?i)(https?|mailto):", match.group(1)):
        return match.group(1)
    return ""
