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

from ..content.project import Project, open_project
from ..content.project_file import Collection, load_collection
from ..content.theme import Theme, load_theme
from ..model import Document
from ..record.seals import check_seals
from ..tree import OutputDocument
from . import workers
from .formats import FORMATS, unknown_format


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


def laid_out(doc: OutputDocument, session: Session) -> OutputDocument:
    """``doc`` as its PDF lays it out: with a table of contents, and the
    page of each entry, if it runs to more than three pages."""
    result: OutputDocument = importlib.import_module(FORMATS["pdf"][0]).plan(doc, session)
    return result


def render_all(
    session: Session, docs: Sequence[OutputDocument], formats: Sequence[str], out_dir: Path
) -> dict[Path, bytes]:
    """Render every document in every requested format, in memory (nothing is written).

    The PDF's layout decides whether a document is long enough for a table
    of contents and on which pages its headings fall
    (:func:`someohje.render.pdf.render_planned`); the other formats are
    rendered from the document as the PDF laid it out, so all three agree.
    Without a PDF in ``formats`` the document is laid out all the same. PDFs
    lay out in worker processes (:mod:`someohje.pipeline.workers`): the one
    prestarted, or one forked when other formats are asked for too, plus one
    more per core while there are PDFs to share out (a meeting package, a
    collection); this process prepares their HTML meanwhile. The bytes are
    the same either way."""
    pdf = importlib.import_module(FORMATS["pdf"][0])
    others = [name for name in formats if name != "pdf"]
    if "pdf" not in formats:
        return _render_formats(session, [laid_out(doc, session) for doc in docs], others, out_dir)
    pool = _pdf_pool(len(docs), bool(others))
    if not pool:
        alone, laid = _render_pdfs(session, docs, out_dir)
        return {**_render_formats(session, laid, others, out_dir), **alone}
    try:  # the PDFs' HTML is made here while the workers still import WeasyPrint
        prepared = [pdf.prepare(doc, session) for doc in docs]
        groups = shares([len(p) for p in prepared], len(pool))
        for worker, share in zip(pool, groups, strict=True):
            worker.submit(_render_pdfs, session, [docs[i] for i in share], out_dir, [prepared[i] for i in share])
        results = [worker.result() for worker in pool]
    except BaseException:
        for worker in pool:
            worker.cancel()
        raise
    pdfs: dict[Path, bytes] = {}
    planned: dict[int, OutputDocument] = {}
    for share, (files, laid) in zip(groups, results, strict=True):
        pdfs.update(files)
        planned.update(zip(share, laid, strict=True))
    in_order = [planned[i] for i in range(len(docs))]
    return {**_render_formats(session, in_order, others, out_dir), **pdfs}


def _pdf_pool(count: int, others: bool) -> list[workers.Worker]:
    """The PDF workers for ``count`` documents: the prestarted one, else one
    when other formats are asked for too, and more up to one per core."""
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


def _render_pdfs(
    session: Session, docs: Sequence[OutputDocument], out_dir: Path, prepared: Sequence[bytes] = ()
) -> tuple[dict[Path, bytes], list[OutputDocument]]:
    """Every document's PDF, and each document as its PDF lays it out."""
    render = importlib.import_module(FORMATS["pdf"][0]).render_planned
    files: dict[Path, bytes] = {}
    planned: list[OutputDocument] = []
    for i, doc in enumerate(docs):
        data, laid_out = render(doc, session, prepared[i] if prepared else None)
        files[out_dir / file_name(doc, "pdf", session.options)] = data
        planned.append(laid_out)
    return files, planned


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
    for name in formats:
        render = renderer(name)
        for i, doc in enumerate(docs):
            extra = (prepared[i],) if prepared else ()
            files[out_dir / file_name(doc, name, session.options)] = render(doc, session, *extra)
    return files


#: The file-name suffix of each PDF variant: the archival PDF never replaces the tagged one.
VARIANT_SUFFIX = {"archival": "-arkisto"}


def file_name(doc: OutputDocument, fmt: str, options: Options) -> str:
    """The stable file name of ``doc`` in format ``fmt``, e.g.
    ``…-ohje.pdf``; the archival PDF is ``…-ohje-arkisto.pdf``."""
    suffix = VARIANT_SUFFIX.get(options.pdf_variant, "") if fmt == "pdf" else ""
    return f"{doc.file_stem}{suffix}.{fmt}"
