"""Sealed stages: a decided text cannot change silently.

``content/seals.yaml`` holds, for every decided handling whose text the
content produces, a digest of that stage's text, written by ``someohje
seal``. The digest is of the text's canonical form (the document tree:
block kinds, words, emphasis, links, numbering), not of file bytes, so
re-wrapping a paragraph or writing ``_x_`` for ``*x*`` keeps it. A short
digest of every block is kept too, so that a change is pointed at by file
and line. ``check`` and ``build`` refuse a project whose sealed stage no
longer matches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path

from ..content.seals_file import ALGORITHM
from ..errors import ContentError, Problem, problem
from ..messages import gettext as _
from ..model import Document, Handling, Seal
from ..tree import (
    Block,
    Emph,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Passage,
    SourceRef,
    Strong,
    Table,
    Text,
)
from .amendments import Loc, SectionText
from .stages import stage_texts

BLOCK_DIGEST_LENGTH = 12


# --- canonical form and digests ----------------------------------------------------------


def canonical(block: Block) -> str:
    """The canonical form of a block: its kind and its words with their
    formatting, whitespace collapsed."""
    if isinstance(block, Heading):
        return f"h{block.level} {_inline(block.children)}"
    if isinstance(block, Paragraph):
        return f"p[{block.role}] {_inline(block.children)}"
    if isinstance(block, ListBlock):
        kind = f"ol{block.start}" if block.ordered else "ul"
        items = " | ".join(" / ".join(canonical(b) for b in item.blocks) for item in block.items)
        return f"{kind} {items}"
    if isinstance(block, Table):
        rows = " | ".join(" ; ".join(_inline(c) for c in row) for row in (block.header, *block.rows))
        return f"table {rows}"
    if isinstance(block, Note):
        return "note " + " / ".join(canonical(b) for b in block.blocks)
    raise TypeError(block)


def _inline(items: Iterable[Inline]) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, Text):
            out.append(item.text)
        elif isinstance(item, Emph):
            out.append(f"*{_inline(item.children)}*")
        elif isinstance(item, Strong):
            out.append(f"**{_inline(item.children)}**")
        elif isinstance(item, Link):
            out.append(f"[{_inline(item.children)}]({item.href})")
        elif isinstance(item, SourceRef):
            out.append(f"{{{item.label}}}")
        elif isinstance(item, Image):
            out.append(f"![{item.alt}]({item.src})")
        elif isinstance(item, LineBreak):  # a space, as before breaks were kept: seals made then still hold
            out.append(" ")
        elif isinstance(item, Footnote):  # a note is sealed with the text it stands in
            out.append(f"[^{_inline(item.children)}]")
        elif isinstance(item, Passage):  # its words are sealed; marking their language changes no wording
            out.append(_inline(item.children))
    return " ".join("".join(out).split())


def block_digest(block: Block) -> str:
    """A short digest of one block's canonical form."""
    return hashlib.sha256(canonical(block).encode("utf-8")).hexdigest()[:BLOCK_DIGEST_LENGTH]


def stage_seal(handling: Handling, texts: list[SectionText]) -> Seal:
    """The seal of a stage's text (as :func:`someohje.record.stages.stage_texts` gives it)."""
    digest = hashlib.sha256()
    blocks: list[tuple[str, tuple[str, ...]]] = []
    for text in texts:
        digest.update(f"§ {text.section.id}\n".encode())
        for block in text.blocks:
            digest.update(canonical(block).encode("utf-8") + b"\n")
        blocks.append((text.section.id, tuple(block_digest(b) for b in text.blocks)))
    return Seal(handling.id, f"{ALGORITHM}:{digest.hexdigest()}", tuple(blocks))


# --- verifying --------------------------------------------------------------------------


def verify(doc: Document) -> list[Problem]:
    """Every way the content breaks its seals: a sealed stage whose text
    changed (one problem per affected file, at the first changed block),
    and a decided handling whose stage is not sealed."""
    changed: dict[Path, tuple[int, list[Handling]]] = {}
    problems: list[Problem] = []
    for handling_id in doc.stage_ids():
        handling = doc.handling(handling_id)
        seal = doc.seal(handling_id)
        if seal is None:
            if handling.decided:
                problems.append(_unsealed(doc, handling))
            continue
        texts = stage_texts(doc, handling)
        if stage_seal(handling, texts).digest == seal.digest:
            continue
        for path, line in _differences(doc, seal, texts):
            first_line, hs = changed.get(path, (line, []))
            changed[path] = (min(first_line, line), hs if handling in hs else [*hs, handling])
    for path, (line, hs) in changed.items():
        problems.append(problem(path, line, _changed_message(doc, hs)))
    return problems


def _differences(doc: Document, seal: Seal, texts: list[SectionText]) -> list[Loc]:
    """Where the current text first differs from the sealed one, per section."""
    sealed = dict(seal.blocks)
    out: list[Loc] = []
    for text in texts:
        old = sealed.pop(text.section.id, None)
        if old is None:
            out.append((text.section.path, 1))
            continue
        new = [block_digest(b) for b in text.blocks]
        for tag, _i1, _i2, j1, _j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag != "equal":
                out.append(text.locs[min(j1, len(text.locs) - 1)] if text.locs else (text.section.path, 1))
                break
    if sealed or not out:  # a sealed section is gone, or the sections were reordered
        out.append((doc.metadata_path, 1))
    return out


def _changed_message(doc: Document, handlings: list[Handling]) -> str:
    refs = " and ".join(h.meeting_ref() for h in handlings)
    which = f" --document {doc.id}" if doc.version_of else ""
    return _(
        "the text decided at {refs} has changed (first difference here); change a "
        "decided text by an amendment of a later handling, or reseal: python -m someohje "
        "seal{document_option} --meeting {id} --force --reason '…'"
    ).format(refs=refs, id=handlings[0].id, document_option=which)


def _unsealed(doc: Document, handling: Handling) -> Problem:
    """A decided stage without a seal; a language version's names its
    language and the ``--document`` that seals it."""
    return problem(
        doc.decisions_path,
        handling.line,
        _(
            "handling '{id}' ({meeting_ref}) is decided but its {language} text is not sealed; run: "
            "python -m someohje seal --document {document} --meeting {id}"
        ).format(id=handling.id, meeting_ref=handling.meeting_ref(), language=doc.language, document=doc.id)
        if doc.version_of
        else _(
            "handling '{id}' ({meeting_ref}) is decided but its text is not sealed; run: "
            "python -m someohje seal --meeting {id}"
        ).format(id=handling.id, meeting_ref=handling.meeting_ref()),
    )


def check_seals(*docs: Document) -> None:
    """Raise :class:`ContentError` when :func:`verify` finds anything in any of ``docs``."""
    problems = [p for doc in docs for p in verify(doc)]
    if problems:
        raise ContentError(problems)
