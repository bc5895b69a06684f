"""Making and serialising WordprocessingML elements.

:func:`el` and :func:`child` build elements of python-docx's own classes
from prefixed tag and attribute names, so that what they build can be used
through python-docx's proxies; :func:`serialise` writes a whole part's
root element as the XML bytes of a package member.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

Element = Any  #: an lxml element (python-docx's custom classes or plain)


def el(tag: str, attrs: Mapping[str, str | int] | None = None, *children: Element) -> Element:
    """A new element ``tag`` (``"w:p"``) with prefixed attributes and children.

    Attribute names carry their prefix (``{"w:val": "fi-FI"}``); values may be
    ints. The element is of python-docx's custom class for its tag, so it can
    be placed in a python-docx document and used through its proxies.
    """
    node = OxmlElement(tag, {qn(k): str(v) for k, v in (attrs or {}).items()})
    for child in children:
        node.append(child)
    return node


def child(parent: Element, tag: str, attrs: Mapping[str, str | int] | None = None) -> Element:
    """Append a new element ``tag`` to ``parent`` and return it."""
    node = el(tag, attrs)
    parent.append(node)
    return node


def serialise(root: etree._Element) -> bytes:
    """The XML of the part whose root element is ``root``, as package member bytes.

    UTF-8 with an XML declaration that says ``standalone="yes"``, as Word
    writes its own parts; no pretty-printing.
    """
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
