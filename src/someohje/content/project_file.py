"""A municipality's collection: many documents in one project.

``content/project.yaml`` states once what the documents share (organisation,
people, bodies) and lists the documents in the order the collection shows
them. A document is a folder below ``content/`` with its own
``document.yaml`` and sections (``folder: .`` is ``content/`` itself), or a
catalogue entry only: a document the municipality has, known by its
metadata, whose text the project does not hold. A project without
``project.yaml`` is a collection of the one document in
``content/document.yaml``.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from ..chars import quote
from ..errors import ContentError, Problem, problem
from ..messages import N_
from ..messages import gettext as _
from ..model import Body, CatalogueEntry, Collection, Document, MeetingDate
from ..slug import INDEX_STEM, STATEMENT_STEM, STATEMENT_STEMS, slugify
from .accessibility_file import language_problems, read_accessibility
from .confine import Refused, confined
from .document_file import find_content
from .fields import FieldReader
from .folders import METADATA_FILE, PROJECT_FILE, is_version_id
from .markdown import doc_target, links
from .shared import read_shared
from .theme_texts import Overrides, project_texts
from .versions import load_versioned
from .yamlsource import YMap, YValue, read_yaml


def load(path: str | Path, document: str | None = None) -> Document:
    """Load and validate a project's document.

    ``path`` is a project folder (holding ``content/``) or a content folder
    (holding ``document.yaml``). In a collection (``content/project.yaml``)
    ``document`` picks a document by id; without it, the collection's
    default document. Returns the typed :class:`Document`; raises
    :class:`ContentError` listing every problem found, each with file and
    line, when anything is wrong (:class:`UsageError` for an unknown id).
    """
    return load_collection(path).pick(document)


def load_collection(path: str | Path) -> Collection:
    """Load and validate every document of the project at ``path``; raises
    :class:`ContentError` with every problem of every document."""
    content = find_content(Path(path))
    project_file = content / PROJECT_FILE
    if project_file.is_symlink() or project_file.exists():
        try:
            confined(content, PROJECT_FILE, what=PROJECT_FILE)
        except Refused as exc:
            raise ContentError([problem(project_file, 0, str(exc))]) from None
    texts = project_texts(content.parent)
    if not project_file.is_file():
        docs = load_versioned(content / METADATA_FILE, content, texts=texts)
        stems, clash = file_stems(list(docs))
        if clash:
            where = docs[clash[0]].metadata_path
            raise ContentError([problem(where, _title_line(where), clash[1])])
        docs = tuple(replace(d, file_stem=stem) for d, stem in zip(docs, stems, strict=True))
        collection = Collection(content.parent, docs[0].organisation, docs, (), tuple(d.id for d in docs))
    else:
        collection = _load_project(project_file, content, texts)
    _check_references(collection)
    return collection


def _load_project(path: Path, content: Path, texts: Overrides) -> Collection:
    r = FieldReader(path)
    top = r.fields(
        read_yaml(path),
        PROJECT_FILE,
        {"organisation", "documents"},
        {"people", "bodies", "diary_number_pattern", "accessibility"},
    )
    if top is None:
        raise ContentError(r.problems)
    shared = read_shared(r, top)
    pattern = r.diary_pattern(top)
    accessibility = read_accessibility(r, top)
    if shared is None or r.problems:
        raise ContentError(r.problems)
    documents: list[Document] = []
    entries: list[CatalogueEntry] = []
    order: list[str] = []
    problems: list[Problem] = []
    folders: dict[Path, str] = {}
    lines: dict[str, int] = {}
    for m, did in r.entries(top.values.get("documents"), "documents", "document", set(), {"folder", "catalogue"}):
        order.append(did)
        if ("folder" in m.values) == ("catalogue" in m.values):
            r.error(
                m.line,
                _("document '{did}' needs either 'folder' (its text) or 'catalogue' (metadata only)").format(did=did),
            )
        elif "catalogue" in m.values:
            entry = _entry(r, did, m.values["catalogue"], shared.bodies, pattern)
            if entry is not None:
                entries.append(entry)
        else:
            folder = Path(os.path.normpath(content / r.text(m, "folder")))
            if not folder.is_relative_to(os.path.normpath(content)) or not folder.is_dir() or folder.is_symlink():
                r.error(
                    r.line_of(m, "folder"),
                    _("document folder '{text}' is not a folder in content/").format(text=r.text(m, "folder")),
                )
                continue
            if folder in folders:
                message = _("document '{did}' is in folder '{text}', as document '{folder}' is").format(
                    did=did, text=r.text(m, "folder"), folder=folders[folder]
                )
                r.error(
                    r.line_of(m, "folder"),
                    _("{message}: a folder holds one document, listed once").format(message=message),
                )
                continue
            folders[folder], lines[did] = did, m.line
            try:
                versioned = load_versioned(folder / METADATA_FILE, content, did, shared, texts)
                documents.extend(versioned)
                order.extend(v.id for v in versioned[1:])
            except ContentError as exc:
                problems.extend(exc.problems)
    if not documents and not r.problems and not problems:
        r.error(r.line_of(top, "documents"), _("the collection lists no document with text"))
    for line, message in language_problems(accessibility, [d.language for d in documents]):
        r.error(line, message)
    if r.problems or problems:
        raise ContentError([*r.problems, *problems])
    stems, clash = file_stems(documents)
    if clash:
        doc = documents[clash[0]]
        where = (doc.metadata_path, _title_line(doc.metadata_path)) if doc.version_of else (path, lines[doc.id])
        raise ContentError([problem(*where, clash[1])])
    named = tuple(replace(d, file_stem=stem) for d, stem in zip(documents, stems, strict=True))
    return Collection(content.parent, shared.organisation, named, tuple(entries), tuple(order), accessibility)


#: file stems the collection's own files use: its index (index.html, index.json)
RESERVED_STEMS = {
    INDEX_STEM: N_("the collection's index (index.html, index.json)"),
    STATEMENT_STEM: N_("the site's accessibility statement (saavutettavuusseloste.html)"),
    STATEMENT_STEMS["sv"]: N_("the site's accessibility statement in Swedish (tillganglighetsutlatande.html)"),
}


def file_stems(documents: list[Document]) -> tuple[list[str], tuple[int, str] | None]:
    """Each document's file stem, unique in the collection and never one of
    :data:`RESERVED_STEMS`: its title as a slug, or, where that is empty or
    taken by a document listed before it, its id. A collision that remains
    is given as the index of the document that has no name left and a
    message naming both."""
    taken = dict(RESERVED_STEMS)
    out: list[str] = []
    for number, doc in enumerate(documents):
        stem = slugify(doc.title)
        if not stem or stem in taken:
            stem = doc.id
        if not stem or stem in taken:
            other = taken.get(stem, "")
            owner = other if stem in RESERVED_STEMS else _("document '{other}'").format(other=other)
            return out, (
                number,
                _(
                    "the files of {owner} and of document '{id}' would have the same name "
                    "('{value}'): give document '{id}' another title or id"
                ).format(owner=owner, id=doc.id, value=stem or slugify(doc.title)),
            )
        taken[stem] = doc.id
        out.append(stem)
    return out, None


def _title_line(path: Path) -> int:
    """The line of ``title`` in a ``document.yaml`` read already (1 if it cannot be said)."""
    try:
        root = read_yaml(path)
    except ContentError:
        return 1
    return root.lines.get("title", 1) if isinstance(root, YMap) else 1


_ENTRY_FIELDS = {"title", "type", "diary_number"}
_ENTRY_OPTIONAL = {"body", "date", "year", "paragraph", "decision", "note"}
_DECISIONS = {"handled": "käsitteli", "approved": "hyväksyi"}


def _entry(
    r: FieldReader, did: str, node: YValue, bodies: dict[str, Body], pattern: re.Pattern[str] | None
) -> CatalogueEntry | None:
    """A catalogue entry, its fields checked as ``document.yaml``'s are."""
    m = r.fields(node, _("catalogue entry '{did}'").format(did=did), _ENTRY_FIELDS, _ENTRY_OPTIONAL)
    if m is None:
        return None
    return CatalogueEntry(
        did,
        r.text(m, "title"),
        r.text(m, "type"),
        r.diary_number(m, pattern),
        r.ref(m, "body", bodies, "body") if "body" in m.values else None,
        (r.meeting_date(m) if "date" in m.values else None) or MeetingDate(None),
        r.paragraph(m),
        r.one_of(m, "decision", _DECISIONS, _DECISIONS["handled"], "decision"),
        r.text(m, "note"),
    )


def _check_references(collection: Collection) -> None:
    """Every ``related:`` id and every ``doc:ID`` link names a document of
    the collection. Links are found by the Markdown parser
    (:func:`~.markdown.links`), so every form reaches this check: inline,
    reference-style, with a title, an autolink ``<doc:ID>``, the scheme in
    any case; in the sections and in the amendments' wording."""
    known = set(collection.order)
    problems: list[Problem] = []
    for doc in collection.documents:
        for ref, line in () if doc.version_of else doc.related:  # a version's are its document's
            if ref not in known:
                problems.append(problem(doc.metadata_path, line, _unknown(ref, known)))
        texts = [(s.path, 0, s.markdown) for s in doc.sections]
        texts += [(doc.metadata_path, a.line, a.wording) for a in doc.amendments]
        for path, base, text in texts:
            for line, href in links(text, inline=bool(base)):
                target = doc_target(href)
                if target is not None and target not in known:
                    problems.append(problem(path, base or line, _unknown(quote(target), known)))
    if problems:
        raise ContentError(problems)


def _unknown(ref: str, known: set[str]) -> str:
    """The problem of a link to no document; the list names the documents,
    not their language versions (a link reaches those by itself)."""
    names = ", ".join(sorted(k for k in known if not is_version_id(k)))
    return _("reference to unknown document '{ref}' (documents of the collection: {sorted})").format(
        ref=ref, sorted=names
    )
