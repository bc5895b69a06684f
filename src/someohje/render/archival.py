"""The decision metadata of an output, as JSON for the archival PDF.

The archival PDF (PDF/A-3) embeds this as ``metadata.json`` so that an
archive can read who decided what and when without parsing the text: the
diary number, title and organisation, every handling up to the document's
stage (body, date or ``"unknown"``, § or ``null``, outcome, preparer,
presenter), the amendments in force with their recorded and incorporated
wording, and the distribution.

The JSON is deterministic: keys in a fixed order (as written here, not
sorted), UTF-8, two-space indent, a final newline.
"""

from __future__ import annotations

import json
from typing import Any

from ..document.guideline import outcome_text
from ..model import Amendment, Document, Handling, Outcome, Person
from ..record.amendments import approving
from ..record.provenance import words_by_origin
from ..record.stages import amendments_in, approval_line, is_approved, stage_texts
from ..tree import OutputDocument

ATTACHMENT_NAME = "metadata.json"
SCHEMA = "someohje/decision-metadata/1"


def stage_of(document: Document, out: OutputDocument) -> Handling:
    """The handling whose text ``out`` shows (the last one when unset)."""
    return document.handling(out.stage) if out.stage else document.final_handling()


def decision_metadata(document: Document, out: OutputDocument, stage: Handling | None = None) -> dict[str, Any]:
    """The decision metadata of ``out`` as a JSON-ready dict (keys in order).

    ``stage`` is the handling whose text ``out`` shows; ``None`` finds it
    with :func:`stage_of`. Handlings are listed up to and including the
    stage, amendments as far as they are in force at it.
    """
    stage = stage or stage_of(document, out)
    upto = document.handling_index(stage.id)
    return {
        "schema": SCHEMA,
        "diary_number": document.diary_number,
        "title": document.title,
        "document_type": document.doc_type,
        "language": document.language,
        "organisation": {"name": document.organisation.name, "web": document.organisation.web},
        "stage": {
            "handling": stage.id,
            "approved": is_approved(stage),
            "approval_line": approval_line(stage),
            "date": _date(stage),
        },
        "as_of": out.as_of.isoformat() if out.as_of else None,
        "text_origin": document.text_origin.value,
        "words_by_origin": {o.value: n for o, n in words_by_origin(stage_texts(document, stage)).items()},
        "sources": [{"id": s.id, "file": s.path.name, "title": s.title} for s in document.sources],
        "handlings": [_handling(document, h) for h in document.handlings[: upto + 1]],
        "amendments": [_amendment(document, a, stage) for a in amendments_in(document, stage)],
        "distribution": list(document.distribution),
    }


def metadata_json(document: Document, out: OutputDocument, stage: Handling | None = None) -> bytes:
    """:func:`decision_metadata` serialised: UTF-8 JSON, fixed key order."""
    text = json.dumps(decision_metadata(document, out, stage), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _date(handling: Handling) -> str:
    """ISO date, or ``"unknown"`` when the sources do not give it."""
    return handling.date.date.isoformat() if handling.date.date is not None else "unknown"


def _handling(document: Document, h: Handling) -> dict[str, Any]:
    year = h.date.date.year if h.date.date is not None else h.date.year
    seal = document.seal(h.id)
    return {
        "id": h.id,
        "body": h.body.name,
        "date": _date(h),
        "year": year,
        "paragraph": h.paragraph,
        "reference": h.meeting_ref(),
        "outcome": h.outcome.value,
        "proposed_to": h.proposed_to.name if h.proposed_to else None,
        "preparer": _person(h.preparer),
        "presenter": _person(h.presenter),
        "in_force": h.in_force.isoformat() if h.in_force else "unknown" if h.outcome is Outcome.APPROVED else None,
        "summary": outcome_text(document, h),
        "text_digest": seal.digest if seal else None,
        "reseals": [{"previous": r.previous, "reason": r.reason, "date": r.date.isoformat()} for r in seal.reseals]
        if seal
        else [],
    }


def _person(person: Person | None) -> dict[str, str] | None:
    if person is None:
        return None
    return {"name": person.name, "title": person.title, "email": person.email}


def _amendment(document: Document, a: Amendment, stage: Handling) -> dict[str, Any]:
    by = approving(document, a, stage)
    return {
        "id": a.id,
        "number": a.number,
        "kind": a.kind.value,
        "decided_by": a.handling.id,
        "reference": a.handling.meeting_ref(),
        "approved_by": by.meeting_ref() if by else None,
        "section": a.section_id,
        "anchor": a.anchor or None,
        "decided_text": a.decided_text,
        "wording": a.wording or None,
        "corrections": [{"recorded": recorded, "corrected": fixed} for recorded, fixed in a.corrections],
        "proposed_by": a.proposed_by or None,
        "proposed_on": a.proposed_on.isoformat() if a.proposed_on else None,
    }
