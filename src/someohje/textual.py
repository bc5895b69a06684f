"""Plain text of tree nodes, for summaries, tests and diffs."""

from __future__ import annotations

from collections.abc import Iterable

from .tree import (
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


def inline_text(items: Iterable[Inline], *, keep: str = "both") -> str:
    """The text of inlines as it runs (a footnote's text is not part of the
    sentence it stands in: :func:`footnotes` gives it); ``keep`` is ``both``,
    ``ins`` (drop deletions) or ``del`` (drop insertions) for redlines."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Footnote):
            continue
        if isinstance(item, Text):
            out.append(item.text)
        elif isinstance(item, SourceRef):
            out.append(item.label)
        elif isinstance(item, Image):
            out.append(item.alt)
        elif isinstance(item, LineBreak):
            out.append(" ")
        elif isinstance(item, Change):
            if keep == "both" or keep == item.kind:
                out.append(inline_text(item.children, keep=keep))
        elif isinstance(item, Emph | Strong | Link | Passage):
            out.append(inline_text(item.children, keep=keep))
    return "".join(out)


def footnotes(items: Iterable[Inline]) -> list[Footnote]:
    """The footnotes called in ``items``, in reading order."""
    out: list[Footnote] = []
    for item in items:
        if isinstance(item, Footnote):
            out.append(item)
        elif isinstance(item, Emph | Strong | Link | Change | Passage):
            out.extend(footnotes(item.children))
    return out


def block_texts(blocks: Iterable[Block]) -> list[str]:
    """One string per paragraph-like unit (heading, paragraph, list item
    paragraph, table cell row), in reading order; each footnote's text is a
    unit of its own after the unit that calls it."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(inline_text(block.children))
            out.extend(_note_texts(block.children))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(block_texts(item.blocks))
        elif isinstance(block, Note):
            out.extend(block_texts(block.blocks))
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                out.append(" ".join(inline_text(c) for c in row))
                out.extend(text for cell in row for text in _note_texts(cell))
    return out


def _note_texts(items: Iterable[Inline]) -> list[str]:
    return [inline_text(note.children) for note in footnotes(items)]
