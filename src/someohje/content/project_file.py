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
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..errors import ContentError, Problem, problem
from ..model import Body, CatalogueEntry, Collection, Document, MeetingDate
from ..slug import slugify
from .accessibility_file import read_accessibility
from .confine import Refused, confined
from .document_file import METADATA_FILE, find_content, load_document
from .fields import FieldReader
from .shared import read_shared
from .yamlsource import YList, YMap, YScalar, YValue, read_yaml

PROJECT_FILE = "project.yaml"
_LINK = re.compile(r"\]\(doc:([^)\s]*)\)")


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
    for m, did in r.entries(top.values.get("documents"), "documents", "document", set(), {"folder", "catalogue"}):
        order.append(did)
        if ("folder" in m.values) == ("catalogue" in m.values):
            r.error(m.line, f"document '{did}' needs either 'folder' (its text) or 'catalogue' (metadata only)")
        elif "catalogue" in m.values:
            entry = _entry(r, did, m.values["catalogue"], shared.bodies, pattern)
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
    return Collection(
        content.parent, shared.organisation, tuple(_unique_stems(documents)), tuple(entries), tuple(order), accessibility
    )


def _unique_stems(documents: list[Document]) -> list[Document]:
    """The documents, each with file names of its own: two whose titles give
    the same name (the same title twice) both get their id appended, so no
    output of one can ever overwrite the other's."""
    counts = Counter(d.stem for d in documents)
    return [replace(d, unique_stem=f"{d.stem}-{d.id}") if counts[d.stem] > 1 else d for d in documents]


_ENTRY_FIELDS = {"title", "type", "diary_number"}
_ENTRY_OPTIONAL = {"body", "date", "year", "paragraph", "decision", "note"}
_DECISIONS = {"handled": "käsitteli", "approved": "hyväksyi"}


def _entry(
    r: FieldReader, did: str, node: YValue, bodies: dict[str, Body], pattern: re.Pattern[str] | None
) -> CatalogueEntry | None:
    """A catalogue entry, its fields checked as ``document.yaml``'s are."""
    m = r.fields(node, f"catalogue entry '{did}'", _ENTRY_FIELDS, _ENTRY_OPTIONAL)
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
