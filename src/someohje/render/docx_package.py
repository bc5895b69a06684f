"""The DOCX package around the body: its starting parts and core properties.

Before the tree walk writes the body, the package is made from scratch
out of the theme (:func:`starting_package`: the one A4 section and its
margins, the styles and list definitions of :mod:`.docx_styles`, the
settings, the font table, the extended properties); once the body is
written, :func:`core_properties` gives the values of ``docProps/core.xml``
from the document's metadata. Both depend on the document and the theme
alone.
"""

from __future__ import annotations

import datetime as dt

from ..content.theme import Theme
from ..tree import OutputDocument
from .docx_reference import reference_package
from .docx_styles import list_definitions, theme_styles
from .oxml.coreprops import CoreProperties, custom_xml
from .oxml.numbering import numbering_xml
from .oxml.package import skeleton
from .oxml.parts import app_xml, document_xml, font_table_xml, settings_xml
from .oxml.styles import styles_xml

A4 = (210.0, 297.0)  #: page width and height, mm (SFS 2487: A4 portrait)


def starting_package(doc: OutputDocument, theme: Theme) -> bytes:
    """The DOCX package (zip bytes) python-docx opens to write ``doc`` into.

    An empty A4 body with the theme's margins and header and footer
    distances, every style and list definition of the theme in the
    document's language, the theme's tab stop and font, and the
    organisation as the extended properties' company. Its zip is not yet
    reproducible: :func:`~.oxml.package.reproducible_zip` makes the saved
    document so. With a ``docx_reference`` in the theme, the package is the
    municipality's template instead, emptied and completed
    (:func:`~.docx_reference.reference_package`).
    """
    language = doc.metadata.language
    custom = custom_xml(custom_properties(doc)) if custom_properties(doc) else b""
    if theme.docx_reference is not None:
        return reference_package(theme.docx_reference, theme, language, doc.organisation, custom, doc.words)
    defaults, styles = theme_styles(theme, language, doc.words)
    return skeleton(
        document=document_xml(A4, theme.page_margins),
        styles=styles_xml(defaults, styles),
        numbering=numbering_xml(list_definitions(theme)),
        settings=settings_xml(language, theme.tab),
        fonts=font_table_xml(theme.docx_family),
        app=app_xml(doc.organisation),
        custom=custom,
    )


#: the names of the custom properties, by the DCMI term of the date they hold
DATE_NAMES = {"dateAccepted": "docx.date_accepted", "dateSubmitted": "docx.date_submitted", "valid": "docx.date_valid"}


def custom_properties(doc: OutputDocument) -> list[tuple[str, str | dt.date]]:
    """The document's dates as named custom properties, each named for what
    it is (``Hyväksymispäivä``: the day a body approved the text; a
    consolidated text's ``Tilannepäivä``) with the decision they belong to
    (``Päätös``: ``Kvalt 14.6.2022 § 37``); never a file date."""
    meta, w = doc.metadata, doc.words
    out: list[tuple[str, str | dt.date]] = []
    if meta.decision:
        out.append((w("docx.decision"), meta.decision))
    if meta.date is not None and meta.date_term:
        out.append((w(DATE_NAMES[meta.date_term]), meta.date))
    if meta.valid is not None:
        out.append((w(DATE_NAMES["valid"]), meta.valid))
    return out


def core_properties(doc: OutputDocument) -> CoreProperties:
    """The core properties of ``doc``, from its metadata.

    The document type is the category and the provenance note the
    description; no date (the decision's is a custom property).
    """
    return CoreProperties(
        title=doc.metadata.title,
        subject=doc.metadata.subject,
        keywords=doc.metadata.keywords,
        author=doc.metadata.author,
        language=doc.metadata.language,
        identifier=doc.metadata.identifier,
        category=doc.doc_type,
        description=doc.metadata.description,
    )
