"""Build the :class:`OutputDocument` for each kind of output.

This is where the model meets the page: which identification fields, which
approval line, which blocks. Renderers only lay out what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from ..content.texts import FINNISH, Words
from ..finnish import finnish_date
from ..model import Amendment, Document, Handling, Outcome
from ..record.amendments import approving
from ..record.inforce import in_force_on
from ..record.provenance import provenance_blocks, provenance_note
from ..record.stages import approval_line, stage_blocks, stage_handling
from ..tree import Block, Heading, Inline, Metadata, OutputDocument, Paragraph, Table, Text
from .status import Status, status_of, titled

HISTORY_TITLE = FINNISH("history.title")
#: the history table's header row; with :data:`HISTORY_TITLE` and the caption, what the importer knows it by
HISTORY_HEADER = (FINNISH("history.body"), FINNISH("history.meeting"), "§", FINNISH("history.decision"))


def guideline(doc: Document, stage: str | None = None) -> OutputDocument:
    """The guideline as it stood after ``stage`` (default: the last handling).

    A stage not approved carries its status mark (:mod:`someohje.document.status`:
    ``EHDOTUS`` for a body's proposal) and an approval line saying what it is. The body ends with the decision history
    up to that stage.
    """
    handling = stage_handling(doc, stage)
    blocks: list[Block] = [*stage_blocks(doc, handling), *history(doc, handling)]
    suffix = "" if handling is doc.final_handling() else f"-{handling.slug()}"
    return OutputDocument(
        kind="guideline",
        organisation=doc.organisation.name,
        web=doc.organisation.web,
        doc_type=doc.doc_type,
        date_text=handling.date_text(),
        diary_number=doc.diary_number,
        title=doc.title,
        approval_line=stage_approval(doc, handling),
        blocks=tuple(blocks),
        metadata=metadata(doc, handling),
        file_stem=doc.stem + suffix,
        draft_mark=status_of(handling).mark_in(doc.words),
        lead=provenance_blocks(doc, handling),
        stage=handling.id,
        document_id=doc.id,
        words=doc.words,
    )


def consolidated(doc: Document, day: dt.date) -> OutputDocument:
    """The text in force on ``day`` (*ajantasainen versio*) by the decisions
    in the sources, marked with the date: its lead names the latest decision
    taken into account, says that later decisions not in the sources are
    not known, and, where the record gives no entry into force, that the
    decision date is counted; every changed passage names its source. Raises :class:`UsageError`
    for a day before the text was first in force."""
    handling = in_force_on(doc, day)
    base = guideline(doc, handling.id)
    when = finnish_date(day)
    return replace(
        base,
        date_text=when,
        approval_line=stage_approval(doc, handling),
        lead=(Paragraph((Text(_in_force_text(doc, handling, day)),), role="consolidated"), *base.lead),
        metadata=replace(base.metadata, title=titled(doc.title, Status.CONSOLIDATED, when, words=doc.words), valid=day),
        file_stem=f"{doc.stem}-{doc.words('file.consolidated')}-{day.isoformat()}",
        draft_mark=Status.CONSOLIDATED.mark_in(doc.words),
        as_of=day,
    )


def _in_force_text(doc: Document, handling: Handling, day: dt.date) -> str:
    text = doc.words("consolidated.lead", day=finnish_date(day), ref=handling.meeting_ref())
    if handling.in_force is None and handling.date.date is not None:
        text += doc.words("consolidated.from_decision", date=finnish_date(handling.date.date))
    return text


def stage_approval(doc: Document, handling: Handling) -> str:
    """The approval line of a stage: for a text approved and later amended,
    ``Hyväksytty: Kunnanvaltuusto 12.6.2023 § 18; muutettu: Kvalt 10.6.2024 § 22``."""
    upto = doc.handlings[: doc.handling_index(handling.id) + 1]
    approvals = [h for h in upto if h.outcome is Outcome.APPROVED and h.id in doc.stage_ids()]
    if handling.outcome is not Outcome.APPROVED or len(approvals) < 2:
        return approval_line(handling)
    later = ", ".join(h.meeting_ref() for h in approvals[1:])
    return doc.words("approval.amended", first=approval_line(approvals[0]), later=later)


def metadata(
    doc: Document, handling: Handling, title: str | None = None, *details: str, status: Status | None = None
) -> Metadata:
    """Metadata for an output standing at ``handling``: its date is the date
    of that decision (none for a meeting still to come, or a date the
    sources do not give), never the wall clock, and ``date_term`` says what
    it is. The title is ``title`` (default
    the document's) with ``details`` and the status mark (default the
    handling's) in brackets, as :func:`someohje.document.status.titled` makes it."""
    keywords = tuple(dict.fromkeys((*doc.keywords, doc.diary_number)))
    decided = handling.decided and handling.date.date is not None
    term = {Outcome.APPROVED: "dateAccepted", Outcome.PROPOSED: "dateSubmitted"}.get(handling.outcome, "")
    subject = doc.subject or doc.title
    return Metadata(
        title=titled(title or doc.title, status_of(handling) if status is None else status, *details, words=doc.words),
        author=doc.organisation.name,
        subject=subject,
        keywords=keywords,
        language=doc.language,
        identifier=doc.diary_number,
        date=handling.date.date if decided else None,
        description=provenance_note(doc, handling),
        date_term=term if decided else "",
        decision=handling.meeting_ref() if handling.decided else "",
    )


def _listed(parts: list[str], words: Words) -> str:
    """``a, b ja c``: ``parts`` as a list in running text; ``""`` for none."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {words('and')} " + parts[-1] if parts else ""


def changes_text(amendments: list[Amendment], words: Words = FINNISH) -> str:
    """``4 lisäystä``, ``1 muutos, 1 poisto ja 1 lisäys``: what ``amendments``
    change; ``""`` for nothing."""
    counts = Counter(a.kind for a in amendments)
    parts = [words(f"{k.value}.{'one' if n == 1 else 'many'}", n=n) for k, n in counts.items()]
    return _listed(parts, words)


def changes_with(amendments: list[Amendment], words: Words = FINNISH) -> str:
    """``neljällä lisäyksellä``, ``yhdellä muutoksella ja kahdella lisäyksellä``
    (``med fyra tillägg``): what ``amendments`` change, as "approved with …"
    takes it."""
    counts = Counter(a.kind for a in amendments)
    parts = [
        words(f"{k.value}.with_one") if n == 1 else words(f"{k.value}.with_many", n=words.number("numbers.with", n))
        for k, n in counts.items()
    ]
    return words("changes.with", parts=_listed(parts, words)) if parts else ""


def outcome_text(doc: Document, handling: Handling) -> str:
    """A one-line Finnish summary of what a handling decided: its recorded
    ``summary`` when content gives one, else derived from the outcome."""
    text = handling.summary or _derived_outcome(doc, handling)
    if handling.in_force is not None:
        text += doc.words("outcome.in_force", date=finnish_date(handling.in_force))
    return text


def _derived_outcome(doc: Document, handling: Handling) -> str:
    w = doc.words
    own = [a for a in doc.amendments if a.handling is handling]
    changes = changes_text(own, w)
    if handling.outcome is Outcome.PENDING:
        return w("outcome.pending") + (w("outcome.pending_changes", changes=changes) if changes else "")
    if handling.outcome is Outcome.RETURNED:
        return w("outcome.returned")
    if handling.outcome is Outcome.PROPOSED and handling.proposed_to is not None:
        if changes:
            return w("outcome.proposed_changes", changes=changes, allative=handling.proposed_to.allative)
        return w("outcome.proposed", allative=handling.proposed_to.allative)
    proposed = [a for a in doc.amendments if a.handling is not handling and approving(doc, a, handling) is handling]
    if proposed:
        own_part = w("outcome.own_changes", changes=changes) if changes else ""
        return w("outcome.approved_proposed", changes=changes_text(proposed, w), own=own_part)
    return w("outcome.approved_with", changes=changes_with(own, w)) if changes else w("outcome.approved")


def history(doc: Document, upto: Handling) -> list[Block]:
    """The decision-history section: a table of every handling up to ``upto``."""
    w = doc.words
    last = doc.handling_index(upto.id)
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for h in doc.handlings[: last + 1]:
        para = str(h.paragraph) if h.paragraph is not None else w("unknown.paragraph_cell")
        cells = (h.body.name, h.date_text(), para, outcome_text(doc, h))
        rows.append(tuple((Text(c),) for c in cells))
    header = tuple((Text(c),) for c in (w("history.body"), w("history.meeting"), "§", w("history.decision")))
    return [
        Heading(1, (Text(w("history.title")),), anchor=w("history.anchor")),
        Table(header, tuple(rows), caption=w("history.caption", diary=doc.diary_number), widths=(3, 3, 2, 6)),
    ]
