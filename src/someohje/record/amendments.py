"""Amendments as operations on the text: insert, replace, delete.

A stage's text is the base text of the section files with every amendment
decided up to the stage applied to it, in decision order, each to the text
as the earlier ones left it. An operation finds its place by an exact quoted
passage (``anchor``, whitespace aside) that must occur exactly once in its
section; a passage cannot span two paragraphs, nor a paragraph and its
footnote (a note's text is a passage of its own, which an amendment may
change). Each changed passage gets a visible source reference, so a reader
can trace it to its §.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..chars import OBJECT_STAND_IN
from ..content.markdown import parse_inline, parse_located
from ..content.markers import MARKER_LINE
from ..content.sources import normalised
from ..content.texts import FINNISH
from ..errors import ContentError, Problem, problem
from ..finnish import smart_text
from ..messages import gettext as _
from ..model import Amendment, AmendmentKind, Document, Handling, Origin, Outcome, Section, TextOrigin
from ..tree import (
    Block,
    Change,
    Emph,
    Footnote,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Passage,
    SourceRef,
    Strong,
    Table,
    Text,
)

#: Stands for an atom (a source reference, an image) in the text a passage is
#: looked for in, so that no quoted passage can match across one; an
#: anchor may not quote it (the loader refuses one that does).
ATOM = OBJECT_STAND_IN
MARKER_ROLE = "marker"
#: what a source reference adds when the decided text's typing errors are corrected
CORRECTED = FINNISH("source.corrected")

Loc = tuple[Path, int]


@dataclass
class SectionText:
    """One section of a stage: its blocks, and for each where it was written
    (file and line) and where its wording comes from."""

    section: Section
    blocks: list[Block]
    locs: list[Loc]
    origins: list[Origin]


def amendments_in(doc: Document, handling: Handling) -> list[Amendment]:
    """Amendments decided by ``handling`` or any handling before it, in decision order."""
    upto = doc.handling_index(handling.id)
    return [a for a in doc.amendments if doc.handling_index(a.handling.id) <= upto]


def approving(doc: Document, amendment: Amendment, stage: Handling) -> Handling | None:
    """The decision that approved ``amendment`` as far as ``stage``: its own
    handling or a later one up to the stage, whichever first approved the
    text; None while it is only proposed."""
    start, end = doc.handling_index(amendment.handling.id), doc.handling_index(stage.id)
    return next((h for h in doc.handlings[start : end + 1] if h.outcome is Outcome.APPROVED), None)


def change_label(doc: Document, amendment: Amendment, stage: Handling, *, whole: bool = False) -> str:
    """The visible source of a change: ``(Kvalt 14.6.2022 § 37, lisäys 1)``
    (``…; kirjoitusasu korjattu`` when the decided text's typing errors are
    corrected in it),
    ``(Muutettu Kvalt 12.6.2024 § 30)``, ``(Poistettu …)``; a change not yet
    approved at ``stage`` is an ehdotus (``Muutosehdotus Kh 3.6.2024 § 90``)."""
    w = doc.words
    by = approving(doc, amendment, stage)
    fixed = w("source.corrected") if amendment.corrections else ""
    if amendment.kind is AmendmentKind.INSERT:
        if by is None:
            return w("source.insert_proposed", ref=amendment.handling.meeting_ref(), fixed=fixed)
        if by is amendment.handling:
            return w("source.insert_own", ref=by.meeting_ref(), number=amendment.number, fixed=fixed)
        return w("source.inserted", ref=by.meeting_ref(), fixed=fixed)
    deleted = amendment.kind is AmendmentKind.DELETE and whole
    if by is None:
        key = "source.delete_proposed" if deleted else "source.replace_proposed"
        return w(key, ref=amendment.handling.meeting_ref(), fixed=fixed)
    return w("source.deleted" if deleted else "source.replaced", ref=by.meeting_ref(), fixed=fixed)


def section_texts(doc: Document, stage: Handling) -> list[SectionText]:
    """Every section's text as it stood after ``stage``.

    Raises :class:`ContentError` naming each amendment whose passage is not
    found exactly once (at its line in ``document.yaml``).
    """
    texts = [_base(doc, s) for s in doc.sections]
    by_id = {t.section.id: t for t in texts}
    problems: list[Problem] = []
    for amendment in amendments_in(doc, stage):
        message = _apply(doc, amendment, stage, by_id[amendment.section_id])
        if message:
            problems.append(problem(doc.metadata_path, amendment.line, message))
    if problems:
        raise ContentError(problems)
    for t in texts:
        keep = [i for i, b in enumerate(t.blocks) if not _is_marker(b)]
        t.blocks, t.locs, t.origins = (
            [t.blocks[i] for i in keep],
            [t.locs[i] for i in keep],
            [t.origins[i] for i in keep],
        )
    return texts


# --- the base text ------------------------------------------------------------------


def _base(doc: Document, section: Section) -> SectionText:
    def hook(text: str, line: int) -> list[Block] | None:
        match = MARKER_LINE.fullmatch(text)
        return [Paragraph((Text(match.group(1)),), role=MARKER_ROLE)] if match else None

    located = parse_located(section.markdown, section.path, doc.root / "content", hook)
    record = _record_text(doc)
    origins = [_base_origin(doc, block, record) for block, _ in located]
    return SectionText(section, [b for b, _ in located], [(section.path, n) for _, n in located], origins)


def _record_text(doc: Document) -> str:
    parts = [s.text for s in doc.sources]
    parts += [t for h in doc.handlings for t in (h.reasoning, h.proposal, h.decision)]
    return normalised(smart_text(" ".join(parts)))


def _base_origin(doc: Document, block: Block, record: str) -> Origin:
    if doc.text_origin is TextOrigin.ORIGINAL:
        return Origin.ORIGINAL
    texts = [normalised(t.replace(ATOM, "")) for t in unit_texts(block)]
    quoted = bool(texts) and all(t and t in record for t in texts) and not isinstance(block, Heading)
    return Origin.RECORD if quoted else Origin.DRAFTED


def _is_marker(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == MARKER_ROLE


# --- applying one amendment -----------------------------------------------------------


def _apply(doc: Document, a: Amendment, stage: Handling, text: SectionText) -> str:
    """Apply ``a`` to ``text`` in place; the problem's message, or ``""``."""
    if a.kind is AmendmentKind.INSERT:
        return _insert(doc, a, stage, text)
    pattern = passage_pattern(a.anchor)
    found = sum(len(pattern.findall(t)) for b in text.blocks for t in passage_texts(b))
    if found != 1:
        return _anchor_problem(a, found, text.section.id)
    if any(_crosses_link(b, pattern) for b in text.blocks):
        return _(
            "amendment '{id}' ({kind}): the passage '{anchor}' begins or ends inside a link "
            "in section '{id2}'; quote the whole link, or only text outside it"
        ).format(id=a.id, kind=a.kind, anchor=_quoted(a.anchor), id2=text.section.id)
    for i, block in enumerate(text.blocks):
        if any(pattern.search(t) for t in passage_texts(block)):
            text.blocks[i] = map_passages(block, lambda items: _change(doc, a, stage, items, pattern))
            if text.origins[i] is not Origin.AMENDMENT:
                text.origins[i] = Origin.AMENDED
    return ""


def _insert(doc: Document, a: Amendment, stage: Handling, text: SectionText) -> str:
    wording = parse_inline(a.wording, doc.metadata_path, doc.root / "content", a.line)
    block = Paragraph((*wording, Text(" "), SourceRef(change_label(doc, a, stage))), role="amendment")
    at = next((i for i, b in enumerate(text.blocks) if _is_marker(b) and unit_texts(b) == [a.id]), None)
    if at is not None:
        text.blocks[at], text.locs[at], text.origins[at] = block, (doc.metadata_path, a.line), Origin.AMENDMENT
        return ""
    if a.anchor:
        pattern = passage_pattern(a.anchor)
        hits = [i for i, b in enumerate(text.blocks) for t in unit_texts(b) for _ in pattern.finditer(t)]
        if len(hits) != 1:
            return _anchor_problem(a, len(hits), text.section.id)
        at = hits[0] + 1
    else:
        at = len(text.blocks)
    text.blocks.insert(at, block)
    text.locs.insert(at, (doc.metadata_path, a.line))
    text.origins.insert(at, Origin.AMENDMENT)
    return ""


def _quoted(anchor: str) -> str:
    return anchor if len(anchor) <= 60 else anchor[:57] + "..."


def _anchor_problem(a: Amendment, found: int, section_id: str) -> str:
    quoted = _quoted(a.anchor)
    before = _("as it stands before {meeting_ref}").format(meeting_ref=a.handling.meeting_ref())
    if found == 0:
        return _("amendment '{id}' ({kind}): the passage '{quoted}' is not in section '{section_id}' {before}").format(
            id=a.id, kind=a.kind, quoted=quoted, section_id=section_id, before=before
        )
    return _(
        "amendment '{id}' ({kind}): the passage '{quoted}' occurs {found} times in "
        "section '{section_id}' {before}; quote enough of it to be unique"
    ).format(id=a.id, kind=a.kind, quoted=quoted, found=found, section_id=section_id, before=before)


def _change(
    doc: Document, a: Amendment, stage: Handling, items: tuple[Inline, ...], pattern: re.Pattern[str]
) -> tuple[Inline, ...]:
    """Replace or delete the passage in one paragraph's inlines, adding the source."""
    flat = flat_text(items)
    match = pattern.search(flat)
    if match is None:
        return items
    start, end = match.span()
    rest = (*cut(items, 0, start), *cut(items, end, len(flat)))
    whole = a.kind is AmendmentKind.DELETE and all(
        isinstance(i, SourceRef) or (isinstance(i, Text) and not i.text.strip()) for i in rest
    )  # the whole paragraph goes (its earlier sources with it), never an image the passage did not quote
    label = SourceRef(change_label(doc, a, stage, whole=whole))
    if whole:
        return (label,)
    new: tuple[Inline, ...] = ()
    if a.kind is AmendmentKind.REPLACE:
        new = parse_inline(a.wording, doc.metadata_path, doc.root / "content", a.line)
    elif start > 0 and flat[start - 1] == " " and (end == len(flat) or flat[end] in " .,;:!?"):
        start -= 1  # the space before a deleted passage goes with it
    elif start == 0 and flat[end : end + 1] == " ":
        end += 1
    head, tail = cut(items, 0, start), cut(items, end, len(flat))
    ref: tuple[Inline, ...] = () if _cites(items, label) else (Text(" "), label)
    return _merged((*head, *new, *tail, *ref))


# --- passages in the tree -------------------------------------------------------------


def passage_pattern(anchor: str) -> re.Pattern[str]:
    """The regular expression of a quoted passage: its words in order, any
    whitespace between them (typographic quotes as in the text), and whole
    words only: ``asu`` is not found in ``asukas``."""
    words = smart_text(anchor).split()
    body = r"\s+".join(re.escape(w) for w in words)
    if words and re.match(r"\w", words[0]):
        body = r"(?<!\w)" + body
    if words and re.search(r"\w$", words[-1]):
        body += r"(?!\w)"
    return re.compile(body)


def link_spans(items: tuple[Inline, ...], start: int = 0) -> list[tuple[int, int]]:
    """Where each link's text lies in :func:`flat_text` of ``items``."""
    spans: list[tuple[int, int]] = []
    pos = start
    for item in items:
        size = len(flat_text((item,)))
        if isinstance(item, Link):
            spans.append((pos, pos + size))
        elif isinstance(item, Emph | Strong | Passage):
            spans.extend(link_spans(item.children, pos))
        pos += size
    return spans


def _crosses_link(block: Block, pattern: re.Pattern[str]) -> bool:
    """Whether a match of ``pattern`` in ``block`` begins or ends inside a
    link's text (a change there would cut the link in two)."""
    found: list[bool] = []

    def check(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        for match in pattern.finditer(flat_text(items)):
            lo, hi = match.span()
            found.extend(a < lo < b or a < hi < b for a, b in link_spans(items))
        return items

    map_passages(block, check)
    return any(found)


def flat_text(items: tuple[Inline, ...]) -> str:
    """The text of inlines, each atom (source reference, image) as one :data:`ATOM`."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Text):
            out.append(item.text)
        elif isinstance(item, Emph | Strong | Link | Passage):
            out.append(flat_text(item.children))
        else:
            out.append(ATOM)
    return "".join(out)


def cut(items: tuple[Inline, ...], start: int, end: int) -> tuple[Inline, ...]:
    """The part of ``items`` between two offsets of :func:`flat_text`, with
    its formatting (an emphasis cut in two stays emphasis on both sides)."""
    out: list[Inline] = []
    pos = 0
    for item in items:
        size = len(flat_text((item,)))
        lo, hi = max(start - pos, 0), min(end - pos, size)
        if lo < hi:
            if isinstance(item, Text):
                out.append(Text(item.text[lo:hi]))
            elif isinstance(item, Emph | Strong | Link | Passage):
                out.append(replace(item, children=cut(item.children, lo, hi)))
            else:
                out.append(item)
        pos += size
    return tuple(out)


def _cites(items: tuple[Inline, ...], label: SourceRef) -> bool:
    """Whether ``items`` already carry a source naming the same meeting as ``label``."""
    meeting = label.label.split(" ", 1)[1].split(",")[0].split(";")[0].rstrip(")")
    return any(isinstance(i, SourceRef) and meeting in i.label for i in items)


def _merged(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and not item.text:
            continue
        if out and isinstance(item, Text) and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + item.text)
        else:
            out.append(item)
    return tuple(out)


def unit_texts(block: Block) -> list[str]:
    """The :func:`flat_text` of each paragraph-like unit of a block (heading,
    paragraph, list item paragraph, table cell), in reading order."""
    out: list[str] = []

    def collect(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out.append(flat_text(items))
        return items

    map_units(block, collect)
    return out


def map_units(block: Block, fn: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> Block:
    """``block`` with ``fn`` applied to the inlines of each of its units."""
    if isinstance(block, Heading | Paragraph):
        return replace(block, children=fn(block.children))
    if isinstance(block, ListBlock):
        items = tuple(ListItem(tuple(map_units(b, fn) for b in item.blocks), item.change) for item in block.items)
        return replace(block, items=items)
    if isinstance(block, Table):
        header = tuple(fn(cell) for cell in block.header)
        rows = tuple(tuple(fn(cell) for cell in row) for row in block.rows)
        return replace(block, header=header, rows=rows)
    return block


def passage_texts(block: Block) -> list[str]:
    """Where an amendment's passage is looked for in ``block``: the
    :func:`unit_texts`, then the :func:`flat_text` of each footnote's text."""
    notes: list[str] = []

    def collect(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        notes.append(flat_text(items))
        return items

    map_notes(block, collect)
    return [*unit_texts(block), *notes]


def map_passages(block: Block, fn: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> Block:
    """``block`` with ``fn`` applied to each unit's inlines, then to each footnote's text."""
    return map_notes(map_units(block, fn), fn)


def map_notes(block: Block, fn: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> Block:
    """``block`` with ``fn`` applied to the text of each footnote it calls, in reading order."""
    return map_units(block, lambda items: in_notes(items, fn))


def in_notes(items: Sequence[Inline], fn: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """``items`` with ``fn`` applied to the text of each footnote they call,
    however deep in emphasis, links, passages and changes."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Footnote):
            out.append(replace(item, children=fn(item.children)))
        elif isinstance(item, Emph | Strong | Link | Passage | Change):
            out.append(replace(item, children=in_notes(item.children, fn)))
        else:
            out.append(item)
    return tuple(out)
