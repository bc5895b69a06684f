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
from .yamlsource import YList, YMap, YScalar, read_yaml

PROJECT_FILE = "project.yaml"  #: the collection's file in ``content/``
METADATA_FILE = "document.yaml"  #: a document's metadata in its folder


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
            return {single_id(title.strip()): content} if title is not None else None
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


def document_titles(folders: dict[str, Path]) -> list[str]:
    """Each document's id and title, one line each in the order given:
    what the other documents' outputs take from a ``document.yaml`` (a
    document's file names come from its title, and links to it point at
    them), read without loading anything else. A ``document.yaml`` whose
    title cannot be read counts by its bytes, so that any change to it
    still changes the lines."""
    return [f"{ident} {_title_or_bytes(folder)}" for ident, folder in folders.items()]


def _title(folder: Path) -> str | None:
    """The ``title`` of the ``document.yaml`` in ``folder``; raises
    :class:`ContentError` or :class:`Refused` when the file cannot be read."""
    root = read_yaml(confined(folder, METADATA_FILE, what=METADATA_FILE))
    title = root.values.get("title") if isinstance(root, YMap) else None
    return title.text if isinstance(title, YScalar) else None


def _title_or_bytes(folder: Path) -> str:
    try:
        title = _title(folder)
    except (ContentError, Refused):
        title = None
    if title is not None:
        return f"title {title!r}"
    try:
        return f"unread {hashlib.sha256((folder / METADATA_FILE).read_bytes()).hexdigest()}"
    except OSError as exc:
        return f"unread {exc.strerror}"
