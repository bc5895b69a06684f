"""Bold and italic written so that the Markdown reader reads them back.

CommonMark opens and closes ``*`` only where the characters around the
delimiter allow it (a "flanking" run), and adjacent emphasis written piece
by piece (``***a***`` then ``*b*``) runs its delimiters together into marks
that no longer close. So the writer first flattens the inlines into
characters, each with its bold and italic, then writes every stretch of
formatted text with one nesting: the format that covers the whole stretch
outside, the rest inside. Emphasis is taken off a space or punctuation
mark at a stretch's edge where ``*`` could not open or close there (an
italic full stop after a word); letters and digits always keep theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from markdown_it.common.utils import isPunctChar, isWhiteSpace

from ..tree import Emph, Image, Inline, Link, Strong, Text


@dataclass(frozen=True)
class Char:
    """One character of text with its formatting."""

    char: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class LinkCells:
    """A link whose text is flattened in turn."""

    href: str
    cells: tuple[Cell, ...]


Cell = Char | LinkCells | Image


def flatten(items: Sequence[Inline], bold: bool = False, italic: bool = False, linked: bool = False) -> list[Cell]:
    """``items`` as characters with their formatting; a link's formatting
    moves inside it, and a link inside a link is its text (links do not
    nest). Inlines the importer never makes are left out."""
    out: list[Cell] = []
    for item in items:
        if isinstance(item, Text):
            out.extend(Char(c, bold, italic) for c in item.text.replace("\n", " "))
        elif isinstance(item, Strong):
            out.extend(flatten(item.children, True, italic, linked))
        elif isinstance(item, Emph):
            out.extend(flatten(item.children, bold, True, linked))
        elif isinstance(item, Link) and linked:
            out.extend(flatten(item.children, bold, italic, linked))
        elif isinstance(item, Link):
            out.append(LinkCells(item.href, tuple(flatten(item.children, bold, italic, True))))
        elif isinstance(item, Image):
            out.append(item)
    return out


def write(cells: Sequence[Cell], escape: Callable[[str], str]) -> str:
    """Inline Markdown for ``cells``; ``escape`` escapes plain text."""
    fitted = _fit(_fit(list(cells), "bold"), "italic")
    out: list[str] = []
    chars: list[Char] = []
    for cell in [*fitted, None]:
        if isinstance(cell, Char):
            chars.append(cell)
            continue
        out.append(_stretches(chars, escape))
        chars = []
        if isinstance(cell, LinkCells):
            href = cell.href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            out.append(f"[{write(cell.cells, escape)}]({href})")
        elif isinstance(cell, Image):
            out.append(f"![{escape(cell.alt)}]({cell.src})")
    return "".join(out)


def _stretches(
    chars: list[Char], escape: Callable[[str], str], outer: str = "", around: tuple[bool, bool] = (False, False)
) -> str:
    """Plain text escaped, each formatted stretch nested by :func:`_formatted`;
    a stretch is marked with ``*``, or with ``_`` where it touches an
    ``outer`` ``*`` around ``chars`` and no letter or digit stands beside it
    or ``around`` that ``*`` (there the ``*`` must run together into one
    delimiter)."""
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        plain = not (chars[i].bold or chars[i].italic)
        while j < len(chars) and (not (chars[j].bold or chars[j].italic)) == plain:
            j += 1
        part = chars[i:j]
        if plain:
            out.append(escape("".join(c.char for c in part)))
        else:
            words = (i > 0 and _kind(chars[i - 1]) == "word", j < len(chars) and _kind(chars[j]) == "word")
            left = i == 0 and (outer == "_" or around[0])
            right = j == len(chars) and (outer == "_" or around[1])
            touching = outer == "*" and (i == 0 or j == len(chars))
            out.append(_formatted(part, escape, words, "_" if touching and not (any(words) or left or right) else "*"))
        i = j
    return "".join(out)


def _formatted(chars: list[Char], escape: Callable[[str], str], words: tuple[bool, bool], mark: str = "*") -> str:
    """A stretch of formatted characters: italic or bold (marked with
    ``mark``) around the whole when it covers the whole, else the stretch
    split where italic changes. ``words`` says whether a letter or digit
    stands just before and after the stretch: split-off parts alternate
    ``*`` and ``_`` (whose delimiters do not run together), ``_`` only
    where no letter or digit stands beside it. (Two parts between letters,
    as in ``a`` + bold + italic + ``b``, cannot be written so: a known
    limit.)"""
    if all(c.italic for c in chars):
        return mark + _stretches([replace(c, italic=False) for c in chars], escape, mark, words) + mark
    if all(c.bold for c in chars):
        return mark * 2 + _stretches([replace(c, bold=False) for c in chars], escape, mark, words) + mark * 2
    parts: list[list[Char]] = []
    for c in chars:
        if parts and parts[-1][0].italic == c.italic:
            parts[-1].append(c)
        else:
            parts.append([c])
    marks = ("_", "*") if not words[0] and words[1] and len(parts) % 2 == 0 else ("*", "_")
    out: list[str] = []
    for k, part in enumerate(parts):
        inner = (words[0] and k == 0, words[1] and k == len(parts) - 1)
        out.append(_formatted(part, escape, inner, marks[k % 2]))
    return "".join(out)


def _fit(cells: list[Cell], flag: str) -> list[Cell]:
    """``cells`` with ``flag`` (bold or italic) taken off the edge characters
    of each stretch that ``*`` could not open or close at."""
    changed = True
    while changed:
        changed = False
        for i, cell in enumerate(cells):
            if not isinstance(cell, Char) or not getattr(cell, flag):
                continue
            before = _neighbour(cells, i - 1)
            after = _neighbour(cells, i + 1)
            opens = not (isinstance(before, Char) and getattr(before, flag))
            closes = not (isinstance(after, Char) and getattr(after, flag))
            if (opens and not _can_open(cell.char, before)) or (closes and not _can_close(cell.char, after)):
                cells[i] = Char(cell.char, cell.bold and flag != "bold", cell.italic and flag != "italic")
                changed = True
    return cells


def _neighbour(cells: list[Cell], i: int) -> Cell | None:
    return cells[i] if 0 <= i < len(cells) else None


def _kind(cell: Cell | None) -> str:
    """ "space", "punct" or "word" for the character beside a delimiter; the
    start or end of the text counts as space, a link or image as punctuation."""
    if cell is None:
        return "space"
    if not isinstance(cell, Char):
        return "punct"
    if isWhiteSpace(ord(cell.char)):
        return "space"
    return "punct" if isPunctChar(cell.char) or cell.char in "\\`*_[]<>&!|{}" else "word"


def _can_open(char: str, before: Cell | None) -> bool:
    kind = _kind(Char(char))
    return kind == "word" or (kind == "punct" and _kind(before) != "word")


def _can_close(char: str, after: Cell | None) -> bool:
    return _can_open(char, after)
