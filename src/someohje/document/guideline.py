"""Build the :class:`OutputDocument` for each kind of output.

This is where the model meets the page: which identification fields, which
approval line, which blocks. Renderers only lay out what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from ..finnish import adessive_number, finnish_date
from ..model import Amendment, AmendmentKind, Document, Handling, Outcome
from ..record.amendments import approving
from ..record.inforce import in_force_on
from ..record.provenance import provenance_blocks, provenance_note
from ..record.stages import approval_line, stage_blocks, stage_handling
from ..tree import Block, Heading, Inline, Metadata, OutputDocument, Paragraph, Table, Text
from .status import Status, status_of, titled

HISTORY_TITLE = "Käsittelyhistoria"
#: the history table's header row; with :data:`HISTORY_TITLE` and the caption, what the importer knows it by
HISTORY_HEADER = ("Toimielin", "Kokous", "§", "Päätös")


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
        date_text=handling.date.finnish(),
        diary_number=doc.diary_number,
        title=doc.title,
        approval_line=stage_approval(doc, handling),
        blocks=tuple(blocks),
        metadata=metadata(doc, handling),
        file_stem=doc.stem + suffix,
        draft_mark=status_of(handling).mark,
        lead=provenance_blocks(doc, handling),
        stage=handling.id,
        document_id=doc.id,
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
        metadata=replace(base.metadata, title=titled(doc.title, Status.CONSOLIDATED, when), valid=day),
        file_stem=f"{doc.stem}-ajantasainen-{day.isoformat()}",
        draft_mark=Status.CONSOLIDATED.mark,
        as_of=day,
    )


def _in_force_text(doc: Document, handling: Handling, day: dt.date) -> str:
    text = (
        f"Ohjeen teksti sellaisena kuin se on voimassa {finnish_date(day)} lähteissä olevien päätösten mukaan; "
        f"viimeisin huomioitu päätös on {handling.meeting_ref()}. Myöhemmistä päätöksistä, jotka eivät ole "
        "lähteissä, ei ole tietoa."
    )
    if handling.in_force is None and handling.date.date is not None:
        text += (
            f" Päätöksen voimaantulopäivä ei ole tiedossa; voimassaolo on laskettu päätöspäivästä "
            f"{finnish_date(handling.date.date)}."
        )
    return text


def stage_approval(doc: Document, handling: Handling) -> str:
    """The approval line of a stage: for a text approved and later amended,
    ``Hyväksytty: Kunnanvaltuusto 12.6.2023 § 18; muutettu: Kvalt 10.6.2024 § 22``."""
    upto = doc.handlings[: doc.handling_index(handling.id) + 1]
    approvals = [h for h in upto if h.outcome is Outcome.APPROVED and h.id in doc.stage_ids()]
    if handling.outcome is not Outcome.APPROVED or len(approvals) < 2:
        return approval_line(handling)
    later = ", ".join(h.meeting_ref() for h in approvals[1:])
    return f"{approval_line(approvals[0])}; muutettu: {later}"


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
        title=titled(title or doc.title, status_of(handling) if status is None else status, *details),
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


#: Finnish nouns for counting amendments: (one, partitive after other numbers, adessive).
_NOUNS = {
    AmendmentKind.INSERT: ("lisäys", "lisäystä", "lisäyksellä"),
    AmendmentKind.REPLACE: ("muutos", "muutosta", "muutoksella"),
    AmendmentKind.DELETE: ("poisto", "poistoa", "poistolla"),
}


def changes_text(amendments: list[Amendment]) -> str:
    """``4 lisäystä``, ``1 muutos, 1 poisto ja 1 lisäys``: what ``amendments``
    change; ``""`` for nothing."""
    counts = Counter(a.kind for a in amendments)
    parts = [f"{n} {_NOUNS[k][0] if n == 1 else _NOUNS[k][1]}" for k, n in counts.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " ja " + parts[-1] if parts else ""


def changes_with(amendments: list[Amendment]) -> str:
    """``neljällä lisäyksellä``, ``yhdellä muutoksella ja kahdella lisäyksellä``:
    what ``amendments`` change, as "approved with …" takes it."""
    counts = Counter(a.kind for a in amendments)
    parts = [f"{adessive_number(n)} {_NOUNS[k][2]}" for k, n in counts.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " ja " + parts[-1] if parts else ""


def outcome_text(doc: Document, handling: Handling) -> str:
    """A one-line Finnish summary of what a handling decided: its recorded
    ``summary`` when content gives one, else derived from the outcome."""
    text = handling.summary or _derived_outcome(doc, handling)
    if handling.in_force is not None:
        text += f" Voimaan {handling.in_force.day}.{handling.in_force.month}.{handling.in_force.year}."
    return text


def _derived_outcome(doc: Document, handling: Handling) -> str:
    own = [a for a in doc.amendments if a.handling is handling]
    changes = changes_text(own)
    if handling.outcome is Outcome.PENDING:
        return "Käsiteltävänä; ei vielä päätetty." + (f" Muutosehdotukset: {changes}." if changes else "")
    if handling.outcome is Outcome.RETURNED:
        return "Palautti asian uudelleen valmisteluun."
    if handling.outcome is Outcome.PROPOSED and handling.proposed_to is not None:
        if changes:
            return f"Ehdotti muutoksia ({changes}) ja esitti ne {handling.proposed_to.allative} hyväksyttäviksi."
        return f"Hyväksyi ohjeen ja esitti sen {handling.proposed_to.allative} hyväksyttäväksi."
    proposed = [a for a in doc.amendments if a.handling is not handling and approving(doc, a, handling) is handling]
    if proposed:
        own_part = f" sekä omia muutoksia: {changes}" if changes else ""
        return f"Hyväksyi ehdotetut muutokset ({changes_text(proposed)}){own_part} (merkitty tekstiin)."
    return f"Hyväksyi ohjeen {changes_with(own)} (merkitty tekstiin)." if changes else "Hyväksyi ohjeen."


def history(doc: Document, upto: Handling) -> list[Block]:
    """The decision-history section: a table of every handling up to ``upto``."""
    last = doc.handling_index(upto.id)
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for h in doc.handlings[: last + 1]:
        para = str(h.paragraph) if h.paragraph is not None else "ei tiedossa"
        cells = (h.body.name, h.date.finnish(), para, outcome_text(doc, h))
        rows.append(tuple((Text(c),) for c in cells))
    header = tuple((Text(c),) for c in HISTORY_HEADER)
    return [
        Heading(1, (Text(HISTORY_TITLE),), anchor="kasittelyhistoria"),
        Table(header, tuple(rows), caption=f"Asian {doc.diary_number} käsittelyvaiheet", widths=(3, 3, 2, 6)),
    ]
