"""The identification block: what stands at C4 on every page, line by line.

SFS 2487 puts the document type on the first line (the page number ``x (y)``
beside it at C7), then the date and the diary number under the type. Stamps
(``Liite 1``, the meeting reference) and the status mark follow. Each
renderer lays out exactly these lines, so the block reads alike in every
format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..tree import OutputDocument

Role = Literal["type", "field", "stamp", "status"]


@dataclass(frozen=True)
class IdentLine:
    """One line of the block; ``label`` names it for a screen reader."""

    text: str
    role: Role
    label: str

    @property
    def bold(self) -> bool:
        """The document type, the stamps and the status mark are bold."""
        return self.role != "field"


def ident_block(doc: OutputDocument) -> list[IdentLine]:
    """The lines of ``doc``'s identification block, first line first (the
    page number is each renderer's own, beside the first line)."""
    w = doc.words
    lines = [
        IdentLine(doc.doc_type, "type", w("ident.type")),
        IdentLine(doc.date_text, "field", w("ident.date")),
        IdentLine(doc.diary_number, "field", w("ident.diary")),
        *(IdentLine(stamp, "stamp", w("ident.stamp")) for stamp in doc.stamp),
    ]
    if doc.draft_mark:
        lines.append(IdentLine(doc.draft_mark, "status", w("ident.status")))
    return [line for line in lines if line.text]
