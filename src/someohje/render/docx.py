"""The DOCX renderer: the document tree as a Word document (python-docx).

The package is built from scratch, never from python-docx's default
template (or, with the theme's ``docx_reference``, from the municipality's
own Word template: :mod:`.docx_reference`): styles come from the theme (:mod:`.docx_styles`: Word's built-in
Title, Heading 1-3, Body Text, List Paragraph, Caption, Table Grid,
restyled, plus a few named Finnish styles for the municipal roles), list
numbering from ``numbering.xml``, the header is the SFS 2487 identification
block with real PAGE/NUMPAGES fields (:mod:`.docx_header`), and redline
spans become native tracked changes. This module walks the tree into the
body; the package around it is made by :mod:`.docx_package` and the raw
OOXML below python-docx is in :mod:`.oxml`. The zip is rewritten so that
two builds are byte-identical.

Library use::

    from someohje.document.guideline import guideline
    from someohje.pipeline.session import open_session
    from someohje.render.docx import render

    session = open_session(".")
    data = render(guideline(session.document), session)
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from docx import Document as open_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from ..content.confine import Refused, confined
from ..content.theme import Theme
from ..document.links import resolve_links
from ..errors import ContentError, SomeohjeError, problem
from ..messages import gettext as _
from ..tree import (
    Block,
    Change,
    Emph,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    OutputDocument,
    Paragraph,
    Passage,
    SourceRef,
    Strong,
    Table,
    Text,
)
from .docx_header import header_and_footer, picture_inline
from .docx_measure import ChangeKind, bookmark_name, fit_columns, merge_text, names_its_paragraph, whole_change
from .docx_package import A4, core_properties, starting_package
from .docx_reference import empty_header_and_footer
from .docx_styles import (
    APPROVAL,
    BODY,
    BULLET_DEFINITION,
    CAPTION,
    DRAFT,
    FOOTNOTE_REF,
    FOOTNOTE_TEXT,
    HYPERLINK,
    LABEL_RUN,
    LIST,
    LIST_ROLE_STYLES,
    MAX_LIST_LEVELS,
    NOTE,
    NUMBER_DEFINITION,
    ROLE_STYLES,
    SOURCE_REF,
    STAMP,
    TABLE,
    TABLE_TEXT,
    TITLE,
    TOC_ENTRY,
    TOC_HEADING,
    em,
    list_step,
)
from .notes import numbered
from .oxml.coreprops import set_core_properties
from .oxml.element import Element, el
from .oxml.fields import field_end, field_start
from .oxml.footnotes import footnote_call, footnotes_part, new_footnote
from .oxml.links import bookmark, hyperlink, internal_link
from .oxml.numbering import add_list_instance, set_numbering
from .oxml.package import reproducible_zip
from .oxml.paragraph import keep_with_next, set_spacing, set_tabs
from .oxml.revisions import Revision, mark_paragraph, mark_row, tracked
from .oxml.run import PLAIN, RunFormat, run, tab
from .oxml.table import fixed_table, keep_row_together, repeat_header_row, shade_cell
from .oxml.units import twips

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.parts.story import StoryPart

    from ..pipeline.session import Session

NBSP = "\u00a0"
WHOLE_TABLE_ROWS = 6  #: tables with at most this many body rows stay on one page (style.css.j2 does the same)


def render(doc: OutputDocument, session: Session) -> bytes:
    """Render ``doc`` as DOCX bytes with ``session``'s theme; images are read
    from the project's content folder; links to another document of the
    collection point at its DOCX."""
    linked = resolve_links(doc, session.all_documents(), "docx")
    return render_docx(linked, session.theme, session.project.content)


def render_docx(doc: OutputDocument, theme: Theme, content_dir: Path) -> bytes:
    """Render ``doc`` to the bytes of a ``.docx`` file.

    The result depends only on ``doc``, ``theme`` and the image files: no
    clock, no random ids, fixed zip timestamps and member order.
    """
    doc, _ = numbered(doc)
    document = open_docx(io.BytesIO(starting_package(doc, theme)))
    writer = _Writer(document, doc, theme, content_dir)
    if theme.docx_reference is not None:
        empty_header_and_footer(document)  # the template's: the identification block is written into them
    header_and_footer(document, doc, theme)
    writer.front_matter()
    writer.blocks(doc.lead)
    writer.contents()
    writer.blocks(doc.blocks)
    set_core_properties(document.core_properties, core_properties(doc))
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue())


# --- the writer ------------------------------------------------------------------------


@dataclass
class _Target:
    """Where runs go: a paragraph or hyperlink, and the open ``w:ins``/``w:del``
    wrapper, so consecutive changed runs share one revision."""

    parent: Element
    wrapper: Element | None = None
    kind: ChangeKind = ""


class _Writer:
    """Walks the tree and appends WordprocessingML to the document body."""

    def __init__(self, document: DocxDocument, doc: OutputDocument, theme: Theme, content_dir: Path) -> None:
        self.document = document
        self.doc = doc
        self.theme = theme
        self.content_dir = content_dir
        self.part: Any = document.part  #: the part links and pictures are related from (the body's, a note's)
        self.notes_part: StoryPart | None = None
        self.sect = document.element.body.sectPr
        self.numbering = document.part.numbering_part.element
        self.revision = Revision(doc.change_author or f"{doc.organisation} (someohje)", doc.change_date)
        self.rev_id = 0
        self.bullets: int | None = None
        self.text_width = A4[0] - theme.margin_left - theme.margin_right
        self.previous = ""  #: the style of the last body paragraph
        self.toc_anchors = {entry.anchor for entry in doc.contents}

    # -- first page, contents ---------------------------------------------------------

    def front_matter(self) -> None:
        """Stamps, status mark, title and approval line at the top of the
        first page (the stamps as in the HTML: not on an extract, whose lead
        names its meeting)."""
        if self.doc.stamp and self.doc.kind != "extract":
            self._new_p(STAMP).append(run(", ".join(self.doc.stamp)))
        if self.doc.draft_mark:
            self._new_p(DRAFT).append(run(self.doc.draft_mark))
        self._new_p(TITLE).append(run(self.doc.title))
        if self.doc.approval_line:
            self._new_p(APPROVAL).append(run(self.doc.approval_line))

    def contents(self) -> None:
        """*Sisällys*: a TOC field over the main headings whose cached result
        already lists them, each a link to its heading, with the page the
        PDF puts it on; Word and LibreOffice refresh it when asked."""
        if not self.doc.contents:
            return
        self._new_p(TOC_HEADING).append(run(self.doc.words("contents.title")))
        right = self.text_width  # tab stops count from the margin, not the indent
        for i, entry in enumerate(self.doc.contents):
            p = self._new_p(TOC_ENTRY)
            set_tabs(p, (right,), align="right", leader="dot")
            if i == 0:
                field_start(p, 'TOC \\o "1-1" \\h \\z \\u')
            link = internal_link(bookmark_name(entry.anchor))
            link.append(run(entry.text))
            link.append(tab())
            link.append(run(str(entry.page) if entry.page else ""))
            p.append(link)
            if i == len(self.doc.contents) - 1:
                field_end(p)
        self.previous = ""

    # -- blocks ------------------------------------------------------------------------

    def _new_p(self, style: str) -> Element:
        """A body paragraph in ``style``. Word and LibreOffice, like CSS, keep
        the larger of one paragraph's space after and the next one's space
        before; only the stylesheet's ``h2 + h3`` rule needs a direct value."""
        p = el("w:p")
        p.get_or_add_pPr().style = style
        self.sect.addprevious(p)
        if style == "Heading2" and self.previous == "Heading1":
            before = em(self.theme, self.theme.spacing.heading_after_heading_em, self.theme.heading_sizes[1])
            set_spacing(p, before=before)
        self.previous = style
        return p

    def blocks(self, blocks: Sequence[Block]) -> None:
        """Append ``blocks`` to the body; a field name and the paragraph it
        names become one paragraph (:meth:`labelled`)."""
        i = 0
        while i < len(blocks):
            block, after = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, Paragraph) and isinstance(after, Paragraph) and names_its_paragraph(block, after):
                self.labelled(block, after)
                i += 2
            else:
                self.block(block)
                i += 1

    def labelled(self, label: Paragraph, para: Paragraph) -> Element:
        """A field name (``Päätös``) as the first line of the paragraph it
        names, in the field name's character style, then a line break.

        A paragraph of its own with *keep with next* is what Word honours,
        but LibreOffice (7.4) leaves such a name alone at a page foot in some
        layouts; one paragraph can never be split from its first line, and
        widow control keeps a second line with it. The space before is the
        field name's, as in the PDF."""
        p = self.paragraph(para, ROLE_STYLES.get(para.role, BODY), first=label.children)
        set_spacing(p, before=em(self.theme, self.theme.spacing.label_before_em))
        return p

    def block(self, block: Block, *, style: str = "") -> Element | None:
        """Append one block; returns the last paragraph written, if any.
        ``style`` overrides the paragraph style (notes)."""
        if isinstance(block, Heading):
            p = self._new_p(f"Heading{min(max(block.level, 1), 3)}")
            kind = whole_change(block.children)
            if kind:  # a heading wholly inserted or deleted: its paragraph mark too
                mark_paragraph(p, kind, self.revision, self._next_rev())
            self.inlines(p, block.children)
            if block.anchor in self.toc_anchors:  # the table of contents links here
                bookmark(p, bookmark_name(block.anchor), self._next_rev())
            return p
        if isinstance(block, Paragraph):
            return self.paragraph(block, style or ROLE_STYLES.get(block.role, BODY))
        if isinstance(block, ListBlock):
            return self.list(block, depth=0, change="")
        if isinstance(block, Table):
            self.table(block)
            return None
        last = None
        for inner in block.blocks:
            last = self.block(inner, style=NOTE)
        return last

    def paragraph(
        self, para: Paragraph, style: str, change: ChangeKind = "", *, first: Sequence[Inline] = ()
    ) -> Element:
        """A paragraph in ``style``; a changed paragraph (``change`` or its
        own) is a tracked insertion or deletion, paragraph mark included.
        ``first`` is a field name's inlines, set on a line of its own before
        the paragraph's own text (:meth:`labelled`)."""
        p = self._new_p(style)
        kind = para.change or change
        if kind:
            mark_paragraph(p, kind, self.revision, self._next_rev())
        if first:
            self.inlines(p, (*first, LineBreak()), fmt=replace(PLAIN, style=LABEL_RUN))
        self.inlines(p, para.children, change=kind)
        return p

    def list(self, block: ListBlock, depth: int, change: ChangeKind) -> Element | None:
        """A list: every item's first paragraph carries the list numbering;
        a numbered list starts anew at ``block.start``."""
        level = min(depth, MAX_LIST_LEVELS - 1)
        num_id = self._list_instance(block, level)
        last: Element | None = None
        for item in block.items:
            kind = item.change or change
            numbered = False
            for inner in item.blocks:
                if isinstance(inner, Paragraph):
                    style = LIST_ROLE_STYLES.get(inner.role, LIST)
                    last = self.paragraph(inner, style, kind)
                    if numbered:
                        self._continuation_indent(last, level)
                    else:
                        set_numbering(last, num_id, level)
                        numbered = True
                elif isinstance(inner, ListBlock):
                    last = self.list(inner, depth + 1, kind)
                else:
                    last = self.block(inner)
        if depth == 0 and last is not None:
            after = em(self.theme, self.theme.spacing.paragraph_after_em)
            set_spacing(last, after=after)
        return last

    def _list_instance(self, block: ListBlock, level: int) -> int:
        if block.ordered:
            return add_list_instance(self.numbering, NUMBER_DEFINITION, level, block.start)
        if self.bullets is None:
            self.bullets = add_list_instance(self.numbering, BULLET_DEFINITION, level, None)
        return self.bullets

    def _continuation_indent(self, p: Element, level: int) -> None:
        step = list_step(self.theme)
        ind = p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:left"), str(twips(self.theme.body_indent + step * (level + 1))))

    def table(self, block: Table) -> None:
        """A caption paragraph and a bordered table at the margin whose header
        row repeats on every page. A short table (up to
        :data:`WHOLE_TABLE_ROWS` body rows) is kept on one page, as in the PDF."""
        if block.caption:
            self._new_p(CAPTION).append(run(block.caption))
        rows = [block.header, *block.rows] if block.header else list(block.rows)
        columns = max(len(r) for r in rows)
        shares = list(block.widths) if len(block.widths) == columns else [1] * columns
        widths = fit_columns(rows, shares, twips(self.text_width), self.theme)
        table = self.document.add_table(len(rows), columns)
        tbl = table._tbl
        tbl.tblStyle_val = TABLE
        fixed_table(tbl, widths)
        keep_whole = len(block.rows) <= WHOLE_TABLE_ROWS
        for r, (cells, tr) in enumerate(zip(rows, tbl.tr_lst, strict=True)):
            is_header = r == 0 and bool(block.header)
            if is_header:
                repeat_header_row(tr)
            else:
                keep_row_together(tr)
            kinds = {whole_change(cell) for cell in cells}
            row_kind = kinds.pop() if len(kinds) == 1 else ""
            if row_kind:  # a row wholly inserted or deleted
                mark_row(tr, row_kind, self.revision, self._next_rev())
            for content, tc in zip(cells, tr.tc_lst, strict=False):
                p = self._cell_paragraph(tc, TABLE_TEXT)
                if is_header:
                    shade_cell(tc, self.theme.table_header)
                self.inlines(p, content, RunFormat(bold=is_header))
                if keep_whole and r < len(rows) - 1:
                    keep_with_next(p)
        self.previous = ""

    def _cell_paragraph(self, cell: Element, style: str) -> Element:
        for p in cell.findall(qn("w:p")):
            cell.remove(p)
        return self._cell_add(cell, style)

    @staticmethod
    def _cell_add(cell: Element, style: str) -> Element:
        p = cell.add_p()
        p.get_or_add_pPr().style = style
        return p

    # -- inlines --------------------------------------------------------------------------

    def inlines(
        self, parent: Element, items: Sequence[Inline], fmt: RunFormat = PLAIN, change: ChangeKind = ""
    ) -> None:
        """Append runs for ``items`` to the ``w:p`` ``parent``."""
        self._inlines(_Target(parent), items, fmt, change)

    def _inlines(self, target: _Target, items: Sequence[Inline], fmt: RunFormat, change: ChangeKind) -> None:
        for item in merge_text(items):
            if isinstance(item, Text):
                if item.text:
                    self._put(target, run(item.text, fmt, deleted=change == "del"), change)
            elif isinstance(item, Emph):
                self._inlines(target, item.children, replace(fmt, italic=True), change)
            elif isinstance(item, Strong):
                self._inlines(target, item.children, replace(fmt, bold=True), change)
            elif isinstance(item, Passage):
                self._inlines(target, item.children, replace(fmt, language=item.language), change)
            elif isinstance(item, SourceRef):
                label = item.label.replace(" ", NBSP)  # kept on one line, as in the PDF
                ref = replace(fmt, style=SOURCE_REF)
                self._put(target, run(label, ref, deleted=change == "del"), change)
            elif isinstance(item, Change):
                self._inlines(target, item.children, fmt, item.kind)
            elif isinstance(item, Link):
                r_id = self.part.relate_to(item.href, RT.HYPERLINK, is_external=True)
                link = hyperlink(r_id)
                target.parent.append(link)
                target.wrapper = None
                self._inlines(_Target(link), item.children, replace(fmt, style=HYPERLINK), change)
            elif isinstance(item, Image):
                self._put(target, self._picture(item), change)
            elif isinstance(item, LineBreak):
                self._put(target, run("\n", fmt, deleted=change == "del"), change)
            elif isinstance(item, Footnote):
                self._put(target, self._footnote(item, change), change)

    def _footnote(self, note: Footnote, change: ChangeKind) -> Element:
        """Write ``note`` into the footnotes part (made with the first note)
        and return the run that calls it; its links and pictures are related
        from that part."""
        if self.notes_part is None:
            self.notes_part = footnotes_part(self.document.part)
        p = new_footnote(self.notes_part, note.number, FOOTNOTE_TEXT, FOOTNOTE_REF)
        body, self.part = self.part, self.notes_part
        try:
            self._inlines(_Target(p), note.children, PLAIN, change)
        finally:
            self.part = body
        return footnote_call(note.number, FOOTNOTE_REF)

    def _put(self, target: _Target, node: Element, change: ChangeKind) -> None:
        if not change:
            target.parent.append(node)
            target.wrapper = None
            return
        if target.wrapper is None or target.kind != change:
            target.wrapper = tracked(change, self.revision, self._next_rev())
            target.kind = change
            target.parent.append(target.wrapper)
        target.wrapper.append(node)

    def _next_rev(self) -> int:
        self.rev_id += 1
        return self.rev_id

    def _picture(self, image: Image) -> Element:
        try:  # the one door for file reads (checked at load time already)
            path = confined(self.content_dir, unquote(urlsplit(image.src).path), what=f"image '{image.src}'")
        except Refused as exc:
            raise ContentError([problem(self.content_dir, 1, str(exc))]) from None
        try:  # checked at load time; a file changed since is still no crash
            inline = picture_inline(self.part, path, max_width=Mm(self.text_width - self.theme.body_indent))
        except SomeohjeError:
            raise
        except Exception as exc:
            raise ContentError(
                [problem(path, 1, _("not an image the DOCX can embed ({name})").format(name=type(exc).__name__))]
            ) from None
        inline.docPr.set("descr", image.alt)
        r = el("w:r")
        r.add_drawing(inline)
        return r
