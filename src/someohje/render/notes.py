"""Footnote numbers: a document's notes numbered 1, 2, … in reading order.

The text gives each :class:`~someohje.tree.Footnote` number 0 (a section
file does not know where it will stand); every renderer numbers the
document it is given with :func:`numbered` before it walks it, so the PDF,
the DOCX, the web page and the Akoma Ntoso file give a note the same number.
"""

from __future__ import annotations

from dataclasses import replace

from ..textual import footnotes
from ..tree import (
    Block,
    Change,
    Emph,
    Footnote,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    OutputDocument,
    Paragraph,
    Strong,
    Table,
)


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def inlines(self, items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tuple(self.inline(item) for item in items)

    def inline(self, item: Inline) -> Inline:
        if isinstance(item, Footnote):
            self.count += 1
            return Footnote(item.children, self.count)
        if isinstance(item, Emph | Strong | Link | Change):
            return replace(item, children=self.inlines(item.children))
        return item

    def block(self, block: Block) -> Block:
        if isinstance(block, Heading | Paragraph):
            return replace(block, children=self.inlines(block.children))
        if isinstance(block, ListBlock):
            items = tuple(replace(item, blocks=tuple(self.block(b) for b in item.blocks)) for item in block.items)
            return replace(block, items=items)
        if isinstance(block, Table):
            header = tuple(self.inlines(cell) for cell in block.header)
            return replace(block, header=header, rows=tuple(tuple(self.inlines(c) for c in row) for row in block.rows))
        if isinstance(block, Note):
            return replace(block, blocks=tuple(self.block(b) for b in block.blocks))
        return block


def numbered(doc: OutputDocument) -> OutputDocument:
    """``doc`` with its footnotes numbered from 1 in reading order (the
    blocks under the title first, then the body); ``doc`` itself when it
    has none."""
    counter = _Counter()
    lead = tuple(counter.block(b) for b in doc.lead)
    blocks = tuple(counter.block(b) for b in doc.blocks)
    return replace(doc, lead=lead, blocks=blocks) if counter.count else doc


def all_footnotes(doc: OutputDocument) -> list[Footnote]:
    """The footnotes of ``doc`` in reading order (numbered, if ``doc`` is)."""
    out: list[Footnote] = []
    for block in (*doc.lead, *doc.blocks):
        out.extend(_in_block(block))
    return out


def _in_block(block: Block) -> list[Footnote]:
    if isinstance(block, Heading | Paragraph):
        return footnotes(block.children)
    if isinstance(block, ListBlock):
        return [note for item in block.items for b in item.blocks for note in _in_block(b)]
    if isinstance(block, Table):
        return [note for row in (block.header, *block.rows) for cell in row for note in footnotes(cell)]
    return [note for b in block.blocks for note in _in_block(b)]
