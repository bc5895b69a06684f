"""Build the :class:`OutputDocument` for each kind of output.

This is where the model meets the page: which identification fields, which
approval line, which blocks. Renderers only lay out what they are given.
"""

from __future__ import annotations

from .model import Document, Handling, Outcome
from .slug import slugify
from .stages import amendments_in, approval_line, stage_blocks, stage_handling
from .status import Status, status_of, titled
from .tree import Block, Heading, Inline, Metadata, OutputDocument, Table, Text

HISTORY_TITLE = "Käsittelyhistoria"


def guideline(doc: Document, stage: str | None = None) -> OutputDocument:
    """The guideline as it stood after ``stage`` (default: the last handling).

    A stage not approved carries its status mark (:mod:`someohje.status`:
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
        approval_line=approval_line(handling),
        blocks=tuple(blocks),
        metadata=metadata(doc, handling),
        file_stem=slugify(doc.title) + suffix,
        draft_mark=status_of(handling).mark,
        stage=handling.id,
    )


def metadata(
    doc: Document, handling: Handling, title: str | None = None, *details: str, status: Status | None = None
) -> Metadata:
    """Metadata for an output standing at ``handling`` (its date is the
    document's date: never the wall clock). The title is ``title`` (default
    the document's) with ``details`` and the status mark (default the
    handling's) in brackets, as :func:`someohje.status.titled` makes it."""
    keywords = tuple(dict.fromkeys((*doc.keywords, doc.diary_number)))
    date = handling.date.date
    if date is None:  # the stage's date is unknown: fall back to the last known one
        date = max(h.date.date for h in doc.handlings if h.date.date is not None)
    subject = doc.subject or doc.title
    return Metadata(
        title=titled(title or doc.title, status_of(handling) if status is None else status, *details),
        author=doc.organisation.name,
        subject=subject,
        keywords=keywords,
        language=doc.language,
        identifier=doc.diary_number,
        date=date,
    )


def outcome_text(doc: Document, handling: Handling) -> str:
    """A one-line Finnish summary of what a handling decided."""
    if handling.outcome is Outcome.PROPOSED and handling.proposed_to is not None:
        return f"Hyväksyi ohjeen ja esitti sen {handling.proposed_to.allative} hyväksyttäväksi."
    if handling.outcome is Outcome.RETURNED:
        return "Palautti asian uudelleen valmisteluun."
    added = [a for a in doc.amendments if a.handling.id == handling.id]
    if added:
        return f"Hyväksyi ohjeen lisäyksin ({len(added)} lisäystä, merkitty tekstiin)."
    return "Hyväksyi ohjeen."


def history(doc: Document, upto: Handling) -> list[Block]:
    """The decision-history section: a table of every handling up to ``upto``."""
    last = doc.handling_index(upto.id)
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for h in doc.handlings[: last + 1]:
        para = str(h.paragraph) if h.paragraph is not None else "ei tiedossa"
        cells = (h.body.name, h.date.finnish(), para, outcome_text(doc, h))
        rows.append(tuple((Text(c),) for c in cells))
    header = tuple((Text(c),) for c in ("Toimielin", "Kokous", "§", "Päätös"))
    n = len(amendments_in(doc, upto))
    caption = f"Asian {doc.diary_number} käsittelyt" + (f"; lisäyksiä tekstissä {n}" if n else "")
    return [
        Heading(1, (Text(HISTORY_TITLE),), anchor="kasittelyhistoria"),
        Table(header, tuple(rows), caption=caption, widths=(3, 3, 2, 6)),
    ]
