"""Core properties: the ``docProps/core.xml`` part and its values.

The package starts with an empty core-properties part (:func:`core_xml`);
:func:`set_core_properties` fills it through python-docx from a
:class:`CoreProperties`, with no wall-clock time and each text cut to what
Word holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from .element import serialise
from .ns import CP_NS


@dataclass(frozen=True)
class CoreProperties:
    """The values of ``docProps/core.xml``."""

    title: str
    subject: str
    keywords: Sequence[str]
    author: str
    language: str
    identifier: str
    date: dt.date | None  #: None: no created/modified (no date of the document is known)
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
    modified are the document's own date at midnight UTC, never the wall
    clock, and stay unset when ``props.date`` is None. Every text but the
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
    if props.date is not None:
        midnight = dt.datetime(props.date.year, props.date.month, props.date.day)
        core.created = midnight
        core.modified = midnight
    core.revision = 1


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
