"""Footnote numbers: a document's notes numbered 1, 2, … in reading order.

The text gives each :class:`~someohje.tree.Footnote` number 0 (a section
file does not know where it will stand); the HTML (and so the PDF) and the
DOCX renderers number the document they are given with :func:`numbered`
before they walk it. The Akoma Ntoso body, made from the section texts,
numbers its notes in the same reading order (:mod:`.akn_body`), so every
format gives a note the same number.
"""

from __future__ import annotations

from dataclasses import replace

from ..record.amendments import map_units
from ..tree import Block, Change, Emph, Footnote, Inline, Link, Note, OutputDocument, Passage, Strong


class _Counter:
    """Numbers the footnotes it meets and keeps them, numbered, in order."""

    def __init__(self) -> None:
        self.notes: list[Footnote] = []

    def inlines(self, items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tuple(self.inline(item) for item in items)

    def inline(self, item: Inline) -> Inline:
        if isinstance(item, Footnote):
            self.notes.append(Footnote(item.children, len(self.notes) + 1))
            return self.notes[-1]
        if isinstance(item, Emph | Strong | Link | Change | Passage):
            return replace(item, children=self.inlines(item.children))
        return item

    def block(self, block: Block) -> Block:
        if isinstance(block, Note):
            return replace(block, blocks=tuple(self.block(b) for b in block.blocks))
        return map_units(block, self.inlines)


def numbered(doc: OutputDocument) -> tuple[OutputDocument, tuple[Footnote, ...]]:
    """``doc`` with its footnotes numbered from 1 in reading order (the
    blocks under the title first, then the body; ``doc`` itself when it
    has none), and those footnotes in that order."""
    counter = _Counter()
    lead = tuple(counter.block(b) for b in doc.lead)
    blocks = tuple(counter.block(b) for b in doc.blocks)
    return (replace(doc, lead=lead, blocks=blocks) if counter.notes else doc), tuple(counter.notes)
