"""Runs of formatted text to the document tree's inlines.

The reader collects a paragraph as a flat list of pieces: text with its bold
and italic flags, links (holding pieces of their own) and images. Here they
become nested :class:`Strong` / :class:`Emph` nodes, with the spaces at an
emphasis' edges moved outside it (Markdown cannot open ``** x``). A line
break stands on its own, without the spaces around it; one at either end of
a paragraph (a Shift+Enter before the paragraph mark) is left out, as
nothing would show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content.markdown import merge_text
from ..tree import Emph, Footnote, Image, Inline, LineBreak, Link, Strong, Text


@dataclass(frozen=True)
class Piece:
    """Text with its formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class LinkPiece:
    """A hyperlink around pieces."""

    href: str
    pieces: tuple[Item, ...]


@dataclass(frozen=True)
class NotePiece:
    """A footnote where it is called, holding the note's pieces."""

    pieces: tuple[Item, ...]


Item = Piece | LinkPiece | NotePiece | Image | LineBreak


def to_inlines(items: Sequence[Item]) -> tuple[Inline, ...]:
    """Nest ``items`` into tree inlines: runs of bold, within them italic."""
    out: list[Inline] = []
    for group in _groups(_split_edges(items), lambda p: p.bold):
        if isinstance(group, list):
            inner = _italic(group)
            out.extend(_wrap(inner, bold=group[0].bold))
        else:
            out.append(group)
    return tuple(_tidy_breaks(merge_text(out)))


def _tidy_breaks(items: list[Inline]) -> list[Inline]:
    """``items`` without line breaks at their ends and without the spaces
    beside a line break (a break already parts the words)."""
    while items and isinstance(items[0], LineBreak):
        items = items[1:]
    while items and isinstance(items[-1], LineBreak):
        items = items[:-1]
    out: list[Inline] = []
    for k, item in enumerate(items):
        if isinstance(item, Text):
            before = k > 0 and isinstance(items[k - 1], LineBreak)
            after = k + 1 < len(items) and isinstance(items[k + 1], LineBreak)
            text = item.text.lstrip() if before else item.text
            item = Text(text.rstrip() if after else text)
            if not item.text:
                continue
        out.append(item)
    return out


def _italic(pieces: list[Piece]) -> list[Inline]:
    out: list[Inline] = []
    for group in _groups(pieces, lambda p: p.italic):
        assert isinstance(group, list)
        text = Text("".join(p.text for p in group))
        out.append(Emph((text,)) if group[0].italic and text.text.strip() else text)
    return out


def _wrap(inner: list[Inline], *, bold: bool) -> list[Inline]:
    if not bold or not any(isinstance(i, Emph) or (isinstance(i, Text) and i.text.strip()) for i in inner):
        return inner
    return [Strong(tuple(inner))]


def _groups(items: Sequence[Item], key: object) -> list[list[Piece] | Inline]:
    """Consecutive pieces with the same ``key``; links and images on their own."""
    out: list[list[Piece] | Inline] = []
    for item in items:
        if isinstance(item, LinkPiece):
            out.append(Link(item.href, to_inlines(item.pieces)))
        elif isinstance(item, NotePiece):
            out.append(Footnote(to_inlines(item.pieces)))
        elif isinstance(item, Image | LineBreak):
            out.append(item)
        else:
            last = out[-1] if out else None
            if isinstance(last, list) and key(last[0]) == key(item):  # type: ignore[operator]
                last.append(item)
            else:
                out.append([item])
    return out


def _split_edges(items: Sequence[Item]) -> list[Item]:
    """Formatted pieces with their leading and trailing spaces split off as plain text."""
    out: list[Item] = []
    for item in items:
        if not isinstance(item, Piece) or not (item.bold or item.italic):
            out.append(item)
            continue
        core = item.text.strip()
        head = item.text[: len(item.text) - len(item.text.lstrip())]
        tail = item.text[len(item.text.rstrip()) :]
        if head:
            out.append(Piece(head))
        if core:
            out.append(Piece(core, item.bold, item.italic))
        if tail:
            out.append(Piece(tail))
    return out
