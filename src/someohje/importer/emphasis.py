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
from itertools import pairwise
from pathlib import Path

from markdown_it.common.utils import isPunctChar, isWhiteSpace

from ..content.markdown import parse_inline
from ..errors import ContentError
from ..tree import Emph, Footnote, Image, Inline, LineBreak, Link, Passage, Strong, Text


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


@dataclass(frozen=True)
class PassageCells:
    """A passage in another language (``[text]{lang=en}``) whose text is flattened in turn."""

    language: str
    cells: tuple[Cell, ...]


Cell = Char | LinkCells | PassageCells | Image | Footnote

#: The character a hard line break flattens to (a text's own newlines become
#: spaces); CommonMark counts it as whitespace beside a delimiter.
BREAK = "\n"

#: where a trial reading of written text comes from (it reads no file)
_NOWHERE = Path("emphasis.md")


def flatten(items: Sequence[Inline], bold: bool = False, italic: bool = False, linked: bool = False) -> list[Cell]:
    """``items`` as characters with their formatting; a link's formatting
    moves inside it, and a link inside a link is its text (links do not
    nest). A passage keeps its language around its formatting, except inside a
    link, where Markdown cannot mark one. Inlines the importer never makes
    are left out."""
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
        elif isinstance(item, Passage) and linked:
            out.extend(flatten(item.children, bold, italic, linked))
        elif isinstance(item, Passage):
            out.append(PassageCells(item.language, tuple(flatten(item.children, bold, italic))))
        elif isinstance(item, Image | Footnote):  # a footnote's call: its text is written apart
            out.append(item)
        elif isinstance(item, LineBreak):  # shows no formatting: emphasis ends before it, starts after it
            out.append(Char(BREAK))
    return out


def write(cells: Sequence[Cell], escape: Callable[[str], str], call: Callable[[Footnote], str]) -> str:
    """Inline Markdown for ``cells``; ``escape`` escapes plain text, ``call``
    writes a footnote's call (``[^1]``) and keeps its text for later."""
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
            out.append(f"[{write(cell.cells, escape, call)}]({href})")
        elif isinstance(cell, PassageCells):
            out.append(f"[{write(cell.cells, escape, call)}]{{lang={cell.language}}}")
        elif isinstance(cell, Image):
            out.append(f"![{escape(cell.alt)}]({cell.src})")
        elif isinstance(cell, Footnote):
            out.append(call(cell))
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
            free = not (any(words) or left or right)
            mark = "_" if free and (touching or (not outer and _mixes(part))) else "*"
            out.append(_formatted(part, escape, words, mark))
        i = j
    return "".join(out)


def _mixes(chars: list[Char]) -> bool:
    """Whether one format (italic or bold) covers all of ``chars`` and the
    other starts or ends inside them between letters or digits: written
    inside ``*``, those marks would run together with the outer ``*``
    (``***1**1**1***``, ``***1*1*1***``), so the outer format takes ``_``,
    whose delimiters never join a ``*`` run."""
    if all(c.italic for c in chars):
        inner = [c.bold for c in chars]
    elif all(c.bold for c in chars):
        inner = [c.italic for c in chars]
    else:
        return False
    changes = (k for k, (x, y) in enumerate(pairwise(inner)) if x != y)
    return any(_kind(chars[k]) == _kind(chars[k + 1]) == "word" for k in changes)


def _formatted(chars: list[Char], escape: Callable[[str], str], words: tuple[bool, bool], mark: str = "*") -> str:
    """A stretch of formatted characters: italic or bold (marked with
    ``mark``) around the whole when it covers the whole, else the stretch
    split where italic changes. ``words`` says whether a letter or digit
    stands just before and after the stretch: split-off parts alternate
    ``*`` and ``_`` (whose delimiters do not run together), ``_`` only
    where no letter or digit stands beside it. Between letters, as in
    ``a`` + bold + italic + ``b``, the parts' marks run together, and the
    first of a few ways of marking them that reads back is kept."""
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
    first = ("_", "*") if not words[0] and words[1] and len(parts) % 2 == 0 else ("*", "_")
    written = [_split(parts, escape, words, marks) for marks in (first, ("*", "*"), ("_", "*"))]
    if any(words):  # between letters the marks must run together: keep the way that reads back
        return next((text for text in written if _reads_back(text, chars, words)), written[0])
    return written[0]


def _split(
    parts: list[list[Char]], escape: Callable[[str], str], words: tuple[bool, bool], marks: tuple[str, str]
) -> str:
    """``parts`` written one after another, marked ``marks`` in turn."""
    out: list[str] = []
    for k, part in enumerate(parts):
        inner = (words[0] and k == 0, words[1] and k == len(parts) - 1)
        out.append(_formatted(part, escape, inner, marks[k % 2]))
    return "".join(out)


def _reads_back(text: str, chars: list[Char], words: tuple[bool, bool]) -> bool:
    """Whether the reader gives ``chars`` their bold and italic again from
    ``text`` written between a letter (where ``words`` says one stands) or
    a space."""
    context = ("a" if words[0] else " ") + text + ("a" if words[1] else " ")
    try:
        back = flatten(parse_inline(context, _NOWHERE, _NOWHERE, 1))
    except ContentError:
        return False
    seen = [(c.char, c.bold, c.italic) for c in back if isinstance(c, Char) and c.char.isalnum()]
    want = [(c.char, c.bold, c.italic) for c in chars if c.char.isalnum()]
    return seen[int(words[0]) : len(seen) - int(words[1])] == want


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
