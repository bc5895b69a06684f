"""Writing outputs: the whole set of a build replaces the previous one.

A build's files are written into a hidden staging folder inside the output
folder (``build/.someohje-staging-XXXX/``), flushed to disk, and only then
committed: a ``COMMITTED`` manifest naming every file is renamed into the
staging folder (one atomic step), after which the files are renamed into
place and the staging folder removed. So

- a build stopped before the commit (an error, a kill, a full disk) leaves
  the previous set untouched; its staging folder is removed at the next run;
- a build stopped after the commit is completed (rolled forward) at the
  next run, before anything else is written;
- a reader never meets a half-written file, nor a temporary name outside
  the hidden staging folder.

Writers to one output folder take turns (an ``flock`` on the folder), and
the folder remembers which project wrote it last (``.someohje-project``, the
one file someohje adds): another project writing into it is told so.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STAGING_PREFIX = ".someohje-staging-"
COMMIT_FILE = "COMMITTED"
OWNER_FILE = ".someohje-project"


@dataclass(frozen=True)
class Written:
    """A file the build wrote."""

    path: Path
    size: int


def write_all(files: dict[Path, bytes], owner: str = "") -> list[Written]:
    """Write every rendered file as one set (see the module docs); called only
    once all of them rendered. ``owner`` names the project writing (its root
    folder), so that another project's earlier outputs are noticed. An
    ``OSError`` names the output file, never a temporary one."""
    folders = {path.parent for path in files}
    written: list[Written] = []
    for folder in sorted(folders):
        group = {path: data for path, data in files.items() if path.parent == folder}
        written.extend(_write_set(folder, group, owner))
    return written


def _write_set(folder: Path, files: dict[Path, bytes], owner: str) -> list[Written]:
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        recover(folder)
        for path in files:  # checked before staging: a committed set must be able to move in
            if path.is_symlink() or (path.exists() and not path.is_file()):
                raise OSError(21, "in the way: not a regular file, so not replaced", str(path))
        staged = {path.name: data for path, data in files.items()}
        if owner:  # the owner record moves in with the set
            _warn_if_other_owner(folder, owner)
            staged[OWNER_FILE] = owner.encode("utf-8") + b"\n"
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        for name, data in sorted(staged.items()):
            _write_file(staging / name, data, shown=folder / name)
        _write_file(staging / f".{COMMIT_FILE}", "\n".join(sorted(staged)).encode() + b"\n", shown=None)
        _fsync_dir(staging)
        os.replace(staging / f".{COMMIT_FILE}", staging / COMMIT_FILE)  # the commit point
        _fsync_dir(staging)
        _roll_forward(staging, folder)
    return [Written(path, len(data)) for path, data in sorted(files.items())]


def recover(folder: Path) -> None:
    """Finish or discard what an interrupted build left in ``folder``: a
    committed staging folder is moved into place, any other is removed."""
    for staging in sorted(folder.glob(f"{STAGING_PREFIX}*")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        if (staging / COMMIT_FILE).is_file():
            _roll_forward(staging, folder)
        else:
            shutil.rmtree(staging, ignore_errors=True)


def _roll_forward(staging: Path, folder: Path) -> None:
    names = (staging / COMMIT_FILE).read_text(encoding="utf-8").split()
    for name in names:
        if (staging / name).is_file():
            try:
                os.replace(staging / name, folder / name)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(folder / name)) from None
    _fsync_dir(folder)
    (staging / COMMIT_FILE).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def replace_file(path: Path, data: bytes) -> Written:
    """Replace one file (a content file someohje edits: ``seals.yaml``,
    ``document.yaml``) through a temporary file beside it and a rename, so a
    reader sees the old file or the new one, never a part."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _write_file(Path(tmp), data, shown=path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Written(path, len(data))


def _write_file(tmp: Path, data: bytes, shown: Path | None) -> None:
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(shown or tmp.parent.parent)) from None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock (an ``flock`` on the folder itself, so
    no lock file is left behind): one writer at a time."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _warn_if_other_owner(folder: Path, owner: str) -> None:
    """Say on stderr when ``folder`` last held another project's outputs
    (its files with other names stay, files with the same names are replaced)."""
    record = folder / OWNER_FILE
    try:
        previous = record.read_text(encoding="utf-8").strip() if record.is_file() else ""
    except (OSError, UnicodeDecodeError):
        previous = ""
    if previous and previous != owner:
        print(
            f"warning: {folder} held the outputs of another project ({previous}); files of the same name are replaced",
            file=sys.stderr,
        )
