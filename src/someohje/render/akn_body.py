"""The body of an Akoma Ntoso document: a stage's sections with stable eIds.

Each main section is a ``section`` (``eId`` ``sec_<section id>``, the id in
``document.yaml``), each subheading a ``subsection`` inside it, each block a
``paragraph`` whose ``content`` holds a ``p`` or a ``table``; a list is a
``list`` of ``point`` elements. A block of the base text is numbered by its
place among the base blocks of its section or subsection
(``sec_kayttajat__subsec_2__para_3``), a block
an amendment inserted by the amendment's id (``sec_kayttajat__para_lisays-1``),
so an eId names the same passage in every stage and point in time: an
amendment never renumbers the blocks around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..model import Document, Origin
from ..record.amendments import Loc, SectionText
from ..tree import (
    Block,
    Change,
    Emph,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Passage,
    SourceRef,
    Strong,
    Table,
    Text,
)

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"  #: the language of a passage
_NUMBER = re.compile(r"(\d+(?:\.\d+)*) ")

Element = Any  #: an lxml element


def akn(tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Element:
    """A new element ``tag`` of the AKN namespace."""
    element = etree.Element(f"{{{AKN_NS}}}{tag}", attrs or {})
    if text is not None:
        element.text = text
    return element


def sub(parent: Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Element:
    """A new element ``tag`` appended to ``parent``."""
    element = akn(tag, attrs, text)
    parent.append(element)
    return element


@dataclass
class Body:
    """The ``body`` element and what the metadata needs from it."""

    element: Element
    eids: dict[Loc, str] = field(default_factory=dict)  #: where a block was written -> its eId
    origins: list[tuple[str, Origin]] = field(default_factory=list)  #: each block's eId and origin


def body(doc: Document, texts: list[SectionText]) -> Body:
    """The ``body`` of a stage whose sections are ``texts`` (numbered, as
    :func:`someohje.record.stages.stage_texts` gives them)."""
    inserted = {(doc.metadata_path, a.line): a.id for a in doc.amendments}
    out = Body(akn("body"))
    for text in texts:
        _section(out, text, inserted)
    return out


def _section(out: Body, text: SectionText, inserted: dict[Loc, str]) -> None:
    eid = f"sec_{text.section.id}"
    section = sub(out.element, "section", {"eId": eid})
    stack: list[tuple[int, Element, str]] = [(1, section, eid)]
    base = {eid: 0}  #: base blocks so far in each container
    for block, loc, origin in zip(text.blocks, text.locs, text.origins, strict=True):
        if isinstance(block, Heading):
            if block.level == 1 and len(stack) == 1 and len(section) == 0:
                _heading(section, block)
                continue
            while len(stack) > 1 and stack[-1][0] >= block.level:
                stack.pop()
            number = _split_number(block)[0] or str(len(stack[-1][1]))
            sub_eid = f"{stack[-1][2]}__subsec_{number.rsplit('.', 1)[-1]}"
            subsection = sub(stack[-1][1], "subsection", {"eId": sub_eid})
            _heading(subsection, block)
            stack.append((block.level, subsection, sub_eid))
            base[sub_eid] = 0
            continue
        parent = stack[-1][2]
        if loc not in inserted:
            base[parent] += 1
        para_eid = f"{parent}__para_{inserted.get(loc) or base[parent]}"
        _paragraph(sub(stack[-1][1], "paragraph", {"eId": para_eid}), block, para_eid)
        out.eids[loc] = para_eid
        out.origins.append((para_eid, origin))


def _split_number(heading: Heading) -> tuple[str, tuple[Inline, ...]]:
    """``("1.2", rest)`` for a heading numbered by the stage (``Text("1.2 ")`` first)."""
    first = heading.children[0] if heading.children else None
    if isinstance(first, Text):
        match = _NUMBER.match(first.text)
        if match:
            rest = first.text[match.end() :]
            return match.group(1), ((Text(rest),) if rest else ()) + heading.children[1:]
    return "", heading.children


def _heading(parent: Element, heading: Heading) -> None:
    number, children = _split_number(heading)
    if number:
        sub(parent, "num", text=number)
    inlines(sub(parent, "heading"), children)


def _paragraph(paragraph: Element, block: Block, eid: str) -> None:
    """Fill a ``paragraph`` with one block: ``content`` (a ``p`` or a
    ``table``), or a ``list`` of ``point`` elements."""
    if isinstance(block, ListBlock):
        _list(paragraph, block, f"{eid}__list_1")
        return
    content = sub(paragraph, "content")
    if isinstance(block, Table):
        _table(content, block, f"{eid}__table_1")
    elif isinstance(block, Paragraph):
        inlines(sub(content, "p"), block.children)
    elif isinstance(block, Note):
        for inner in block.blocks:
            if isinstance(inner, Paragraph):
                inlines(sub(content, "p"), inner.children)


def _list(parent: Element, block: ListBlock, eid: str) -> None:
    element = sub(parent, "list", {"eId": eid})
    for number, item in enumerate(block.items, block.start):
        point_eid = f"{eid}__point_{number - block.start + 1}"
        point = sub(element, "point", {"eId": point_eid})
        if block.ordered:
            sub(point, "num", text=f"{number}.")
        paragraphs = [b for b in item.blocks if isinstance(b, Paragraph)]
        lists = [b for b in item.blocks if isinstance(b, ListBlock)]
        if not lists:
            content = sub(point, "content")
            for p in paragraphs or [Paragraph(())]:
                inlines(sub(content, "p"), p.children)
            continue
        if paragraphs:
            intro = sub(point, "intro")
            for p in paragraphs:
                inlines(sub(intro, "p"), p.children)
        for n, inner in enumerate(lists, 1):
            _list(point, inner, f"{point_eid}__list_{n}")


def _table(parent: Element, block: Table, eid: str) -> None:
    table = sub(parent, "table", {"eId": eid})
    for kind, cells in (("th", block.header), *(("td", row) for row in block.rows)):
        row = sub(table, "tr")
        for cell in cells:
            inlines(sub(sub(row, kind), "p"), cell)


def inlines(parent: Element, items: tuple[Inline, ...]) -> None:
    """Append inline content to ``parent``: text, ``i``, ``b``, ``a``,
    ``img``, ``ins``/``del``; a source reference (``(Muutettu Kvalt 10.6.2024
    § 22)``) is a ``span`` of class ``source``, a passage in another language
    a ``span`` with its ``xml:lang``."""
    for item in items:
        if isinstance(item, Text):
            _text(parent, item.text)
        elif isinstance(item, SourceRef):
            sub(parent, "span", {"class": "source"}, item.label)
        elif isinstance(item, Image):
            sub(parent, "img", {"src": item.src, "alt": item.alt})
        elif isinstance(item, LineBreak):
            sub(parent, "eol")
        elif isinstance(item, Footnote):
            _footnote(parent, item)
        else:
            tag, attrs = _inline_tag(item)
            inlines(sub(parent, tag, attrs), item.children)


def _footnote(parent: Element, note: Footnote) -> None:
    """An ``authorialNote`` at the page foot, numbered in document order as
    the other formats number it (the notes already written, plus one)."""
    tag = f"{{{AKN_NS}}}authorialNote"
    number = sum(1 for _ in parent.getroottree().iter(tag)) + 1
    element = sub(
        parent, "authorialNote", {"marker": str(number), "placement": "bottom", "eId": f"authorialNote_{number}"}
    )
    inlines(sub(element, "p"), note.children)


def _inline_tag(item: Emph | Strong | Link | Change | Passage) -> tuple[str, dict[str, str]]:
    if isinstance(item, Passage):
        return "span", {XML_LANG: item.language}
    if isinstance(item, Emph):
        return "i", {}
    if isinstance(item, Strong):
        return "b", {}
    if isinstance(item, Link):
        return "a", {"href": item.href}
    return item.kind, {}


def _text(parent: Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
