"""The table of contents (*Sisällys*) of a long document.

A document of more than :data:`MAX_PAGES_WITHOUT` pages gets a table of its
main headings with their page numbers: in the PDF through WeasyPrint's
``target-counter``, in the DOCX as a TOC field whose cached result already
lists the entries and pages, in the web page as a ``<nav>``. Whether a
document is long is a fact of its laid-out PDF, so the PDF renderer decides
(:func:`someohje.render.pdf.lay_out`) and the build hands the entries, with
their pages, to the other formats.
"""

from __future__ import annotations

from dataclasses import replace

from ..content.texts import FINNISH
from ..textual import inline_text
from ..tree import ContentsEntry, Heading, OutputDocument

TITLE = FINNISH("contents.title")  #: the Finnish heading: each document takes its own from ``words``
ANCHOR = FINNISH("contents.anchor")
MAX_PAGES_WITHOUT = 3  #: a document longer than this gets a table of contents


def entries(doc: OutputDocument) -> tuple[ContentsEntry, ...]:
    """An entry for every main (level 1) heading with an anchor, no pages;
    none for a minutes extract (no real extract has a table of contents)."""
    if doc.kind == "extract":
        return ()
    return tuple(
        ContentsEntry(inline_text(b.children), b.anchor)
        for b in doc.blocks
        if isinstance(b, Heading) and b.level == 1 and b.anchor
    )


def with_contents(doc: OutputDocument, pages: dict[str, int] | None = None) -> OutputDocument:
    """``doc`` with a table of contents; ``pages`` gives each anchor's page."""
    found = pages or {}
    return replace(doc, contents=tuple(replace(e, page=found.get(e.anchor, 0)) for e in entries(doc)))


def without_contents(doc: OutputDocument) -> OutputDocument:
    """``doc`` with no table of contents."""
    return replace(doc, contents=())
