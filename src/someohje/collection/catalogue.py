"""The collection's index: ``build/index.html`` for people, ``build/index.json`` for systems.

Every document of the collection, in the order ``project.yaml`` lists them,
grouped by type: title, diary number, status (approved, with what is known
of its entry into force; proposal; draft; catalogue entry) and, for a
reconstructed text, its provenance note, the approving decision, the last change, and each output
file with its size and SHA-256. The JSON follows the schema in
``schemas/index.schema.json``; the HTML works from ``file://`` and any
static web server (links are relative), its list needing no JavaScript; on
a web server, with JavaScript, its search box searches the site
(:mod:`.search`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..content.languages import version_link
from ..content.theme import Theme
from ..finnish import finnish_date, section_sign
from ..model import CatalogueEntry, Collection, Document, Handling, Outcome
from ..pipeline.formats import format_of
from ..record.provenance import provenance_note
from ..slug import INDEX_STEM, STATEMENT_STEM
from ..tree import OutputDocument

INDEX_HTML = f"{INDEX_STEM}.html"
INDEX_JSON = f"{INDEX_STEM}.json"
STATEMENT_HTML = f"{STATEMENT_STEM}.html"  #: the site's accessibility statement (:mod:`.accessibility`)
SCHEMA_ID = "someohje/index/3"

#: status -> its Finnish label (an approved text's label also says what is known of its entry into force)
STATUSES = {
    "in-force": "Hyväksytty, voimaantulopäivä tiedossa",
    "approved": "Hyväksytty, voimaantulopäivä ei tiedossa",
    "proposal": "Ehdotus",
    "draft": "Luonnos",
    "catalogue": "Luettelotieto (teksti ei ole kokoelmassa)",
}


@dataclass(frozen=True)
class OutputFile:
    """One file of the build, as the index lists it."""

    format: str
    file: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Decision:
    """A decision as the index shows it."""

    kind: str  #: ``approved`` or ``handled`` (a catalogue entry a body only handled)
    body: str
    date: str  #: d.m.yyyy, or the Finnish words for an unknown date
    paragraph: int | None
    reference: str  #: ``Kvalt 14.6.2022 § 37``
    iso_date: str | None


@dataclass(frozen=True)
class Item:
    """One document or catalogue entry of the index."""

    id: str
    title: str
    doc_type: str
    diary_number: str
    status: str  #: a key of :data:`STATUSES`
    approval: Decision | None
    last_change: Decision | None
    outputs: tuple[OutputFile, ...]
    note: str = ""
    status_text: str = ""  #: what is known: ``Hyväksytty 14.6.2022 · voimaantulopäivä ei tiedossa``
    in_force: str | None = None  #: ISO date the approved text takes effect, when the record gives it
    text_origin: str | None = None  #: ``original`` or ``reconstruction`` (None: a catalogue entry)
    provenance: str = ""  #: the provenance note of a reconstructed text
    language: str = ""  #: the text's language (BCP 47); "" for a catalogue entry
    #: the other language versions of the document: (id, language)
    versions: tuple[tuple[str, str], ...] = ()
    group: str = ""  #: the type it is listed under: a language version's is its document's

    @property
    def version_links(self) -> list[tuple[str, str, str]]:
        """Each other language version as (id, language, the link's words in that language)."""
        return [(vid, language, version_link(language)) for vid, language in self.versions]

    @property
    def status_label(self) -> str:
        return self.status_text or STATUSES[self.status]

    @property
    def decision_text(self) -> str:
        """``Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37`` or ``Käsitelty: …``."""
        d = self.approval
        if d is None:
            return "–"
        para = f" {section_sign(d.paragraph)}" if d.paragraph is not None else ""
        return f"{'Hyväksytty' if d.kind == 'approved' else 'Käsitelty'}: {d.body} {d.date}{para}"


def status_of(doc: Document) -> str:
    """``in-force`` once a body approved the text and the record gives the
    day its last approval takes effect, ``approved`` when it does not (no
    claim that the text is in force), ``proposal`` while a body has
    proposed it, else ``draft``."""
    approvals = [h for h in doc.handlings if h.outcome is Outcome.APPROVED]
    if approvals:
        return "in-force" if approvals[-1].in_force is not None else "approved"
    return "proposal" if any(h.outcome is Outcome.PROPOSED for h in doc.handlings) else "draft"


def status_text(doc: Document) -> str:
    """What the index says of the text: ``Hyväksytty 14.6.2022 ·
    voimaantulopäivä ei tiedossa``, ``Muutettu 10.6.2024 · voimaan 1.8.2024``;
    the status's label for a text not approved."""
    approvals = [h for h in doc.handlings if h.outcome is Outcome.APPROVED]
    if not approvals:
        return STATUSES[status_of(doc)]
    last = approvals[-1]
    verb = "Hyväksytty" if len(approvals) == 1 else "Muutettu"
    effect = f"voimaan {finnish_date(last.in_force)}" if last.in_force else "voimaantulopäivä ei tiedossa"
    return f"{verb} {last.date.finnish()} · {effect}"


def items(collection: Collection, outputs: Mapping[str, Mapping[Path, bytes]]) -> list[Item]:
    """The index entries, in the collection's order; ``outputs`` maps a
    document id to the files built for it (path -> bytes)."""
    docs = {d.id: d for d in collection.documents}
    entries = {e.id: e for e in collection.entries}
    out: list[Item] = []
    for did in collection.order:
        if did in docs:
            out.append(_document_item(docs[did], outputs.get(did, {}), docs))
        else:
            out.append(_entry_item(entries[did]))
    return out


def _document_item(doc: Document, files: Mapping[Path, bytes], docs: Mapping[str, Document]) -> Item:
    approvals = [h for h in doc.handlings if h.outcome is Outcome.APPROVED]
    order = {"html": 0, "pdf": 1, "docx": 2, "akn": 3}
    built = tuple(
        OutputFile(format_of(path.name), path.name, len(data), hashlib.sha256(data).hexdigest())
        for path, data in sorted(files.items(), key=lambda f: order.get(format_of(f[0].name), 4))
    )
    return Item(
        doc.id,
        doc.title,
        doc.doc_type,
        doc.diary_number,
        status_of(doc),
        _decision(approvals[0]) if approvals else None,
        _decision(approvals[-1]) if len(approvals) > 1 else None,
        built,
        status_text=status_text(doc),
        in_force=approvals[-1].in_force.isoformat() if approvals and approvals[-1].in_force else None,
        text_origin=doc.text_origin.value,
        provenance=provenance_note(doc, doc.final_handling()),
        language=doc.language,
        versions=tuple((v, docs[v].language) for v in doc.versions if v in docs),
        group=docs[doc.version_of].doc_type if doc.version_of in docs else doc.doc_type,
    )


def _entry_item(entry: CatalogueEntry) -> Item:
    decision = None
    if entry.body is not None:
        ref = f"{entry.body.abbreviation} {entry.date.finnish()}"
        ref += f" {section_sign(entry.paragraph)}" if entry.paragraph is not None else ""
        decision = Decision(
            "approved" if entry.decision == "hyväksyi" else "handled",
            entry.body.name,
            entry.date.finnish(),
            entry.paragraph,
            ref,
            entry.date.date.isoformat() if entry.date.date else None,
        )
    return Item(entry.id, entry.title, entry.doc_type, entry.diary_number, "catalogue", decision, None, (), entry.note)


def _decision(h: Handling) -> Decision:
    return Decision(
        "approved",
        h.body.name,
        h.date.finnish(),
        h.paragraph,
        h.meeting_ref(),
        h.date.date.isoformat() if h.date.date else None,
    )


def groups(index: list[Item]) -> list[tuple[str, list[Item]]]:
    """The items grouped by document type, types in order of first appearance."""
    out: dict[str, list[Item]] = {}
    for item in index:
        out.setdefault(item.group or item.doc_type, []).append(item)
    return list(out.items())


def index_json(collection: Collection, index: list[Item]) -> bytes:
    """The index as UTF-8 JSON (schema ``someohje/index/3``), keys in a fixed order."""
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "organisation": {"name": collection.organisation.name, "web": collection.organisation.web},
        "documents": [_item_json(item) for item in index],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "type": item.doc_type,
        "diary_number": item.diary_number,
        "status": item.status,
        "decision": _decision_json(item.approval),
        "last_change": _decision_json(item.last_change),
        "status_text": item.status_label,
        "in_force": item.in_force,
        "text_origin": item.text_origin,
        "provenance": item.provenance or None,
        "outputs": [{"format": f.format, "file": f.file, "size": f.size, "sha256": f.sha256} for f in item.outputs],
        "note": item.note or None,
        "language": item.language or None,
        "versions": [{"id": vid, "language": language} for vid, language in item.versions],
    }


def _decision_json(d: Decision | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"kind": d.kind, "body": d.body, "date": d.iso_date, "paragraph": d.paragraph, "reference": d.reference}


def with_index_link(out: OutputDocument) -> OutputDocument:
    """``out`` linking back to the collection's index, and to the site's
    accessibility statement, from its HTML page."""
    return replace(out, index_href=INDEX_HTML, statement_href=STATEMENT_HTML)


def index_html(
    collection: Collection, index: list[Item], theme: Theme, template_dirs: Sequence[Path], *, search: bool = False
) -> bytes:
    """The index page (``index.html.j2``): accessible, relative links, the
    search box when the site has a search index (``search``)."""
    from ..render.html import environment, render_template, running_text

    context = {"organisation": collection.organisation, "groups": groups(index), "t": theme, "theme": theme}
    context |= {"search": search, "statement_href": STATEMENT_HTML}
    context["running_text"] = running_text  # identifiers such as RauDno-2020-792 kept on one line
    return render_template(environment(template_dirs), "index.html.j2", context, template_dirs).encode("utf-8")
