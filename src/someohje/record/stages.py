"""Stages: the guideline text as it stood after a given handling.

No copy of the text is kept per stage. The section files hold the text as it
stood after ``text_stage``; a later stage applies every amendment decided by
a handling up to and including it (:mod:`someohje.record.amendments`).
"""

from __future__ import annotations

from ..errors import UsageError, problem
from ..messages import gettext as _
from ..model import Document, Handling, Outcome
from ..tree import Block, Heading, Text
from .amendments import SectionText, amendments_in, section_texts

__all__ = ["amendments_in", "approval_line", "is_approved", "stage_blocks", "stage_handling", "stage_texts"]


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
            _("the text as it stood after '{stage_id}' is not in the content (it starts at '{text_stage}')").format(
                stage_id=stage_id, text_stage=doc.text_stage
            )
            if stage_id in known
            else f"unknown stage '{stage_id}'"
        )
        raise UsageError(
            [problem(doc.metadata_path, 0, _("{why}; valid stages: {valid}").format(why=why, valid=", ".join(valid)))]
        )
    return doc.handling(stage_id)


def is_approved(handling: Handling) -> bool:
    """Whether the text after this handling is the approved one."""
    return handling.outcome is Outcome.APPROVED


def approval_line(handling: Handling) -> str:
    """``Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37``, or what a stage is: a
    body's proposal names the meeting that made it in brackets
    (``Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 § 139)``), so
    that the date is not read as the receiving body's."""
    w, body = handling.words, handling.body
    when = f"{handling.date_text()} {handling.paragraph_text()}"
    if handling.outcome is Outcome.APPROVED:
        return w("approval.approved", body=body.name, when=when)
    if handling.outcome is Outcome.PROPOSED and handling.proposed_to is not None:
        allative = handling.proposed_to.allative
        return w("approval.proposed", genitive=body.genitive, allative=allative, ref=handling.meeting_ref())
    if handling.outcome is Outcome.PENDING:
        when = handling.date_text() if handling.date.known else ""
        when += f" {handling.paragraph_text()}" if handling.paragraph is not None else ""
        return w("approval.pending", allative=body.allative, when=when).strip()
    return w("approval.returned", body=body.name, when=when)


def stage_texts(doc: Document, handling: Handling) -> list[SectionText]:
    """Each section of the text as it stood after ``handling``, numbered
    (headings ``1``, ``1.1``, ``1.1.1``), with where each block comes from.

    Computed once per document and stage (the seal check, the guideline and
    the archival word counts all ask): each caller gets its own copies."""
    key = ("stage_texts", handling.id)
    texts = doc.memo.get(key)
    if not isinstance(texts, list):
        texts = section_texts(doc, handling)
        for number, text in enumerate(texts, 1):
            text.blocks = _numbered(text.blocks, number, text.section.id)
        doc.memo[key] = texts
    return [SectionText(t.section, list(t.blocks), list(t.locs), list(t.origins)) for t in texts]


def stage_blocks(doc: Document, handling: Handling) -> list[Block]:
    """The numbered body of the guideline as it stood after ``handling``."""
    return [block for text in stage_texts(doc, handling) for block in text.blocks]


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
