"""The footnotes part (``word/footnotes.xml``) and a footnote's call.

Word keeps a document's footnotes in a part of their own: two separators
first (the rule above the notes, and the one above a note continued from
the page before, ids -1 and 0 as Word writes them), then one
``w:footnote`` per note; the body calls each by its id with a
``w:footnoteReference``. :func:`footnotes_part` makes the part (a story
part, so a note can hold links and pictures as the body does) and relates
the document to it.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.parts.story import StoryPart

from .element import Element, child, el
from .ns import R_NS, W_NS
from .run import run


def footnotes_part(document_part: Any) -> StoryPart:
    """A new ``word/footnotes.xml`` holding only the two separators, related
    to ``document_part``."""
    root = parse_xml(f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}"/>'.encode())
    separators = ((-1, "separator", "w:separator"), (0, "continuationSeparator", "w:continuationSeparator"))
    for note_id, kind, mark in separators:
        note = child(root, "w:footnote", {"w:type": kind, "w:id": note_id})
        p = child(note, "w:p")
        child(child(p, "w:pPr"), "w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"})
        child(child(p, "w:r"), mark)
    part = StoryPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def new_footnote(part: StoryPart, note_id: int, text_style: str, mark_style: str) -> Element:
    """Append footnote ``note_id`` to ``part``: its paragraph in
    ``text_style``, opened by the note's number (``w:footnoteRef``, in
    ``mark_style``) and a space. Returns the paragraph, for the note's text."""
    note = child(part.element, "w:footnote", {"w:id": note_id})
    p = child(note, "w:p")
    p.get_or_add_pPr().style = text_style
    mark = child(p, "w:r")
    child(child(mark, "w:rPr"), "w:rStyle", {"w:val": mark_style})
    child(mark, "w:footnoteRef")
    p.append(run(" "))
    return p


def footnote_call(note_id: int, mark_style: str) -> Element:
    """The run that calls footnote ``note_id`` where it stands in the text."""
    r = el("w:r")
    child(child(r, "w:rPr"), "w:rStyle", {"w:val": mark_style})
    child(r, "w:footnoteReference", {"w:id": note_id})
    return r
