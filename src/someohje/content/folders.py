"""Where a project's documents are, read without loading them.

The names of the content files, and :func:`document_folders`, which reads
only ``project.yaml`` (or the one ``document.yaml``) to say which documents
the project has and where each one's folder is. ``build`` asks this before
anything else, to tell from the build record whether anything changed, so
this module imports nothing of the model, the Markdown reader or the theme.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import ContentError
from ..slug import slugify
from .confine import Refused, confined
from .yamlsource import YList, YMap, YScalar, YValue, read_yaml

PROJECT_FILE = "project.yaml"  #: the collection's file in ``content/``
METADATA_FILE = "document.yaml"  #: a document's metadata in its folder
VERSION_FILE = "version.yaml"  #: a language version's metadata in its folder (:mod:`.versions`)
_VERSION_MARK = "."  #: between a document's id and a version's language: ids have no dot


def version_id(document_id: str, language: str) -> str:
    """The id of ``document_id``'s version in ``language``: ``tietoturvaohje.sv-FI``."""
    return f"{document_id}{_VERSION_MARK}{language}"


def is_version_id(ident: str) -> bool:
    """Whether ``ident`` names a language version (:func:`version_id`)."""
    return _VERSION_MARK in ident


def version_parent(ident: str) -> str:
    """The id of the document a version's id names; a document's own id as it is."""
    return ident.split(_VERSION_MARK, 1)[0]


def single_id(title: str) -> str:
    """The id of a project's one document (no ``project.yaml``): its title as a slug."""
    return slugify(title) or "dokumentti"


def document_folders(content: Path) -> dict[str, Path] | None:
    """Each document with text and its folder, read from ``project.yaml``
    alone (or the one document of ``content/document.yaml``) without
    loading anything else; None when the files cannot say (the full load
    then reports why)."""
    try:
        if not (content / PROJECT_FILE).is_file():
            title = _title(content)
            return _with_versions({single_id(title.strip()): content}) if title is not None else None
        root = read_yaml(confined(content, PROJECT_FILE, what=PROJECT_FILE))
    except (ContentError, Refused):
        return None
    docs = root.values.get("documents") if isinstance(root, YMap) else None
    out: dict[str, Path] = {}
    for item in docs.items if isinstance(docs, YList) else ():
        ident, folder = (item.values.get(k) if isinstance(item, YMap) else None for k in ("id", "folder"))
        if isinstance(ident, YScalar) and isinstance(folder, YScalar):
            out[ident.text] = Path(os.path.normpath(content / folder.text))
    return _with_versions(out) or None


def _with_versions(folders: dict[str, Path]) -> dict[str, Path]:
    """``folders`` with each document's language versions after it, as its
    ``document.yaml`` names them under ``versions`` (an unreadable one has
    none here: the full load reports why)."""
    out: dict[str, Path] = {}
    for ident, folder in folders.items():
        out[ident] = folder
        try:
            root = _metadata(folder, METADATA_FILE)
        except (ContentError, Refused):
            continue
        versions = root.values.get("versions") if isinstance(root, YMap) else None
        for language, value in versions.values.items() if isinstance(versions, YMap) else ():
            if isinstance(value, YScalar) and value.text:
                out[version_id(ident, language)] = Path(os.path.normpath(folder / value.text))
    return out


def document_titles(folders: dict[str, Path]) -> list[str]:
    """Each document's id and title, one line each in the order given:
    what the other documents' outputs take from a ``document.yaml`` (a
    document's file names come from its title, and links to it point at
    them), read without loading anything else. A ``document.yaml`` whose
    title cannot be read counts by its bytes, so that any change to it
    still changes the lines."""
    return [f"{ident} {_title_or_bytes(folder, _metadata_name(ident))}" for ident, folder in folders.items()]


def document_languages(folders: dict[str, Path]) -> list[str]:
    """Each document's ``language`` (``""`` where it states none or it cannot
    be read: the loader reports that), in the order given, read as
    :func:`document_titles` reads the titles."""
    out = []
    for ident, folder in folders.items():
        try:
            root = _metadata(folder, _metadata_name(ident))
        except (ContentError, Refused):
            root = None
        value = root.values.get("language") if isinstance(root, YMap) else None
        out.append(value.text if isinstance(value, YScalar) else "")
    return out


def _metadata_name(ident: str) -> str:
    return VERSION_FILE if is_version_id(ident) else METADATA_FILE


def _title(folder: Path, name: str = METADATA_FILE) -> str | None:
    """The ``title`` of the ``document.yaml`` (or ``name``) in ``folder``; raises
    :class:`ContentError` or :class:`Refused` when the file cannot be read."""
    root = _metadata(folder, name)
    title = root.values.get("title") if isinstance(root, YMap) else None
    return title.text if isinstance(title, YScalar) else None


#: the metadata files read, by path, with the stat they were read at: the
#: build reads each ``document.yaml`` for its versions and its title, once
_READ: dict[Path, tuple[tuple[int, int, int], YValue]] = {}


def _metadata(folder: Path, name: str) -> YValue:
    """``folder/name`` as YAML, read once while the file stays as it was
    (its inode, size and modification time); raises as :func:`read_yaml`."""
    path = confined(folder, name, what=name)
    st = path.stat()
    key = (st.st_ino, st.st_size, st.st_mtime_ns)
    known = _READ.get(path)
    if known is not None and known[0] == key:
        return known[1]
    root = read_yaml(path)
    if len(_READ) > 1000:  # a long-running preview of a large collection
        _READ.clear()
    _READ[path] = (key, root)
    return root


def _title_or_bytes(folder: Path, name: str) -> str:
    try:
        title = _title(folder, name)
    except (ContentError, Refused):
        title = None
    if title is not None:
        return f"title {title!r}"
    try:
        return f"unread {hashlib.sha256((folder / name).read_bytes()).hexdigest()}"
    except OSError as exc:
        return f"unread {exc.strerror}"
