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


def write_all(files: dict[Path, bytes], owner: str = "", whole: tuple[str, ...] = ()) -> list[Written]:
    """Write every rendered file as one set (see the module docs); called only
    once all of them rendered. ``owner`` names the project writing (its root
    folder), so that another project's earlier outputs are noticed. An
    ``OSError`` names the output file, never a temporary one.

    Files in subfolders of the top folder (the site's search index,
    ``build/pagefind/…``) belong to the top folder's set: staged and
    committed with it in one step. A subfolder named in ``whole`` (relative
    to the top folder) is the set's own: what it held before and the set
    does not write (an old index's fragments) goes when the set moves in."""
    written: list[Written] = []
    for top, group in _sets(files).items():
        written.extend(_write_set(top, group, owner, whole))
    return sorted(written, key=lambda w: w.path)


def _sets(files: dict[Path, bytes]) -> dict[Path, dict[Path, bytes]]:
    """The files by the folder whose set they join: the shallowest folder
    that holds them."""
    folders = sorted({path.parent for path in files}, key=lambda f: len(f.parts))
    tops: list[Path] = []
    for folder in folders:
        if not any(folder.is_relative_to(top) for top in tops):
            tops.append(folder)
    out: dict[Path, dict[Path, bytes]] = {}
    for path, data in files.items():
        top = next(t for t in tops if path.parent.is_relative_to(t))
        out.setdefault(top, {})[path] = data
    return out


def _write_set(folder: Path, files: dict[Path, bytes], owner: str, whole: tuple[str, ...] = ()) -> list[Written]:
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        recover(folder)
        for path in files:  # checked before staging: a committed set must be able to move in
            if path.is_symlink() or (path.exists() and not path.is_file()):
                raise OSError(21, "in the way: not a regular file, so not replaced", str(path))
        staged = {path.relative_to(folder).as_posix(): data for path, data in files.items()}
        if owner:  # the owner record moves in with the set
            _warn_if_other_owner(folder, owner)
            staged[OWNER_FILE] = owner.encode("utf-8") + b"\n"
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        for name, data in sorted(staged.items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            _write_file(staging / name, data, shown=folder / name)
        manifest = [*sorted(staged), *(f"/{sub}" for sub in sorted(whole))]  # "/sub": a folder replaced whole
        _write_file(staging / f".{COMMIT_FILE}", "\n".join(manifest).encode() + b"\n", shown=None)
        for sub in sorted({(staging / name).parent for name in staged}, key=lambda f: -len(f.parts)):
            _fsync_dir(sub)
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
    """Move a committed set into ``folder`` (again, after an interruption:
    each step can be repeated), then clear its subfolders of what it does
    not hold."""
    lines = (staging / COMMIT_FILE).read_text(encoding="utf-8").split()
    names = [line for line in lines if not line.startswith("/")]
    for name in names:
        if (staging / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(staging / name, folder / name)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(folder / name)) from None
    _prune(folder, names, [line[1:] for line in lines if line.startswith("/")])
    _fsync_dir(folder)
    (staging / COMMIT_FILE).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _prune(folder: Path, names: list[str], whole: list[str]) -> None:
    """Remove from each subfolder replaced whole the files the set does not hold."""
    kept = set(names)
    for sub in whole:
        root = folder / sub
        if root.is_symlink() or not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.relative_to(folder).as_posix() not in kept:
                path.unlink()


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
