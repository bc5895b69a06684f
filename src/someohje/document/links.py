"""Links between the documents of a collection: ``[text](doc:ID)``.

The tree keeps ``doc:ID``; before a document is rendered in a format, each
such link becomes the file of the other document in the same format (its
HTML page from HTML, its PDF from a PDF, its DOCX from a DOCX), all of them
side by side in ``build/``. A catalogue entry, whose text the project does
not hold, is linked to its row in the collection's ``index.html``.
"""

from __future__ import annotations

from dataclasses import replace

from ..content.markdown import doc_target
from ..model import Collection
from ..record.amendments import map_units
from ..tree import Block, Change, Emph, Footnote, Inline, Link, Note, OutputDocument, Passage, Strong

INDEX_FILE = "index.html"


def target(collection: Collection, document_id: str, ext: str) -> str:
    """Where a link to ``document_id`` points from a file of format ``ext``."""
    for doc in collection.documents:
        if doc.id == document_id:
            return f"{doc.stem}.{ext}"
    return f"{INDEX_FILE}#{document_id}"


def resolve_links(out: OutputDocument, collection: Collection, ext: str) -> OutputDocument:
    """``out`` with every ``doc:ID`` link pointing at its file for format ``ext``."""

    def inlines(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tuple(_link(item) for item in items)

    def _link(item: Inline) -> Inline:
        if isinstance(item, Link):
            document_id = doc_target(item.href)
            href = item.href if document_id is None else target(collection, document_id, ext)
            return Link(href, inlines(item.children))
        if isinstance(item, Emph | Strong | Change | Footnote | Passage):
            return replace(item, children=inlines(item.children))
        return item

    def block(b: Block) -> Block:
        if isinstance(b, Note):
            return replace(b, blocks=tuple(block(x) for x in b.blocks))
        return map_units(b, inlines)

    return replace(out, blocks=tuple(block(b) for b in out.blocks), lead=tuple(block(b) for b in out.lead))
