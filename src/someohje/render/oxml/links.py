"""Hyperlinks and bookmarks.

A ``w:hyperlink`` points at an external relationship (a web address) or at
a bookmark in the document (the table of contents' entries at their
headings); :func:`bookmark` wraps a paragraph's content in the bookmark a
link targets.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from .element import Element, el


def bookmark(paragraph: Element, name: str, bookmark_id: int) -> None:
    """Wrap the content of ``paragraph`` in the bookmark ``name``."""
    ppr = paragraph.find(qn("w:pPr"))
    start = el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": name})
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(el("w:bookmarkEnd", {"w:id": bookmark_id}))


def internal_link(bookmark_name: str) -> Element:
    """An empty ``w:hyperlink`` to the bookmark ``bookmark_name`` in the document."""
    return el("w:hyperlink", {"w:anchor": bookmark_name, "w:history": 1})


def hyperlink(r_id: str) -> Element:
    """An empty ``w:hyperlink`` to the external relationship ``r_id``.

    The relationship (the URL) must already exist on the part the link goes
    into (``part.relate_to(url, RT.HYPERLINK, is_external=True)``); append the
    link's runs, styled ``Hyperlink``, to it. ``w:history`` is set, as Word
    sets it.
    """
    return el("w:hyperlink", {"r:id": r_id, "w:history": 1})
