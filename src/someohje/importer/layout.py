"""Where each paragraph of an imported DOCX stands in the guideline.

someohje writes the guideline's sections as a run of paragraphs (each
heading, paragraph, list item, table caption and table cell is one ``w:p``)
between the front matter and the decision history. :func:`slots` lists those
paragraphs for a stage with the text someohje wrote, marking what the
importer must never quote: source references such as ``(Muutettu Kvalt
10.6.2024 § 22)``, heading numbers, images and table captions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Handling
from ..record.stages import stage_texts
from ..tree import (
    Block,
    Change,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Passage,
    SourceRef,
    Strong,
    Table,
    Text,
)
from .wordml import ATOM

NBSP = "\u00a0"


@dataclass(frozen=True)
class Slot:
    """One paragraph someohje wrote for a section."""

    section: int  #: index into ``Document.sections``
    block: int  #: index of the block in the section's text
    kind: str  #: heading, paragraph, item, caption, cell
    text: str  #: as written into the DOCX
    fixed: str  #: one flag per character: " " text, R source reference, N heading number, A image, C caption
    title: str  #: the section's numbered heading, for messages


def slots(doc: Document, handling: Handling) -> list[Slot]:
    """The paragraphs of the stage after ``handling``, as the DOCX renderer writes them."""
    out: list[Slot] = []
    for index, text in enumerate(stage_texts(doc, handling)):
        title = _plain(text.blocks[0]) if text.blocks and isinstance(text.blocks[0], Heading) else text.section.id
        for b, block in enumerate(text.blocks):
            for kind, pieces in _units(block):
                chars = "".join(p for p, _ in pieces)
                flags = "".join(f * len(p) for p, f in pieces)
                out.append(Slot(index, b, kind, chars, flags, title))
    return out


def _plain(block: Block) -> str:
    pieces = _pieces(block.children) if isinstance(block, Heading | Paragraph) else []
    return "".join(p for p, _ in pieces).replace(NBSP, " ")


def _units(block: Block) -> list[tuple[str, list[tuple[str, str]]]]:
    if isinstance(block, Heading):
        first, *rest = block.children
        number = first.text if isinstance(first, Text) else ""
        return [("heading", [(number, "N"), *_pieces(tuple(rest))] if number else _pieces(block.children))]
    if isinstance(block, Paragraph):
        return [("paragraph", _pieces(block.children))]
    if isinstance(block, ListBlock):
        out: list[tuple[str, list[tuple[str, str]]]] = []
        for item in block.items:
            for inner in item.blocks:
                out.extend(("item", pieces) for _, pieces in _units(inner))
        return out
    if isinstance(block, Table):
        caption = [("caption", [(block.caption, "C")])] if block.caption else []
        rows = [block.header, *block.rows] if block.header else list(block.rows)
        return caption + [("cell", _pieces(cell)) for row in rows for cell in row]
    return []


def _pieces(items: tuple[Inline, ...]) -> list[tuple[str, str]]:
    """``(text, flag)`` pieces: flag R for a source reference, A for an image."""
    out: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, Text):
            out.append((item.text, " "))
        elif isinstance(item, SourceRef):
            out.append((item.label.replace(" ", NBSP), "R"))
        elif isinstance(item, Image):
            out.append((ATOM, "A"))
        elif isinstance(item, LineBreak):  # a w:br, which the change reader reads as a space
            out.append((" ", " "))
        elif isinstance(item, Emph | Strong | Link | Change | Passage):
            out.extend(_pieces(item.children))
    return out
