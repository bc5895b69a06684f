"""No-op and incremental builds: an output is rebuilt only when its inputs changed.

Every build of the collection records, in the output folder's
``.someohje-build.json``, what each document's outputs were built from: one
digest over someohje itself (its version and its own files, fonts and
templates included), the options (formats, PDF variant), the project's
shared files (``project.yaml``, the templates and the theme, and of every
other document only its title, since titles name the files that links
point at) and the document's own files (its folder below ``content/``,
its ``document.yaml`` included). A build whose digest for a document
matches the record, and whose recorded files are all still there with the
recorded SHA-256, skips that document: a change to one document's
metadata rebuilds that document, and every other one only when its title
changed. Nothing is read but file bytes and the titles, so deciding that
nothing changed costs little more than hashing the project: a rebuild
with nothing changed writes nothing.

The record is input like any content: it is read through the confined
reader (a regular file, no link, bounded in size) and checked against its
schema (a mapping of document ids to a digest and plain file names of
``build/``, each with a SHA-256). A record that is not one someohje wrote is
treated as absent: everything is built again, and :attr:`Record.problem`
says why (the build warns in one line). Folders are hashed through
:func:`~someohje.content.confine.walk`: a link is hashed as its target's
name, a named pipe or device as what it is, a file over the size any
reader accepts by its size and time; none of them is opened.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.confine import MAX_FILE_BYTES, Entry, Refused, read_bytes, walk
from ..content.folders import document_titles, version_parent
from ..content.project import PACKAGE_DIR, Project
from ..messages import gettext as _
from ..pipeline.formats import EXTENSIONS, FORMATS

RECORD_FILE = ".someohje-build.json"
SCHEMA_ID = "someohje/build-record/1"
#: the largest build record read (one line per output file)
MAX_RECORD_BYTES = 4_000_000
_SKIPPED_DIRS = {"__pycache__", ".git", ".venv", "build", "node_modules"}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z]{2,3}(?:-[A-Z]{2})?)?")  #: a document's, or a language version's
_SHA256 = re.compile(r"[0-9a-f]{64}")
#: an output's name in the record: a file of the output folder itself
OUTPUT_NAME = re.compile(
    rf"[a-z0-9][a-z0-9-]*\.(?:{'|'.join(re.escape(EXTENSIONS.get(f, f)) for f in FORMATS)})"
)  # a document's output in build/: a stem and the extension of one of the formats


@dataclass(frozen=True)
class Built:
    """What the record says one document's outputs were built from."""

    inputs: str  #: the digest of its inputs
    files: dict[str, str]  #: output file name -> SHA-256


@dataclass(frozen=True)
class Record:
    """The previous build's record: empty when there is none, or when the
    file is not one someohje wrote (then ``problem`` says why)."""

    documents: dict[str, Built] = field(default_factory=dict)
    problem: str = ""


@dataclass(frozen=True)
class Plan:
    """What a build must do: the documents to render, with each one's input digest."""

    digests: dict[str, str]  #: document id -> digest of its inputs
    stale: tuple[str, ...]  #: the documents whose outputs must be rendered
    record: Record  #: the record of the previous build
    kept: dict[str, dict[Path, bytes]] = field(default_factory=dict)  #: up-to-date outputs, as verified

    @property
    def up_to_date(self) -> bool:
        return not self.stale


def plan(project: Project, folders: dict[str, Path], options: Sequence[str], out: Path, *, force: bool) -> Plan:
    """Compare each document's inputs with the record in ``out``.

    ``folders`` maps every document with text to its folder (``content/``
    itself for a document at the top); ``options`` are the build options
    that change the outputs."""
    shared = _digest_files(_shared_files(project, folders), project.root, [*options, *document_titles(folders)])
    inner = _inner_folders(folders)
    own = {did: _digest_files(_own_files(folders[did], inner), project.root) for did in folders}
    # a language version's outputs also follow its document's: the decision history is stated there
    digests = {did: _combine(shared, own[did], *_parent(own, did)) for did in folders}
    record = read_record(out)
    kept: dict[str, dict[Path, bytes]] = {}
    for did in folders:
        files = None if force else _still_good(record, did, digests[did], out)
        if files is not None:
            kept[did] = files
    stale = tuple(did for did in folders if did not in kept)
    return Plan(digests, stale, record, kept)


def read_record(out: Path) -> Record:
    """The previous build's record in ``out``: empty when there is none, or
    (with its problem) when it is not a record someohje wrote."""
    path = out / RECORD_FILE
    if not path.exists() and not path.is_symlink():
        return Record()
    try:
        data = json.loads(read_bytes(path, MAX_RECORD_BYTES, what=_("it")).decode("utf-8"))
    except Refused as exc:
        return Record(problem=str(exc))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Record(problem=_("it is not JSON"))
    try:
        return Record(_documents(data))
    except ValueError as exc:
        return Record(problem=_("it is not a build record someohje wrote ({exc})").format(exc=exc))


def _documents(data: Any) -> dict[str, Built]:
    """The record's documents, checked against its schema; ``ValueError`` says what is wrong."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID or set(data) != {"schema", "documents"}:
        raise ValueError(_("not of schema {SCHEMA_ID}").format(SCHEMA_ID=SCHEMA_ID))
    documents = data["documents"]
    if not isinstance(documents, dict):
        raise ValueError(_("'documents' is not a mapping"))
    out: dict[str, Built] = {}
    for did, entry in documents.items():
        if not _ID.fullmatch(did) or not isinstance(entry, dict) or set(entry) != {"inputs", "files"}:
            raise ValueError(_("a document's entry is not an id with 'inputs' and 'files'"))
        inputs, files = entry["inputs"], entry["files"]
        if not isinstance(inputs, str) or not _SHA256.fullmatch(inputs) or not isinstance(files, dict) or not files:
            raise ValueError(_("the entry of '{did}' has no digest or no files").format(did=did))
        for name, sha in files.items():
            if not OUTPUT_NAME.fullmatch(name) or not isinstance(sha, str) or not _SHA256.fullmatch(sha):
                raise ValueError(_("the entry of '{did}' names a file that is not an output of build/").format(did=did))
        out[did] = Built(inputs, dict(files))
    return out


def record_bytes(plan: Plan, outputs: dict[str, dict[str, bytes]], out: Path) -> bytes:
    """The new record: for each document its digest and its files' SHA-256
    (``outputs``: the files built now, by document; others keep their entry)."""
    documents: dict[str, Any] = {}
    for did, digest in sorted(plan.digests.items()):
        if did in outputs:
            files = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(outputs[did].items())}
        else:
            files = plan.record.documents[did].files
        documents[did] = {"inputs": digest, "files": files}
    data = {"schema": SCHEMA_ID, "documents": documents}
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def no_longer_made(plan: Plan, made: set[str], formats: Sequence[str], out: Path) -> dict[Path, str]:
    """The previous build's outputs that this one no longer makes (a
    document's files under its old title, a document that left the
    collection), each with the SHA-256 it was recorded with, in the formats
    this build writes (``build --format html`` leaves the PDFs alone);
    ``made``: the names this build writes in ``out``."""
    extensions = {EXTENSIONS.get(f, f) for f in formats}
    return {
        out / name: sha
        for entry in plan.record.documents.values()
        for name, sha in entry.files.items()
        if name not in made and name.split(".", 1)[1] in extensions
    }


def recorded_files(plan: Plan, document_id: str, out: Path) -> dict[Path, bytes]:
    """The files an unchanged document's last build wrote, as they were
    verified in ``out`` when the build was planned."""
    return plan.kept[document_id]


def _still_good(record: Record, did: str, digest: str, out: Path) -> dict[Path, bytes] | None:
    """The recorded outputs of ``did``, read back, when they were built from
    ``digest`` and are unchanged; None when the document must be built."""
    entry = record.documents.get(did)
    if entry is None or entry.inputs != digest:
        return None
    files: dict[Path, bytes] = {}
    for name, sha in entry.files.items():
        try:
            data = read_bytes(out / name, MAX_FILE_BYTES)
        except Refused:
            return None
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        files[out / name] = data
    return files


def _parent(own: dict[str, str], did: str) -> list[str]:
    """The digest of the document whose version ``did`` is, if it is one."""
    parent = version_parent(did)
    return [own[parent]] if parent != did and parent in own else []


def _shared_files(project: Project, folders: dict[str, Path]) -> list[Entry]:
    """Files every document's outputs depend on: someohje's own, the
    templates, ``project.yaml`` and the spelling list (of the other
    documents' ``document.yaml`` only the titles, :func:`plan`)."""
    files = list(_walk(PACKAGE_DIR))
    for folder in project.template_dirs:
        files += _walk(folder)
    content = project.content
    files += [e for e in _walk(content, top=True) if e.path.suffix in (".yaml", ".txt")]
    return sorted(set(files), key=lambda e: e.path)


def _inner_folders(folders: dict[str, Path]) -> dict[Path, set[Path]]:
    """Each document folder with the other documents' folders below it (a
    document at ``content/`` itself holds them all), found through each
    folder's parents: as many steps as the folders are deep, not as many as
    there are documents."""
    inner: dict[Path, set[Path]] = {folder: set() for folder in folders.values()}
    for folder in inner:
        for parent in folder.parents:
            if parent in inner:
                inner[parent].add(folder)
    return inner


def _own_files(mine: Path, inner: dict[Path, set[Path]]) -> list[Entry]:
    """The files of the document in folder ``mine``: everything in it, less
    the folders of the other documents inside it (:func:`_inner_folders`)."""
    others = inner[mine]
    return [e for e in _walk(mine) if not others or not any(p in others for p in e.path.parents)]


def _walk(folder: Path, *, top: bool = False) -> Iterable[Entry]:
    for entry in walk(folder, _skipped):
        if not (top and "/" in entry.relative):
            yield entry


def _skipped(name: str) -> bool:
    return name in _SKIPPED_DIRS or name.startswith(".") or name.endswith((".pyc", ".tmp"))


def _digest_files(files: Iterable[Entry], root: Path, extra: Sequence[str] = ()) -> str:
    digest = hashlib.sha256()
    for item in extra:
        digest.update(f"option {item}\n".encode())
    for entry in files:
        digest.update(_file_digest(entry, root))
    return digest.hexdigest()


def _file_digest(entry: Entry, root: Path) -> bytes:
    """What one file adds to a digest. Only a regular file within the size
    any reader accepts is read; anything else (the full build refuses it)
    counts by what it is, so a change to it is still a change."""
    path = entry.path
    name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if entry.kind == _("a symbolic link"):
        try:
            return f"link {name} -> {path.readlink()}\n".encode(errors="surrogateescape")
        except OSError:
            return f"link {name}\n".encode(errors="surrogateescape")
    if entry.kind or entry.size > MAX_FILE_BYTES:
        return f"{entry.kind or 'big'} {name} {entry.size} {entry.mtime_ns}\n".encode(errors="surrogateescape")
    try:
        data = read_bytes(path, MAX_FILE_BYTES)
    except Refused as exc:
        return f"unread {name} {exc}\n".encode(errors="surrogateescape")
    return f"file {name}\n".encode(errors="surrogateescape") + hashlib.sha256(data).digest()


def _combine(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
