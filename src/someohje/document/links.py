"""Links between the documents of a collection: ``[text](doc:ID)``.

The tree keeps ``doc:ID``; before a document is rendered in a format, each
such link becomes the file of the other document in the same format (its
HTML page from HTML, its PDF from a PDF, its DOCX from a DOCX), all of them
side by side in ``build/``. A catalogue entry, whose text the project does
not hold, is linked to its row in the collection's ``index.html``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..content.markdown import doc_target
from ..model import Collection, Document
from ..record.amendments import map_units
from ..tree import Block, Change, Emph, Footnote, Inline, Link, Note, OutputDocument, Passage, Strong

INDEX_FILE = "index.html"


def target(docs: Mapping[str, Document], document_id: str, ext: str, language: str = "") -> str:
    """Where a link to ``document_id`` (among ``docs``, by id) points from a
    file of format ``ext``: to its version in ``language`` when it has one
    (a Swedish text links to the Swedish version of the document it names)."""
    doc = docs.get(document_id)
    if doc is None:
        return f"{INDEX_FILE}#{document_id}"
    same = [docs[v] for v in doc.versions if v in docs and docs[v].language == language]
    return f"{(same[0] if same and doc.language != language else doc).stem}.{ext}"


def alternates(docs: Mapping[str, Document], document_id: str, ext: str) -> tuple[tuple[str, str], ...]:
    """The other language versions of ``document_id``, as (language, file)
    for format ``ext``."""
    doc = docs.get(document_id)
    versions = [docs[v] for v in doc.versions if v in docs] if doc is not None else []
    return tuple((v.language, f"{v.stem}.{ext}") for v in versions)


def resolve_links(out: OutputDocument, collection: Collection, ext: str) -> OutputDocument:
    """``out`` with every ``doc:ID`` link pointing at its file for format
    ``ext`` (in the document's language where the target has a version in
    it), and naming its own other language versions (``alternates``)."""
    language = out.metadata.language
    docs = {doc.id: doc for doc in collection.documents}

    def inlines(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tuple(_link(item) for item in items)

    def _link(item: Inline) -> Inline:
        if isinstance(item, Link):
            document_id = doc_target(item.href)
            href = item.href if document_id is None else target(docs, document_id, ext, language)
            return Link(href, inlines(item.children))
        if isinstance(item, Emph | Strong | Change | Footnote | Passage):
            return replace(item, children=inlines(item.children))
        return item

    def block(b: Block) -> Block:
        if isinstance(b, Note):
            return replace(b, blocks=tuple(block(x) for x in b.blocks))
        return map_units(b, inlines)

    return replace(
        out,
        blocks=tuple(block(b) for b in out.blocks),
        lead=tuple(block(b) for b in out.lead),
        alternates=alternates(docs, out.document_id, ext),
    )
