"""Document-tree blocks to the Markdown that :mod:`someohje.content.markdown` reads.

Text is escaped so that it reads back as the same text: Markdown's marks
(``*``, ``_``, ``[``, ``<``, ``#`` at a line start, ``1.`` at a line start …)
are backslash-escaped. Lists nest by indentation; two lists in a row get
different markers so that they stay two lists. A footnote is called where
it stands (``[^1]``) and defined at the end of the file (``[^1]: …``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..tree import Block, Footnote, Heading, Inline, ListBlock, Paragraph, Table
from . import emphasis

#: A hard line break: a backslash at the end of a line.
HARD_BREAK = "\\\n"
_ESCAPED = re.compile(r"([\\`*_\[\]<>&!|{}])")
_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+(?=[.)]))")
#: how a footnote's definition continues on the lines after its first
NOTE_INDENT = "    "

Call = Callable[[Footnote], str]  #: writes a footnote's call and keeps its text


def escape(text: str) -> str:
    """``text`` with every Markdown mark escaped (line starts aside)."""
    return _ESCAPED.sub(r"\\\1", text)


def inline(items: Sequence[Inline], call: Call) -> str:
    """Inline Markdown for ``items`` that reads back as the same formatted
    text (:mod:`.emphasis`): one line, or lines joined by hard breaks (a
    backslash at the line end), each after the first escaped where it would
    start a block."""
    first, *rest = _lines(items, call)
    return HARD_BREAK.join([first, *(line_start(line) for line in rest)])


def one_line(items: Sequence[Inline], call: Call) -> str:
    """:func:`inline` for a place that holds one line (a heading, a table
    cell): line breaks written as spaces."""
    return " ".join(_lines(items, call))


def _lines(items: Sequence[Inline], call: Call) -> list[str]:
    """The lines of ``items``' Markdown; a break at either end is left out
    (Markdown reads a backslash that ends a paragraph as a backslash)."""
    lines = emphasis.write(emphasis.flatten(items), escape, call).split(emphasis.BREAK)
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    while len(lines) > 1 and not lines[0].strip():
        lines.pop(0)
    return lines


def line_start(text: str) -> str:
    """Escape what would make a line a heading, list item or quote."""
    text = text.lstrip()
    match = _LINE_START.match(text)
    if not match:
        return text
    if match.group(2).isdigit():
        end = match.end(2)
        return text[:end] + "\\" + text[end:]
    return "\\" + text


class MarkdownWriter:
    """Writes blocks one after another; :attr:`lines` is the text so far and
    :meth:`write` returns the 1-based line each block starts on."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._last_list: tuple[bool, str] | None = None  #: (ordered, marker) of a list just written
        self.notes: list[str] = []  #: the footnotes' definitions, written after the blocks

    def write(self, block: Block) -> int:
        """Append ``block`` after a blank line; returns its first line."""
        if self.lines:
            self.lines.append("")
        first = len(self.lines) + 1
        follows_list = self._last_list
        self._last_list = None
        if isinstance(block, Heading):
            self.lines.append("#" * min(block.level, 6) + " " + line_start(one_line(block.children, self.call)))
        elif isinstance(block, Paragraph):
            self.lines.extend(line_start(inline(block.children, self.call)).split("\n"))
        elif isinstance(block, ListBlock):
            marker = _marker(block.ordered, follows_list)
            self._list(block, "", marker)
            self._last_list = (block.ordered, marker)
        elif isinstance(block, Table):
            self._table(block)
        return first

    def text(self) -> str:
        """The Markdown written, ending in one newline; the footnotes'
        definitions after a blank line."""
        notes = ["", *self.notes] if self.notes else []
        return "\n".join([*self.lines, *notes]).rstrip("\n") + "\n"

    def call(self, note: Footnote) -> str:
        """``[^n]``, the next number in this file, with the note's definition
        kept for :meth:`text` (continued lines indented, as Markdown wants)."""
        text = inline(note.children, self.call).replace(HARD_BREAK, HARD_BREAK + NOTE_INDENT)
        self.notes.append(f"[^{len(self.notes) + 1}]: {text}")
        return f"[^{len(self.notes)}]"

    def _list(self, block: ListBlock, indent: str, marker: str) -> None:
        for n, item in enumerate(block.items, block.start):
            bullet = f"{n}{marker}" if block.ordered else marker
            pad = indent + " " * (len(bullet) + 1)
            first = True
            for inner in item.blocks:
                if isinstance(inner, Paragraph):
                    text = line_start(inline(inner.children, self.call)).replace(HARD_BREAK, HARD_BREAK + pad)
                    self.lines.extend((f"{indent}{bullet} {text}" if first else f"{pad}{text}").split("\n"))
                    first = False
                elif isinstance(inner, ListBlock):
                    if first:
                        self.lines.append(f"{indent}{bullet}")
                        first = False
                    self._list(inner, pad, "." if inner.ordered else "-")

    def _table(self, block: Table) -> None:
        header = block.header or tuple(() for _ in block.rows[0])
        self.lines.append(_row(header, self.call))
        self.lines.append("| " + " | ".join("---" for _ in header) + " |")
        for row in block.rows:
            self.lines.append(_row(row, self.call))


def _row(cells: Sequence[Sequence[Inline]], call: Call) -> str:
    return "| " + " | ".join(one_line(cell, call).strip() or " " for cell in cells) + " |"


def _marker(ordered: bool, previous: tuple[bool, str] | None) -> str:
    """``.``/``)`` for numbers, ``-``/``*`` for bullets: the other one when a
    list of the same kind was written just before (or they would merge)."""
    plain, other = (".", ")") if ordered else ("-", "*")
    if previous is not None and previous[0] == ordered and previous[1] == plain:
        return other
    return plain
