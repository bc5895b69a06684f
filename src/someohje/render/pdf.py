"""The ``pdf`` output format: the HTML page laid out by WeasyPrint.

The PDF is rendered from the same HTML as the web page (same tree, same
templates), with the shipped Liberation Sans fonts embedded through
``@font-face`` and every resource read through the confined fetcher
(:mod:`someohje.render.fetcher`). Three variants (:attr:`Options.pdf_variant`):

``tagged`` (default)
    PDF/UA-1: tagged structure (real H1-H3, lists, tables), language,
    document title shown in the viewer's title bar.
``archival``
    PDF/A-3a (PDF/A-3 *and* tagged), with the decision metadata embedded as
    ``metadata.json`` (AFRelationship ``/Data``) and the diary number as the
    XMP ``dc:identifier``; it declares PDF/UA-1 too, its XMP is uncompressed,
    and its file name ends ``-arkisto.pdf``. A document's text also embeds
    its Akoma Ntoso XML as ``akomantoso.xml`` (:mod:`.akn`).
``plain``
    An untagged PDF with the same look and metadata.

Two renders of the same input are byte-identical: the PDF has no creation or
modification date (the decision date is in the XMP under a name that says
what it is, :mod:`.xmp`), the archival file's trailer ``/ID`` is a hash of
its content (the others need none), and nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Any

from .. import tree
from ..content.project import FONTS_DIR
from ..document.links import resolve_links
from ..errors import ContentError, Problem, problem
from ..messages import gettext as _
from . import contents, layoutcache
from .archival import ATTACHMENT_NAME, metadata_json
from .artifacts import mark_pagination
from .contents import with_contents, without_contents
from .html import FONT_FILES, render_html
from .hyphenation import hyphenated, hyphenation_language, keep_whole, words_to_keep_whole
from .signature_field import make_signature_field
from .xmp import pdf_metadata

if TYPE_CHECKING:
    from ..pipeline.session import Session
    from .fetcher import ConfinedFetcher

#: Options.pdf_variant -> WeasyPrint's pdf_variant (None: no variant, untagged)
WEASYPRINT_VARIANTS: dict[str, str | None] = {"tagged": "pdf/ua-1", "archival": "pdf/a-3a", "plain": None}
#: What a worker process imports ahead of the job (:mod:`someohje.pipeline.workers`):
#: this module loads WeasyPrint only when it lays a PDF out.
MAX_PASSES = 3  #: layouts at most: the first, and two with words kept whole


def render(doc: tree.OutputDocument, session: Session, prepared: bytes | None = None) -> bytes:
    """Render ``doc`` as a PDF in the variant ``session.options.pdf_variant``.

    ``prepared`` is :func:`prepare`'s result for the same document and
    session, if it was made beforehand (the pipeline makes it in one process
    and lays the PDF out in another); ``None`` makes it here. Raises
    :class:`ContentError` when the document needs a resource outside the
    project (the fetcher refused it) or the variant is unknown.
    """
    return render_planned(doc, session, prepared)[0]


def render_planned(
    doc: tree.OutputDocument, session: Session, prepared: bytes | None = None
) -> tuple[bytes, tree.OutputDocument]:
    """:func:`render`, and ``doc`` as the PDF lays it out: with its table of
    contents (and each entry's page) if it is long, without if not. The
    build gives the other formats this document, so all three agree."""
    from .fetcher import ConfinedFetcher, ResourceRefused

    variant = session.options.pdf_variant
    if variant not in WEASYPRINT_VARIANTS:
        raise ContentError([_variant_problem(variant)])
    fetcher = ConfinedFetcher(session.project.resource_roots())
    # PDF/A adds a content-hash /ID; forms: an extract's signature field (:mod:`.signature_field`)
    options: dict[str, Any] = {"pdf_variant": WEASYPRINT_VARIANTS[variant], "pdf_forms": True}
    if variant == "archival":
        options["attachments"] = [_attachment(doc, session, fetcher), *_akn_attachment(doc, session, fetcher)]
    base = session.project.content.as_uri() + "/"
    try:
        document, planned = lay_out(doc, session, fetcher, options, prepared)
        _relative_links(document, base)
        document.metadata = pdf_metadata(document.metadata, doc.metadata)
        data: bytes = unambiguous_xref_end(
            document.write_pdf(finisher=partial(_finish, tooltip=doc.words("certify.tooltip")), **options)
        )
    except ResourceRefused as refused:
        raise ContentError([refused.problem()]) from None
    fetcher.check()
    return data, planned


def unambiguous_xref_end(data: bytes) -> bytes:
    """``data`` with one more end-of-line byte before the cross-reference
    stream's ``endstream`` when its compressed data happens to end in a CR:
    pydyf writes ``\n`` after the data, and the CR LF pair then reads as
    the end of line, one byte short of ``/Length`` (PDF/A checkers reject
    that). The stream is the file's last object: no offset moves."""
    tail = data.rindex(b"startxref")
    start = int(data[tail + len(b"startxref") :].split()[0])
    end = data.find(b"\r\nendstream", start, tail)
    return data if end < 0 else data[:end] + b"\r" + data[end:]


def plan(doc: tree.OutputDocument, session: Session) -> tree.OutputDocument:
    """``doc`` as the PDF would lay it out (table of contents decided, pages
    known), without writing a PDF: for a build of the other formats alone.
    Taken from the layout cache (:mod:`.layoutcache`) when it holds this
    text's layout; laid out (and kept there) when not."""
    options: dict[str, Any] = {"pdf_variant": WEASYPRINT_VARIANTS["tagged"]}
    prepared = prepare(doc, session)
    cached = _cached(session, layoutcache.key(prepared.decode("utf-8"), options))
    if cached is not None:
        return _planned(doc, cached)
    from .fetcher import ConfinedFetcher  # WeasyPrint: only for a layout

    fetcher = ConfinedFetcher(session.project.resource_roots())
    try:
        return lay_out(doc, session, fetcher, options, prepared)[1]
    finally:
        fetcher.check()


def cached_plan(doc: tree.OutputDocument, session: Session, prepared: bytes) -> tree.OutputDocument | None:
    """``doc`` as the layout cache says its PDF lays out in the session's
    variant (``prepared``: :func:`prepare`'s HTML for it), without laying
    anything out; ``None`` when the cache does not hold this text's layout.
    The other formats render from it while the PDF is laid out; the layout
    itself may still come out otherwise (then :func:`lay_out` says so)."""
    variant = WEASYPRINT_VARIANTS.get(session.options.pdf_variant)
    if variant is None:
        return None
    cached = _cached(session, layoutcache.key(prepared.decode("utf-8"), {"pdf_variant": variant}))
    return _planned(doc, cached) if cached is not None else None


def lay_out(
    doc: tree.OutputDocument,
    session: Session,
    fetcher: ConfinedFetcher,
    options: dict[str, Any],
    prepared: bytes | None,
) -> tuple[Any, tree.OutputDocument]:
    """WeasyPrint's layout of ``doc`` and the document it lays out.

    Laid out first with a table of contents; a document that then fits in
    one page more than :data:`~someohje.render.contents.MAX_PAGES_WITHOUT` is laid
    out again without it, and keeps it only if it is still longer. Then no
    more than two lines in a row may end in a hyphen, nor a page (see
    :mod:`someohje.render.hyphenation`): the words that break that are kept whole
    and the document laid out again (:data:`MAX_PASSES` layouts at most).

    When the layout cache (:mod:`.layoutcache`) holds those decisions for
    this text, the document is laid out once, the final way; a layout that
    does not come out as the entry says is done again the whole way."""
    text = (prepared or prepare(doc, session)).decode("utf-8")
    name = layoutcache.key(text, options)
    cached = _cached(session, name)
    if cached is not None:
        final = text if cached.contents else prepare(doc, session, with_toc=False).decode("utf-8")
        language = hyphenation_language(doc.metadata.language)
        document = _layout(keep_whole(final, set(cached.whole), language), session, fetcher, options)
        if not cached.contents or anchor_pages(document) == cached.pages:
            return document, _planned(doc, cached)
    document, planned, whole = _decide(doc, session, fetcher, options, text)
    files = layoutcache.digests(fetcher.served) if not fetcher.refused else None
    if files is not None and session.layout_cache is not None:
        pages = anchor_pages(document) if planned.contents else {}
        session.layout_cache.keep(name, layoutcache.Layout(bool(planned.contents), pages, whole, files))
    return document, planned


def _decide(
    doc: tree.OutputDocument, session: Session, fetcher: ConfinedFetcher, options: dict[str, Any], text: str
) -> tuple[Any, tree.OutputDocument, tuple[str, ...]]:
    """The layout decisions made the whole way (see :func:`lay_out`): the
    final layout, the document it lays out and the words kept whole."""
    planned = with_contents(doc) if contents.entries(doc) else without_contents(doc)
    document = _layout(text, session, fetcher, options)
    if planned.contents and len(document.pages) <= contents.MAX_PAGES_WITHOUT + 1:
        short_text = prepare(doc, session, with_toc=False).decode("utf-8")
        short = _layout(short_text, session, fetcher, options)
        if len(short.pages) <= contents.MAX_PAGES_WITHOUT:
            planned, text, document = without_contents(doc), short_text, short
    whole: set[str] = set()
    for _pass in range(MAX_PASSES - 1):
        words = words_to_keep_whole(laid_out_lines(document), text)
        if not words:
            break
        whole |= words
        text = keep_whole(text, words, hyphenation_language(doc.metadata.language))
        document = _layout(text, session, fetcher, options)
    if planned.contents:
        planned = with_contents(doc, anchor_pages(document))
    return document, planned, tuple(sorted(whole))


def _cached(session: Session, name: str) -> layoutcache.Layout | None:
    """The layout ``name`` from the session's layout cache, if it has one that holds it."""
    return session.layout_cache.load(name) if session.layout_cache is not None else None


def _planned(doc: tree.OutputDocument, layout: layoutcache.Layout) -> tree.OutputDocument:
    """``doc`` as ``layout`` decided it: with its table of contents and pages, or without."""
    return with_contents(doc, layout.pages) if layout.contents else without_contents(doc)


def anchor_pages(document: Any) -> dict[str, int]:
    """The page (from 1) each anchor of the laid-out document is on."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _layout(html: str, session: Session, fetcher: ConfinedFetcher, options: dict[str, Any]) -> Any:
    from weasyprint import HTML

    base = session.project.content.as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=fetcher).render(**options)


def laid_out_lines(document: Any) -> list[list[list[str]]]:
    """The text of every laid-out line of the body (not the page margins),
    page by page, grouped by the block they fill."""
    from weasyprint.formatting_structure import boxes

    def text(box: Any) -> str:
        if isinstance(box, boxes.TextBox):
            return str(box.text)
        return "".join(text(child) for child in getattr(box, "children", ()))

    def walk(box: Any, out: list[list[str]]) -> None:
        lines = [text(child) for child in getattr(box, "children", ()) if isinstance(child, boxes.LineBox)]
        if lines:
            out.append(lines)
        for child in getattr(box, "children", ()):
            if not isinstance(child, boxes.LineBox | boxes.MarginBox):
                walk(child, out)

    pages: list[list[list[str]]] = []
    for page in document.pages:
        pages.append([])
        walk(page._page_box, pages[-1])
    return pages


def prepare(doc: tree.OutputDocument, session: Session, *, with_toc: bool = True) -> bytes:
    """The HTML the PDF is laid out from: the page of :mod:`.html` with the
    shipped fonts as ``@font-face`` URLs, Finnish soft hyphens in the text
    and, with ``with_toc``, a table of contents whose page numbers
    WeasyPrint fills in. Needs no WeasyPrint.

    Standalone: the ``weasyprint`` command renders it alike, given the
    content folder as base URL (the benchmark does exactly that)."""
    logo = session.theme.logo.as_uri() if session.theme.logo else ""
    doc = resolve_links(doc, session.all_documents(), "pdf")
    doc = with_contents(doc) if with_toc else without_contents(doc)
    return render_html(
        hyphenated(doc),
        session.theme,
        session.project.template_dirs,
        font_urls=font_urls(),
        logo_src=logo,
        paged=True,
    )


def _relative_links(document: Any, base: str) -> None:
    """Keep links to sibling files (another document of the collection,
    ``index.html``) relative, as they were written: WeasyPrint made them
    absolute against the content folder, which would put this machine's
    paths into the PDF."""
    for page in document.pages:
        page.links = [
            (kind, target[len(base) :], *rest)
            if kind == "external" and target.startswith(base)
            else (kind, target, *rest)
            for kind, target, *rest in page.links
        ]


def font_urls() -> dict[str, str]:
    """The four faces of the shipped font as ``file:`` URLs."""
    return {face: (FONTS_DIR / name).as_uri() for face, name in FONT_FILES.items()}


def _variant_problem(variant: str) -> Problem:
    choices = ", ".join(WEASYPRINT_VARIANTS)
    return problem(
        "--pdf-variant",
        0,
        _("unknown PDF variant '{variant}' (choose from {choices})").format(variant=variant, choices=choices),
    )


def _finish(document: Any, pdf: Any, *, tooltip: str) -> None:
    """Last touches before the trailer: the running header and footer become
    ``/Artifact /Pagination`` (:mod:`.artifacts`), each passage in another
    language gets its ``/Lang`` (:mod:`.pdf_languages`), an extract's signature
    line becomes an empty signature field, and each embedded file is
    listed once in the catalog's ``/AF`` (WeasyPrint's PDF/A code adds it
    from two places), and an embedded file's dates go (:mod:`.xmp`)."""
    from .pdf_languages import mark_languages  # WeasyPrint's: only once a PDF is written

    mark_pagination(pdf)
    mark_languages(document, pdf)
    for obj in pdf.objects:  # an embedded file has no file dates either (WeasyPrint insists on writing them)
        params = getattr(obj, "extra", {}).get("Params") if getattr(obj, "extra", None) is not None else None
        if params is not None and obj.extra.get("Type") == "/EmbeddedFile":
            params.pop("CreationDate", None)
            params.pop("ModDate", None)
    make_signature_field(pdf, tooltip)
    files = pdf.catalog.get("AF")
    if files:
        unique = list(dict.fromkeys(files))
        files.clear()
        files.extend(unique)


def _attachment(doc: tree.OutputDocument, session: Session, fetcher: ConfinedFetcher) -> Any:
    """The decision metadata as an embedded ``metadata.json`` (PDF/A-3 ``/Data``)."""
    from weasyprint import Attachment

    date = doc.metadata.date
    when = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC) if date else None
    return Attachment(
        string=metadata_json(session.document_of(doc), doc),
        url_fetcher=fetcher,
        name=ATTACHMENT_NAME,
        description=doc.words("pdf.decision_data", diary=doc.diary_number),
        created=when,
        modified=when,
        relationship="Data",
    )


AKN_ATTACHMENT_NAME = "akomantoso.xml"


def _akn_attachment(doc: tree.OutputDocument, session: Session, fetcher: ConfinedFetcher) -> list[Any]:
    """The text as Akoma Ntoso (:mod:`.akn`), embedded beside ``metadata.json``
    (PDF/A-3 ``/Alternative``: the same text in a form legal-document
    systems read); nothing for an output that is not a document's text."""
    from weasyprint import Attachment

    from .akn import akn_xml, has_akn

    if not has_akn(doc):
        return []
    date = doc.metadata.date
    when = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC) if date else None
    return [
        Attachment(
            string=akn_xml(session.document_of(doc), doc),
            url_fetcher=fetcher,
            name=AKN_ATTACHMENT_NAME,
            description=f"Teksti Akoma Ntoso 3.0 -muodossa (asia {doc.diary_number})",
            created=when,
            modified=when,
            relationship="Alternative",
        )
    ]
