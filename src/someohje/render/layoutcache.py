"""The PDF's layout decisions, kept inside the output folder so that only a
changed text pays for a layout.

Laying a document out decides three things the other formats need
(:func:`someohje.render.pdf.lay_out`): whether it is long enough for a table
of contents, the page each of its headings falls on, and which words must
stay whole (the two-hyphens rule, :mod:`.hyphenation`). They are a pure
function of the HTML the PDF is laid out from, the files that HTML reads
(images, the theme's stylesheets and fonts) and the code that lays it out.
So they are kept in ``OUT/.someohje-layout/KEY``, where ``KEY`` is the
digest of the HTML and the WeasyPrint options, and each entry lists the
digest of every file the layout read. A :class:`LayoutCache` reads the
entries there and holds the new ones in memory; they are written as part
of the output set they were made for (:func:`someohje.commands.common.write_files`),
so a command that fails leaves no entry behind, as it leaves no output:

- a build of the web page or the DOCX alone takes them from the entry and
  lays nothing out;
- a PDF build lays its text out once, the final time, instead of up to
  four times;
- an entry whose files have changed, whose code or version is another
  (the header, :mod:`someohje.caches`), or that is torn, corrupted, not a
  regular file or too large is ignored and written afresh, never trusted;
- the folder stays bounded (:data:`MAX_ENTRIES`, :data:`MAX_BYTES`): an
  entry read is marked used (its modification time), and once new entries
  are written the least recently used ones beyond the bounds are removed,
  never one this command read or wrote.

The outputs are the same bytes with or without the cache: a PDF laid out
from an entry whose pages are not the pages the entry names is laid out
again the whole way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import caches
from ..content.confine import Refused, read_bytes
from ..messages import gettext as _

FOLDER = ".someohje-layout"
#: the largest entry read back (a long document's pages and words)
MAX_ENTRY_BYTES = 2_000_000
#: at most this many entries are kept: the texts of a large collection and
#: their variants (a meeting package lays out about six), with room to spare
MAX_ENTRIES = 2000
#: and at most this many bytes of them (an entry is about 1 kB a page)
MAX_BYTES = 64_000_000
#: an entry's name: the SHA-256 of :func:`key`; nothing else in the folder is pruned
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}")
#: the modules whose code decides the layout and what is kept of it
_CODE = ("someohje.render.pdf", "someohje.render.hyphenation", "someohje.render.contents", __name__)


@dataclass(frozen=True)
class Layout:
    """What a layout decided: a table of contents or not, the page of each
    anchor (with a table of contents), the words kept whole, and the files
    the layout read, each with its SHA-256."""

    contents: bool
    pages: dict[str, int]
    whole: tuple[str, ...]
    files: dict[str, str]


def key(html: str, options: dict[str, Any]) -> str:
    """The entry's name for a layout of ``html`` in the PDF variant of
    WeasyPrint ``options`` (what else they hold is written into the PDF
    after the layout: attachments, form fields)."""
    variant = str(options.get("pdf_variant"))
    return hashlib.sha256(variant.encode() + b"\0" + html.encode("utf-8")).hexdigest()


@dataclass
class LayoutCache:
    """The layout cache in ``folder``: :meth:`load` reads an entry there,
    :meth:`keep` holds a new one in memory (``kept``: payloads by entry
    name), :meth:`entries` gives those to write with the outputs
    (:meth:`write` writes them alone, for a caller with no output set, the
    preview)."""

    folder: Path
    kept: dict[str, bytes] = field(default_factory=dict)
    #: the entries this command read from the folder: never pruned by it
    used: set[str] = field(default_factory=set)

    def load(self, name: str) -> Layout | None:
        """The entry ``name`` if it is sound and every file it lists is as it
        was; ``None`` otherwise."""
        payload = self.kept.get(name)
        if payload is None:
            if not _real_folder(self.folder):
                return None
            try:
                data = read_bytes(self.folder / name, MAX_ENTRY_BYTES, what=_("the layout cache entry"))
            except Refused:
                return None
            payload = caches.unseal(_header(), data)
        layout = _parse(payload) if payload is not None else None
        if layout is None or any(_digest(Path(path)) != sha for path, sha in layout.files.items()):
            return None
        if name not in self.kept and name not in self.used:
            self.used.add(name)
            with contextlib.suppress(OSError):  # a read-only folder: the entry is simply not marked
                os.utime(self.folder / name, follow_symlinks=False)
        return layout

    def keep(self, name: str, layout: Layout) -> None:
        """Hold ``layout`` as entry ``name`` until it is written."""
        self.kept[name] = json.dumps(
            {"contents": layout.contents, "pages": layout.pages, "whole": list(layout.whole), "files": layout.files},
            ensure_ascii=False,
            sort_keys=True,
        ).encode("utf-8")

    def entries(self) -> dict[Path, bytes]:
        """The entries held, sealed, by the path each is written to: none
        when the folder is not a real folder (a link), and none over
        something that is not a regular file. A damaged cache never stops a
        build: an entry that is a symbolic link is removed (the link, not
        what it names), so that the new one takes its place."""
        if (self.folder.exists() or self.folder.is_symlink()) and not _real_folder(self.folder):
            return {}
        targets = {self.folder / name: payload for name, payload in self.kept.items()}
        return {path: caches.seal(_header(), payload) for path, payload in targets.items() if caches.replaceable(path)}

    def adopt(self, kept: dict[str, bytes]) -> None:
        """Hold another process's ``kept`` entries as this cache's own."""
        self.kept.update(kept)

    def write(self) -> None:
        """Write the entries held into the folder (created when missing,
        never through a link; :func:`someohje.caches.write`), quietly not at
        all when it cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        if not _real_folder(self.folder):
            return
        for name, payload in self.kept.items():
            caches.write(self.folder / name, _header(), payload)
        self.prune()

    def prune(self) -> None:
        """Remove the least recently used entries beyond :data:`MAX_ENTRIES`
        and :data:`MAX_BYTES`, after the entries held were written (they
        are then no longer held): never one this command read or wrote,
        never anything but an entry's regular file, and quietly nothing
        when the folder cannot be listed."""
        protected = self.used | set(self.kept)
        self.used |= set(self.kept)
        self.kept.clear()
        if not _real_folder(self.folder):
            return
        entries = sorted(_listed(self.folder), reverse=True)  # newest first
        count, size = 0, 0
        for _digest, name, length in entries:
            count, size = count + 1, size + length
            if name in protected or (count <= MAX_ENTRIES and size <= MAX_BYTES):
                continue
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()


def _listed(folder: Path) -> list[tuple[int, str, int]]:
    """(modification time, name, size) of every entry file in ``folder``."""
    out = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                if _ENTRY_NAME.fullmatch(item.name) and item.is_file(follow_symlinks=False):
                    info = item.stat(follow_symlinks=False)
                    out.append((info.st_mtime_ns, item.name, info.st_size))
    except OSError:
        return []
    return out


def digests(paths: list[Path]) -> dict[str, str] | None:
    """Each file's SHA-256 by its path, ``None`` if one cannot be read."""
    out: dict[str, str] = {}
    for path in paths:
        sha = _digest(path)
        if sha is None:
            return None
        out[str(path)] = sha
    return out


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except Refused:
        return None


def _real_folder(folder: Path) -> bool:
    """Whether ``folder`` and the output folder it is in are folders, not links."""
    try:
        return all(stat.S_ISDIR(os.lstat(f).st_mode) for f in (folder.parent, folder))
    except OSError:
        return False


def _parse(payload: bytes) -> Layout | None:
    """The entry's payload as a :class:`Layout`, ``None`` unless it is one this module wrote."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or set(data) != {"contents", "pages", "whole", "files"}:
        return None
    contents, pages, whole, files = data["contents"], data["pages"], data["whole"], data["files"]
    if not isinstance(contents, bool) or not isinstance(pages, dict) or not isinstance(whole, list):
        return None
    if not all(isinstance(k, str) and type(v) is int and v > 0 for k, v in pages.items()):
        return None
    if not all(isinstance(w, str) for w in whole) or not isinstance(files, dict):
        return None
    if not all(isinstance(p, str) and os.path.isabs(p) and isinstance(s, str) for p, s in files.items()):
        return None
    return Layout(contents, pages, tuple(whole), files)


def _header() -> bytes:
    """What made an entry: this version of someohje and WeasyPrint, and the
    code that lays out (an edited source tree keeps its version number)."""
    weasyprint = caches.installed("weasyprint")
    return f"someohje-layout {caches.version()} weasyprint {weasyprint} {caches.code_digest(*_CODE)}".encode()
