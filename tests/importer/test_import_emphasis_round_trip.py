"""The Markdown writer's text reads back as the same formatted text: a
hypothesis property over random inline trees (hard line breaks among
them), and the case that showed visible asterisks (emphasis touching
emphasis)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import Phase, assume, example, given, settings
from hypothesis import strategies as st

from someohje.content.markdown import parse_blocks, parse_inline
from someohje.importer.emphasis import Cell, Char, LinkCells, PassageCells, flatten
from someohje.importer.markdown_out import MarkdownWriter, inline, line_start
from someohje.tree import Emph, Inline, LineBreak, Link, Paragraph, Strong, Text

WHERE = Path("ohje.md")
TEXT = st.text(alphabet="abcÄö19 .,:;!?*_\\[]()<>&`|{}#-”", min_size=1, max_size=8).map(Text)


def _tree(children: st.SearchStrategy[list[Inline]]) -> st.SearchStrategy[Inline]:
    kids = children.filter(bool).map(tuple)
    return st.one_of(
        kids.map(Emph),
        kids.map(Strong),
        st.tuples(st.just("https://www.rautalampi.fi/a"), kids).map(lambda t: Link(*t)),
    )


LEAVES = st.one_of(TEXT, TEXT, TEXT, st.just(LineBreak()))
INLINES = st.lists(st.recursive(LEAVES, lambda inner: _tree(st.lists(inner, max_size=3)), max_leaves=8), max_size=5)


def _seen(cells: list[Cell], link: str = "") -> list[tuple[str, bool, bool, str]]:
    """What a reader sees: each letter or digit with its bold, italic and link
    (spaces and punctuation by their character alone); the text's outer spaces
    out, as a paragraph drops them."""
    out: list[tuple[str, bool, bool, str]] = []
    for cell in cells:
        if isinstance(cell, LinkCells):
            out.extend(_seen(list(cell.cells), cell.href))
        elif isinstance(cell, Char):
            shown = cell.char.isalnum()
            out.append((cell.char, cell.bold and shown, cell.italic and shown, link))
    return _without_spaces_at_breaks(out)


def _without_spaces_at_breaks(seen: list[tuple[str, bool, bool, str]]) -> list[tuple[str, bool, bool, str]]:
    """``seen`` as a paragraph shows it: no spaces at its ends or beside a
    line break, no line break at its ends (a backslash there would be one)."""
    out: list[tuple[str, bool, bool, str]] = []
    for entry in seen:
        if entry[0] == " " and (not out or out[-1][0] == "\n"):
            continue
        if entry[0] == "\n":
            while out and out[-1][0] == " ":
                out.pop()
        out.append(entry)
    while out and out[-1][0] in " \n":
        out.pop()
    while out and out[0][0] == "\n":
        out.pop(0)
    return out


def _links_have_text(items: list[Inline]) -> bool:
    """A link whose text is all spaces cannot be written as a link at all."""
    cells = flatten(items)
    return all(not isinstance(c, LinkCells) or "".join(_text(c)).strip() for c in cells)


def _text(link: LinkCells) -> list[str]:
    return [c.char if isinstance(c, Char) else "x" for c in link.cells]


def _bold_meets_bold_italic_at_a_space(items: list[Inline]) -> bool:
    """The known limit below: spaces between a bold character and a bold
    italic one (in either order; a letter, a digit or a punctuation mark).
    Hypothesis finds it only on some runs (its search depends on how fast
    the machine is), so it is kept out of the property and pinned by its
    own strict xfail."""
    seen = [(c.char, c.bold, c.italic) for c in _chars(flatten(items))]
    letters = [(i, bold, italic) for i, (char, bold, italic) in enumerate(seen) if not char.isspace()]
    for (i, bold_a, italic_a), (j, bold_b, italic_b) in pairwise(letters):
        between = [c for c, _, _ in seen[i + 1 : j]]
        if bold_a and bold_b and italic_a != italic_b and ({" ", "\n"} & set(between)):
            return True
    return False


def _chars(cells: list[Cell]) -> list[Char]:
    """The characters of ``cells``, a link's and a passage's among them."""
    out: list[Char] = []
    for cell in cells:
        if isinstance(cell, LinkCells | PassageCells):
            out.extend(_chars(list(cell.cells)))
        elif isinstance(cell, Char):
            out.append(cell)
    return out


def _format_changes_twice_in_a_word(items: list[Inline]) -> bool:
    """The second known limit: after a letter or digit, a stretch that one
    format covers while the other starts and stops between its letters
    (``1`` then italic over bold ``1``, ``1``, bold ``1``): no way of
    writing it that the writer tries reads back."""
    chars = _chars(flatten(items))
    for flag, other in (("italic", "bold"), ("bold", "italic")):
        for i in range(1, len(chars) - 2):
            run = chars[i : i + 3]
            covered = chars[i - 1].char.isalnum() and all(c.char.isalnum() and getattr(c, flag) for c in run)
            if covered and getattr(run[0], other) != getattr(run[1], other) != getattr(run[2], other):
                return True
    return False


# fixed examples; no explain phase (it traces every line: minutes on a slow machine)
@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
)
@given(INLINES.filter(_links_have_text))
@example([Emph((Text("1"),)), Strong((Text("1"),)), Emph((Strong((Text(" 1"),)),))])  # the limit, skipped
@example([Emph((Strong((Text("1"),)),)), Emph((Text("1"),)), Emph((Strong((Text("1"),)),))])  # bold in italic
@example([Strong((Emph((Text("1"),)), Text("1"), Emph((Text("1"),))))])  # italic inside bold between digits
@example([Emph((Text("1"),)), Strong((Emph((Text("1"),)), LineBreak(), Emph((Text("1"),))))])  # a break in bold
@example([Text("1"), Strong((Text("1"),)), Emph((Text("1"),)), Text("1")])  # bold then italic between digits
@example([Text("a "), LineBreak(), Text(" # b")])  # a line after a break that would be a heading
@example([Emph((Text("a"), LineBreak(), Text("- b"))), LineBreak()])  # a list item; a break at the end
@example([LineBreak(), Strong((Text("1. b"), LineBreak())), Text("\\")])  # a numbered item; a backslash
def test_markdown_written_for_any_inline_tree_reads_back_as_the_same_formatted_text(items: list[Inline]) -> None:
    assume(not _bold_meets_bold_italic_at_a_space(items) and not _format_changes_twice_in_a_word(items))
    written = line_start(inline(items, MarkdownWriter().call))
    blocks = parse_blocks(written, WHERE, Path(".")) if written.strip() else [Paragraph(())]
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), written  # lines after a break start no block
    assert _seen(flatten(blocks[0].children)) == _seen(flatten(items)), written


def test_bold_italic_then_italic_full_stop_reads_back_without_visible_asterisks() -> None:
    items = (Strong((Emph((Text("italic style"),)),)), Emph((Text("."),)))
    written = inline(items, MarkdownWriter().call)
    assert "*" not in "".join(t.text for t in _texts(parse_inline(written, WHERE, Path("."), 1)))


def _texts(items: tuple[Inline, ...]) -> list[Text]:
    out: list[Text] = []
    for item in items:
        if isinstance(item, Text):
            out.append(item)
        elif isinstance(item, (Emph, Strong, Link)):
            out.extend(_texts(item.children))
    return out


@pytest.mark.xfail(strict=True, reason="known limit: a space where bold meets bold italic inside a split stretch")
def test_a_space_between_bold_and_bold_italic_after_italic_reads_back() -> None:
    items = [Emph((Text("1"),)), Strong((Text("1"), Emph((Text(" 1"),))))]
    back = parse_inline(inline(items, MarkdownWriter().call), WHERE, Path("."), 1)
    assert _seen(flatten(back)) == _seen(flatten(items))


@pytest.mark.xfail(strict=True, reason="known limit: a format changing twice inside a word within another format")
def test_bold_twice_inside_an_italic_word_after_a_letter_reads_back() -> None:
    items = [Text("1"), Emph((Strong((Text("1"),)), Text("1"), Strong((Text("1"),))))]
    back = parse_inline(inline(items, MarkdownWriter().call), WHERE, Path("."), 1)
    assert _seen(flatten(back)) == _seen(flatten(items))
