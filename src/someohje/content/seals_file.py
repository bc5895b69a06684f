"""``content/seals.yaml``: the seals of the decided stages, read and written.

The file maps each sealed handling's id to the digest of its stage's text
and a short digest of every block per section (see
:mod:`someohje.record.seals` for how they are computed and checked). It is
written by ``someohje seal`` in a deterministic form, and read through the
same field reader as every other file of the content.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import ContentError, problem
from ..messages import gettext as _
from ..model import Document, Handling, Reseal, Seal
from .confine import Refused, confined
from .fields import FieldReader
from .yamlsource import YMap, YScalar, YValue, read_yaml

SEALS_FILE = "seals.yaml"
#: the digest algorithm, named in each digest: ``sha256:…``
ALGORITHM = "sha256"
HEADER = (
    "# Seals of the decided stages of the text. Written by `python -m someohje seal`;\n"
    "# do not edit by hand: check and build compare every sealed stage with them.\n"
)
_SEAL_FIELDS = {"digest", "sections"}
_SEAL_OPTIONAL = {"meeting", "reseals"}


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
        raise ContentError([problem(path, root.line, _("seals.yaml must map handling ids to seals"))])
    r = FieldReader(path)
    seals: list[Seal] = []
    for hid, node in root.values.items():
        line = root.lines[hid]
        if hid not in handlings:
            r.error(line, _("seal of unknown handling '{hid}'").format(hid=hid))
            continue
        seal = _seal(r, hid, node, line)
        if seal is not None:
            seals.append(seal)
    if r.problems:
        raise ContentError(r.problems)
    return tuple(seals)


def _seal(r: FieldReader, hid: str, node: YValue, line: int) -> Seal | None:
    """One handling's seal: its digest, its block digests, its reseals."""
    m = node if isinstance(node, YMap) else None
    digest = m.values.get("digest") if m else None
    if not isinstance(digest, YScalar) or not digest.text.startswith(f"{ALGORITHM}:"):
        r.error(line, _("seal of '{hid}' has no '{ALGORITHM}:' digest").format(hid=hid, ALGORITHM=ALGORITHM))
        return None
    sections = m.values.get("sections") if m else None
    if m is None or not isinstance(sections, YMap):
        r.error(line, _("seal of '{hid}' has no 'sections' mapping").format(hid=hid))
        return None
    r.unknown_keys(
        m, _SEAL_FIELDS | _SEAL_OPTIONAL, lambda key: _("field '{key}' in the seal of '{hid}'").format(key=key, hid=hid)
    )
    blocks = tuple((sid, tuple(_text(v).split())) for sid, v in sections.values.items())
    return Seal(hid, digest.text, blocks, _reseals(r, m.values.get("reseals")), line)


def _reseals(r: FieldReader, node: YValue | None) -> tuple[Reseal, ...]:
    """The forced reseals of a seal, each with the digest it replaced."""
    out: list[Reseal] = []
    for m, _line in [] if node is None else r.items_of(node, "reseals"):
        fields = r.fields(m, "reseal", {"previous", "reason", "date"}, set())
        if fields is None:
            continue
        date = r.date(fields, "date")
        if date is not None:
            out.append(Reseal(r.text(fields, "previous"), r.text(fields, "reason"), date))
    return tuple(out)


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
            for reseal in seal.reseals:
                when = f"{reseal.date.day}.{reseal.date.month}.{reseal.date.year}"
                out.append(
                    f"    - previous: {reseal.previous}\n      reason: {_quoted(reseal.reason)}\n      date: {when}\n"
                )
    return "".join(out)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
