"""Meeting documents: the agenda attachment and the minutes extract.

Both are built from the decision data alone. An agenda attachment is the
guideline as it was proposed to a meeting, i.e. the stage of the handling
before it, stamped ``Liite N`` and the meeting reference. A minutes extract
(*pöytäkirjanote*) quotes the record of a meeting's item, with every earlier
handling under its own heading, verbatim (typing errors kept).
"""

from __future__ import annotations

from dataclasses import replace

from ..content.texts import FINNISH
from ..errors import Problem, UsageError, problem
from ..finnish import section_sign
from ..messages import gettext as _
from ..model import Document, Handling, Person
from ..record.minutes import record_blocks
from ..record.stages import approval_line
from ..tree import Block, Heading, Inline, Link, ListBlock, ListItem, Metadata, OutputDocument, Paragraph, Strong, Text
from .appeal import appeal_blocks, certification_blocks
from .guideline import guideline, metadata
from .status import Status, status_of

EXTRACT_TYPE = FINNISH("extract.type")
EARLIER_TITLE = FINNISH("extract.earlier")


# --- choosing the meeting ----------------------------------------------------------


def _usage(doc: Document, message: str) -> UsageError:
    return UsageError([problem(doc.metadata_path, 0, message)])


def attachment_meetings(doc: Document) -> list[str]:
    """Meetings that can have the guideline as an agenda attachment: those
    whose previous handling is a stage the content holds."""
    stages = set(doc.stage_ids())
    return [h.id for prev, h in zip(doc.handlings, doc.handlings[1:], strict=False) if prev.id in stages]


def extract_meetings(doc: Document) -> list[str]:
    """Meetings an extract can be made of: those whose date and § are known."""
    return [h.id for h in doc.handlings if h.date.known and h.paragraph is not None]


def proposed_stage(doc: Document, meeting_id: str) -> tuple[Handling, Handling]:
    """``(meeting, stage)``: the meeting and the handling whose text was
    proposed to it (the one before it).

    Raises :class:`UsageError` listing the valid meetings when ``meeting_id``
    is unknown, is the first handling, or follows a handling whose text the
    content does not hold.
    """
    valid = attachment_meetings(doc)
    if meeting_id not in valid:
        known = [h.id for h in doc.handlings]
        if meeting_id not in known:
            why = _("unknown meeting '{meeting_id}'").format(meeting_id=meeting_id)
        elif doc.handling_index(meeting_id) == 0:
            why = _("no text was proposed to '{meeting_id}' (it is the first handling)").format(meeting_id=meeting_id)
        else:
            before = doc.handlings[doc.handling_index(meeting_id) - 1].id
            why = _(
                "the text proposed to '{meeting_id}' (after '{before}') is not in the content "
                "(it starts at '{text_stage}')"
            ).format(meeting_id=meeting_id, before=before, text_stage=doc.text_stage)
        raise _usage(
            doc, _("{why}; meetings with an attachment: {value}").format(why=why, value=", ".join(valid) or _("none"))
        )
    index = doc.handling_index(meeting_id)
    return doc.handlings[index], doc.handlings[index - 1]


def extract_meeting(doc: Document, meeting_id: str) -> Handling:
    """The handling an extract is made of; :class:`UsageError` listing the
    valid meetings for an unknown one or one whose date or § is unknown."""
    valid = extract_meetings(doc)
    if meeting_id not in valid:
        known = [h.id for h in doc.handlings]
        why = (
            _("the date or § of '{meeting_id}' is not in the sources").format(meeting_id=meeting_id)
            if meeting_id in known
            else _("unknown meeting '{meeting_id}'").format(meeting_id=meeting_id)
        )
        raise _usage(
            doc, _("{why}; meetings with an extract: {value}").format(why=why, value=", ".join(valid) or _("none"))
        )
    return doc.handling(meeting_id)


# --- the agenda attachment -----------------------------------------------------------


def attachment(doc: Document, meeting: str, number: int = 1) -> OutputDocument:
    """The guideline as proposed to ``meeting``, as its agenda attachment ``number``.

    The text is the stage of the handling before the meeting (for the
    council's meeting, the board's proposal). Every page carries the stamp
    ``Liite N`` and the meeting reference (``Kvalt 14.6.2022 § 37``, the
    body's abbreviation from content). The text carries its status mark
    (:mod:`someohje.document.status`: ``EHDOTUS`` for a body's proposal), the same as
    the stage built on its own, and its approval line says whose proposal
    it is.

    Raises :class:`UsageError` for a meeting with no proposed text in the
    content or a ``number`` below 1.
    """
    if number < 1:
        raise UsageError(
            [Problem("", 0, _("the attachment number must be 1 or more (got {number})").format(number=number))]
        )
    handling, stage = proposed_stage(doc, meeting)
    w = doc.words
    return replace(
        guideline(doc, stage.id),
        kind="attachment",
        approval_line=approval_line(stage),
        metadata=metadata(doc, stage, None, w("title.attachment", number=number), handling.meeting_ref()),
        file_stem=f"{doc.stem}-{handling.slug()}-{w('file.attachment')}-{number}",
        draft_mark=status_of(stage).mark_in(w),
        stamp=(w("stamp.attachment", number=number), handling.meeting_ref()),
    )


# --- the minutes extract -------------------------------------------------------------


def handling_heading(handling: Handling) -> str:
    """``Kunnanvaltuusto 14.6.2022 § 37``; what the sources do not give is left
    out (``Kunnanhallitus vuonna 2020``), and :func:`unknown_note` says so."""
    if not handling.date.known:
        name = handling.body.name
        return handling.words("extract.in_year", body=name, year=handling.date.year) if handling.date.year else name
    heading = f"{handling.body.name} {handling.date_text()}"
    return f"{heading} {section_sign(handling.paragraph)}" if handling.paragraph is not None else heading


def unknown_note(handling: Handling) -> list[Block]:
    """A line under a handling's heading naming what the sources do not give."""
    date, paragraph = handling.date.known, handling.paragraph is not None
    if date and paragraph:
        return []
    key = "extract.unknown_paragraph" if date else "extract.unknown_date" if paragraph else "extract.unknown_both"
    return [Paragraph((Text(handling.words(key)),))]


def _label(name: str) -> Paragraph:
    return Paragraph((Text(name),), role="label")


def person_inlines(person: Person) -> tuple[Inline, ...]:
    """``Name, title, email`` with the e-mail address a ``mailto:`` link."""
    head = ", ".join(part for part in (person.name, person.title) if part)
    if not person.email:
        return (Text(head),)
    return (Text(f"{head}, " if head else ""), Link(f"mailto:{person.email}", (Text(person.email),)))


def _person(label: str, person: Person | None) -> list[Block]:
    return [_label(label), Paragraph(person_inlines(person), role="record")] if person else []


def _field(label: str, text: str) -> list[Block]:
    blocks = record_blocks(text)
    return [_label(label), *blocks] if blocks else []


def handling_record(doc: Document, handling: Handling) -> list[Block]:
    """The fields of one handling as the minutes record them.

    In the minutes' order: *Valmistelija*, *Perustelut*, *Ehdotus* (opening
    with the run-in *Esittelijä:* line, so the label never stands empty),
    *Päätös*. A field the record does not have (no presenter, nothing
    recorded) is left out. The decision of a handling that decided
    amendments is followed by their decided text, verbatim, as a bullet list.
    """
    w = doc.words
    blocks = [*_person(w("extract.preparer"), handling.preparer), *_field(w("extract.reasoning"), handling.reasoning)]
    presenter = handling.presenter
    proposal: list[Block] = record_blocks(handling.proposal)
    if presenter is not None:
        run_in = (Strong((Text(w("extract.presenter")),)), Text(" "), *person_inlines(presenter))
        proposal.insert(0, Paragraph(run_in, role="record"))
    if proposal:
        blocks += [_label(w("extract.proposal")), *proposal]
    decided = [a for a in doc.amendments if a.handling.id == handling.id]
    decision = record_blocks(handling.decision)
    if decided:
        items = tuple(ListItem((Paragraph((Text(a.decided_text),), role="record"),)) for a in decided)
        decision.append(ListBlock(items, role="record"))
    if decision:
        blocks += [_label(w("extract.decision")), *decision]
    return blocks


def extract_metadata(doc: Document, handling: Handling) -> Metadata:
    """The extract's own metadata: what it is (an extract of the body's
    minutes at that §), not the guideline's subject or provenance note (the
    extract shows no drafted text: every recorded text is quoted verbatim)."""
    w = doc.words
    kind = w("extract.type")
    base = metadata(doc, handling, f"{kind}: {handling_heading(handling)} {doc.title}", status=Status.APPROVED)
    where = f"{handling.date_text()} {handling.paragraph_text()}"
    genitive = handling.body.genitive.lower()
    return replace(
        base,
        subject=w("extract.subject", genitive=genitive, where=where, title=doc.title),
        keywords=(kind.lower(), handling.body.name.lower(), doc.diary_number),
        description=w("extract.description"),
    )


def extract(doc: Document, meeting: str) -> OutputDocument:
    """The minutes extract (*pöytäkirjanote*) of the item at ``meeting``.

    Title ``§ 37 <title>``; a lead with the meeting (``Kunnanvaltuusto,
    kokous 14.6.2022``) and the diary number; then *Aikaisempi käsittely*
    with each earlier handling under its own heading, the meeting's own
    handling, and for the final decision *Tiedoksi* with the distribution;
    then the appeal instructions the decision calls for and the
    certification, with a blank for each fact the sources do not give
    (:mod:`someohje.document.appeal`). Every recorded text is quoted verbatim.
    """
    handling = extract_meeting(doc, meeting)
    w = doc.words
    index = doc.handling_index(handling.id)
    blocks: list[Block] = []
    if index:
        blocks.append(Heading(1, (Text(w("extract.earlier")),), anchor=w("extract.earlier_anchor")))
        for earlier in doc.handlings[:index]:
            blocks.append(Heading(2, (Text(handling_heading(earlier)),), anchor=earlier.id))
            blocks += [*unknown_note(earlier), *handling_record(doc, earlier)]
    blocks.append(Heading(1, (Text(handling_heading(handling)),), anchor=handling.id))
    blocks.extend(handling_record(doc, handling))
    if handling is doc.final_handling() and doc.distribution:
        blocks += [_label(w("extract.distribution")), Paragraph((Text(", ".join(doc.distribution)),), role="record")]
    blocks += [*appeal_blocks(doc, handling), *certification_blocks(doc.extract_facts, w)]
    title = f"{handling.paragraph_text()} {doc.title}"
    head = (handling.meeting_title(), handling.minutes_status, doc.diary_number)
    lead = tuple(Paragraph((Text(line),)) for line in head if line)
    return OutputDocument(
        kind="extract",
        organisation=doc.organisation.name,
        web=doc.organisation.web,
        doc_type=w("extract.type"),
        date_text=handling.date_text(),
        diary_number=doc.diary_number,
        title=title,
        approval_line="",
        blocks=tuple(blocks),
        metadata=extract_metadata(doc, handling),
        file_stem=f"{doc.stem}-{handling.slug()}-{w('file.extract')}",
        lead=lead,
        stamp=(handling_heading(handling),),  # every page's block names the meeting and the §
        stage=handling.id,
        document_id=doc.id,
        words=w,
    )
