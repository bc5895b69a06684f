"""Where someohje keeps what it can compute again: caches, never trusted.

Three caches make a run cheaper and never change its output:

- the compiled templates (:mod:`someohje.render.templatecache`), in the
  user's cache folder (``$XDG_CACHE_HOME/someohje``, else
  ``~/.cache/someohje``), one folder per installed version;
- the PDF's layout decisions (:mod:`someohje.render.layoutcache`), in the
  output folder (``build/.someohje-layout/``), written with the outputs they
  were made for;
- the last search index made (:mod:`someohje.collection.searchcache`), in
  the output folder (``build/.someohje-search``), written with the web
  pages it indexes.

Every cache file starts with a header naming what made it and ends in the
digest of its payload; a file whose header or digest does not match (another
version, a stale key, a torn or corrupted write) is ignored and rewritten.
Writes go to a temporary file renamed into place, so a reader never sees half
a file; a cache that cannot be written is simply not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import re
import stat
import sys
from functools import cache
from pathlib import Path


@cache
def installed(distribution: str) -> str:
    """The installed version of ``distribution`` (``"0"`` when it is not installed).

    Read from the name of its ``.dist-info`` folder on ``sys.path`` (what an
    installer writes, and what :mod:`importlib.metadata` reads too), which
    costs one folder listing: importing :mod:`importlib.metadata` would cost
    more than a whole ``check`` may spend on it; a distribution installed
    some other way is looked up through it."""
    wanted = _normalised(distribution)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            project, dash, found = name.removesuffix(".dist-info").partition("-")
            if dash and name.endswith(".dist-info") and _normalised(project) == wanted:
                return found
    return _looked_up(distribution)


def _normalised(name: str) -> str:
    """A distribution's name as its ``dist-info`` folder writes it (PEP 503, with ``_``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _looked_up(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as found

    try:
        return found(distribution)
    except PackageNotFoundError:
        return "0"


def version() -> str:
    """The installed someohje's version (``"0"`` when run from a bare source tree)."""
    return installed("someohje")


def user_cache(name: str) -> Path:
    """``name`` in the user's cache folder for this version and Python."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    impl = f"{sys.implementation.cache_tag}"
    return root / "someohje" / f"{name}-{version()}-{impl}"


def seal(header: bytes, payload: bytes) -> bytes:
    """A cache file's bytes: ``header``, a newline, the payload's digest, the payload."""
    return header + b"\n" + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload


def unseal(header: bytes, data: bytes) -> bytes | None:
    """The payload of a file made by :func:`seal` with this very ``header``;
    ``None`` if it was made with another, or its payload does not match its digest."""
    head = header + b"\n"
    if not data.startswith(head):
        return None
    digest, _, payload = data[len(head) :].partition(b"\n")
    return payload if digest == hashlib.sha256(payload).hexdigest().encode("ascii") else None


def read(path: Path, header: bytes) -> bytes | None:
    """The payload of cache file ``path`` if it is there and sound, else ``None``."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return unseal(header, data)


def replaceable(path: Path) -> bool:
    """Whether a cache file may be written at ``path`` in an output set:
    nothing or a regular file is there. A symbolic link there is removed
    (the link, not what it names) so that the new file takes its place;
    anything else (a folder, a device) is left alone and no cache is kept."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if stat.S_ISLNK(mode):
        with contextlib.suppress(OSError):
            path.unlink()
        return True
    return stat.S_ISREG(mode)


def write(path: Path, header: bytes, payload: bytes) -> None:
    """Keep ``payload`` in ``path`` (atomically: a new file renamed into place,
    never written through a symbolic link); give up quietly if it cannot be written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(seal(header, payload))
        os.replace(temporary, path)  # a link at ``path`` is replaced, never followed
    except OSError:
        temporary.unlink(missing_ok=True)


@cache
def code_digest(*modules: str) -> str:
    """A digest of the source of ``modules`` (found, not imported), for a
    cache header: what an edited source tree computed (it keeps its version
    number) is never taken for what this code computes."""
    digest = hashlib.sha256()
    for module in modules:
        try:
            spec = importlib.util.find_spec(module)
            digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else module.encode())
        except (ImportError, OSError, ValueError):
            digest.update(module.encode())
    return digest.hexdigest()[:16]
