"""A meeting package: everything one meeting needs, from the documents it handled.

For each document with a handling of the meeting: the agenda attachment
(``Liite N``), the text as proposed to the meeting, and the redline of the
proposal against the stage before it; once the meeting has decided, the
minutes extract, the decided text and the redline of the decision against
the proposal. Every file in PDF, DOCX and HTML goes into
``build/<meeting>/`` with a ``manifest.json`` (file, role, document,
SHA-256) and one zip of them all for the case-management system.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..document.guideline import guideline
from ..document.meeting import attachment, attachment_meetings, extract, extract_meetings
from ..document.redline import redline
from ..errors import Problem, UsageError
from ..messages import gettext as _
from ..model import Collection, Document, Handling
from ..tree import OutputDocument

MANIFEST = "manifest.json"
SCHEMA_ID = "someohje/package/1"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Part:
    """One document of the package: what it is for, and which document it comes from."""

    role: str  #: attachment, proposal, redline, extract, decided-text, decision-changes
    document_id: str
    output: OutputDocument


def meeting_ids(collection: Collection) -> list[str]:
    """Every handling id of the collection's documents, in order of first appearance."""
    return list(dict.fromkeys(h.id for d in collection.documents for h in d.handlings))


def package_parts(collection: Collection, meeting: str, document_id: str | None = None) -> list[Part]:
    """The documents of ``meeting``'s package, in collection order.

    Raises :class:`UsageError` (naming ``--meeting``) when no document was
    handled at that meeting, or none has a text to show for it."""
    docs = [collection.pick(document_id)] if document_id else list(collection.documents)
    handled = [d for d in docs if any(h.id == meeting for h in d.handlings)]
    if not handled:
        valid = ", ".join(meeting_ids(collection))
        raise UsageError(
            [
                Problem(
                    "--meeting",
                    0,
                    _("no document was handled at '{meeting}'; meetings: {valid}").format(meeting=meeting, valid=valid),
                )
            ]
        )
    parts: list[Part] = []
    numbers: dict[str, int] = {}  # a language version is its document's attachment, in its language
    for doc in handled:
        if meeting in attachment_meetings(doc):
            number = numbers.get(doc.version_of) or len(set(numbers.values())) + 1
            numbers[doc.id] = number
            parts += _before(doc, meeting, number)
        parts += _after(doc, doc.handling(meeting))
    if not parts:
        raise UsageError(
            [Problem("--meeting", 0, _("the content holds no text for '{meeting}' to package").format(meeting=meeting))]
        )
    return parts


def _before(doc: Document, meeting: str, number: int) -> list[Part]:
    """The attachment, the proposed text, and its redline against the stage before it."""
    out = [Part("attachment", doc.id, attachment(doc, meeting, number))]
    proposed = doc.handlings[doc.handling_index(meeting) - 1]
    out.append(Part("proposal", doc.id, guideline(doc, proposed.id)))
    stages = doc.stage_ids()
    if stages.index(proposed.id) > 0:
        out.append(Part("redline", doc.id, redline(doc, stages[stages.index(proposed.id) - 1], proposed.id)))
    return out


def _after(doc: Document, handling: Handling) -> list[Part]:
    """After the decision: the minutes extract, the decided text, and what the decision changed."""
    if not handling.decided:
        return []
    out: list[Part] = []
    if handling.id in extract_meetings(doc):
        out.append(Part("extract", doc.id, extract(doc, handling.id)))
    stages = doc.stage_ids()
    if handling.id in stages:
        out.append(Part("decided-text", doc.id, guideline(doc, handling.id)))
        if stages.index(handling.id) > 0:
            out.append(
                Part("decision-changes", doc.id, redline(doc, stages[stages.index(handling.id) - 1], handling.id))
            )
    return out


def folder_name(collection: Collection, meeting: str) -> str:
    """``kvalt-2022-06-14``: the meeting's body and date (a § is per document)."""
    handling = next(h for d in collection.documents for h in d.handlings if h.id == meeting)
    when = handling.date.iso().replace("-unknown", "")
    return f"{handling.body.abbreviation.lower()}-{when}" if handling.date.known else handling.id


def unique_stems(parts: list[Part]) -> list[Part]:
    """The parts with file stems that do not collide (a stage shown twice keeps one name each)."""
    seen: dict[str, int] = {}
    out = []
    for part in parts:
        stem = part.output.file_stem
        seen[stem] = seen.get(stem, 0) + 1
        if seen[stem] > 1:
            stem = f"{stem}-{part.role}"
        out.append(replace(part, output=replace(part.output, file_stem=stem)))
    return out


def manifest(meeting: str, parts: list[Part], files: dict[Path, bytes]) -> bytes:
    """``manifest.json``: every file with its role, document, format, size and SHA-256."""
    entries: list[dict[str, Any]] = []
    order = {p.output.file_stem: (i, p) for i, p in enumerate(parts)}
    # the archival PDF's name has a suffix after the stem, in the document's language (-arkisto, -arkiv)
    order |= {f"{p.output.file_stem}-{p.output.words('file.archival')}": (i, p) for i, p in enumerate(parts)}

    def part_of(path: Path) -> tuple[int, Part]:
        return order[path.stem]

    for path, data in sorted(files.items(), key=lambda f: (part_of(f[0])[0], f[0].suffix)):
        part = part_of(path)[1]
        entries.append(
            {
                "file": path.name,
                "role": part.role,
                "document": part.document_id,
                "format": path.suffix.lstrip("."),
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    listing = {"schema": SCHEMA_ID, "meeting": meeting, "files": entries}
    return (json.dumps(listing, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def zipped(files: dict[Path, bytes]) -> bytes:
    """One zip of ``files`` (by name): members sorted, fixed timestamps, so
    the same package gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in sorted(files.items(), key=lambda f: f[0].name):
            info = zipfile.ZipInfo(path.name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
