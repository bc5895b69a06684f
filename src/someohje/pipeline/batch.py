"""Every output document in every requested format, as bytes.

The PDF's layout decides whether a document is long enough for a table of
contents and on which pages its headings fall; the other formats are
rendered from the document as the PDF laid it out, so all three agree. PDFs
lay out in worker processes (:mod:`.workers`) while this process renders
the rest.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..tree import OutputDocument
from . import workers
from .formats import file_name, renderer, warm_pdf
from .session import Session

#: the formats whose table of contents follows the PDF's layout
LAID_OUT = {"html", "docx"}


def laid_out(doc: OutputDocument, session: Session) -> OutputDocument:
    """``doc`` as its PDF lays it out: with a table of contents, and the
    page of each entry, if it runs to more than three pages."""
    from ..render.pdf import plan

    return plan(doc, session)


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
    collection); this process prepares their HTML meanwhile. With a layout
    cache in the session (:mod:`someohje.render.layoutcache`) an unchanged
    text is laid out once, or not at all for the other formats alone, and
    when it holds every text's layout the other formats render here while
    the PDFs lay out (again afterwards, should a layout come out otherwise);
    the new entries, the workers' too, are then held in it, to be written
    with the outputs. The bytes are the same either way."""
    from ..render.pdf import cached_plan, prepare

    others = [name for name in formats if name != "pdf"]
    if "pdf" not in formats:
        if not set(others) & LAID_OUT:  # Akoma Ntoso has no pages: nothing to lay out
            return _render_formats(session, docs, others, out_dir)
        return _render_formats(session, [laid_out(doc, session) for doc in docs], others, out_dir)
    pool = _pdf_pool(len(docs), bool(others))
    if not pool:
        alone, laid, _ = _render_pdfs(session, docs, out_dir)
        return {**_render_formats(session, laid, others, out_dir), **alone}
    try:  # the PDFs' HTML is made here while the workers still import WeasyPrint
        prepared = [prepare(doc, session) for doc in docs]
        groups = shares([len(p) for p in prepared], len(pool))
        for worker, share in zip(pool, groups, strict=True):
            worker.submit(_render_pdfs, session, [docs[i] for i in share], out_dir, [prepared[i] for i in share])
        early = [d for d in (cached_plan(doc, session, html) for doc, html in zip(docs, prepared, strict=True)) if d]
        ahead = _render_formats(session, early, others, out_dir) if len(early) == len(docs) else None
        results = [worker.result() for worker in pool]
    except BaseException:
        for worker in pool:
            worker.cancel()
        raise
    pdfs: dict[Path, bytes] = {}
    planned: dict[int, OutputDocument] = {}
    for share, (files, laid, kept) in zip(groups, results, strict=True):
        pdfs.update(files)
        planned.update(zip(share, laid, strict=True))
        if session.layout_cache is not None:
            session.layout_cache.adopt(kept)
    in_order = [planned[i] for i in range(len(docs))]
    if ahead is not None and early == in_order:  # the PDFs laid out as the cache said
        return {**ahead, **pdfs}
    return {**_render_formats(session, in_order, others, out_dir), **pdfs}


def _pdf_pool(count: int, others: bool) -> list[workers.Worker]:
    """The PDF workers for ``count`` documents: the prestarted one, else one
    when other formats are asked for too, and more up to one per core."""
    pool = [w for w in (workers.take("pdf"),) if w is not None]
    if not workers.can_fork():
        return pool
    wanted = min(count, os.cpu_count() or 1) if count > 1 else int(bool(pool) or others)
    while len(pool) < wanted:
        pool.append(workers.Worker(warm_pdf))
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
) -> tuple[dict[Path, bytes], list[OutputDocument], dict[str, bytes]]:
    """Every document's PDF, each document as its PDF lays it out, and the
    layout cache's entries held (for a worker to hand back); the archival
    variant is written beside the tagged PDF, never instead of it (the index
    and the web page link the tagged one)."""
    from ..render.pdf import render_planned as render

    files: dict[Path, bytes] = {}
    planned: list[OutputDocument] = []
    variants = [session]
    if session.options.pdf_variant == "archival":
        variants.append(replace(session, options=replace(session.options, pdf_variant="tagged")))
    for i, doc in enumerate(docs):
        for each in variants:
            data, laid_out = render(doc, each, prepared[i] if prepared else None)
            files[out_dir / file_name(doc, "pdf", each.options)] = data
        planned.append(laid_out)
    return files, planned, dict(session.layout_cache.kept) if session.layout_cache is not None else {}


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
