"""From output documents to bytes in each requested format.

Formats are registered by name; a format's renderer is imported only when
asked for, so ``check`` and an HTML-only build never import WeasyPrint.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import workers
from .collection import Collection, load_collection
from .formats import FORMATS, unknown_format
from .links import resolve_links
from .model import Document
from .project import Project, open_project
from .seals import check_seals
from .theme import Theme, load_theme
from .tree import OutputDocument


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


Renderer = Callable[[OutputDocument, Session], bytes]


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


def renderer(name: str) -> Renderer:
    """The render function of a format, imported on first use; an unknown
    name is a :class:`~someohje.errors.UsageError` listing the formats."""
    if name not in FORMATS:
        raise unknown_format(name)
    module, func = FORMATS[name]
    result: Renderer = getattr(importlib.import_module(module), func)
    return result


def render_all(
    session: Session, docs: Sequence[OutputDocument], formats: Sequence[str], out_dir: Path
) -> dict[Path, bytes]:
    """Render every document in every format, in memory (nothing is written).

    PDFs lay out in worker processes (:mod:`someohje.workers`): the one
    prestarted, or one forked when other formats render here meanwhile, plus
    one more per core while there are PDFs to share out (a meeting package,
    a collection). The bytes are the same either way."""
    others = [name for name in formats if name != "pdf"]
    pool = _pdf_pool(len(docs), bool(others)) if "pdf" in formats else []
    if not pool:
        return _render_formats(session, docs, formats, out_dir)
    try:  # the PDFs' HTML is made here while the workers still import WeasyPrint
        prepare = importlib.import_module(FORMATS["pdf"][0]).prepare
        collection = session.all_documents()
        prepared = [prepare(resolve_links(doc, collection, "pdf"), session) for doc in docs]
        for worker, share in zip(pool, shares([len(p) for p in prepared], len(pool)), strict=True):
            picked = [docs[i] for i in share], [prepared[i] for i in share]
            worker.submit(_render_formats, session, picked[0], ["pdf"], out_dir, picked[1])
        files = _render_formats(session, docs, others, out_dir)
        for worker in pool:
            files.update(worker.result())
    except BaseException:
        for worker in pool:
            worker.cancel()
        raise
    return files


def _pdf_pool(count: int, others: bool) -> list[workers.Worker]:
    """The PDF workers for ``count`` documents: the prestarted one, else one
    when other formats render meanwhile, and more up to one per core."""
    pool = [w for w in (workers.take("pdf"),) if w is not None]
    if not workers.can_fork():
        return pool
    wanted = min(count, os.cpu_count() or 1) if count > 1 else int(bool(pool) or others)
    while len(pool) < wanted:
        pool.append(workers.Worker([FORMATS["pdf"][0]]))
    return pool


def shares(weights: Sequence[int], n: int) -> list[list[int]]:
    """Split item indexes into ``n`` groups of about equal total weight
    (heaviest first, each to the lightest group), each group in item order."""
    groups: list[list[int]] = [[] for _ in range(n)]
    totals = [0] * n
    for i in sorted(range(len(weights)), key=lambda i: -weights[i]):
        lightest = totals.index(min(totals))
        groups[lightest].append(i)
        totals[lightest] += weights[i]
    return [sorted(g) for g in groups]


def _render_formats(
    session: Session,
    docs: Sequence[OutputDocument],
    formats: Sequence[str],
    out_dir: Path,
    prepared: Sequence[object] = (),
) -> dict[Path, bytes]:
    """Render ``docs`` in ``formats`` here; ``prepared`` holds the renderer's
    ``prepare`` result for each document, when made beforehand."""
    files: dict[Path, bytes] = {}
    collection = session.all_documents()
    for name in formats:
        render = renderer(name)
        for i, doc in enumerate(docs):
            extra = (prepared[i],) if prepared else ()
            linked = resolve_links(doc, collection, name)
            files[out_dir / f"{doc.file_stem}.{name}"] = render(linked, session, *extra)
    return files
