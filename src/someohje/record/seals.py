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

import datetime as dt
import hashlib
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path

from ..content.confine import Refused, confined
from ..content.yamlsource import YList, YMap, YScalar, YValue, read_yaml
from ..errors import ContentError, Problem, problem
from ..model import Document, Handling, Reseal, Seal
from ..tree import Block, Emph, Heading, Image, Inline, Link, ListBlock, Note, Paragraph, SourceRef, Strong, Table, Text
from .amendments import Loc, SectionText

SEALS_FILE = "seals.yaml"
ALGORITHM = "sha256"
BLOCK_DIGEST_LENGTH = 12
HEADER = (
    "# Seals of the decided stages of the text. Written by `python -m someohje seal`;\n"
    "# do not edit by hand: check and build compare every sealed stage with them.\n"
)


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
    from .stages import stage_texts

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
        problems.append(problem(path, line, _changed_message(hs)))
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


def _changed_message(handlings: list[Handling]) -> str:
    refs = " and ".join(h.meeting_ref() for h in handlings)
    return (
        f"the text decided at {refs} has changed (first difference here); change a decided text by an "
        f"amendment of a later handling, or reseal: python -m someohje seal --meeting {handlings[0].id} "
        "--force --reason '…'"
    )


def _unsealed(doc: Document, handling: Handling) -> Problem:
    return problem(
        doc.metadata_path,
        handling.line,
        f"handling '{handling.id}' ({handling.meeting_ref()}) is decided but its text is not sealed; "
        f"run: python -m someohje seal --meeting {handling.id}",
    )


def check_seals(*docs: Document) -> None:
    """Raise :class:`ContentError` when :func:`verify` finds anything in any of ``docs``."""
    problems = [p for doc in docs for p in verify(doc)]
    if problems:
        raise ContentError(problems)


# --- reading and writing seals.yaml --------------------------------------------------------


def read_seals(path: Path, handlings: dict[str, Handling]) -> tuple[Seal, ...]:
    """The seals in ``path`` (none when the file does not exist); raises
    :class:`ContentError` naming the line of anything malformed."""
    if not path.is_file() and not path.is_symlink():
        return ()
    try:
        confined(path.parent, path.name, what=SEALS_FILE)
    except Refused as exc:
        raise ContentError([problem(path, 0, str(exc))]) from None
    root = read_yaml(path)
    if not isinstance(root, YMap):
        raise ContentError([problem(path, root.line, "seals.yaml must map handling ids to seals")])
    seals: list[Seal] = []
    problems: list[Problem] = []
    for hid, node in root.values.items():
        line = root.lines[hid]
        if hid not in handlings:
            problems.append(problem(path, line, f"seal of unknown handling '{hid}'"))
            continue
        seal = _seal(path, hid, node, line, problems)
        if seal is not None:
            seals.append(seal)
    if problems:
        raise ContentError(problems)
    return tuple(seals)


def _seal(path: Path, hid: str, node: YValue, line: int, problems: list[Problem]) -> Seal | None:
    digest, sections = _get(node, "digest"), _get(node, "sections")
    if not isinstance(digest, YScalar) or not digest.text.startswith(f"{ALGORITHM}:"):
        problems.append(problem(path, line, f"seal of '{hid}' has no '{ALGORITHM}:' digest"))
        return None
    if not isinstance(sections, YMap):
        problems.append(problem(path, line, f"seal of '{hid}' has no 'sections' mapping"))
        return None
    blocks = tuple((sid, tuple(_text(v).split())) for sid, v in sections.values.items())
    return Seal(hid, digest.text, blocks, _reseals(path, _get(node, "reseals"), problems), line)


def _reseals(path: Path, node: YValue | None, problems: list[Problem]) -> tuple[Reseal, ...]:
    if node is None:
        return ()
    out: list[Reseal] = []
    for item, line in zip(node.items, node.lines, strict=True) if isinstance(node, YList) else ():
        previous, reason, date = (_text(_get(item, k)) for k in ("previous", "reason", "date"))
        try:
            day, month, year = (int(p) for p in date.split("."))
            out.append(Reseal(previous, reason, dt.date(year, month, day)))
        except ValueError:
            problems.append(problem(path, line, f"reseal date '{date}' is not of the form d.m.yyyy"))
    return tuple(out)


def _get(node: YValue | None, key: str) -> YValue | None:
    return node.values.get(key) if isinstance(node, YMap) else None


def _text(node: YValue | None) -> str:
    return node.text if isinstance(node, YScalar) else ""


def seals_text(doc: Document, seals: Iterable[Seal]) -> str:
    """The YAML text of ``seals``, in handling order: deterministic, so a
    reseal changes only the lines it must."""
    by_id = {s.handling_id: s for s in seals}
    out = [HEADER]
    for h in doc.handlings:
        seal = by_id.get(h.id)
        if seal is None:
            continue
        out.append(f"{h.id}:\n  meeting: {_quoted(h.meeting_ref())}\n  digest: {seal.digest}\n  sections:\n")
        out.extend(f"    {sid}: {' '.join(digests)}\n" for sid, digests in seal.blocks)
        if seal.reseals:
            out.append("  reseals:\n")
            for r in seal.reseals:
                when = f"{r.date.day}.{r.date.month}.{r.date.year}"
                out.append(f"    - previous: {r.previous}\n      reason: {_quoted(r.reason)}\n      date: {when}\n")
    return "".join(out)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
