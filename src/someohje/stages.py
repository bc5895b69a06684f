"""Stages: the guideline text as it stood after a given handling.

No copy of the text is kept per stage. The section files hold the text as it
stood after ``text_stage``; a later stage adds every amendment decided by a
handling up to and including it, at its ``[[lisäys:ID]]`` marker (or at the
end of its section).
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import UsageError, problem
from .markdown import parse_blocks, parse_inline
from .markers import MARKER_LINE
from .model import Amendment, Document, Handling, Outcome, Section
from .tree import Block, Heading, Inline, Paragraph, SourceRef, Text


def stage_handling(doc: Document, stage_id: str | None) -> Handling:
    """The handling a stage id names (the last one for ``None``).

    Raises :class:`UsageError` listing the valid ids for an unknown id, or
    for a handling whose text the content does not hold.
    """
    if stage_id is None:
        return doc.final_handling()
    valid = doc.stage_ids()
    if stage_id not in valid:
        known = [h.id for h in doc.handlings]
        why = (
            f"the text as it stood after '{stage_id}' is not in the content (it starts at '{doc.text_stage}')"
            if stage_id in known
            else f"unknown stage '{stage_id}'"
        )
        raise UsageError(
            [problem(doc.root / "content" / "document.yaml", 0, f"{why}; valid stages: {', '.join(valid)}")]
        )
    return doc.handling(stage_id)


def amendments_in(doc: Document, handling: Handling) -> list[Amendment]:
    """Amendments decided by ``handling`` or any handling before it."""
    upto = doc.handling_index(handling.id)
    return [a for a in doc.amendments if doc.handling_index(a.handling.id) <= upto]


def is_approved(handling: Handling) -> bool:
    """Whether the text after this handling is the approved one."""
    return handling.outcome is Outcome.APPROVED


def approval_line(handling: Handling) -> str:
    """``Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37``, or what a stage is."""
    when = f"{handling.date.finnish()} {handling.paragraph_text()}"
    if handling.outcome is Outcome.APPROVED:
        return f"Hyväksytty: {handling.body.name} {when}"
    if handling.outcome is Outcome.PROPOSED and handling.proposed_to is not None:
        return f"{handling.body.genitive} ehdotus {handling.proposed_to.allative} {when}"
    return f"Palautettu uudelleen valmisteluun: {handling.body.name} {when}"


def amendment_ref(amendment: Amendment) -> SourceRef:
    """The visible source of an incorporated amendment."""
    return SourceRef(f"({amendment.handling.meeting_ref()}, lisäys {amendment.number})")


def amendment_block(doc: Document, amendment: Amendment, section: Section, line: int) -> Paragraph:
    """The paragraph an amendment becomes in the guideline text."""
    content_dir = doc.root / "content"
    inlines: tuple[Inline, ...] = parse_inline(amendment.wording, section.path, content_dir, line)
    return Paragraph((*inlines, Text(" "), amendment_ref(amendment)), role="amendment")


def stage_blocks(doc: Document, handling: Handling) -> list[Block]:
    """The numbered body of the guideline as it stood after ``handling``."""
    included = {a.id: a for a in amendments_in(doc, handling)}
    blocks: list[Block] = []
    for number, section in enumerate(doc.sections, 1):
        blocks.extend(_numbered(_section_blocks(doc, section, included), number, section.id))
    return blocks


def _section_blocks(doc: Document, section: Section, included: dict[str, Amendment]) -> list[Block]:
    placed: set[str] = set()

    def hook(text: str, line: int) -> Sequence[Block] | None:
        match = MARKER_LINE.fullmatch(text)
        if not match:
            return None
        aid = match.group(1)
        placed.add(aid)
        return [amendment_block(doc, included[aid], section, line)] if aid in included else []

    blocks = parse_blocks(section.markdown, section.path, doc.root / "content", hook)
    for amendment in included.values():
        if amendment.section_id == section.id and amendment.id not in placed:
            blocks.append(amendment_block(doc, amendment, section, 0))
    return blocks


def _numbered(blocks: list[Block], number: int, anchor: str) -> list[Block]:
    """Number headings ``1``, ``1.1``, ``1.1.1`` and give each an anchor."""
    out: list[Block] = []
    counters = [number, 0, 0]
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level, 3)
            if level > 1:
                counters[level - 1] += 1
                counters[level:] = [0] * (3 - level)
            label = ".".join(str(c) for c in counters[:level])
            aid = anchor if level == 1 else f"{anchor}-{label.replace('.', '-')}"
            block = Heading(level, (Text(f"{label} "), *block.children), anchor=aid)
        out.append(block)
    return out
