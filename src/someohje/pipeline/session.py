"""A session: a loaded project with its theme and the options of a run.

:func:`open_session` resolves the project folder, loads and validates every
document of the collection (seals included) and the theme, once; every
renderer and verb then works from the :class:`Session`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.project import Project, open_project
from ..content.project_file import load_collection
from ..content.theme import Theme, load_theme
from ..model import Collection, Document
from ..record.seals import check_seals
from ..tree import OutputDocument

if TYPE_CHECKING:
    from ..render.layoutcache import LayoutCache


@dataclass(frozen=True)
class Options:
    """Rendering options shared by every format."""

    pdf_variant: str = "tagged"  #: tagged (PDF/UA-1), archival (PDF/A-3a + JSON), plain


@dataclass
class Session:
    """A loaded project: the model, the theme and the template folders.

    ``document`` is the document the session works on (the collection's
    first, or the one asked for); ``collection`` holds every one."""

    project: Project
    document: Document
    theme: Theme
    options: Options = field(default_factory=Options)
    collection: Collection | None = None
    #: where the PDF's layout decisions are kept (:mod:`someohje.render.layoutcache`); None: not kept
    layout_cache: LayoutCache | None = field(default=None, compare=False)

    def document_of(self, out: OutputDocument) -> Document:
        """The document an output was made from."""
        if out.document_id and self.collection is not None and out.document_id in self.collection.ids():
            return self.collection.pick(out.document_id)
        return self.document

    def all_documents(self) -> Collection:
        """The collection, or a collection of the one document."""
        if self.collection is not None:
            return self.collection
        doc = self.document
        return Collection(doc.root, doc.organisation, (doc,), (), (doc.id,))


def open_session(
    path: str | Path | None = None,
    options: Options | None = None,
    document: str | None = None,
    *,
    sealed: bool = True,
) -> Session:
    """Resolve a project, load and validate its content (every document's
    sealed stages included, unless ``sealed`` is false: the preview shows a
    broken seal as a warning) and theme. ``document`` picks a document of a
    collection by id (default: the first)."""
    project = open_project(path)
    collection = load_collection(project.root)
    if sealed:
        check_seals(*collection.documents)
    theme = load_theme(project.theme_path)
    return Session(project, collection.pick(document), theme, options or Options(), collection)
