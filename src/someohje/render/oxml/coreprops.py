"""Core properties: the ``docProps/core.xml`` part and its values.

The package starts with an empty core-properties part (:func:`core_xml`);
:func:`set_core_properties` fills it through python-docx from a
:class:`CoreProperties`, with no date at all and each text cut to what Word
holds; :func:`custom_xml` writes the custom properties (the decision and its
date, named for what they are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from .element import serialise
from .ns import CP_NS, CUSTOM_NS, VT_NS


@dataclass(frozen=True)
class CoreProperties:
    """The values of ``docProps/core.xml``."""

    title: str
    subject: str
    keywords: Sequence[str]
    author: str
    language: str
    identifier: str
    category: str = ""
    description: str = ""  #: ``dc:description`` (Word: Comments)


#: the longest text a DOCX core property holds (python-docx and Word's limit)
CORE_TEXT_LIMIT = 255


def core_text(text: str) -> str:
    """Cut ``text`` to :data:`CORE_TEXT_LIMIT` characters, for a core property.

    A text no longer than the limit is returned as it is; a longer one keeps
    its first characters and ends in an ellipsis (``…``), the limit long in
    all. The document itself still shows the whole text.
    """
    return text if len(text) <= CORE_TEXT_LIMIT else text[: CORE_TEXT_LIMIT - 1] + "…"


def set_core_properties(core: Any, props: CoreProperties) -> None:
    """Fill python-docx's ``CoreProperties`` proxy ``core`` from ``props``.

    Author and last editor are both ``props.author`` (the organisation), the
    keywords are joined with ``"; "`` and the revision is 1. Created and
    modified stay unset: a build writes no file dates (the decision's date
    is a custom property of its own, :func:`custom_xml`). Every text but the
    description is cut to Word's 255 characters (:func:`core_text`); the
    description (the provenance note) is written whole, past python-docx's
    capped setter, as core.xml allows, and not at all when empty.
    """
    core.title = core_text(props.title)
    core.subject = core_text(props.subject)
    core.keywords = core_text("; ".join(props.keywords))
    core.author = core_text(props.author)
    core.last_modified_by = core_text(props.author)
    core.language = core_text(props.language)
    core.identifier = core_text(props.identifier)
    core.category = core_text(props.category)
    if props.description:  # python-docx caps its setters at 255 characters; core.xml itself does not
        core._element.get_or_add_description().text = props.description
    core.revision = 1


#: the format id every custom property of a document carries (Office's user-defined properties)
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_xml(properties: Sequence[tuple[str, str | dt.date]]) -> bytes:
    """``docProps/custom.xml``: named properties (Word: File > Properties >
    Custom), a date as ``vt:filetime`` at midnight UTC, a text as
    ``vt:lpwstr``."""
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(properties, 2):  # property ids start at 2
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", {"fmtid": _FMTID, "pid": str(pid), "name": name})
        if isinstance(value, dt.date):
            etree.SubElement(prop, f"{{{VT_NS}}}filetime").text = f"{value.isoformat()}T00:00:00Z"
        else:
            etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return serialise(root)


def core_xml() -> bytes:
    """An empty ``docProps/core.xml`` part, for python-docx to fill.

    It declares the ``cp``, ``dc``, ``dcterms`` and ``xsi`` namespaces and holds
    no property. Because the package has this part, python-docx does not make
    its default one (title "Word Document", the wall-clock time);
    :func:`set_core_properties` fills it.
    """
    root = etree.Element(
        f"{{{CP_NS}}}coreProperties",
        nsmap={
            "cp": CP_NS,
            "dc": "http://purl.org/dc/elements/1.1/",
            "dcterms": "http://purl.org/dc/terms/",
            "xsi": "http://www.w3.org/2001/XMLSchema-instance",
        },
    )
    return serialise(root)
