"""Writing outputs: all or nothing, atomically, with stable names."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Written:
    """A file the build wrote."""

    path: Path
    size: int


def write_atomic(path: Path, data: bytes) -> Written:
    """Write ``data`` to ``path`` through a temporary file in the same folder
    and a rename, so a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Written(path, len(data))


def write_all(files: dict[Path, bytes]) -> list[Written]:
    """Write every rendered file; called only once all of them rendered, so a
    failed render leaves the previous build untouched."""
    return [write_atomic(path, data) for path, data in sorted(files.items())]
