"""The end of a minutes extract: appeal instructions and the certification.

The kind of appeal follows the decision (kuntalaki 410/2015, 134 and 136 §):
a body's final decision gets the kind ``extract.appeals`` names for the body
(a council's: *kunnallisvalitus*, a board's: *oikaisuvaatimus*); a decision
that only prepares the matter (proposing it onwards, returning it for
preparation) gets the notice that no appeal is allowed. The texts are the
municipality's own (``content/muutoksenhaku/<kind>.md``, for a document in
Swedish ``content/muutoksenhaku/sv/<kind>.md``); each ``{field}``
in them is filled from ``extract:`` or, where the sources are silent, left
as a visible :data:`BLANK` to fill in by hand. The certification is built
the same way: a blank for every fact not given, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..content.extract_facts import NO_APPEAL, PLACEHOLDERS, appeal_path
from ..content.markdown import parse_blocks
from ..content.texts import FINNISH, Words
from ..errors import ContentError, problem
from ..messages import gettext as _
from ..model import Document, ExtractFacts, Handling, Outcome
from ..slug import slugify
from ..textual import inline_text
from ..tree import Block, Emph, Heading, Inline, Link, ListBlock, ListItem, Note, Paragraph, Passage, Strong, Text

BLANK = "_" * 32  #: a line to fill in by hand
CERTIFY_LABEL = FINNISH("certify.label")
SIGNATURE_LABEL = FINNISH("certify.signature")
SIGNATURE_ROLE = "signature"  #: the certification's signature line: a signature field in the PDF
_FIELD = re.compile(r"\{([a-z_]+)\}")


def appeal_kind(doc: Document, handling: Handling) -> str:
    """The kind of appeal ``handling``'s decision gets (a file name under
    ``content/muutoksenhaku/``); :class:`ContentError` when the content does
    not say it for the deciding body."""
    if handling.outcome is not Outcome.APPROVED:
        return NO_APPEAL
    kind = doc.extract_facts.appeals.get(handling.body.id)
    if kind is None:
        where = doc.root / "content" / "document.yaml"
        why = _("extract appeals: no kind of appeal for '{id}' (kunnallisvalitus or oikaisuvaatimus)").format(
            id=handling.body.id
        )
        raise ContentError([problem(where, 0, why)])
    return kind


def appeal_blocks(doc: Document, handling: Handling) -> list[Block]:
    """The appeal instructions of ``handling``'s decision, fields filled."""
    kind = appeal_kind(doc, handling)
    text = doc.extract_facts.texts.get(kind)
    if text is None:
        where = appeal_path(doc.root / "content", kind, doc.words.code)
        raise ContentError([problem(where, 0, _("missing: the appeal instructions (add extract: to document.yaml)"))])
    values = _values(doc.extract_facts, handling)
    blocks = [_fill(block, values) for block in parse_blocks(text.markdown, text.path, doc.root / "content")]
    return [_anchored(b) if isinstance(b, Heading) else b for b in blocks]


def _anchored(heading: Heading) -> Heading:
    """A heading with an anchor (its slug) for the table of contents to link."""
    return heading if heading.anchor else replace(heading, anchor=slugify(inline_text(heading.children)))


def certification_blocks(facts: ExtractFacts, words: Words = FINNISH) -> list[Block]:
    """*Pöytäkirjanotteen oikeaksi todistaa* (*Protokollsutdragets riktighet
    intygar*): place and date, a signature line, the certifier's name and
    title; a blank for whatever is not given."""
    when = " ".join(part for part in (facts.place, facts.date) if part)
    who = ", ".join(part for part in (facts.certifier, facts.certifier_title) if part)
    who_line = (words("certify.name"), who if facts.certifier and facts.certifier_title else BLANK)
    place_date = f"{words('certify.place_date')}: {when if facts.place and facts.date else BLANK}"
    return [
        Paragraph((Text(words("certify.label")),), role="label"),
        Paragraph((Text(place_date),), role="certification"),
        # the PDF puts its signature field in place of the blank (SIGNATURE_ROLE)
        Paragraph((Text(f"{words('certify.signature')}:"), Text(f" {BLANK}")), role=SIGNATURE_ROLE),
        Paragraph((Text(f"{who_line[0]}: {who_line[1]}"),), role="certification"),
    ]


def _values(facts: ExtractFacts, handling: Handling) -> dict[str, str]:
    values = {name: str(getattr(facts, name)) for name in PLACEHOLDERS if name != "body"}
    return {**values, "body": handling.body.name}


def _fill(block: Block, values: dict[str, str]) -> Block:
    """``block`` with every ``{field}`` in its text replaced by its value or a blank."""
    if isinstance(block, Heading | Paragraph):
        return replace(block, children=_inlines(block.children, values))
    if isinstance(block, ListBlock):
        items = tuple(ListItem(tuple(_fill(b, values) for b in i.blocks), i.change) for i in block.items)
        return replace(block, items=items)
    if isinstance(block, Note):
        return replace(block, blocks=tuple(_fill(b, values) for b in block.blocks))
    return block


def _inlines(items: tuple[Inline, ...], values: dict[str, str]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Text):
            out.append(Text(_FIELD.sub(lambda m: values.get(m.group(1)) or BLANK, item.text)))
        elif isinstance(item, Emph | Strong | Link | Passage):
            out.append(replace(item, children=_inlines(item.children, values)))
        else:
            out.append(item)
    return tuple(out)
