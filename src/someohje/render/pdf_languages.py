"""The language of each passage in the tagged PDF: ``/Lang`` on its ``Span``.

WeasyPrint tags a ``<span lang="en">`` as a ``Span`` structure element but
leaves its language out, so a screen reader would read an English quotation
with the document's Finnish voice (PDF/UA asks that a change of language be
marked; ISO 32000 ``/Lang`` on the element). WeasyPrint builds the
structure tree walking each page's boxes in document order, one element per
box; the boxes of ``<span>`` elements and the ``Span`` elements it made for
them (its text runs' own ``Span`` elements aside) are matched in that order.
When the two counts differ (a WeasyPrint that tags otherwise) nothing is
marked, rather than a language put on the wrong words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.layout.absolute import AbsolutePlaceholder


def mark_languages(document: Any, pdf: Any) -> int:
    """Set ``/Lang`` on the ``Span`` element of every ``<span lang>`` of
    WeasyPrint's ``document`` in its ``pdf`` (a finisher's arguments); the
    number of elements marked (0 in an untagged PDF)."""
    boxes = [box for page in document.pages for box in _span_boxes(page._page_box)]
    elements = [obj for obj in pdf.objects if _span_element(obj)]
    if not elements or len(boxes) != len(elements):
        return 0
    marked = 0
    for box, element in zip(boxes, elements, strict=True):
        language = box.element.get("lang")
        if language:
            element["Lang"] = pydyf.String(language)
            marked += 1
    return marked


def _span_boxes(box: Any) -> Iterator[Any]:
    """The boxes of ``<span>`` elements under ``box``, in the order WeasyPrint
    tags them (their text boxes, which share the element, are text runs)."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if box.element is not None and box.element_tag == "span" and not isinstance(box, TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _span_boxes(child)


def _span_element(obj: Any) -> bool:
    """Whether ``obj`` is the ``Span`` structure element of a ``<span>`` box
    (a text run's own ``Span`` holds just its marked-content id)."""
    if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/StructElem" or obj.get("S") != "/Span":
        return False
    kids = obj.get("K") or []
    return not (len(kids) == 1 and isinstance(kids[0], int))
