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
from ..content.shared import body_in, organisation_in
from ..content.texts import FINNISH, Words
from ..content.theme import Theme
from ..finnish import finnish_date, section_sign
from ..model import CatalogueEntry, Collection, Document, Handling, Outcome
from ..pipeline.formats import format_of
from ..record.provenance import provenance_note
from ..slug import INDEX_STEM, STATEMENT_STEM
from ..tree import OutputDocument
from .site_languages import FINNISH_SITE, SiteLanguage, alternates, pages_for

INDEX_HTML = f"{INDEX_STEM}.html"
INDEX_JSON = f"{INDEX_STEM}.json"
STATEMENT_HTML = f"{STATEMENT_STEM}.html"  #: the site's accessibility statement (:mod:`.accessibility`)
SCHEMA_ID = "someohje/index/3"

#: the statuses an item may have: keys of the table of texts' ``site.status.*`` entries
STATUSES = ("in-force", "approved", "proposal", "draft", "catalogue")


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
    #: what is known, in the index's language: ``Hyväksytty 14.6.2022 · voimaantulopäivä ei tiedossa``
    status_text: str = ""
    in_force: str | None = None  #: ISO date the approved text takes effect, when the record gives it
    text_origin: str | None = None  #: ``original`` or ``reconstruction`` (None: a catalogue entry)
    provenance: str = ""  #: the provenance note of a reconstructed text
    language: str = ""  #: the text's language (BCP 47); "" for a catalogue entry
    #: the other language versions of the document: (id, language)
    versions: tuple[tuple[str, str], ...] = ()
    group: str = ""  #: the type it is grouped under: its document's (a version's is the document's)
    group_label: str = ""  #: that type in the index's language, where a version gives it
    group_language: str = ""  #: the language of ``group_label`` when it is not the index's
    decision_text: str = "–"  #: ``Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37``, in the index's language

    @property
    def version_links(self) -> list[tuple[str, str, str]]:
        """Each other language version as (id, language, the link's words in that language)."""
        return [(vid, language, version_link(language)) for vid, language in self.versions]

    @property
    def status_label(self) -> str:
        """What the index says of its status (:attr:`status_text`)."""
        return self.status_text


def status_of(doc: Document) -> str:
    """``in-force`` once a body approved the text and the record gives the
    day its last approval takes effect, ``approved`` when it does not (no
    claim that the text is in force), ``proposal`` while a body has
    proposed it, else ``draft``."""
    approvals = [h for h in doc.handlings if h.outcome is Outcome.APPROVED]
    if approvals:
        return "in-force" if approvals[-1].in_force is not None else "approved"
    return "proposal" if any(h.outcome is Outcome.PROPOSED for h in doc.handlings) else "draft"


def status_text(doc: Document, words: Words = FINNISH) -> str:
    """What the index says of the text: ``Hyväksytty 14.6.2022 ·
    voimaantulopäivä ei tiedossa``, ``Muutettu 10.6.2024 · voimaan 1.8.2024``
    (in Swedish ``Godkänd …``, ``Ändrad …``); the status's label for a
    text not approved."""
    approvals = [h for h in doc.handlings if h.outcome is Outcome.APPROVED]
    if not approvals:
        return words(f"site.status.{status_of(doc)}")
    last = approvals[-1]
    effect = words("site.effect", date=finnish_date(last.in_force)) if last.in_force else words("site.effect_unknown")
    key = "site.approved_on" if len(approvals) == 1 else "site.amended_on"
    return words(key, date=last.date.finnish(words), effect=effect)


def items(
    collection: Collection, outputs: Mapping[str, Mapping[Path, bytes]], words: Words = FINNISH, home: str = ""
) -> list[Item]:
    """The index entries, in the collection's order, in the language of
    ``words``; ``outputs`` maps a document id to the files built for it
    (path -> bytes). A document's language versions follow it, the one in
    the index's language first. ``home``: the language of the catalogue
    entries (they state none: the site's first), for an index in another."""
    docs = {d.id: d for d in collection.documents}
    entries = {e.id: e for e in collection.entries}
    entry_language = home if home and words.code != Words(home).code else ""
    out: list[Item] = []
    for did in _reading_order(collection.order, docs, words):
        if did in docs:
            out.append(_document_item(docs[did], outputs.get(did, {}), docs, words))
        else:
            out.append(_entry_item(entries[did], words, entry_language))
    return out


def _reading_order(order: Sequence[str], docs: Mapping[str, Document], words: Words) -> list[str]:
    """``order`` with each document's versions together, the member in
    ``words``' language first (the others keep their order)."""
    families: dict[str, list[str]] = {}
    for did in order:
        doc = docs.get(did)
        families.setdefault(doc.version_of or did if doc else did, []).append(did)
    return [
        did
        for members in families.values()
        for did in sorted(members, key=lambda m: m not in docs or docs[m].words.code != words.code)
    ]


def _family(doc: Document, docs: Mapping[str, Document]) -> list[Document]:
    """The document ``doc`` is a version of (or ``doc``), then its versions."""
    parent = docs.get(doc.version_of, doc)
    return [parent, *(docs[v] for v in parent.versions if v in docs)]


def _document_item(doc: Document, files: Mapping[Path, bytes], docs: Mapping[str, Document], words: Words) -> Item:
    family = _family(doc, docs)
    # one decision history, told as the member in the index's language tells it
    told = next((d for d in [doc, *family] if d.words.code == words.code), doc)
    approvals = [h for h in told.handlings if h.outcome is Outcome.APPROVED]
    order = {"html": 0, "pdf": 1, "docx": 2, "akn": 3}
    built = tuple(
        OutputFile(format_of(path.name), path.name, len(data), hashlib.sha256(data).hexdigest())
        for path, data in sorted(files.items(), key=lambda f: order.get(format_of(f[0].name), 4))
    )
    typed = next((d for d in family if d.words.code == words.code), family[0])
    decided = _decision(approvals[0], words) if approvals else None
    return Item(
        doc.id,
        doc.title,
        doc.doc_type,
        doc.diary_number,
        status_of(doc),
        decided,
        _decision(approvals[-1], words) if len(approvals) > 1 else None,
        built,
        status_text=status_text(told, words),
        in_force=approvals[-1].in_force.isoformat() if approvals and approvals[-1].in_force else None,
        text_origin=doc.text_origin.value,
        provenance=provenance_note(doc, doc.final_handling()),
        language=doc.language,
        versions=tuple((v.id, v.language) for v in family if v.id != doc.id),
        group=family[0].doc_type,
        group_label=typed.doc_type,
        group_language="" if typed.words.code == words.code else typed.language,
        decision_text=_decision_text(decided, words),
    )


def _entry_item(entry: CatalogueEntry, words: Words, language: str) -> Item:
    decision = None
    if entry.body is not None:
        body = body_in(entry.body, words)
        ref = f"{body.abbreviation} {entry.date.finnish(words)}"
        ref += f" {section_sign(entry.paragraph)}" if entry.paragraph is not None else ""
        decision = Decision(
            "approved" if entry.decision == "hyväksyi" else "handled",
            body.name,
            entry.date.finnish(words),
            entry.paragraph,
            ref,
            entry.date.date.isoformat() if entry.date.date else None,
        )
    return Item(
        entry.id,
        entry.title,
        entry.doc_type,
        entry.diary_number,
        "catalogue",
        decision,
        None,
        (),
        entry.note,
        status_text=words("site.status.catalogue"),
        group_language=language,
        decision_text=_decision_text(decision, words),
    )


def _decision(h: Handling, words: Words) -> Decision:
    body = body_in(h.body, words)
    paragraph = section_sign(h.paragraph) if h.paragraph is not None else words("unknown.paragraph")
    when = f"{h.date.finnish(words)} {paragraph}"
    return Decision(
        "approved",
        body.name,
        h.date.finnish(words),
        h.paragraph,
        f"{body.abbreviation} {when}",
        h.date.date.isoformat() if h.date.date else None,
    )


def _decision_text(d: Decision | None, words: Words) -> str:
    """``Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37`` or ``Käsitelty: …``; ``–`` for none."""
    if d is None:
        return "–"
    when = f"{d.date} {section_sign(d.paragraph)}" if d.paragraph is not None else d.date
    return words("approval.approved" if d.kind == "approved" else "site.handled", body=d.body, when=when)


def groups(index: list[Item]) -> list[tuple[str, list[Item]]]:
    """The items grouped by their document's type, types in order of first
    appearance, each named as the first of its items in the index's
    language names it (else as its first item does)."""
    return [(_label(members)[0], members) for members in _grouped(index)]


def group_languages(index: list[Item]) -> dict[str, str]:
    """Each group's name (:func:`groups`) -> its language, where it is not the index's."""
    return {label: language for label, language in map(_label, _grouped(index)) if language}


def _grouped(index: list[Item]) -> list[list[Item]]:
    out: dict[str, list[Item]] = {}
    for item in index:
        out.setdefault(item.group or item.doc_type, []).append(item)
    return list(out.values())


def _label(members: list[Item]) -> tuple[str, str]:
    named = next((m for m in members if not m.group_language), members[0])
    return named.group_label or named.group or named.doc_type, named.group_language


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


def with_index_link(out: OutputDocument, site: Sequence[SiteLanguage] = ()) -> OutputDocument:
    """``out`` linking back to the collection's index, and to the site's
    accessibility statement, from its HTML page: those in its language
    (``site``: the site's languages; none given, the Finnish pages)."""
    pages = pages_for(out.words.language, site) if site else FINNISH_SITE.pages
    return replace(out, index_href=pages.index, statement_href=pages.statement)


def index_html(
    collection: Collection,
    index: list[Item],
    theme: Theme,
    template_dirs: Sequence[Path],
    *,
    search: bool = False,
    site: Sequence[SiteLanguage] = (),
    language: SiteLanguage | None = None,
) -> bytes:
    """The index page (``index.html.j2``) in ``language`` (one of
    ``site``; none given, the only one, Finnish): accessible, relative
    links, the search box when the site has a search index (``search``),
    and a link to the index in each other language of the site."""
    from ..render.html import environment, render_template, running_text

    here = language or FINNISH_SITE
    words = here.words
    context: dict[str, Any] = {"organisation": organisation_in(collection.organisation, words), "t": theme}
    context |= {"groups": groups(index), "group_languages": group_languages(index), "theme": theme}
    context |= {"search": search, "statement_href": here.pages.statement}
    context |= {"w": words, "page_language": here.pages.language, "other_languages": alternates(here, site, "index")}
    # a catalogue entry states no language: it is in the site's first
    context |= {"self_href": here.pages.index, "entry_language": site[0].pages.language if site else ""}
    context["running_text"] = running_text  # identifiers such as RauDno-2020-792 kept on one line
    return render_template(environment(template_dirs), "index.html.j2", context, template_dirs).encode("utf-8")
