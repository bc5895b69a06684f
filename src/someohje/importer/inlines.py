"""Runs of formatted text to the document tree's inlines.

The reader collects a paragraph as a flat list of pieces: text with its bold
and italic flags, links (holding pieces of their own) and images. Here they
become nested :class:`Strong` / :class:`Emph` nodes, with the spaces at an
emphasis' edges moved outside it (Markdown cannot open ``** x``). A line
break stands on its own, without the spaces around it; one at either end of
a paragraph (a Shift+Enter before the paragraph mark) is left out, as
nothing would show it.

Text in another language than the document's (a run's ``w:lang``) becomes
a :class:`Passage` around the longest stretch of pieces in that language;
spaces and punctuation between two pieces of one language stay inside it,
elsewhere they are the document's, so they neither split a passage nor
make one. A link takes the language of all its text, or none: Markdown
cannot mark a language inside a link's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..content.languages import same_language
from ..content.markdown import merge_text
from ..tree import Emph, Footnote, Image, Inline, LineBreak, Link, Passage, Strong, Text


@dataclass(frozen=True)
class Piece:
    """Text with its formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    language: str = ""  #: the run's ``w:lang`` (own, or its style's); "" = the document's


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


def to_inlines(items: Sequence[Item], language: str = "") -> tuple[Inline, ...]:
    """Nest ``items`` into tree inlines: passages in another language than
    ``language`` (the document's; "" marks none), within them runs of bold,
    within those italic."""
    out: list[Inline] = []
    for key, group in _by_language(items, language):
        inner = _formatted(group, language)
        out.extend([Passage(tuple(inner), key)] if key and inner else inner)
    return tuple(_tidy_breaks(merge_text(out)))


def _formatted(items: Sequence[Item], language: str) -> list[Inline]:
    out: list[Inline] = []
    for group in _groups(_split_edges(items), lambda p: p.bold, language):
        if isinstance(group, list):
            inner = _italic(group)
            out.extend(_wrap(inner, bold=group[0].bold))
        else:
            out.append(group)
    return merge_text(out)


def _by_language(items: Sequence[Item], language: str) -> list[tuple[str, list[Item]]]:
    """``items`` in stretches of one language: ``(tag, items)``, the tag ""
    for the document's own. Pieces with no letters or digits (spaces,
    punctuation) and line breaks, footnote calls and images join the
    stretch on both sides of them when both are of one language."""
    split = _edge_spaces(items, language)
    keys = [_foreign(item, language) for item in split]
    before, after = _nearest(keys), _nearest(keys[::-1])[::-1]
    out: list[tuple[str, list[Item]]] = []
    for item, key, left, right in zip(split, keys, before, after, strict=True):
        tag = key if key is not None else left if left == right else ""
        if out and out[-1][0] == tag:
            out[-1][1].append(item)
        else:
            out.append((tag, [item]))
    return out


def _nearest(keys: list[str | None]) -> list[str]:
    """For each of ``keys``, the last key that is not None before it ("" when none)."""
    out: list[str] = []
    last = ""
    for key in keys:
        out.append(last)
        last = key if key is not None else last
    return out


def _foreign(item: Item, language: str) -> str | None:
    """The tag of ``item``'s language when it is not ``language``, "" when
    it is, None when it has none of its own (no letters or digits)."""
    if isinstance(item, LinkPiece):
        tags = {_foreign(p, language) for p in item.pieces} - {None}
        return tags.pop() if len(tags) == 1 else "" if tags else None
    if not isinstance(item, Piece):
        return None
    if not any(c.isalnum() for c in item.text):
        return None
    if not language or not item.language or same_language(item.language, language):
        return ""
    return item.language


def _edge_spaces(items: Sequence[Item], language: str) -> list[Item]:
    """``items`` with the spaces at the ends of a piece in another language
    split off as pieces of their own (the space after a quoted word is the
    sentence's, not the quotation's)."""
    out: list[Item] = []
    for item in items:
        if not isinstance(item, Piece) or not _foreign(item, language):
            out.append(item)
            continue
        core = item.text.strip()
        head = item.text[: len(item.text) - len(item.text.lstrip())]
        tail = item.text[len(item.text.rstrip()) :]
        out.extend(p for p in (Piece(head), replace(item, text=core), Piece(tail)) if p.text)
    return out


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


def _groups(items: Sequence[Item], key: object, language: str = "") -> list[list[Piece] | Inline]:
    """Consecutive pieces with the same ``key``; links and images on their
    own (a link's text marks no language, a footnote's text its own
    against ``language``, the document's)."""
    out: list[list[Piece] | Inline] = []
    for item in items:
        if isinstance(item, LinkPiece):
            out.append(Link(item.href, to_inlines(item.pieces)))
        elif isinstance(item, NotePiece):
            out.append(Footnote(to_inlines(item.pieces, language)))
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
            out.append(Piece(core, item.bold, item.italic, item.language))
        if tail:
            out.append(Piece(tail))
    return out
