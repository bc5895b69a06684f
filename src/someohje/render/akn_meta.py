"""The ``meta`` of an Akoma Ntoso document: identification, the handlings,
the amendments and the provenance of the text.

- ``identification``: the FRBR work, expression and manifestation
  (:mod:`.akn_uri`);
- ``lifecycle``: one ``eventRef`` per handling up to the stage (the first
  approval is the ``generation``, a later one an ``amendment``);
- ``workflow``: one ``step`` per handling, by its body, with its outcome
  (proposed, returned, approved, pending) as a ``TLCConcept``;
- ``analysis``: the amendments in the text as ``passiveModifications``, a
  ``textualMod`` each (``insertion``, ``substitution``, ``repeal``) whose
  ``source`` is the decision that approved it (the one that made it, while
  it is only proposed) and whose ``destination`` is the eId it changed;
- ``references``: the organisation and its bodies (``TLCOrganization``),
  the people of the record (``TLCPerson``) and their titles (``TLCRole``),
  the outcomes, and each decision as a ``passiveRef``;
- ``proprietary``: what AKN has no element for, under someohje's own
  namespace :data:`NS`: where the text comes from (a reconstruction or the
  approved original, and the origin of every block), each handling's
  recorded facts (what the sources do not give is ``unknown``), each
  amendment's decided text verbatim.

A date the sources do not give is written as :data:`NULL_DATE` where AKN
requires one (the convention of the ``cobalt`` library), and as
``unknown`` in the proprietary record beside it.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Amendment, AmendmentKind, Document, Handling, Outcome, Person
from ..record.amendments import Loc, approving, passage_pattern, passage_texts, section_texts
from ..record.inforce import effective_date
from ..record.provenance import provenance_note, words_by_origin
from ..record.stages import amendments_in, stage_texts
from ..slug import slugify
from .akn_body import Body, Element, akn, sub
from .akn_uri import FrbrUri

NS = "urn:someohje:akn:1"  #: someohje's namespace for the proprietary metadata (a name, not an address)
NULL_DATE = "0001-01-01"
MOD_TYPES = {AmendmentKind.INSERT: "insertion", AmendmentKind.REPLACE: "substitution", AmendmentKind.DELETE: "repeal"}
#: the generated text naming each outcome (:mod:`someohje.content.texts`)
OUTCOME_LABELS = {
    Outcome.PROPOSED: "akn.proposed",
    Outcome.RETURNED: "akn.returned",
    Outcome.APPROVED: "akn.approved",
    Outcome.PENDING: "akn.pending",
}


def own(parent: Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Element:
    """A new element of someohje's namespace appended to ``parent``."""
    from lxml import etree  # type: ignore[import-untyped]

    element = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs or {})
    if text is not None:
        element.text = text
    return element


def org_id(doc: Document) -> str:
    """The eId of the organisation's ``TLCOrganization``."""
    return slugify(doc.organisation.identifier_name)


def body_id(handling: Handling) -> str:
    """The eId of a handling's body (``kunnanvaltuusto``)."""
    return slugify(handling.body.name)


def person_id(person: Person) -> str:
    """The eId of a person (``merja-koivula-laukka``)."""
    return slugify(person.name)


def iso(handling: Handling) -> str:
    """The meeting date for an AKN date attribute (:data:`NULL_DATE` when unknown)."""
    return handling.date.date.isoformat() if handling.date.date else NULL_DATE


def meta(doc: Document, stage: Handling, uri: FrbrUri, body: Body, as_of: str = "") -> Element:
    """The whole ``meta`` element of ``doc`` after ``stage``."""
    element = akn("meta")
    upto = doc.handlings[: doc.handling_index(stage.id) + 1]
    _identification(element, doc, stage, uri)
    lifecycle = sub(element, "lifecycle", {"source": f"#{org_id(doc)}"})
    approvals = [h for h in upto if h.outcome is Outcome.APPROVED]
    for h in upto:
        attrs = {"eId": f"event-{h.id}", "date": iso(h), "source": f"#decision-{h.id}"}
        if h in approvals:
            attrs["type"] = "generation" if h is approvals[0] else "amendment"
        sub(lifecycle, "eventRef", attrs)
    workflow = sub(element, "workflow", {"source": f"#{org_id(doc)}"})
    for h in upto:
        attrs = {"eId": f"step-{h.id}", "date": iso(h), "by": f"#{body_id(h)}", "outcome": f"#outcome-{h.outcome}"}
        sub(workflow, "step", attrs)
    amendments = amendments_in(doc, stage)
    if amendments:
        _analysis(sub(element, "analysis", {"source": f"#{org_id(doc)}"}), doc, stage, amendments, body)
    _references(sub(element, "references", {"source": f"#{org_id(doc)}"}), doc, upto)
    _proprietary(sub(element, "proprietary", {"source": f"#{org_id(doc)}"}), doc, stage, body, as_of)
    return element


def _identification(meta_element: Element, doc: Document, stage: Handling, uri: FrbrUri) -> None:
    ident = sub(meta_element, "identification", {"source": f"#{org_id(doc)}"})
    first = next((h for h in doc.handlings if h.outcome is Outcome.APPROVED), doc.handlings[0])
    work = sub(ident, "FRBRWork")
    sub(work, "FRBRthis", {"value": uri.work(component=True)})
    sub(work, "FRBRuri", {"value": uri.work()})
    sub(work, "FRBRalias", {"value": doc.title, "name": "title"})
    sub(work, "FRBRdate", {"date": uri.work_date.isoformat(), "name": "approval" if first.decided else "meeting"})
    sub(work, "FRBRauthor", {"href": f"#{body_id(first)}"})
    sub(work, "FRBRcountry", {"value": uri.country})
    sub(work, "FRBRsubtype", {"value": uri.subtype})
    sub(work, "FRBRnumber", {"value": uri.number, "showAs": doc.diary_number})
    sub(work, "FRBRname", {"value": doc.work_type or doc.doc_type})
    expression = sub(ident, "FRBRExpression")
    sub(expression, "FRBRthis", {"value": uri.expression(component=True)})
    sub(expression, "FRBRuri", {"value": uri.expression()})
    in_force = stage.outcome is Outcome.APPROVED and stage.in_force is not None
    name = "inForce" if in_force else "decision" if stage.decided else "meeting"
    sub(expression, "FRBRdate", {"date": uri.expression_date.isoformat(), "name": name})
    sub(expression, "FRBRauthor", {"href": f"#{body_id(stage)}"})
    sub(expression, "FRBRlanguage", {"language": uri.language})
    manifestation = sub(ident, "FRBRManifestation")
    sub(manifestation, "FRBRthis", {"value": uri.manifestation()})
    sub(manifestation, "FRBRuri", {"value": uri.manifestation()})
    sub(manifestation, "FRBRdate", {"date": uri.expression_date.isoformat(), "name": "transformation"})
    sub(manifestation, "FRBRauthor", {"href": f"#{org_id(doc)}"})
    sub(manifestation, "FRBRformat", {"value": "application/akn+xml"})


def changed_blocks(doc: Document, stage: Handling) -> dict[str, Loc]:
    """Where each amendment in the text at ``stage`` acts: the block it
    inserted, or the block holding its passage in the text as the earlier
    amendments left it (so its eId in the stage's body)."""
    found: dict[str, Loc] = {}
    amendments = amendments_in(doc, stage)
    for n, a in enumerate(amendments):
        if a.kind is AmendmentKind.INSERT:
            found[a.id] = (doc.metadata_path, a.line)
            continue
        before = replace(doc, amendments=tuple(amendments[:n]))
        text = next(t for t in section_texts(before, stage) if t.section.id == a.section_id)
        pattern = passage_pattern(a.anchor)
        for block, loc in zip(text.blocks, text.locs, strict=True):
            if any(pattern.search(t) for t in passage_texts(block)):
                found[a.id] = loc
    return found


def _analysis(analysis: Element, doc: Document, stage: Handling, amendments: list[Amendment], body: Body) -> None:
    mods = sub(analysis, "passiveModifications")
    where = changed_blocks(doc, stage)
    for a in amendments:
        by = approving(doc, a, stage) or a.handling
        mod = sub(mods, "textualMod", {"eId": f"mod-{a.id}", "type": MOD_TYPES[a.kind]})
        sub(mod, "source", {"href": f"#decision-{by.id}"})
        sub(mod, "destination", {"href": f"#{body.eids[where[a.id]]}"})
        if a.kind is not AmendmentKind.INSERT:
            own(sub(mod, "old"), "text", text=a.anchor)
        if a.kind is not AmendmentKind.DELETE:
            own(sub(mod, "new"), "text", text=a.wording)


def _references(refs: Element, doc: Document, upto: tuple[Handling, ...]) -> None:
    web = f"https://{doc.organisation.web}" if doc.organisation.web else ""
    sub(refs, "TLCOrganization", {"eId": org_id(doc), "href": web or f"/ontology/organization/fi/{org_id(doc)}"})
    refs[-1].set("showAs", doc.organisation.name)
    place = f"fi-{org_id(doc)}"
    for body in {body_id(h): h.body for h in upto}.values():
        href = f"/ontology/organization/{place}/{slugify(body.name)}"
        sub(refs, "TLCOrganization", {"eId": slugify(body.name), "href": href, "showAs": body.name})
    people = {person_id(p): p for h in upto for p in (h.preparer, h.presenter) if p is not None}
    for eid, person in people.items():
        sub(refs, "TLCPerson", {"eId": eid, "href": f"/ontology/person/{place}/{eid}", "showAs": person.name})
    for title in dict.fromkeys(p.title for p in people.values() if p.title):
        role = slugify(title)
        sub(refs, "TLCRole", {"eId": f"role-{role}", "href": f"/ontology/role/{place}/{role}", "showAs": title})
    for outcome in dict.fromkeys(h.outcome for h in upto):
        href = f"/ontology/concept/someohje/outcome-{outcome}"
        sub(
            refs,
            "TLCConcept",
            {"eId": f"outcome-{outcome}", "href": href, "showAs": doc.words(OUTCOME_LABELS[outcome])},
        )
    for h in upto:
        sub(refs, "passiveRef", {"eId": f"decision-{h.id}", "href": decision_uri(doc, h), "showAs": h.meeting_ref()})


def decision_uri(doc: Document, handling: Handling) -> str:
    """The decision in the same scheme: ``/akn/fi-…/doc/poytakirja/2022-06-14/kvalt-37``
    (the year alone, and no §, where the sources do not give them)."""
    when = handling.date.date.isoformat() if handling.date.date else str(handling.date.year or NULL_DATE[:4])
    number = handling.body.abbreviation.lower()
    number += f"-{handling.paragraph}" if handling.paragraph is not None else ""
    return f"/akn/fi-{org_id(doc)}/doc/poytakirja/{when}/{slugify(number)}"


def _proprietary(element: Element, doc: Document, stage: Handling, body: Body, as_of: str) -> None:
    record = own(element, "record", {"schema": "someohje/akn-proprietary/1"})
    note = provenance_note(doc, stage)
    own(record, "provenance", {"textOrigin": doc.text_origin.value}, note or None)
    in_force = effective_date(stage) if stage.outcome is Outcome.APPROVED else None
    attrs = {"handling": stage.id, "outcome": stage.outcome.value}
    if stage.outcome is Outcome.APPROVED:
        attrs["inForce"] = stage.in_force.isoformat() if stage.in_force else "unknown"
        attrs["effective"] = in_force.isoformat() if in_force else "unknown"
    if as_of:
        attrs["asOf"] = as_of
    own(record, "stage", attrs)
    blocks = own(record, "blocks")
    for eid, origin in body.origins:
        own(blocks, "block", {"eId": eid, "origin": origin.value})
    words = own(record, "wordsByOrigin")
    for origin, count in words_by_origin(stage_texts(doc, stage)).items():
        own(words, "count", {"origin": origin.value, "words": str(count)})
    handlings = own(record, "handlings")
    for h in doc.handlings[: doc.handling_index(stage.id) + 1]:
        own(handlings, "handling", _handling_attrs(doc, h))
    amendments = own(record, "amendments")
    for a in amendments_in(doc, stage):
        by = approving(doc, a, stage)
        attrs = {"id": a.id, "kind": a.kind.value, "decidedBy": a.handling.id, "section": a.section_id}
        attrs["approvedBy"] = by.id if by else "none"
        item = own(amendments, "amendment", attrs)
        own(item, "decidedText", text=a.decided_text)


def _handling_attrs(doc: Document, h: Handling) -> dict[str, str]:
    seal = doc.seal(h.id)
    attrs = {
        "id": h.id,
        "body": f"#{body_id(h)}",
        "date": h.date.date.isoformat() if h.date.date else "unknown",
        "paragraph": str(h.paragraph) if h.paragraph is not None else "unknown",
        "reference": h.meeting_ref(),
        "outcome": h.outcome.value,
    }
    if h.date.date is None and h.date.year is not None:
        attrs["year"] = str(h.date.year)
    for role, person in (("preparer", h.preparer), ("presenter", h.presenter)):
        if person is not None:
            attrs[role] = f"#{person_id(person)}"
    if seal is not None:
        attrs["textDigest"] = seal.digest
    return attrs
