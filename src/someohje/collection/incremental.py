"""No-op and incremental builds: an output is rebuilt only when its inputs changed.

Every build of the collection records, in the output folder's
``.someohje-build.json``, what each document's outputs were built from: one
digest over someohje itself (its version and its own files, fonts and
templates included), the options (formats, PDF variant), the project's
shared files (``project.yaml``, the templates and the theme, every
document's ``document.yaml``, since titles name the files that links point
at) and the document's own files (its folder below ``content/``). A build
whose digest for a document matches the record, and whose recorded files
are all still there with the recorded SHA-256, skips that document. Nothing
is read but file bytes, so deciding that nothing changed costs no more than
hashing the project: a rebuild with nothing changed writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.project import PACKAGE_DIR, Project

RECORD_FILE = ".someohje-build.json"
SCHEMA_ID = "someohje/build-record/1"
_SKIPPED_DIRS = {"__pycache__", ".git", ".venv", "build", "node_modules"}


@dataclass(frozen=True)
class Plan:
    """What a build must do: the documents to render, with each one's input digest."""

    digests: dict[str, str]  #: document id -> digest of its inputs
    stale: tuple[str, ...]  #: the documents whose outputs must be rendered
    record: dict[str, Any]  #: the record of the previous build (empty: none)

    @property
    def up_to_date(self) -> bool:
        return not self.stale


def plan(project: Project, folders: dict[str, Path], options: Sequence[str], out: Path, *, force: bool) -> Plan:
    """Compare each document's inputs with the record in ``out``.

    ``folders`` maps every document with text to its folder (``content/``
    itself for a document at the top); ``options`` are the build options
    that change the outputs."""
    shared = _digest_files(_shared_files(project, folders), project.root, options)
    digests = {did: _combine(shared, _digest_files(_own_files(project, did, folders), project.root)) for did in folders}
    record = read_record(out)
    stale = tuple(did for did in folders if force or not _still_good(record, did, digests[did], out))
    return Plan(digests, stale, record)


def read_record(out: Path) -> dict[str, Any]:
    """The previous build's record in ``out`` (``{}`` when missing or unreadable)."""
    try:
        data = json.loads((out / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA_ID else {}


def record_bytes(plan: Plan, outputs: dict[str, dict[str, bytes]], out: Path) -> bytes:
    """The new record: for each document its digest and its files' SHA-256
    (``outputs``: the files built now, by document; others keep their entry)."""
    documents: dict[str, Any] = {}
    for did, digest in sorted(plan.digests.items()):
        if did in outputs:
            files = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(outputs[did].items())}
            documents[did] = {"inputs": digest, "files": files}
        else:
            documents[did] = plan.record["documents"][did]
    data = {"schema": SCHEMA_ID, "documents": documents}
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def recorded_files(plan: Plan, document_id: str, out: Path) -> dict[Path, bytes]:
    """The files an unchanged document's last build wrote, as they are in ``out``."""
    names = plan.record["documents"][document_id]["files"]
    return {out / name: (out / name).read_bytes() for name in names}


def _still_good(record: dict[str, Any], did: str, digest: str, out: Path) -> bool:
    entry = record.get("documents", {}).get(did)
    if not isinstance(entry, dict) or entry.get("inputs") != digest:
        return False
    files = entry.get("files", {})
    return bool(files) and all(_sha256(out / name) == sha for name, sha in files.items())


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _shared_files(project: Project, folders: dict[str, Path]) -> list[Path]:
    """Files every document's outputs depend on: someohje's own, the
    templates, ``project.yaml`` and the spelling list, every ``document.yaml``."""
    files = list(_walk(PACKAGE_DIR))
    for folder in project.template_dirs:
        files += _walk(folder)
    content = project.content
    files += [p for p in content.iterdir() if p.is_file() and p.suffix in (".yaml", ".txt")]
    files += [folder / "document.yaml" for folder in folders.values()]
    return sorted(set(files))


def _own_files(project: Project, did: str, folders: dict[str, Path]) -> list[Path]:
    """The files of one document: everything in its folder, less the folders
    of the other documents (a document at ``content/`` itself holds them)."""
    mine = folders[did]
    others = [f for d, f in folders.items() if d != did and f != mine and f.is_relative_to(mine)]
    return [p for p in _walk(mine) if not any(p.is_relative_to(o) for o in others)]


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(names):
            if not name.endswith((".pyc", ".tmp")):
                yield Path(root) / name


def _digest_files(files: Iterable[Path], root: Path, extra: Sequence[str] = ()) -> str:
    digest = hashlib.sha256()
    for item in extra:
        digest.update(f"option {item}\n".encode())
    for path in files:
        name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if path.is_symlink():  # never followed: the full build refuses it, so it counts as a change
            digest.update(f"link {name} -> {os.readlink(path)}\n".encode())
            continue
        digest.update(f"file {name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _combine(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
