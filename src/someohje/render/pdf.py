"""The ``pdf`` output format: the HTML page laid out by WeasyPrint.

The PDF is rendered from the same HTML as the web page (same tree, same
templates), with the shipped Liberation Sans fonts embedded through
``@font-face`` and every resource read through the confined fetcher
(:mod:`someohje.fetcher`). Three variants (:attr:`Options.pdf_variant`):

``tagged`` (default)
    PDF/UA-1: tagged structure (real H1-H3, lists, tables), language,
    document title shown in the viewer's title bar.
``archival``
    PDF/A-3a (PDF/A-3 *and* tagged), with the decision metadata embedded as
    ``metadata.json`` (AFRelationship ``/Data``) and the diary number as the
    XMP ``dc:identifier``; it declares PDF/UA-1 too, its XMP is uncompressed,
    and its file name ends ``-arkisto.pdf``.
``plain``
    An untagged PDF with the same look and metadata.

Two renders of the same input are byte-identical: the PDF dates come from the
document's metadata date (the decision date), the archival file's trailer
``/ID`` is a hash of its content (the others need none), and nothing reads
the clock.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import SubElement, fromstring, register_namespace, tostring

from .. import tree
from ..archival import ATTACHMENT_NAME, metadata_json
from ..errors import ContentError, Problem, problem
from ..hyphenation import hyphenated, keep_whole, overlong_runs
from ..project import FONTS_DIR
from .artifacts import mark_pagination
from .html import FONT_FILES, render_html

if TYPE_CHECKING:
    from ..fetcher import ConfinedFetcher
    from ..pipeline import Session

#: Options.pdf_variant -> WeasyPrint's pdf_variant (None: no variant, untagged)
WEASYPRINT_VARIANTS: dict[str, str | None] = {"tagged": "pdf/ua-1", "archival": "pdf/a-3a", "plain": None}
#: What a worker process imports ahead of the job (:mod:`someohje.workers`):
#: this module loads WeasyPrint only when it lays a PDF out.
PRELOAD = ("weasyprint", "someohje.fetcher")
MAX_PASSES = 3  #: layouts at most: the first, and two with words kept whole


def render(doc: tree.OutputDocument, session: Session, prepared: bytes | None = None) -> bytes:
    """Render ``doc`` as a PDF in the variant ``session.options.pdf_variant``.

    ``prepared`` is :func:`prepare`'s result for the same document and
    session, if it was made beforehand (the pipeline makes it in one process
    and lays the PDF out in another); ``None`` makes it here. Raises
    :class:`ContentError` when the document needs a resource outside the
    project (the fetcher refused it) or the variant is unknown.
    """

    from ..fetcher import ConfinedFetcher, ResourceRefused

    variant = session.options.pdf_variant
    if variant not in WEASYPRINT_VARIANTS:
        raise ContentError([_variant_problem(variant)])
    html = prepared if prepared is not None else prepare(doc, session)
    fetcher = ConfinedFetcher(session.project.resource_roots())
    options: dict[str, Any] = {"pdf_variant": WEASYPRINT_VARIANTS[variant]}  # PDF/A adds a content-hash /ID
    if variant == "archival":
        options["attachments"] = [_attachment(doc, session, fetcher)]
    try:
        text = html.decode("utf-8")
        document = _layout(text, session, fetcher, options)
        for _ in range(MAX_PASSES - 1):  # fewer hyphenated lines in a row: those words stay whole
            words = overlong_runs(laid_out_lines(document))
            if not words:
                break
            text = keep_whole(text, words)
            document = _layout(text, session, fetcher, options)
        document.metadata = _metadata(document.metadata, doc.metadata)
        data: bytes = document.write_pdf(finisher=_finish, **options)
    except ResourceRefused as refused:
        raise ContentError([refused.problem()]) from None
    fetcher.check()
    return data


def _layout(html: str, session: Session, fetcher: ConfinedFetcher, options: dict[str, Any]) -> Any:
    from weasyprint import HTML

    base = session.project.content.as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=fetcher).render(**options)


def laid_out_lines(document: Any) -> list[list[str]]:
    """The text of every laid-out line, grouped by the block they fill."""
    from weasyprint.formatting_structure import boxes

    blocks: list[list[str]] = []

    def text(box: Any) -> str:
        if isinstance(box, boxes.TextBox):
            return str(box.text)
        return "".join(text(child) for child in getattr(box, "children", ()))

    def walk(box: Any) -> None:
        lines = [text(child) for child in getattr(box, "children", ()) if isinstance(child, boxes.LineBox)]
        if lines:
            blocks.append(lines)
        for child in getattr(box, "children", ()):
            if not isinstance(child, boxes.LineBox):
                walk(child)

    for page in document.pages:
        walk(page._page_box)
    return blocks


def prepare(doc: tree.OutputDocument, session: Session) -> bytes:
    """The HTML the PDF is laid out from: the page of :mod:`.html` with the
    shipped fonts as ``@font-face`` URLs and Finnish soft hyphens in the text.
    Needs no WeasyPrint.

    Standalone: the ``weasyprint`` command renders it alike, given the
    content folder as base URL (the benchmark does exactly that)."""
    logo = session.theme.logo.as_uri() if session.theme.logo else ""
    return render_html(
        hyphenated(doc),
        session.theme,
        session.project.template_dirs,
        font_urls=font_urls(),
        logo_src=logo,
        paged=True,
    )


def font_urls() -> dict[str, str]:
    """The four faces of the shipped font as ``file:`` URLs."""
    return {face: (FONTS_DIR / name).as_uri() for face, name in FONT_FILES.items()}


def _variant_problem(variant: str) -> Problem:
    choices = ", ".join(WEASYPRINT_VARIANTS)
    return problem("--pdf-variant", 0, f"unknown PDF variant '{variant}' (choose from {choices})")


# --- metadata ------------------------------------------------------------------

#: The namespaces of a PDF/A extension schema, by the prefixes PDF/A requires.
EXTENSION_NS = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
#: ``pdfuaid:part`` 1 and the PDF/A extension schema that declares it (PDF/A
#: accepts only XMP properties of predefined or declared schemas).
PDFUA_IN_PDFA = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<rdf:Description rdf:about=""><pdfuaid:part>1</pdfuaid:part></rdf:Description>
<rdf:Description rdf:about=""><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
</rdf:RDF>"""


@cache
def _metadata_class() -> type:
    """WeasyPrint's metadata plus the XMP fields it does not write itself:
    ``dc:identifier`` (the diary number), ``dc:language`` and ``dc:subject``
    (made on first use: WeasyPrint is imported only to lay a PDF out)."""
    from weasyprint.pdf.metadata import NS, DocumentMetadata

    for prefix, uri in EXTENSION_NS.items():  # PDF/A requires these very prefixes
        register_namespace(prefix, uri)

    def rdf(name: str) -> str:
        return f"{{{NS['rdf']}}}{name}"

    class XMPMetadata(DocumentMetadata):  # type: ignore[misc]
        identifier: str = ""
        language: str = ""
        subjects: tuple[str, ...] = ()

        def include_in_pdf(self, pdf: Any, variant: str, version: int, conformance: str | None, compress: bool) -> None:
            # PDF/A wants the XMP readable without a filter
            super().include_in_pdf(pdf, variant, version, conformance, compress and variant != "a")

        def generate_rdf_metadata(self, variant: str, version: int, conformance: str | None) -> bytes:
            root = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            if variant == "a":  # the archival PDF is tagged to PDF/UA-1 too: say so, with the schema PDF/A needs
                root.extend(fromstring(PDFUA_IN_PDFA))
            about = SubElement(root, rdf("Description"), {rdf("about"): ""})
            if self.identifier:
                SubElement(about, f"{{{NS['dc']}}}identifier").text = self.identifier
            for name, values in (("language", (self.language,)), ("subject", self.subjects)):
                items = [v for v in values if v]
                if items:
                    bag = SubElement(SubElement(about, f"{{{NS['dc']}}}{name}"), rdf("Bag"))
                    for value in items:
                        SubElement(bag, rdf("li")).text = value
            result: bytes = tostring(root, encoding="utf-8")
            return result

    return XMPMetadata


def _metadata(found: Any, meta: tree.Metadata) -> Any:
    """WeasyPrint's metadata (read from the HTML ``<meta>`` tags) with the
    dates pinned to the document's date and the extra XMP fields."""
    result = _metadata_class()(
        title=found.title,
        authors=found.authors,
        description=found.description,
        keywords=list(meta.keywords),
        generator=found.generator,
        created=meta.date.isoformat(),
        modified=meta.date.isoformat(),
        attachments=found.attachments,
        lang=meta.language,
        custom=found.custom,
        xmp_metadata=found.xmp_metadata,
    )
    result.identifier = meta.identifier
    result.language = meta.language
    result.subjects = meta.keywords
    return result


def _finish(document: Any, pdf: Any) -> None:
    """Last touches before the trailer: the running header and footer become
    ``/Artifact /Pagination`` (:mod:`.artifacts`), and each embedded file is
    listed once in the catalog's ``/AF`` (WeasyPrint's PDF/A code adds it
    from two places)."""
    mark_pagination(pdf)
    files = pdf.catalog.get("AF")
    if files:
        unique = list(dict.fromkeys(files))
        files.clear()
        files.extend(unique)


def _attachment(doc: tree.OutputDocument, session: Session, fetcher: ConfinedFetcher) -> Any:
    """The decision metadata as an embedded ``metadata.json`` (PDF/A-3 ``/Data``)."""
    from weasyprint import Attachment

    when = dt.datetime.combine(doc.metadata.date, dt.time(), tzinfo=dt.UTC)
    return Attachment(
        string=metadata_json(session.document, doc),
        url_fetcher=fetcher,
        name=ATTACHMENT_NAME,
        description=f"Päätöstiedot (asia {doc.diary_number})",
        created=when,
        modified=when,
        relationship="Data",
    )
