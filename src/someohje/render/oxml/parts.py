"""The small package parts written whole: document, settings, fonts, app.

The starting ``word/document.xml`` (an empty body and its one section: page
size and margins), ``word/settings.xml`` (tab stop, hyphenation, language,
compatibility mode), ``word/fontTable.xml`` and ``docProps/app.xml``; each
is the bytes of one member of the package :mod:`.package` assembles.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from .element import serialise
from .ns import EP_NS, R_NS, W_NS
from .units import twips


def document_xml(page: tuple[float, float], margins: Mapping[str, float]) -> bytes:
    """The ``word/document.xml`` part: an empty body and its one section.

    ``page`` is the page's width and height and ``margins`` maps ``top``,
    ``right``, ``bottom``, ``left``, ``header`` and ``footer`` to distances, all
    in millimetres (a missing key raises KeyError). The gutter is 0 and the
    column spacing Word's default, 708 twips; python-docx adds the content
    before the body's ``w:sectPr``.
    """
    root = etree.Element(qn("w:document"), nsmap={"w": W_NS, "r": R_NS})
    body = etree.SubElement(root, qn("w:body"))
    sect = etree.SubElement(body, qn("w:sectPr"))
    etree.SubElement(sect, qn("w:pgSz"), {qn("w:w"): str(twips(page[0])), qn("w:h"): str(twips(page[1]))})
    mar = {qn(f"w:{k}"): str(twips(margins[k])) for k in ("top", "right", "bottom", "left", "header", "footer")}
    etree.SubElement(sect, qn("w:pgMar"), {**mar, qn("w:gutter"): "0"})
    etree.SubElement(sect, qn("w:cols"), {qn("w:space"): "708"})
    return serialise(root)


def settings_xml(language: str, default_tab: float, *, hyphenate: bool = True) -> bytes:
    """The ``word/settings.xml`` part, children in the schema's order.

    A default tab stop every ``default_tab`` mm, automatic hyphenation unless
    ``hyphenate`` is false, no compression of East Asian punctuation, Word
    2013+ layout (``compatibilityMode`` 15) and ``language`` as the theme font
    language. The order matters: Word refuses a settings part out of order.
    """
    root = etree.Element(qn("w:settings"), nsmap={"w": W_NS})
    # children in the schema's order (Word refuses a settings part out of order)
    etree.SubElement(root, qn("w:defaultTabStop"), {qn("w:val"): str(twips(default_tab))})
    if hyphenate:
        etree.SubElement(root, qn("w:autoHyphenation"))
    etree.SubElement(root, qn("w:characterSpacingControl"), {qn("w:val"): "doNotCompress"})
    compat = etree.SubElement(root, qn("w:compat"))
    etree.SubElement(
        compat,
        qn("w:compatSetting"),
        {
            qn("w:name"): "compatibilityMode",
            qn("w:uri"): "http://schemas.microsoft.com/office/word",
            qn("w:val"): "15",
        },
    )
    etree.SubElement(root, qn("w:themeFontLang"), {qn("w:val"): language})
    return serialise(root)


def font_table_xml(family: str) -> bytes:
    """The ``word/fontTable.xml`` part naming the font ``family``.

    The font is declared a proportional (``variable`` pitch) sans-serif
    (``swiss``), so an application without it substitutes a like one; no
    PANOSE numbers, no embedded font.
    """
    root = etree.Element(qn("w:fonts"), nsmap={"w": W_NS})
    font = etree.SubElement(root, qn("w:font"), {qn("w:name"): family})
    etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss"})
    etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    return serialise(root)


def app_xml(company: str) -> bytes:
    """The ``docProps/app.xml`` part (extended properties) naming ``company``.

    The application is ``someohje``; the security, crop, link and sharing
    flags are written off, as Word writes them. No page, word or line counts:
    they go stale as soon as an application lays the document out anew.
    """
    root = etree.Element(f"{{{EP_NS}}}Properties", nsmap={None: EP_NS})
    for name, value in (
        ("Application", "someohje"),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{EP_NS}}}{name}").text = value
    return serialise(root)
