"""The status of a text: the one mark every format shows for it.

A text's status follows from the handling it stands at, and is defined here
once. The same mark goes into the identification block, above the title,
into the title itself (HTML ``<title>``, DOCX core properties, PDF Info and
XMP), so no two outputs of one text can disagree.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from ..content.texts import FINNISH, Words
from ..model import Handling, Outcome
from ..tree import OutputDocument

#: the mark of a sealed text changed by an edit (the live preview shows such a text; build refuses it)
SEAL_BROKEN = FINNISH("status.seal_broken")


class Status(Enum):
    """What a text is; the value is its mark (empty: no mark)."""

    DRAFT = "status.draft"  #: no body has approved the text
    PROPOSAL = "status.proposal"  #: a body approved it and proposed it to another
    APPROVED = ""  #: approved (and a record of a decision): no mark
    CONSOLIDATED = "status.consolidated"  #: the text in force on a date, with every change to it

    @property
    def mark(self) -> str:
        """The Finnish mark (``LUONNOS``; ``""`` for none): :meth:`mark_in` another language."""
        return self.mark_in(FINNISH)

    def mark_in(self, words: Words) -> str:
        """The mark shown in the block and the title in the language of
        ``words`` (``UTKAST``; ``""`` for none)."""
        return words(self.value) if self.value else ""


def status_of(handling: Handling) -> Status:
    """The status of the text as it stood after ``handling``."""
    if handling.outcome is Outcome.APPROVED:
        return Status.APPROVED
    if handling.outcome is Outcome.PROPOSED and handling.proposed_to is not None:
        return Status.PROPOSAL
    return Status.DRAFT


def titled(title: str, status: Status, *details: str, words: Words = FINNISH) -> str:
    """The document title with its details and status mark in one bracket:
    ``Ohje (liite 1, Kvalt 14.6.2022 § 37, EHDOTUS)``; ``title`` alone when
    there is neither."""
    extra = [d for d in (*details, status.mark_in(words)) if d]
    return f"{title} ({', '.join(extra)})" if extra else title


def seal_broken(out: OutputDocument) -> OutputDocument:
    """``out`` marked :data:`SEAL_BROKEN` wherever its status mark shows (the
    block of every page, above the title) and in its title, beside any mark
    it has: the text shows an edit of a decided text, not that text."""
    broken = out.words("status.seal_broken")
    mark = ", ".join(m for m in (out.draft_mark, broken) if m)
    title = f"{out.metadata.title} ({broken})"
    return replace(out, draft_mark=mark, metadata=replace(out.metadata, title=title))
