"""The PDF's metadata: WeasyPrint's Info and XMP, with what it does not write.

A PDF carries no creation or modification date: someohje writes no file
dates (a build is a function of its input, and the decision date is not when
a file was made). The date of the decision the text stands at goes into the
XMP under the DCMI term that says what it is (``dcterms:dateAccepted`` for
an approved text, ``dcterms:dateSubmitted`` for a proposal), with
``dcterms:valid`` for the day a consolidated text is in force on; the
archival PDF declares the terms in a PDF/A extension schema, as PDF/A
requires of any property outside its predefined schemas. Besides:
``dc:identifier`` (the diary number), ``dc:language``, ``dc:subject``.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from xml.etree.ElementTree import SubElement, fromstring, register_namespace, tostring

from .. import tree
from ..content.texts import column

#: The namespaces of a PDF/A extension schema, by the prefixes PDF/A requires.
EXTENSION_NS = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
DCTERMS = "http://purl.org/dc/terms/"
#: The DCMI terms the XMP uses for the document's dates, with what each says.
DATE_TERMS = {  #: the extension schema's words for each date term: (Finnish, Swedish), by the document's language
    "dateAccepted": ("Päätöspäivä: toimielin hyväksyi tekstin", "Beslutsdag: organet godkände texten"),
    "dateSubmitted": (
        "Päätöspäivä: toimielin hyväksyi tekstin esitettäväksi toiselle toimielimelle",
        "Beslutsdag: organet godkände texten för att lägga fram den för ett annat organ",
    ),
    "valid": (
        "Tilannepäivä: päivä, jona voimassa olevan tekstin ajantasainen versio näyttää",
        "Lägesdatum: den dag vars gällande text den uppdaterade versionen visar",
    ),
}

_SCHEMA = """<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>{name}</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{uri}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>{prefix}</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>
</rdf:li>"""
_PROPERTY = """<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>{name}</pdfaProperty:name><pdfaProperty:valueType>{kind}</pdfaProperty:valueType>
<pdfaProperty:category>{category}</pdfaProperty:category>
<pdfaProperty:description>{description}</pdfaProperty:description>
</rdf:li>"""


def _extension(terms: list[str], language: str = "fi-FI") -> str:
    """``pdfuaid:part`` 1 and the PDF/A extension schemas that declare it and
    the DCMI date terms used (PDF/A accepts only XMP properties of
    predefined or declared schemas), in one ``pdfaExtension:schemas`` bag;
    the date terms described in ``language`` (Finnish or Swedish)."""
    pdfua = _SCHEMA.format(
        name="PDF/UA Universal Accessibility Schema",
        uri="http://www.aiim.org/pdfua/ns/id/",
        prefix="pdfuaid",
        properties=_PROPERTY.format(
            name="part", kind="Integer", category="internal", description="Part of ISO 14289 the file conforms to"
        ),
    )
    dates = "".join(
        _PROPERTY.format(name=t, kind="Date", category="external", description=DATE_TERMS[t][column(language)])
        for t in terms
    )
    dcterms = _SCHEMA.format(name="DCMI Metadata Terms", uri=DCTERMS, prefix="dcterms", properties=dates)
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" '
        + " ".join(f'xmlns:{p}="{u}"' for p, u in EXTENSION_NS.items())
        + '><rdf:Description rdf:about=""><pdfuaid:part>1</pdfuaid:part></rdf:Description>'
        '<rdf:Description rdf:about=""><pdfaExtension:schemas><rdf:Bag>'
        + pdfua
        + (dcterms if terms else "")
        + "</rdf:Bag></pdfaExtension:schemas></rdf:Description></rdf:RDF>"
    )


def date_terms(meta: tree.Metadata) -> dict[str, str]:
    """The document's dates by DCMI term, ISO-formatted: the decision's
    (``dateAccepted`` or ``dateSubmitted``) and a consolidated text's ``valid``."""
    out: dict[str, str] = {}
    if meta.date is not None and meta.date_term:
        out[meta.date_term] = meta.date.isoformat()
    if meta.valid is not None:
        out["valid"] = meta.valid.isoformat()
    return out


@cache
def _metadata_class() -> type:
    """WeasyPrint's metadata plus the XMP fields it does not write itself
    (made on first use: WeasyPrint is imported only to lay a PDF out)."""
    from weasyprint.pdf.metadata import NS, DocumentMetadata

    for prefix, uri in {**EXTENSION_NS, "dcterms": DCTERMS}.items():  # PDF/A requires these very prefixes
        register_namespace(prefix, uri)

    def rdf(name: str) -> str:
        return f"{{{NS['rdf']}}}{name}"

    class XMPMetadata(DocumentMetadata):  # type: ignore[misc]
        identifier: str = ""
        language: str = ""
        subjects: tuple[str, ...] = ()
        dates: dict[str, str] = {}  # noqa: RUF012 (set per instance before use)

        def include_in_pdf(self, pdf: Any, variant: str, version: int, conformance: str | None, compress: bool) -> None:
            # PDF/A wants the XMP readable without a filter
            super().include_in_pdf(pdf, variant, version, conformance, compress and variant != "a")

        def generate_rdf_metadata(self, variant: str, version: int, conformance: str | None) -> bytes:
            root = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            if variant == "a":  # the archival PDF is tagged to PDF/UA-1 too: say so, with the schemas PDF/A needs
                root.extend(fromstring(_extension(sorted(self.dates), self.language)))
            about = SubElement(root, rdf("Description"), {rdf("about"): ""})
            if self.identifier:
                SubElement(about, f"{{{NS['dc']}}}identifier").text = self.identifier
            for name, values in (("language", (self.language,)), ("subject", self.subjects)):
                items = [v for v in values if v]
                if items:
                    bag = SubElement(SubElement(about, f"{{{NS['dc']}}}{name}"), rdf("Bag"))
                    for value in items:
                        SubElement(bag, rdf("li")).text = value
            for term, value in sorted(self.dates.items()):
                SubElement(about, f"{{{DCTERMS}}}{term}").text = value
            result: bytes = tostring(root, encoding="utf-8")
            return result

    return XMPMetadata


def pdf_metadata(found: Any, meta: tree.Metadata) -> Any:
    """WeasyPrint's metadata (read from the HTML ``<meta>`` tags) with no
    file dates and the extra XMP fields, from the document's metadata."""
    result = _metadata_class()(
        title=found.title,
        authors=found.authors,
        description=found.description,
        keywords=list(meta.keywords),
        generator=found.generator,
        created=None,
        modified=None,
        attachments=found.attachments,
        lang=meta.language,
        custom=found.custom,
        xmp_metadata=found.xmp_metadata,
    )
    result.identifier = meta.identifier
    result.language = meta.language
    result.subjects = meta.keywords
    result.dates = date_terms(meta)
    return result
