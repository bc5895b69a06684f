"""Provenance: where the text of a stage comes from.

The base text is either the municipality's own approved text
(``approved-original``) or a reconstruction drafted from the decision record
(``reconstruction``). A reconstruction says so in every output, where the
approval line stands and in the document properties, so that no drafted
wording is taken for the wording a body approved. Per passage, the origin
is known too (:class:`~someohje.model.Origin`): quoted from the record,
decided wording of an amendment, drafted, or the approved original.
"""

from __future__ import annotations

from collections import Counter

from ..model import Document, Handling, Origin, TextOrigin
from ..tree import Note, Paragraph, Text
from .amendments import ATOM, SectionText, amendments_in, unit_texts

NOTE_ROLE = "provenance"
NOTE_PREFIX = "Tekstin alkuperä:"  #: how the note starts (the Word importer recognises it by this)


def provenance_note(doc: Document, stage: Handling) -> str:
    """The Finnish note a reconstructed text carries; ``""`` for an approved original."""
    if doc.text_origin is TextOrigin.APPROVED_ORIGINAL:
        return ""
    parts = [
        f"{NOTE_PREFIX} ohjeen sanamuoto on laadittu jälkikäteen asian {doc.diary_number} "
        "päätösasiakirjojen perusteella, eikä se ole toimielimen hyväksymä sanamuoto.",
        "Päätöstiedot ovat pöytäkirjan mukaiset.",
    ]
    if amendments_in(doc, stage):
        parts.append(
            "Toimielinten päättämät muutokset on merkitty tekstiin lähteineen; "
            "niiden pöytäkirjaan kirjattu sanamuoto on pöytäkirjanotteessa."
        )
    return " ".join(parts)


def provenance_blocks(doc: Document, stage: Handling) -> tuple[Note, ...]:
    """The note as a block for the first page (nothing for an approved original)."""
    note = provenance_note(doc, stage)
    return (Note((Paragraph((Text(note),)),), role=NOTE_ROLE),) if note else ()


def words_by_origin(texts: list[SectionText]) -> dict[Origin, int]:
    """How many words of a stage come from each origin, in :class:`Origin` order."""
    counts: Counter[Origin] = Counter()
    for text in texts:
        for block, origin in zip(text.blocks, text.origins, strict=True):
            counts[origin] += sum(len(t.replace(ATOM, " ").split()) for t in unit_texts(block))
    return {origin: counts[origin] for origin in Origin if counts[origin]}
