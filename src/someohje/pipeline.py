"""From output documents to bytes in each requested format.

Formats are registered by name; a format's renderer is imported only when
asked for, so ``check`` and an HTML-only build never import WeasyPrint.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import workers
from .formats import FORMATS
from .loader import load
from .model import Document
from .project import Project, open_project
from .theme import Theme, load_theme
from .tree import OutputDocument


@dataclass(frozen=True)
class Options:
    """Rendering options shared by every format."""

    pdf_variant: str = "tagged"  #: tagged (PDF/UA-1), archival (PDF/A-3a + JSON), plain


@dataclass
class Session:
    """A loaded project: the model, the theme and the template folders."""

    project: Project
    document: Document
    theme: Theme
    options: Options = field(default_factory=Options)


Renderer = Callable[[OutputDocument, Session], bytes]


def open_session(path: str | Path | None = None, options: Options | None = None) -> Session:
    """Resolve a project, load and validate its content and theme."""
    project = open_project(path)
    document = load(project.root)
    theme = load_theme(project.theme_path)
    return Session(project, document, theme, options or Options())


def renderer(name: str) -> Renderer:
    """The render function of a format, imported on first use."""
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
    Without a PDF in ``formats`` the document is laid out all the same. The
    PDF renders in a worker process (:mod:`someohje.workers`) when one was
    prestarted, or when other formats are asked for too, while this process
    prepares its HTML. The bytes are the same either way."""
    pdf = importlib.import_module(FORMATS["pdf"][0])
    others = [name for name in formats if name != "pdf"]
    if "pdf" not in formats:
        return _render_formats(session, [laid_out(doc, session) for doc in docs], others, out_dir)
    worker = workers.take("pdf")
    if worker is None and others and workers.can_fork():
        worker = workers.Worker([FORMATS["pdf"][0]])
    if worker is None:
        pdfs, planned = _render_pdfs(session, docs, out_dir)
    else:
        try:  # the PDF's HTML is made here while the worker still imports WeasyPrint
            prepared = [pdf.prepare(doc, session) for doc in docs]
            worker.submit(_render_pdfs, session, docs, out_dir, prepared)
        except BaseException:
            worker.cancel()
            raise
        pdfs, planned = worker.result()
    return {**_render_formats(session, planned, others, out_dir), **pdfs}


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
