"""Provenance: where the text of a stage comes from.

The base text is either the municipality's own text
(``original``: as written, a draft or an approved text) or a reconstruction drafted from the decision record
(``reconstruction``). A reconstruction says so in every output, where the
approval line stands and in the document properties, so that no drafted
wording is taken for the wording a body approved. Per passage, the origin
is known too (:class:`~someohje.model.Origin`): quoted from the record,
decided wording of an amendment, drafted, or the approved original.
"""

from __future__ import annotations

from collections import Counter

from ..content.texts import FINNISH
from ..model import Amendment, Document, Handling, Origin, TextOrigin
from ..tree import Note, Paragraph, Text
from .amendments import ATOM, SectionText, amendments_in, approving, unit_texts

NOTE_ROLE = "provenance"
NOTE_PREFIX = FINNISH("provenance.prefix")  #: how the note starts (the Word importer recognises it by this)


def provenance_note(doc: Document, stage: Handling) -> str:
    """The note a reconstructed text carries, in its language; ``""`` for an original.

    It says exactly what is marked in the text: the amendments each body
    decided up to ``stage``, in the record's wording with which typing
    errors corrected, and where that recorded wording is (the minutes
    extract); the proposals not yet decided; and, for each handling whose
    decision names changes the sources do not give (``unrecorded_changes``),
    that they are not known and not marked."""
    if doc.text_origin is TextOrigin.ORIGINAL:
        return ""
    w = doc.words
    parts = [
        w("provenance.reconstruction", prefix=w("provenance.prefix"), diary=doc.diary_number),
        w("provenance.record"),
    ]
    upto = doc.handlings[: doc.handling_index(stage.id) + 1]
    changes = amendments_in(doc, stage)
    for handling in upto:
        own = [a for a in changes if a.handling is handling and approving(doc, a, stage) is not None]
        if own:
            parts += _decided(handling, own)
    if any(approving(doc, a, stage) is None for a in changes):
        parts.append(w("provenance.pending"))
    for handling in upto:
        if handling.unrecorded_changes:
            when = handling.meeting_ref().split(" ", 1)[1]
            genitive = handling.body.genitive
            changed = handling.unrecorded_changes
            parts.append(
                w("provenance.unrecorded", genitive=genitive, lower=genitive.lower(), when=when, changes=changed)
            )
    return " ".join(parts)


def _decided(handling: Handling, own: list[Amendment]) -> list[str]:
    """What the note says of one handling's decided amendments."""
    w = handling.words
    counts = Counter(a.kind for a in own)
    what = f" {w('and')} ".join(
        f"{w.number('numbers.cardinal', n)} {w(f'noun.{k.value}.' + ('one' if n == 1 else 'many'))}"
        for k, n in counts.items()
    )
    when = handling.meeting_ref().split(" ", 1)[1]
    who = f"{handling.body.genitive} {when}"
    verb = w("provenance.decided_one" if len(own) == 1 else "provenance.decided_many")
    what = what.removeprefix(w.number("numbers.cardinal", 1) + " ") if len(own) == 1 else what
    fixes = [f"{recorded} \u2192 {fixed}" for a in own for recorded, fixed in a.corrections]
    spelled = w("provenance.spelled", fixes=", ".join(fixes)) if fixes else ""
    where = (
        w("provenance.where_extract", ref=handling.meeting_ref())
        if handling.date.known
        else w("provenance.where_minutes")
    )
    lower = handling.body.genitive.lower()
    decided = w("provenance.decided", who=who, verb=verb, what=what, spelled=spelled, lower=lower, when=when)
    return [decided[0].upper() + decided[1:], w("provenance.recorded", where=where)]


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
