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
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ContentError, Problem, UsageError, problem
from ..finnish import section_sign
from ..model import Body, Document, MeetingDate, Organisation
from ..slug import slugify
from .confine import Refused, confined
from .document_file import (
    DEFAULT_DIARY_PATTERN,
    METADATA_FILE,
    Shared,
    _body,
    _meeting_date,
    _organisation,
    _person,
    _Reader,
    find_content,
    load_document,
)
from .yamlsource import YList, YMap, YScalar, YValue, read_yaml

PROJECT_FILE = "project.yaml"
_LINK = re.compile(r"\]\(doc:([^)\s]*)\)")


@dataclass(frozen=True)
class CatalogueEntry:
    """A document of the collection whose text the project does not hold."""

    id: str
    title: str
    doc_type: str
    diary_number: str
    body: Body | None
    date: MeetingDate
    paragraph: int | None
    decision: str  #: what the body did, in Finnish: ``käsitteli`` or ``hyväksyi``
    note: str

    def decision_line(self) -> str:
        """``Kunnanhallitus käsitteli 4.11.2019 § 258``."""
        if self.body is None:
            return ""
        para = f" {section_sign(self.paragraph)}" if self.paragraph is not None else ""
        return f"{self.body.name} {self.decision} {self.date.finnish()}{para}"


@dataclass(frozen=True)
class Collection:
    """Every document of a project, in the order the collection lists them."""

    root: Path
    organisation: Organisation
    documents: tuple[Document, ...]
    entries: tuple[CatalogueEntry, ...]
    order: tuple[str, ...]  #: document and entry ids, as listed

    def ids(self) -> list[str]:
        """The ids of the documents that hold text."""
        return [d.id for d in self.documents]

    def pick(self, document_id: str | None = None) -> Document:
        """The document ``document_id`` names; without one, the collection's
        only document, or its first. :class:`UsageError` (naming
        ``--document``) lists the ids for an unknown one."""
        if document_id is None:
            return self.documents[0]
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        why = "is a catalogue entry: its text is not in the project" if document_id in self.order else "is unknown"
        raise UsageError([Problem("--document", 0, f"'{document_id}' {why}; documents: {', '.join(self.ids())}")])

    def title_of(self, document_id: str) -> str:
        """The title of any document or entry of the collection."""
        for doc in self.documents:
            if doc.id == document_id:
                return doc.title
        return next(e.title for e in self.entries if e.id == document_id)


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
    if not project_file.is_file():
        doc = load_document(content / METADATA_FILE, content)
        doc = replace(doc, id=slugify(doc.title))
        collection = Collection(content.parent, doc.organisation, (doc,), (), (doc.id,))
    else:
        collection = _load_project(project_file, content)
    _check_references(collection)
    return collection


def document_folders(content: Path) -> dict[str, Path] | None:
    """Each document with text and its folder, read from ``project.yaml``
    alone (or the one document of ``content/document.yaml``) without
    loading anything else; None when the files cannot say (the full load
    then reports why)."""
    try:
        if not (content / PROJECT_FILE).is_file():
            root = read_yaml(confined(content, METADATA_FILE, what=METADATA_FILE))
            title = root.values.get("title") if isinstance(root, YMap) else None
            return {slugify(title.text.strip()): content} if isinstance(title, YScalar) else None
        root = read_yaml(confined(content, PROJECT_FILE, what=PROJECT_FILE))
    except (ContentError, Refused):
        return None
    docs = root.values.get("documents") if isinstance(root, YMap) else None
    out: dict[str, Path] = {}
    for item in docs.items if isinstance(docs, YList) else ():
        ident, folder = (item.values.get(k) if isinstance(item, YMap) else None for k in ("id", "folder"))
        if isinstance(ident, YScalar) and isinstance(folder, YScalar):
            out[ident.text] = Path(os.path.normpath(content / folder.text))
    return out or None


def _load_project(path: Path, content: Path) -> Collection:
    r = _Reader(path)
    top = r.fields(
        read_yaml(path), PROJECT_FILE, {"organisation", "documents"}, {"people", "bodies", "diary_number_pattern"}
    )
    if top is None:
        raise ContentError(r.problems)
    org = _organisation(r, top.values["organisation"])
    people = r.keyed(top.values.get("people"), "person", lambda k, v, n: _person(r, k, v))
    bodies = r.keyed(top.values.get("bodies"), "body", lambda k, v, n: _body(r, k, v))
    if org is None or r.problems:
        raise ContentError(r.problems)
    shared = Shared(org, people, bodies)
    documents: list[Document] = []
    entries: list[CatalogueEntry] = []
    order: list[str] = []
    problems: list[Problem] = []
    for m, did in r.entries(top.values.get("documents"), "documents", "document", set(), {"folder", "catalogue"}):
        order.append(did)
        if ("folder" in m.values) == ("catalogue" in m.values):
            r.error(m.line, f"document '{did}' needs either 'folder' (its text) or 'catalogue' (metadata only)")
        elif "catalogue" in m.values:
            pattern = r.text(top, "diary_number_pattern") or DEFAULT_DIARY_PATTERN
            entry = _entry(r, did, m.values["catalogue"], bodies, pattern)
            if entry is not None:
                entries.append(entry)
        else:
            folder = Path(os.path.normpath(content / r.text(m, "folder")))
            if not folder.is_relative_to(os.path.normpath(content)) or not folder.is_dir() or folder.is_symlink():
                r.error(r.line_of(m, "folder"), f"document folder '{r.text(m, 'folder')}' is not a folder in content/")
                continue
            try:
                documents.append(load_document(folder / METADATA_FILE, content, did, shared))
            except ContentError as exc:
                problems.extend(exc.problems)
    if not documents and not r.problems and not problems:
        r.error(r.line_of(top, "documents"), "the collection lists no document with text")
    if r.problems or problems:
        raise ContentError([*r.problems, *problems])
    return Collection(content.parent, org, tuple(documents), tuple(entries), tuple(order))


_ENTRY_FIELDS = {"title", "type", "diary_number"}
_ENTRY_OPTIONAL = {"body", "date", "year", "paragraph", "decision", "note"}
_DECISIONS = {"handled": "käsitteli", "approved": "hyväksyi"}


def _entry(r: _Reader, did: str, node: YValue, bodies: dict[str, Body], pattern: str) -> CatalogueEntry | None:
    m = r.fields(node, f"catalogue entry '{did}'", _ENTRY_FIELDS, _ENTRY_OPTIONAL)
    if m is None:
        return None
    diary = r.text(m, "diary_number")
    if diary and not _matches(pattern, diary):
        r.error(r.line_of(m, "diary_number"), f"malformed diary number '{diary}' (expected the form RauDno-2020-792)")
    decision = r.text(m, "decision") or "handled"
    if decision not in _DECISIONS:
        r.error(r.line_of(m, "decision"), f"unknown decision '{decision}' (allowed: {', '.join(_DECISIONS)})")
    date = _meeting_date(r, m) if "date" in m.values else MeetingDate(None)
    para_text = r.text(m, "paragraph")
    paragraph = int(para_text) if para_text.isdigit() else None
    if para_text and para_text != "unknown" and paragraph is None:
        r.error(r.line_of(m, "paragraph"), f"§ '{para_text}' must be a positive whole number or 'unknown'")
    return CatalogueEntry(
        did,
        r.text(m, "title"),
        r.text(m, "type"),
        diary,
        r.ref(m, "body", bodies, "body") if "body" in m.values else None,
        date or MeetingDate(None),
        paragraph,
        _DECISIONS.get(decision, ""),
        r.text(m, "note"),
    )


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.fullmatch(pattern, text) is not None
    except re.error:
        return False


def _check_references(collection: Collection) -> None:
    """Every ``related:`` id and every ``doc:ID`` link names a document of the collection."""
    known = set(collection.order)
    problems: list[Problem] = []
    for doc in collection.documents:
        for ref, line in doc.related:
            if ref not in known:
                problems.append(problem(doc.metadata_path, line, _unknown(ref, known)))
        for section in doc.sections:
            for number, text in enumerate(section.markdown.splitlines(), 1):
                for match in _LINK.finditer(text):
                    if match.group(1) not in known:
                        problems.append(problem(section.path, number, _unknown(match.group(1), known)))
    if problems:
        raise ContentError(problems)


def _unknown(ref: str, known: set[str]) -> str:
    return f"reference to unknown document '{ref}' (documents of the collection: {', '.join(sorted(known))})"
