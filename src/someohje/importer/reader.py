"""Read a DOCX body into document-tree blocks, noting what cannot be mapped.

python-docx opens the package (parts, relationships, core properties); the
body is walked here element by element, so that every element is either
mapped (headings, paragraphs, lists, tables) or recorded as a
:class:`~.notices.Notice` (tables of contents, page and section breaks,
text frames, table header rows, merged or nested cells, anything unknown).
What a paragraph holds (bold, italic, links, images, fields, footnotes,
comments, colours, tracked changes) is read by :mod:`.runs`. Nothing is
dropped without a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from docx.oxml.ns import qn

from ..document.guideline import HISTORY_HEADER, HISTORY_TITLE
from ..messages import gettext as _
from ..record.provenance import NOTE_PREFIX
from ..textual import inline_text
from ..tree import Block, Heading, Inline, LineBreak, ListBlock, ListItem, Paragraph, Strong, Table
from .inlines import Item, Piece, to_inlines
from .metadata import APPROVAL, body_language
from .notices import Notice, excerpt, plain
from .runs import IGNORED, RunReader, choice, local_name
from .styles import LETTERED, Element, ListKind, ParagraphStyle, Styles, numbering_of, on, outline_level, val


@dataclass
class Body:
    """What the reader found: blocks, notices, the title paragraph, images."""

    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  #: text of Title-style paragraphs
    front: list[str] = field(default_factory=list)  #: text of paragraphs before the first heading
    images: dict[str, bytes] = field(default_factory=dict)  #: path beside the section files -> bytes


@dataclass
class _ListEntry:
    level: int
    ordered: bool
    start: int  #: the number Word shows for this item
    num_id: str
    inlines: tuple[Inline, ...]


class Reader:
    """Walks one document's body. ``document`` is python-docx's Document
    (for its parts: styles, numbering, images, link targets); ``notes`` its
    comments, footnotes and endnotes (``w:comment``, ``w:footnote``,
    ``w:endnote`` elements) by kind and id."""

    def __init__(self, document: Any, notes: dict[str, dict[str, Element]]) -> None:
        part = document.part
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: no lists
            numbering = None
        self.styles = Styles(document.styles.element, numbering)
        self.body = Body()
        self.runs = RunReader(part, self.styles, notes, self.body.images, self.notice)
        self.language = body_language(document, self.styles)  #: text in another language becomes passages
        self.pending: list[_ListEntry] = []
        self.paragraph_no = 0
        self.seen_heading = False
        self.counters: dict[tuple[str, int], int] = {}  #: (numId, level) -> the last number shown
        self.reported_formats: set[tuple[str, int]] = set()  #: (numId, level) whose numbering was reported
        self.history: tuple[int, int] | None = None  #: (block index, paragraph) of a history heading

    # -- notices ---------------------------------------------------------------------

    def notice(self, message: str) -> None:
        where = len(self.body.blocks)
        self.body.notices.append(Notice(where, self.paragraph_no, message))

    # -- the body --------------------------------------------------------------------

    def read(self, body: Element) -> Body:
        """Every block of ``body``, in order."""
        for child in body:
            self.block(child)
        self.flush_list()
        self._drop_history()
        return self.body

    def _drop_history(self) -> None:
        """Leave out the history section someohje's own DOCX ends with (its
        heading, the caption and the table of handlings): the build writes it
        from the handlings in document.yaml, as it does the contents and the
        provenance note. A section of that title that is not exactly this
        (other text, another table) is the author's own, and kept."""
        if self.history is None:
            return
        start, paragraph = self.history
        blocks = self.body.blocks
        heading = blocks[start]
        level = heading.level if isinstance(heading, Heading) else 1
        end = next((i for i in range(start + 1, len(blocks)) if _heading_at_most(blocks[i], level)), len(blocks))
        if not _is_history(blocks[start + 1 : end]):
            return
        del blocks[start:end]
        kept = [n for n in self.body.notices if n.block is None or not start <= n.block < end]
        self.body.notices = [
            replace(n, block=n.block - (end - start)) if n.block is not None and n.block >= end else n for n in kept
        ]
        self.body.notices.append(
            Notice(
                start,
                paragraph,
                _(
                    "history table {HISTORY_TITLE} not imported: the build writes it from the "
                    "handlings in document.yaml"
                ).format(HISTORY_TITLE=excerpt(HISTORY_TITLE)),
            )
        )

    def block(self, el: Element) -> None:
        tag = local_name(el)
        if tag == "p":
            self.paragraph(el)
        elif tag == "tbl":
            self.flush_list()
            self.table(el)
        elif tag == "sdt":
            for inner in el.iterfind(qn("w:sdtContent")):
                for child in inner:
                    self.block(child)
        elif tag == "AlternateContent":
            for child in choice(el):
                self.block(child)
        elif tag in ("sectPr", *IGNORED):
            return
        else:
            self.notice(_("unsupported element w:{tag} {plain} not imported").format(tag=tag, plain=excerpt(plain(el))))

    def paragraph(self, p: Element) -> None:
        """Paragraph ``p``, then the paragraphs of the text boxes anchored in it."""
        self._paragraph(p)
        self.boxes()

    def boxes(self) -> None:
        """The blocks of the text boxes met since the last call, where they stand."""
        for box in self.runs.take_boxes():
            for child in box:
                self.block(child)

    def _paragraph(self, p: Element) -> None:
        """A heading, title, list item or paragraph. Bold and italic come from
        the runs and character styles only: a paragraph style's own look
        (bold headings, an italic caption) is not emphasis."""
        self.paragraph_no += 1
        ppr = p.find(qn("w:pPr"))
        style_id = val(ppr.find(qn("w:pStyle")) if ppr is not None else None)
        contents = _contents_style(style_id, self.styles.name(style_id))
        if contents:  # a table of contents: the build makes its own
            if contents == "heading":
                self.notice(_("table of contents not imported: the build writes its own"))
            return
        style = self.styles.paragraph(style_id)
        self._paragraph_marks(ppr)
        items = self.runs.inline_items(p)
        inlines = to_inlines(items, self.language)
        text = _plain(items)
        num = numbering_of(ppr, style.list_level) or style.num
        kind = self.styles.list_kind(num[0], num[1]) if num else None
        level = self._heading_level(ppr, style, kind, text)
        if not text and all(isinstance(i, Piece | LineBreak) for i in items):
            return
        if style.title or level:
            self._one_line(items, "heading", text)
        if style.title:
            self.body.titles.append(text)
            if len(self.body.titles) > 1:
                self.notice(_("a second title paragraph {text} imported as a main heading").format(text=excerpt(text)))
                self._add(Heading(1, inlines))
            return
        if level:
            self.seen_heading = True
            self._add(Heading(level, _unbold(inlines)))
            if _HISTORY_HEADING.fullmatch(text) and self.history is None:
                self.history = (len(self.body.blocks) - 1, self.paragraph_no)
            return
        if not self.seen_heading:
            self.body.front.append(text)
            if APPROVAL.search(text.replace("\u00a0", " ")):
                self.notice(
                    _("approval line {text} read into document.yaml (handlings), not kept as text").format(
                        text=excerpt(text)
                    )
                )
                return
            if text.startswith(NOTE_PREFIX):
                self.notice(
                    _("provenance note read into document.yaml (text_origin: reconstruction), not kept as text")
                )
                return
        if num and kind:
            self._list_format(num, kind)
            number = self._count(num[0], num[1], kind.start)
            self.pending.append(_ListEntry(num[1], kind.ordered, number, num[0], inlines))
            return
        self._add(Paragraph(inlines))

    def _heading_level(self, ppr: Element | None, style: ParagraphStyle, kind: ListKind | None, text: str) -> int:
        """The heading level of a paragraph, 0 for body text. An outline level
        set directly on a list item (Word's "Level 1" in the paragraph dialog,
        often left on numbered items) keeps it in its list: a heading there
        would cut the list apart and start a section file at each item."""
        direct = outline_level(ppr)
        if direct and kind is not None and not style.heading:
            if text:
                kept = _("not imported: the item stays in its list")
                self.notice(
                    _("outline level {direct} of list item {text} {kept}").format(
                        direct=direct, text=excerpt(text), kept=kept
                    )
                )
            return 0
        return direct or style.heading

    def _list_format(self, num: tuple[str, int], kind: ListKind) -> None:
        """Report, once per list level, numbering a Markdown list cannot show."""
        shown = LETTERED.get(kind.fmt)
        if shown is None or num in self.reported_formats:
            return
        self.reported_formats.add(num)
        self.notice(_("list numbered {shown}, … imported as numbered 1, 2, 3, …").format(shown=shown))

    def _count(self, num_id: str, level: int, start: int) -> int:
        """The number Word shows for the next item of list ``num_id`` at
        ``level``: a list continues after an interrupting paragraph, and an
        item restarts the levels below it."""
        number = self.counters.get((num_id, level), start - 1) + 1
        self.counters[(num_id, level)] = number
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]
        return number

    def _add(self, block: Block) -> None:
        self.flush_list()
        self.body.blocks.append(block)

    def _paragraph_marks(self, ppr: Element | None) -> None:
        if ppr is None:
            return
        if on(ppr.find(qn("w:pageBreakBefore"))):
            self.notice(_("manual page break (page break before the paragraph) not imported"))
        if ppr.find(qn("w:sectPr")) is not None:
            self.notice(_("section break not imported"))
        if ppr.find(qn("w:framePr")) is not None:
            self.notice(_("text frame imported as an ordinary paragraph"))
        rpr = ppr.find(qn("w:rPr"))
        if rpr is not None and (rpr.find(qn("w:del")) is not None or rpr.find(qn("w:moveFrom")) is not None):
            self.notice(_("tracked deletion of a paragraph mark not applied: the paragraph stays apart from the next"))

    # -- lists ---------------------------------------------------------------------

    def flush_list(self) -> None:
        if not self.pending:
            return
        entries, self.pending = self.pending, []
        base = min(e.level for e in entries)
        if base:
            self.notice(
                _("list starting at level {value} imported as a list at the first level").format(value=base + 1)
            )
        for block in _nest(entries, base):
            self.body.blocks.append(block)

    # -- tables --------------------------------------------------------------------

    def table(self, tbl: Element) -> None:
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        header_rows = 0
        for r, tr in enumerate(tbl.iterfind(qn("w:tr"))):
            trpr = tr.find(qn("w:trPr"))
            if trpr is not None and on(trpr.find(qn("w:tblHeader"))) and header_rows == r:
                header_rows += 1
            rows.append(tuple(cell for tc in _cells(tr) for cell in self.spanned(tc)))
        if not rows:
            return
        if header_rows == 0:
            self.notice(_("table has no header row marked (repeat as header row): its first row is used as the header"))
        elif header_rows > 1:
            self.notice(
                _("table has {header_rows} header rows: only the first is imported as the header").format(
                    header_rows=header_rows
                )
            )
        width = max(len(r) for r in rows)
        padded = [r + ((),) * (width - len(r)) for r in rows]
        header = tuple(_unbold(cell) for cell in padded[0])
        self.body.blocks.append(Table(header, tuple(padded[1:])))
        self.boxes()

    def spanned(self, tc: Element) -> list[tuple[Inline, ...]]:
        """The cell ``tc`` and, for a cell merged across columns
        (``w:gridSpan``), an empty cell for each further column it covers, so
        that the cells after it stay in their columns."""
        tcpr = tc.find(qn("w:tcPr"))
        span = val(tcpr.find(qn("w:gridSpan")) if tcpr is not None else None, "1")
        columns = int(span) if span.isdigit() and 0 < int(span) <= 64 else 1
        if columns > 1:
            self.notice(
                _(
                    "table cell {plain} merged across {columns} columns imported as {columns} cells, "
                    "the text in the first"
                ).format(plain=excerpt(plain(tc)), columns=columns)
            )
        if tcpr is not None and tcpr.find(qn("w:vMerge")) is not None:
            self.notice(
                _("table cell {plain} merged down rows imported as separate cells").format(plain=excerpt(plain(tc)))
            )
        return [self.cell(tc)] + [()] * (columns - 1)

    def cell(self, tc: Element) -> tuple[Inline, ...]:
        """The text of ``tc`` on one line (a nested table's text included)."""
        items: list[Item] = []
        paragraphs = 0
        for child in tc:
            tag = local_name(child)
            if tag == "p":
                self.paragraph_no += 1
                found = self.runs.inline_items(child)
                if items and found:
                    items.append(Piece(" "))
                paragraphs += bool(found)
                items.extend(found)
            elif tag == "tbl":
                self.notice(
                    _("table inside a table cell {plain} imported as the cell's text").format(
                        plain=excerpt(plain(child))
                    )
                )
                for inner in child.iter(qn("w:p")):  # every paragraph of it, however deep
                    self.paragraph_no += 1
                    found = self.runs.inline_items(inner)
                    if items and found:
                        items.append(Piece(" "))
                    paragraphs += bool(found)
                    items.extend(found)
        if paragraphs > 1:
            self.notice(_("table cell with {paragraphs} paragraphs joined into one line").format(paragraphs=paragraphs))
        self._one_line(items, _("table cell"), _plain(items))
        return to_inlines(items, self.language)

    def _one_line(self, items: list[Item], what: str, text: str) -> None:
        """Report the line breaks of a paragraph that Markdown holds on one
        line (the writer makes them spaces)."""
        if any(isinstance(i, LineBreak) for i in items):
            self.notice(_("line break in a {what} {text} imported as a space").format(what=what, text=excerpt(text)))


def _plain(items: list[Item]) -> str:
    """The text of a paragraph's own pieces (a line break as a space), stripped."""
    return "".join(i.text if isinstance(i, Piece) else " " if isinstance(i, LineBreak) else "" for i in items).strip()


#: the history section's heading, numbered or not, and its table's caption
_HISTORY_HEADING = re.compile(rf"(?:\d+\.?\s+)?{HISTORY_TITLE}")
_HISTORY_CAPTION = re.compile(r"Asian \S.* käsittelyvaiheet")


def _heading_at_most(block: Block, level: int) -> bool:
    """Whether ``block`` is a heading of ``level`` or above (a smaller number)."""
    return isinstance(block, Heading) and block.level <= level


def _is_history(blocks: list[Block]) -> bool:
    """Whether ``blocks`` (what follows a history heading) are the generated
    history: an optional caption, then one table with the generated header."""
    if blocks and isinstance(blocks[0], Paragraph) and _HISTORY_CAPTION.fullmatch(inline_text(blocks[0].children)):
        blocks = blocks[1:]
    if len(blocks) != 1 or not isinstance(blocks[0], Table):
        return False
    return tuple(inline_text(cell).strip() for cell in blocks[0].header) == HISTORY_HEADER


_CONTENTS_NAME = re.compile(
    r"(?i)(toc|sisällysluettelo|sisluet|innehållsförteckning|verzeichnis)\s*([1-9]|heading|n otsikko|otsikko)?"
)


def _contents_style(style_id: str, name: str) -> str:
    """ "heading" for the title of a Word table of contents, "entry" for one
    of its lines, "" otherwise: by the style's name (Word writes the
    built-in names ``TOC Heading``, ``toc 1`` in every UI language while
    the ids are localised, e.g. ``Sisllysluettelonotsikko``, ``Sisluet1``)
    or by its id."""
    for candidate in (name, style_id):
        match = _CONTENTS_NAME.fullmatch(candidate.strip())
        if match:
            tail = (match.group(2) or "").lower()
            return "entry" if tail.isdigit() else "heading"
    return ""


def _unbold(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A heading's or header cell's inlines without a bold wrapping the whole."""
    if len(inlines) == 1 and isinstance(inlines[0], Strong):
        return inlines[0].children
    return inlines


def _cells(tr: Element) -> list[Element]:
    out = []
    for child in tr:
        if child.tag == qn("w:tc"):
            out.append(child)
        elif local_name(child) == "sdt":
            out.extend(child.iter(qn("w:tc")))
    return out


def _nest(entries: list[_ListEntry], level: int) -> list[ListBlock]:
    """Flat list paragraphs to nested lists; a change of list or of kind at
    ``level`` starts a new list."""
    lists: list[ListBlock] = []
    items: list[ListItem] = []
    head: _ListEntry | None = None
    i = 0
    while i < len(entries):
        entry = entries[i]
        if entry.level <= level and head is not None and (entry.ordered != head.ordered or entry.num_id != head.num_id):
            lists.append(ListBlock(tuple(items), ordered=head.ordered, start=head.start))
            items, head = [], None
        if head is None:
            head = entry
        j = i + 1
        while j < len(entries) and entries[j].level > max(entry.level, level):
            j += 1
        children: list[Block] = [Paragraph(entry.inlines)]
        if j > i + 1:
            children.extend(_nest(entries[i + 1 : j], level + 1))
        items.append(ListItem(tuple(children)))
        i = j
    if head is not None:
        lists.append(ListBlock(tuple(items), ordered=head.ordered, start=head.start))
    return lists
