"""The Markdown writer's passages (``[text]{lang=en}``) read back as the same
passages: a hypothesis property over random inline trees with passages among
emphasis, links and line breaks."""

from __future__ import annotations

from pathlib import Path

from hypothesis import Phase, assume, example, given, settings
from hypothesis import strategies as st

from someohje.content.markdown import parse_blocks
from someohje.importer.emphasis import Cell, Char, LinkCells, PassageCells, flatten
from someohje.importer.markdown_out import MarkdownWriter, inline, line_start
from someohje.tree import Emph, Inline, LineBreak, Link, Paragraph, Passage, Strong, Text
from test_import_emphasis_round_trip import TEXT, _bold_meets_bold_italic_at_a_space, _format_changes_twice_in_a_word

WHERE = Path("ohje.md")
Seen = tuple[str, bool, bool, str, str]


def _tree(children: st.SearchStrategy[list[Inline]]) -> st.SearchStrategy[Inline]:
    kids = children.filter(bool).map(tuple)
    return st.one_of(
        kids.map(Emph),
        kids.map(Strong),
        st.tuples(st.just("https://www.rautalampi.fi/a"), kids).map(lambda t: Link(*t)),
        st.tuples(kids, st.sampled_from(["en", "sv-FI", "en-GB"])).map(lambda t: Passage(*t)),
    )


LEAVES = st.one_of(TEXT, TEXT, TEXT, st.just(LineBreak()))
INLINES = st.lists(st.recursive(LEAVES, lambda inner: _tree(st.lists(inner, max_size=3)), max_leaves=8), max_size=5)


def _seen(cells: list[Cell], link: str = "", language: str = "") -> list[Seen]:
    """What a reader sees: each letter or digit with its bold, italic, link
    and language (spaces and punctuation by their character alone), without
    the spaces at the text's ends and beside line breaks."""
    out: list[Seen] = []
    for cell in cells:
        if isinstance(cell, LinkCells):
            out.extend(_seen(list(cell.cells), cell.href, language))
        elif isinstance(cell, PassageCells):
            out.extend(_seen(list(cell.cells), link, cell.language))
        elif isinstance(cell, Char):
            shown = cell.char.isalnum()
            out.append((cell.char, cell.bold and shown, cell.italic and shown, link, language if shown else ""))
    return _trimmed(out)


def _trimmed(seen: list[Seen]) -> list[Seen]:
    out: list[Seen] = []
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


def _wrappers_have_text(cells: list[Cell]) -> bool:
    """A link or a passage whose text is all spaces cannot be written as one."""
    for cell in cells:
        if isinstance(cell, LinkCells | PassageCells):
            chars = [c.char if isinstance(c, Char) else "x" for c in cell.cells]
            if not "".join(chars).strip() or not _wrappers_have_text(list(cell.cells)):
                return False
    return True


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
)
@given(INLINES.filter(lambda items: _wrappers_have_text(flatten(items))))
@example([Text("a "), Passage((Text("b"),), "en"), Text("(c)")])  # a parenthesis after the braces
@example([Strong((Passage((Emph((Text("b"),)),), "en"),)), Text("c")])  # bold around italic inside
@example([Passage((Link("https://www.rautalampi.fi/a", (Text("b"),)),), "en")])  # a link inside
@example([Link("https://www.rautalampi.fi/a", (Passage((Text("b"),), "en"),))])  # inside a link: text only
@example([Passage((Text("a"), LineBreak(), Text("b")), "sv-FI")])  # a line break inside
def test_markdown_written_for_any_tree_with_passages_reads_back_the_same(items: list[Inline]) -> None:
    assume(not _bold_meets_bold_italic_at_a_space(items) and not _format_changes_twice_in_a_word(items))
    written = line_start(inline(items, MarkdownWriter().call))
    blocks = parse_blocks(written, WHERE, Path(".")) if written.strip() else [Paragraph(())]
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), written
    assert _seen(flatten(blocks[0].children)) == _seen(flatten(items)), written
