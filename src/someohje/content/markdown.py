"""Markdown (markdown-it-py) to the document tree.

Only what a guideline needs is accepted: headings, paragraphs, lists, tables,
emphasis, links, images, footnotes (``[^1]`` and ``[^1]: …``, one
paragraph each) and passages in another language (``[text]{lang=en}``,
:mod:`.passage_syntax`). Raw HTML, code and block quotes are errors, so
nothing in the text can reach the renderers unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ..chars import quote
from ..errors import ContentError, Problem, problem
from ..finnish import smart_text
from ..messages import gettext as _
from ..tree import (
    Block,
    Emph,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Passage,
    Strong,
    Table,
    Text,
)
from .passage_syntax import DIV, div_language, malformed, span_language
from .resources import check_image_src

# footnotes: references and definitions (an undefined one is matched too, so
# that it is reported, not left as text); no inline ^[...] notes
_MD = (
    MarkdownIt("commonmark", {"html": True, "typographer": False})
    .enable("table")
    .use(footnote_plugin, inline=False, always_match_refs=True)
    # [text]{lang=en}: attributes on bracketed spans only (none after links or
    # images); every attribute but lang is set aside, to be reported
    .use(attrs_plugin, after=(), spans=True, allowed=("lang",))
    # ::: {lang=sv-FI} … ::: around whole blocks; every ::: opens one, so that a bad one is reported
    .use(container_plugin, name=DIV, validate=lambda params, markup: True)
)
# markdown-it leaves a link or image with a file:, data: or javascript: URL as
# plain text; let every one through so that the checks below report it.
_MD.validateLink = lambda url: True  # type: ignore[method-assign]
_LINK_SCHEMES = {"https", "http", "mailto"}

#: how deep emphasis and links may nest inside each other (renderers recurse)
MAX_INLINE_DEPTH = 16

#: the longest paragraph, heading or table cell: the PDF's line breaking
#: (WeasyPrint and Pango) re-reads the rest of a paragraph for every line, so
#: its time grows with the square of the paragraph's length; a printed page
#: holds about 3,500 characters
MAX_PARAGRAPH_CHARS = 20_000

#: Called with a paragraph's plain text; returns replacement blocks or None.
ParagraphHook = Callable[[str, int], Sequence[Block] | None]


class _Parser:
    def __init__(self, path: Path, content_dir: Path, hook: ParagraphHook | None) -> None:
        self.path = path
        self.content_dir = content_dir
        self.hook = hook
        self.problems: list[Problem] = []
        self.lines: list[int] = []  #: the source line of each top-level block
        self.notes: dict[int, tuple[Inline, ...]] = {}  #: footnote id -> its text
        self.called: set[int] = set()
        self.in_note = False

    def parse(self, markdown: str) -> list[Block]:
        """The blocks of ``markdown``, its footnotes read first (their
        definitions come last in the token stream)."""
        env: dict[str, object] = {}
        tokens = _MD.parse(markdown, env)
        end = next((k for k, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
        self.footnote_block(tokens[end:])
        blocks, _end = self.blocks(tokens[:end], 0, None)
        self._unused_notes(markdown, env)
        return blocks

    def footnote_block(self, tokens: list[Token]) -> None:
        """Read each footnote definition: one paragraph of inline text."""
        note: int | None = None
        paragraphs: list[Token] = []
        for k, tok in enumerate(tokens):
            if tok.type == "footnote_open":
                note, paragraphs = int(tok.meta["id"]), []
            elif tok.type == "footnote_close" and note is not None:
                self._note(note, paragraphs)
            elif tok.type == "inline" and tokens[k - 1].type == "paragraph_open" and tok.level == 2:
                paragraphs.append(tok)
            elif tok.type in ("bullet_list_open", "ordered_list_open", "table_open", "heading_open"):
                line = tok.map[0] + 1 if tok.map else 0
                self.fail(line, _("a footnote holds one paragraph of text, no lists, tables or headings"))

    def _note(self, note: int, paragraphs: list[Token]) -> None:
        if not paragraphs:
            return  # called but not defined: reported where it is called
        line = paragraphs[0].map[0] + 1 if paragraphs[0].map else 0
        if len(paragraphs) > 1:
            self.fail(line, _("a footnote holds one paragraph; join its paragraphs or break the line with a backslash"))
        self.in_note = True
        self.notes[note] = tuple(self.inlines(paragraphs[0], line))
        self.in_note = False

    def _unused_notes(self, markdown: str, env: dict[str, object]) -> None:
        footnotes = env.get("footnotes")
        refs = footnotes.get("refs", {}) if isinstance(footnotes, dict) else {}
        for key, note in refs.items():
            if note == -1:  # defined, never called
                label = str(key)[1:]
                line = _definition_line(markdown, label)
                shown = f"[^{quote(label)}]"
                self.fail(
                    line,
                    _("footnote {shown} is defined but never called; call it with {shown} or delete it"),
                    shown=shown,
                )

    def fail(self, line: int, message: str, **values: object) -> None:  # values fill in the {placeholders}
        self.problems.append(problem(self.path, line, message.format(**values) if values else message))

    def blocks(self, tokens: list[Token], i: int, close: str | None) -> tuple[list[Block], int]:
        out: list[Block] = []
        while i < len(tokens):
            tok = tokens[i]
            if close is not None and tok.type == close:
                return out, i + 1
            line = tok.map[0] + 1 if tok.map else 0
            before = len(out)
            i = self._block(tokens, i, tok, line, out)
            if close is None:
                self.lines.extend([line] * (len(out) - before))
        return out, i

    def _block(self, tokens: list[Token], i: int, tok: Token, line: int, out: list[Block]) -> int:
        """Parse the block starting at ``tokens[i]`` into ``out``; the index after it."""
        if tok.type == "heading_open":
            self._check_length(tokens[i + 1].content, line, _("heading"))
            inl = self.inlines(tokens[i + 1], line)
            out.append(Heading(int(tok.tag[1]), tuple(inl)))
            i += 3
        elif tok.type == "paragraph_open":
            i = self._paragraph(tokens, i, line, out)
        elif tok.type == f"container_{DIV}_open":
            i = self._div(tokens, i, tok, line, out)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            items, i = self.list_items(tokens, i + 1, tok.type.replace("_open", "_close"))
            start = int(str(tok.attrGet("start") or 1))
            out.append(ListBlock(tuple(items), ordered=tok.type == "ordered_list_open", start=start))
        elif tok.type == "table_open":
            table, i = self.table(tokens, i + 1, line)
            out.append(table)
        elif tok.type in ("html_block",):
            self.fail(line, _("raw HTML is not allowed in content; use Markdown"))
            i += 1
        elif tok.type in ("fence", "code_block"):
            self.fail(line, _("code blocks are not supported in a guideline"))
            i += 1
        elif tok.type == "blockquote_open":
            self.fail(line, _("block quotes are not supported; write the text as a paragraph"))
            _quoted, i = self.blocks(tokens, i + 1, "blockquote_close")
        elif tok.type == "hr":
            self.fail(line, _("horizontal rules are not supported; use a heading to start a new part"))
            i += 1
        else:
            i += 1
        return i

    def _div(self, tokens: list[Token], i: int, tok: Token, line: int, out: list[Block]) -> int:
        """A fenced div ``::: {lang=…}``: its blocks, each unit's text a passage in that language."""
        language, problems = div_language(tok.info)
        for message in problems:
            self.fail(line, message)
        blocks, i = self.blocks(tokens, i + 1, f"container_{DIV}_close")
        out.extend(in_language(block, language) for block in blocks)
        return i

    def _check_length(self, text: str, line: int, what: str) -> None:
        if len(text) > MAX_PARAGRAPH_CHARS:
            self.fail(
                line,
                _("a {what} of {count:,} characters is too long (the limit is {MAX_PARAGRAPH_CHARS:,}); split it"),
                what=what,
                count=len(text),
                MAX_PARAGRAPH_CHARS=MAX_PARAGRAPH_CHARS,
            )

    def _paragraph(self, tokens: list[Token], i: int, line: int, out: list[Block]) -> int:
        inline = tokens[i + 1]
        self._check_length(inline.content, line, _("paragraph"))
        replaced = self.hook(inline.content, line) if self.hook else None
        if replaced is not None:
            out.extend(replaced)
        else:
            out.append(Paragraph(tuple(self.inlines(inline, line))))
        return i + 3

    def list_items(self, tokens: list[Token], i: int, close: str) -> tuple[list[ListItem], int]:
        items: list[ListItem] = []
        while tokens[i].type != close:
            if tokens[i].type == "list_item_open":
                blocks, i = self.blocks(tokens, i + 1, "list_item_close")
                items.append(ListItem(tuple(blocks)))
            else:
                i += 1
        return items, i + 1

    def table(self, tokens: list[Token], i: int, line: int) -> tuple[Table, int]:
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        header: tuple[tuple[Inline, ...], ...] = ()
        row: list[tuple[Inline, ...]] = []
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "inline":
                self._check_length(tok.content, line, _("table cell"))
                row.append(tuple(self.inlines(tok, line)))
            elif tok.type == "tr_close":
                if not header and not rows and tokens[i + 1].type == "thead_close":
                    header = tuple(row)
                else:
                    rows.append(tuple(row))
                row = []
            i += 1
        return Table(header, tuple(rows)), i + 1

    def inlines(self, inline: Token, line: int) -> list[Inline]:
        """The tree of one ``inline`` token (a paragraph's, a heading's, a cell's text)."""
        children = inline.children or []
        for message in malformed(inline.content, children):
            self.fail(line, message)
        out, _end = self._inlines(children, 0, None, line)
        return _trim_at_breaks(merge_text(out))

    def _too_deep(self, line: int) -> None:
        message = _("emphasis and links nest more than {MAX_INLINE_DEPTH} deep").format(
            MAX_INLINE_DEPTH=MAX_INLINE_DEPTH
        )
        if not any(p.line == line and p.message == message for p in self.problems):
            self.fail(line, message)

    def _inlines(
        self, toks: list[Token], i: int, close: str | None, line: int, depth: int = 0
    ) -> tuple[list[Inline], int]:
        out: list[Inline] = []
        while i < len(toks):
            tok = toks[i]
            if close is not None and tok.type == close:
                return out, i + 1
            if depth >= MAX_INLINE_DEPTH and tok.type in ("em_open", "strong_open", "link_open", "span_open"):
                self._too_deep(line)  # reported once; the rest is read flat, without recursing
            elif tok.type == "text" or tok.type == "code_inline":
                out.append(Text(smart_text(tok.content)))
            elif tok.type == "softbreak":
                out.append(Text(" "))
            elif tok.type == "hardbreak":
                out.append(LineBreak())
            elif tok.type in ("em_open", "strong_open"):
                kids, i = self._inlines(toks, i + 1, tok.type.replace("_open", "_close"), line, depth + 1)
                kept = tuple(_trim_at_breaks(merge_text(kids)))
                out.append(Emph(kept) if tok.type == "em_open" else Strong(kept))
                continue
            elif tok.type == "link_open":
                href = str(tok.attrGet("href") or "")
                kids, i = self._inlines(toks, i + 1, "link_close", line, depth + 1)
                self._check_link(href, line)
                target = doc_target(href)  # one spelling of the scheme in the tree: doc:ID
                out.append(
                    Link(href if target is None else f"{DOC_SCHEME}:{target}", tuple(_trim_at_breaks(merge_text(kids))))
                )
                continue
            elif tok.type == "span_open":
                kids, i = self._inlines(toks, i + 1, "span_close", line, depth + 1)
                out.append(self._passage(tok, tuple(_trim_at_breaks(merge_text(kids))), line))
                continue
            elif tok.type == "image":
                out.append(self._image(tok, line))
            elif tok.type == "footnote_ref":
                self._call(tok, line, out)
            elif tok.type == "html_inline":
                self.fail(line, _("raw HTML is not allowed in content: {content}"), content=quote(tok.content))
            i += 1
        return out, i

    def _call(self, tok: Token, line: int, out: list[Inline]) -> None:
        """A footnote call: the note's text where it is called, once."""
        note, label = int(tok.meta["id"]), quote(str(tok.meta["label"]))
        if self.in_note:
            self.fail(
                line,
                _("a footnote cannot call another footnote ([^{label}]); write it into the same note"),
                label=label,
            )
        elif note not in self.notes:
            self.fail(
                line,
                _("footnote [^{label}] is called but not defined; add a line '[^{label}]: text of the note'"),
                label=label,
            )
        elif note in self.called or tok.meta.get("subId", 0):
            self.fail(
                line, _("footnote [^{label}] is called twice; a note is called once (write a second note)"), label=label
            )
        else:
            self.called.add(note)
            out.append(Footnote(self.notes[note]))

    def _passage(self, tok: Token, children: tuple[Inline, ...], line: int) -> Inline:
        """A ``[text]{lang=…}`` span: its text marked with its language."""
        language, problems = span_language(tok)
        for message in problems:
            self.fail(line, message)
        if not children:
            self.fail(
                line,
                _("a passage in {value} has no text; write [text]{{lang=…}}"),
                value=language or _("another language"),
            )
        return Passage(children, language)

    def _check_link(self, href: str, line: int) -> None:
        scheme = urlsplit(href).scheme.lower()
        if href.startswith("#") or doc_target(href) is not None:  # doc:ID, checked against the collection
            return
        if scheme not in _LINK_SCHEMES:
            self.fail(line, f"link '{quote(href)}' must be an absolute https:, http: or mailto: address")

    def _image(self, tok: Token, line: int) -> Image:
        src = str(tok.attrGet("src") or "")
        alt = tok.content.strip()
        message, relative = check_image_src(self.content_dir, self.path.parent, src)
        if message:
            self.fail(line, message)
        if not alt:
            self.fail(line, _("image '{src}' has no alternative text; write ![what it shows]({src})"), src=quote(src))
        return Image(relative, alt)


def in_language(block: Block, language: str) -> Block:
    """``block`` with the text of each of its units (heading, paragraph, list
    item paragraph, table cell) a :class:`Passage` in ``language``."""

    def wrap(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return (Passage(items, language),) if items else items

    if isinstance(block, Heading | Paragraph):
        return replace(block, children=wrap(block.children))
    if isinstance(block, ListBlock):
        items = tuple(replace(i, blocks=tuple(in_language(b, language) for b in i.blocks)) for i in block.items)
        return replace(block, items=items)
    if isinstance(block, Table):
        rows = tuple(tuple(wrap(cell) for cell in row) for row in block.rows)
        return replace(block, header=tuple(wrap(cell) for cell in block.header), rows=rows)
    return replace(block, blocks=tuple(in_language(b, language) for b in block.blocks))


def _definition_line(markdown: str, label: str) -> int:
    """The line of the definition ``[^label]:`` in ``markdown`` (0: not found)."""
    for number, text in enumerate(markdown.splitlines(), 1):
        if text.lstrip().startswith(f"[^{label}]:"):
            return number
    return 0


def merge_text(items: list[Inline]) -> list[Inline]:
    """Join adjacent :class:`Text` nodes so renderers see whole runs."""
    out: list[Inline] = []
    for item in items:
        if out and isinstance(item, Text) and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + item.text)
        else:
            out.append(item)
    return out


def _trim_at_breaks(items: list[Inline]) -> list[Inline]:
    """``items`` without the spaces before a hard line break (``a \\`` at a
    line end): a break ends the line, and the spaces would not be seen."""
    out: list[Inline] = []
    for k, item in enumerate(items):
        if isinstance(item, Text) and k + 1 < len(items) and isinstance(items[k + 1], LineBreak):
            item = Text(item.text.rstrip(" \t"))
        if not isinstance(item, Text) or item.text:
            out.append(item)
    return out


def parse_blocks(markdown: str, path: Path, content_dir: Path, hook: ParagraphHook | None = None) -> list[Block]:
    """Parse a Markdown file into blocks; ``hook`` may replace a paragraph
    (given its source text and line) with other blocks, e.g. an amendment.
    Raises :class:`ContentError` listing every unsupported construct."""
    parser = _Parser(path, content_dir, hook)
    blocks = parser.parse(markdown)
    if parser.problems:
        raise ContentError(parser.problems)
    return blocks


def parse_located(
    markdown: str, path: Path, content_dir: Path, hook: ParagraphHook | None = None
) -> list[tuple[Block, int]]:
    """:func:`parse_blocks` with the source line of each top-level block."""
    parser = _Parser(path, content_dir, hook)
    blocks = parser.parse(markdown)
    if parser.problems:
        raise ContentError(parser.problems)
    return list(zip(blocks, parser.lines, strict=True))


def parse_inline(text: str, path: Path, content_dir: Path, line: int) -> tuple[Inline, ...]:
    """Parse one line of inline Markdown (e.g. an amendment's wording)."""
    parser = _Parser(path, content_dir, None)
    parser._check_length(text, line, _("text"))
    tokens = _MD.parseInline(text)
    result = tuple(parser.inlines(tokens[0], line)) if tokens else ()
    if parser.problems:
        raise ContentError(parser.problems)
    return result


# --- what a text shows and where it links, for checks that need no tree ------------------

#: the scheme of a link to another document of the collection, ``[text](doc:ID)``
DOC_SCHEME = "doc"


def doc_target(href: str) -> str | None:
    """The document id a ``doc:ID`` link names (the scheme in any case:
    ``DOC:``, ``Doc:``), or None for any other link."""
    scheme, colon, rest = href.partition(":")
    return rest if colon and scheme.lower() == DOC_SCHEME else None


def inline_tokens(markdown: str, *, inline: bool = False, divs: bool = False) -> Iterator[tuple[int, Token]]:
    """Every inline token of ``markdown`` (every form of link, reference
    links and autolinks resolved by the parser itself) with its 1-based
    line; ``inline`` reads one line of inline Markdown (an amendment's
    wording), whose lines count from 1; with ``divs`` the opening and
    closing tokens of fenced divs (``::: {lang=…}``) come among them."""
    blocks = _MD.parseInline(markdown) if inline else _MD.parse(markdown)
    for tok in blocks:
        if divs and tok.type.startswith(f"container_{DIV}_"):
            yield (tok.map[0] + 1 if tok.map else 1), tok
        if tok.type != "inline":
            continue
        line = tok.map[0] + 1 if tok.map else 1
        for child in tok.children or []:
            yield line, child
            line += child.type in ("softbreak", "hardbreak")


def links(markdown: str, *, inline: bool = False) -> Iterator[tuple[int, str]]:
    """``(line, href)`` of every link of ``markdown``, in whatever form it is written."""
    for line, tok in inline_tokens(markdown, inline=inline):
        if tok.type == "link_open":
            yield line, str(tok.attrGet("href") or "")


def visible_text(markdown: str, *, inline: bool = False) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every piece of ``markdown`` a reader sees: text,
    link texts, code and images' alternative texts; never a link target, an
    image's file name or Markdown syntax."""
    for line, text, _language in visible_passages(markdown, inline=inline):
        yield line, text


def visible_passages(markdown: str, *, inline: bool = False) -> Iterator[tuple[int, str, str]]:
    """:func:`visible_text` as ``(line, text, language)``: the language tag
    of the passage (``[text]{lang=en}``) the text stands in, "" outside any."""
    languages: list[str] = []
    for line, tok in inline_tokens(markdown, inline=inline, divs=True):
        language = languages[-1] if languages else ""
        if tok.type == "span_open":
            languages.append(str(tok.attrGet("lang") or ""))
        elif tok.type == f"container_{DIV}_open":
            languages.append(div_language(tok.info)[0])
        elif tok.type in ("span_close", f"container_{DIV}_close") and languages:
            languages.pop()
        elif tok.type in ("text", "code_inline"):
            yield line, tok.content, language
        elif tok.type == "image":
            yield line, "".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline")), language
