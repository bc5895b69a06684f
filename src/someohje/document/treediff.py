"""The difference of two document trees, as a tree with its changes marked.

Two stages' trees are compared, not their rendered text:

1. at block level, :class:`difflib.SequenceMatcher` aligns the blocks; a
   block only one side has becomes a whole inserted or deleted block
   (``Paragraph(change=...)``, ``ListItem(change=...)``; a heading's or a
   table row's text wrapped in :class:`~someohje.tree.Change`);
2. a replaced pair of blocks of the same kind is compared inside: lists item
   by item, tables row by row, notes block by block, and paragraphs and
   headings word by word (each word keeps the whitespace after it), so a
   changed word is one deletion and one insertion; a footnote whose text
   changed is one call with its text compared word by word, and a deleted
   or inserted call has its note's text marked so too.

Keeping only insertions gives the later stage's text; keeping only
deletions gives the earlier one's (:func:`side_blocks`). Tables keep the
later stage's caption.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..record.amendments import in_notes
from ..textual import block_texts, inline_text
from ..tree import (
    Block,
    Change,
    Emph,
    Footnote,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Passage,
    Strong,
    Table,
    Text,
)

Kind = Literal["", "ins", "del"]
Cell = tuple[Inline, ...]
Row = tuple[Cell, ...]

#: Replaced blocks less similar than this (difflib ratio of their words)
#: are shown as one deleted and one inserted block, not word by word.
SIMILARITY = 0.5

# --- word diff of inlines ----------------------------------------------------------

#: A formatting wrapper around text: ("emph", ""), ("strong", ""), ("link", href),
#: ("lang", language) for a passage in another language.
Wrapper = tuple[str, str]


@dataclass(frozen=True)
class Token:
    """A word with the whitespace after it (or an atom such as a source
    reference), with the wrappers it sits in."""

    text: str
    context: tuple[Wrapper, ...]
    atom: Inline | None = None


_WORD = re.compile(r"\S+\s*|\s+")


def tokens(items: Sequence[Inline], context: tuple[Wrapper, ...] = ()) -> list[Token]:
    """Word tokens of inlines, in reading order; a :class:`SourceRef` or an
    :class:`Image` is one token. Existing :class:`Change` spans are flattened."""
    out: list[Token] = []
    for item in items:
        if isinstance(item, Text):
            out.extend(Token(word, context) for word in _WORD.findall(item.text))
        elif isinstance(item, Emph):
            out.extend(tokens(item.children, (*context, ("emph", ""))))
        elif isinstance(item, Strong):
            out.extend(tokens(item.children, (*context, ("strong", ""))))
        elif isinstance(item, Link):
            out.extend(tokens(item.children, (*context, ("link", item.href))))
        elif isinstance(item, Passage):
            out.extend(tokens(item.children, (*context, ("lang", item.language))))
        elif isinstance(item, Change):
            out.extend(tokens(item.children, context))
        else:
            out.append(Token("", context, item))
    return out


@dataclass(frozen=True)
class _Marked:
    token: Token
    kind: Kind


def diff_inlines(old: Sequence[Inline], new: Sequence[Inline]) -> tuple[Inline, ...]:
    """Inlines showing the word-level changes from ``old`` to ``new``.

    Equal words are kept as they are; removed words are wrapped in
    ``Change("del")`` and added ones in ``Change("ins")``, innermost (inside
    any emphasis or link), deletions before insertions.
    """
    a, b = tokens(old), tokens(new)
    keys = difflib.SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    marked: list[_Marked] = []
    for op, i1, i2, j1, j2 in keys.get_opcodes():
        if op == "equal":
            marked += [_Marked(_paired(x, y), "") for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
            continue
        marked += _replaced(_wholly_noted(a[i1:i2], "del"), _wholly_noted(b[j1:j2], "ins"))
    return _rebuild(marked, 0)


def _key(token: Token) -> object:
    """What the word diff compares a token by: a footnote's call by its
    place alone, so that a note whose text changed is one call with its
    text diffed (:func:`_paired`), not a deleted and an inserted note."""
    return ("footnote", token.context) if isinstance(token.atom, Footnote) else token


def _paired(old: Token, new: Token) -> Token:
    """``new``, a footnote's call with its text diffed against ``old``'s when the two differ."""
    if isinstance(old.atom, Footnote) and isinstance(new.atom, Footnote) and old.atom != new.atom:
        return replace(new, atom=replace(new.atom, children=diff_inlines(old.atom.children, new.atom.children)))
    return new


def _wholly_noted(toks: Sequence[Token], kind: Kind) -> list[Token]:
    """``toks`` with the text of every footnote among them marked ``kind``
    whole (:func:`noted`)."""
    return [replace(t, atom=noted((t.atom,), kind)[0]) if isinstance(t.atom, Footnote) else t for t in toks]


def noted(items: Sequence[Inline], kind: Kind) -> tuple[Inline, ...]:
    """``items`` with the text of every footnote they call wrapped whole in
    ``Change(kind)``: the note of a deleted or inserted passage reads as
    deleted or inserted where the notes are listed too (the web page's list,
    the DOCX's footnotes)."""
    return in_notes(items, lambda text: changed_inlines(kind, text))


def _replaced(old: Sequence[Token], new: Sequence[Token]) -> list[_Marked]:
    """Deleted then inserted tokens; when both runs end in the same
    whitespace, that whitespace is left unmarked after them (so ``heti`` ->
    ``välittömästi`` marks the words, not the space that follows)."""
    tail: list[_Marked] = []
    if old and new and _space(old[-1]) and _space(old[-1]) == _space(new[-1]):
        space = _space(new[-1])
        old = [*old[:-1], replace(old[-1], text=old[-1].text[: -len(space)])]
        new = [*new[:-1], replace(new[-1], text=new[-1].text[: -len(space)])]
        tail = [_Marked(Token(space, new[-1].context), "")]
    marked = [_Marked(t, "del") for t in old if t.text or t.atom is not None]
    marked += [_Marked(t, "ins") for t in new if t.text or t.atom is not None]
    return marked + tail


def _space(token: Token) -> str:
    """The whitespace a word token ends with ("" for atoms and bare words)."""
    if token.atom is not None or not token.text.strip():
        return ""
    return token.text[len(token.text.rstrip()) :]


def _rebuild(items: Sequence[_Marked], depth: int) -> tuple[Inline, ...]:
    """Nest marked tokens back into wrappers, grouping equal neighbours."""
    out: list[Inline] = []
    i = 0
    while i < len(items):
        key = _group(items[i], depth)
        j = i + 1
        while j < len(items) and _group(items[j], depth) == key:
            j += 1
        wrapper, kind = key
        if wrapper is not None:
            out.append(_wrap(wrapper, _rebuild(items[i:j], depth + 1)))
        elif kind:
            out.append(Change(kind, _leaves([m.token for m in items[i:j]])))
        else:
            out.extend(_leaves([m.token for m in items[i:j]]))
        i = j
    return tuple(out)


def _group(item: _Marked, depth: int) -> tuple[Wrapper | None, Kind]:
    """What a token joins at ``depth``: the wrapper it sits in there, or
    (at its own depth) the run of its change kind."""
    context = item.token.context
    return (context[depth], "") if len(context) > depth else (None, item.kind)


def _leaves(toks: Sequence[Token]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for tok in toks:
        if tok.atom is not None:
            out.append(tok.atom)
        elif out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + tok.text)
        else:
            out.append(Text(tok.text))
    return tuple(out)


def _wrap(wrapper: Wrapper, children: tuple[Inline, ...]) -> Inline:
    name, href = wrapper
    if name == "emph":
        return Emph(children)
    if name == "strong":
        return Strong(children)
    if name == "lang":
        return Passage(children, href)
    return Link(href, children)


def changed_inlines(kind: Kind, items: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``items`` wrapped whole in one ``Change(kind)`` (nothing for ``""``)."""
    return (Change(kind, items),) if kind and items else items


# --- block diff ------------------------------------------------------------------


def diff_blocks(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    """Blocks showing the changes from ``old`` to ``new``.

    Blocks are aligned first; whole blocks only one side has are marked
    inserted or deleted; replaced blocks of the same kind and similar text
    are compared inside (see the module docstring).
    """
    out: list[Block] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(new[j1:j2])
        else:
            out.extend(_replace_range(old[i1:i2], new[j1:j2]))
    return out


def _replace_range(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    """Pair each old block with the next similar new block of its kind; the
    new blocks skipped over are insertions, unpaired old ones deletions."""
    out: list[Block] = []
    j = 0
    for block in old:
        match = next((k for k in range(j, len(new)) if _pairs(block, new[k])), None)
        if match is None:
            out.append(mark_block(block, "del"))
            continue
        out.extend(mark_block(b, "ins") for b in new[j:match])
        out.append(_diff_pair(block, new[match]))
        j = match + 1
    out.extend(mark_block(b, "ins") for b in new[j:])
    return out


def _words(block: Block) -> list[str]:
    return " ".join(block_texts([block])).split()


def similarity(old: Block, new: Block) -> float:
    """How alike two blocks' words are, 0..1 (difflib ratio)."""
    return difflib.SequenceMatcher(None, _words(old), _words(new), autojunk=False).ratio()


def _pairs(old: Block, new: Block) -> bool:
    if type(old) is not type(new):
        return False
    if isinstance(old, Heading) and isinstance(new, Heading) and old.level != new.level:
        return False
    if isinstance(old, ListBlock | Table | Note):
        return True  # containers are compared item by item, row by row
    return similarity(old, new) >= SIMILARITY


def _diff_pair(old: Block, new: Block) -> Block:
    if isinstance(old, Paragraph) and isinstance(new, Paragraph):
        return replace(new, children=diff_inlines(old.children, new.children))
    if isinstance(old, Heading) and isinstance(new, Heading):
        return replace(new, children=diff_inlines(old.children, new.children))
    if isinstance(old, ListBlock) and isinstance(new, ListBlock):
        return replace(new, items=tuple(_diff_items(old.items, new.items)))
    if isinstance(old, Table) and isinstance(new, Table):
        return replace(new, rows=tuple(_diff_rows(old.rows, new.rows)))
    if isinstance(old, Note) and isinstance(new, Note):
        return replace(new, blocks=tuple(diff_blocks(old.blocks, new.blocks)))
    raise TypeError(f"cannot compare {type(old).__name__} with {type(new).__name__}")


def _diff_items(old: Sequence[ListItem], new: Sequence[ListItem]) -> list[ListItem]:
    out: list[ListItem] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(new[j1:j2])
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news and _item_similarity(olds[0], news[0]) >= SIMILARITY:
            a, b = olds.pop(0), news.pop(0)
            out.append(replace(b, blocks=tuple(diff_blocks(a.blocks, b.blocks))))
        out.extend(mark_item(item, "del") for item in olds)
        out.extend(mark_item(item, "ins") for item in news)
    return out


def _item_similarity(old: ListItem, new: ListItem) -> float:
    a, b = " ".join(block_texts(old.blocks)).split(), " ".join(block_texts(new.blocks)).split()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _diff_rows(old: Sequence[Row], new: Sequence[Row]) -> list[Row]:
    out: list[Row] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(new[j1:j2])
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news and len(olds[0]) == len(news[0]):
            a, b = olds.pop(0), news.pop(0)
            out.append(tuple(diff_inlines(x, y) for x, y in zip(a, b, strict=True)))
        out.extend(mark_row(row, "del") for row in olds)
        out.extend(mark_row(row, "ins") for row in news)
    return out


def mark_row(row: Row, kind: Kind) -> Row:
    """A table row whose every cell is wholly inserted or deleted."""
    return tuple(changed_inlines(kind, noted(cell, kind)) for cell in row)


def mark_item(item: ListItem, kind: Kind) -> ListItem:
    """A list item wholly inserted or deleted (its paragraph marks too)."""
    return ListItem(tuple(mark_block(b, kind) for b in item.blocks), change=kind)


def mark_block(block: Block, kind: Kind) -> Block:
    """A block wholly inserted or deleted.

    Paragraphs and list items carry the mark themselves (``change``), which
    renderers show as an inserted/deleted paragraph; a heading's text and a
    table's cells are wrapped in :class:`Change`; the text of the footnotes
    it calls is wrapped so too (:func:`noted`).
    """
    if isinstance(block, Paragraph):
        return replace(block, change=kind, children=noted(block.children, kind))
    if isinstance(block, Heading):
        return replace(block, children=changed_inlines(kind, noted(block.children, kind)))
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(mark_item(item, kind) for item in block.items))
    if isinstance(block, Table):
        return replace(block, rows=tuple(mark_row(row, kind) for row in block.rows))
    return replace(block, blocks=tuple(mark_block(b, kind) for b in block.blocks))


# --- reading a redline back ------------------------------------------------------


def side_blocks(blocks: Sequence[Block], keep: Literal["ins", "del"]) -> list[Block]:
    """One side of a redline: ``keep="ins"`` gives the later text (deletions
    dropped), ``keep="del"`` the earlier one (insertions dropped)."""
    drop = "del" if keep == "ins" else "ins"
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.change != drop:
                out.append(replace(block, children=_side_inlines(block.children, keep), change=""))
        elif isinstance(block, Heading):
            heading = replace(block, children=_side_inlines(block.children, keep))
            if heading.children or not block.children:
                out.append(heading)
        elif isinstance(block, ListBlock):
            items = tuple(ListItem(tuple(side_blocks(i.blocks, keep))) for i in block.items if i.change != drop)
            if items:
                out.append(replace(block, items=items))
        elif isinstance(block, Table):
            rows = [tuple(_side_inlines(c, keep) for c in row) for row in block.rows]
            kept = tuple(row for row, orig in zip(rows, block.rows, strict=True) if not _wholly(orig, drop))
            out.append(replace(block, rows=kept))
        else:
            out.append(replace(block, blocks=tuple(side_blocks(block.blocks, keep))))
    return out


def _wholly(row: Row, kind: str) -> bool:
    return all(len(cell) == 1 and isinstance(cell[0], Change) and cell[0].kind == kind for cell in row if cell)


def _side_inlines(items: Sequence[Inline], keep: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Change):
            if item.kind == keep:
                out.extend(_side_inlines(item.children, keep))
        elif isinstance(item, Emph | Strong | Link | Passage):
            children = _side_inlines(item.children, keep)
            if children:
                out.append(replace(item, children=children))
        elif isinstance(item, Footnote):
            out.append(replace(item, children=_side_inlines(item.children, keep)))
        else:
            out.append(item)
    return tuple(out)


def changes(blocks: Sequence[Block]) -> list[tuple[str, str]]:
    """``(kind, text)`` of every change in reading order: whole changed
    paragraphs and list items as one entry, inline spans each as one."""
    out: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.extend([(block.change, inline_text(block.children))] if block.change else _spans(block.children))
        elif isinstance(block, Heading):
            out.extend(_spans(block.children))
        elif isinstance(block, ListBlock):
            for item in block.items:
                if item.change:
                    out.append((item.change, " ".join(block_texts(item.blocks))))
                else:
                    out.extend(changes(item.blocks))
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    out.extend(_spans(cell))
        else:
            out.extend(changes(block.blocks))
    return out


def _spans(items: Sequence[Inline]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, Change):
            out.append((item.kind, inline_text(item.children)))
        elif isinstance(item, Emph | Strong | Link | Passage | Footnote):  # a note's changes where it is called
            out.extend(_spans(item.children))
    return out
