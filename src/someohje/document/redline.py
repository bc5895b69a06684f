"""Redlines: the guideline with what changed between two stages marked.

:func:`redline` builds both stages' guideline and marks their difference
(:mod:`.treediff`); a legend note names the stages and the marks. The DOCX
renderer makes the marks tracked changes that can be accepted or rejected.
"""

from __future__ import annotations

from ..content.texts import FINNISH
from ..errors import Problem, UsageError, problem
from ..messages import gettext as _
from ..model import Document, Handling
from ..record.provenance import provenance_blocks
from ..record.stages import approval_line, stage_handling
from ..tree import Note, OutputDocument, Paragraph, Strong, Text
from .guideline import guideline, metadata
from .status import status_of
from .treediff import diff_blocks

DOC_TYPE = FINNISH("redline.type")
PRODUCER = "someohje"  #: the program that writes the documents


def stage_pair(doc: Document, before: str | None, after: str | None) -> tuple[Handling, Handling]:
    """The two stages to compare. ``after`` defaults to the last handling,
    ``before`` to the stage before ``after``.

    Raises :class:`UsageError` for an unknown stage (listing the valid ones)
    or when ``before`` is not earlier than ``after``.
    """
    later = stage_handling(doc, after)
    if before is None:
        stages = doc.stage_ids()
        position = stages.index(later.id)
        if position == 0:
            raise UsageError(
                [
                    problem(
                        doc.metadata_path,
                        0,
                        _("no stage before '{id}' to compare with; valid stages: {stages}").format(
                            id=later.id, stages=", ".join(stages)
                        ),
                    )
                ]
            )
        before = stages[position - 1]
    earlier = stage_handling(doc, before)
    if doc.handling_index(earlier.id) >= doc.handling_index(later.id):
        raise UsageError(
            [Problem("", 0, _("--from '{id}' must be a stage before --to '{id2}'").format(id=earlier.id, id2=later.id))]
        )
    return earlier, later


def producer(doc: Document) -> str:
    """Who produced a generated document: ``Rautalammin kunta (someohje)``.
    The redline's tracked changes are attributed to it, never to a body:
    the body decided the change, not these revisions of this file."""
    return f"{doc.organisation.name} ({PRODUCER})"


def legend(doc: Document, earlier: Handling, later: Handling) -> Note:
    """The note at the start of a redline naming both stages and the marks."""
    w = doc.words
    lines = (
        w("redline.legend_stages", before=approval_line(earlier), after=approval_line(later)),
        w("redline.legend_marks"),
        w("redline.legend_docx", producer=producer(doc)),
    )
    title = Paragraph((Strong((Text(w("redline.legend_title")),)),))
    return Note((title, *(Paragraph((Text(line),)) for line in lines)), role="legend")


def redline(doc: Document, before: str | None = None, after: str | None = None) -> OutputDocument:
    """The guideline with the changes from stage ``before`` to ``after`` marked.

    Inserted text is ``Change("ins")`` / ``change="ins"``, removed text
    ``"del"``; the DOCX renderer makes them tracked changes by the
    document's producer (``change_author``: the organisation and someohje,
    :func:`producer`), with no date. The first page carries the provenance
    note of a reconstructed text (:mod:`someohje.record.provenance`), then a
    legend naming both stages. The file stem is
    ``<title>-muutokset-<before>-<after>``.
    """
    earlier, later = stage_pair(doc, before, after)
    old, new = guideline(doc, earlier.id), guideline(doc, later.id)
    w = doc.words
    title = w("redline.title", title=doc.title, before=earlier.meeting_ref(), after=later.meeting_ref())
    return OutputDocument(
        kind="redline",
        organisation=new.organisation,
        web=new.web,
        doc_type=w("redline.type"),
        date_text=new.date_text,
        diary_number=new.diary_number,
        title=doc.title,
        approval_line=new.approval_line,
        blocks=tuple(diff_blocks(old.blocks, new.blocks)),
        metadata=metadata(doc, later, title=title),
        file_stem=f"{doc.stem}-{w('file.redline')}-{earlier.slug()}-{later.slug()}",
        draft_mark=status_of(later).mark_in(w),
        lead=(*provenance_blocks(doc, later), legend(doc, earlier, later)),
        stage=later.id,
        change_author=producer(doc),
        change_date=None,
        words=w,
    )
