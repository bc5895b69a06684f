"""Writing outputs: the whole set of a build replaces the previous one.

A build's files are written into a hidden staging folder inside the output
folder (``build/.someohje-staging-XXXX/``), flushed to disk, and only then
committed: a ``COMMITTED`` manifest naming every file with its SHA-256 is
renamed into the staging folder (one atomic step), after which the files
are renamed into place and the staging folder removed. Files in subfolders
of the output folder (the site's search index, ``build/pagefind/…``) belong
to its set: staged and committed with it in one step. So

- a build stopped before the commit (an error, a kill, a full disk) leaves
  the previous set untouched; its staging folder is removed at the next run;
- a build stopped after the commit is completed (rolled forward) at the
  next run, before anything else is written;
- a reader never meets a half-written file, nor a temporary name outside
  the hidden staging folder.

Every file is written below a ``root`` folder given by the verb (the
project, the output folder, the folder of a new project), through
:func:`~someohje.content.confine.confined_target`: never through a symbolic
link, never over something that is not a regular file.

What an earlier run left in the output folder is input, and checked as
such: a staging folder is rolled forward only when its manifest is one
someohje writes (relative names with no ``.`` or ``..`` part, each file
there with its digest), and removed only when it holds nothing but folders
and regular files; anything else is left alone
with a one-line warning. Writers to one output folder take turns (an
``flock`` on the folder), and the folder remembers which project wrote it
last (``.someohje-project``): another project writing into it is told so.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..chars import quote
from ..content.confine import Refused, confined_folder, confined_target, read_bytes
from ..errors import OutputError, problem, shown_path
from ..messages import gettext as _

STAGING_PREFIX = ".someohje-staging-"
COMMIT_FILE = "COMMITTED"
OWNER_FILE = ".someohje-project"
#: the largest manifest or owner record read back
MAX_RECORD_BYTES = 1_000_000
#: the largest file a staging folder may hold (a meeting package's zip)
MAX_STAGED_BYTES = 4_000_000_000
_PART = r"[^/\\\x00\n]+"
#: a manifest line: a file's digest and name, ``whole`` and a subfolder the set
#: replaces whole, or ``gone-`` and the digest and name of an earlier file it removes
_MANIFEST_LINE = re.compile(rf"([0-9a-f]{{64}}|whole|gone-[0-9a-f]{{64}})  ({_PART}(?:/{_PART})*)")
WHOLE = "whole"
GONE = "gone-"


@dataclass(frozen=True)
class Written:
    """A file the build wrote."""

    path: Path
    size: int


class _LeftAlone(Exception):
    """A staging folder that is not as someohje leaves one; ``str()`` says why."""


def write_all(
    files: dict[Path, bytes],
    owner: str = "",
    *,
    root: Path,
    whole: tuple[str, ...] = (),
    gone: dict[Path, str] | None = None,
) -> list[Written]:
    """Write every rendered file as one set (see the module docs); called only
    once all of them rendered. Every path must lie below ``root``, reached
    without a symbolic link (:class:`~someohje.errors.OutputError` names the
    first that is not, and nothing is written). ``owner`` names the project
    writing (its root folder), so that another project's earlier outputs are
    noticed. An ``OSError`` names the output file, never a temporary one.

    Files in subfolders of the shallowest folder written into join its set.
    A subfolder named in ``whole`` (relative to that folder) is the set's
    own: what it held before and the set does not write (an old search
    index's fragments) goes when the set moves in. ``gone`` names earlier
    outputs the set no longer makes (a document's files under its old
    title), each with the SHA-256 it was written with: each goes when the
    set moves in, if it is still a regular file of those very bytes."""
    check_targets(root, files)
    written: list[Written] = []
    for top, group in _sets(files).items():
        leaving = {p.relative_to(top).as_posix(): sha for p, sha in (gone or {}).items() if p.parent == top}
        written.extend(_write_set(top, group, owner, whole, leaving))
    return sorted(written, key=lambda w: w.path)


def _sets(files: dict[Path, bytes]) -> dict[Path, dict[Path, bytes]]:
    """The files by the folder whose set they join: the shallowest folder
    that holds them."""
    tops: list[Path] = []
    for folder in sorted({path.parent for path in files}, key=lambda f: len(f.parts)):
        if not any(folder.is_relative_to(top) for top in tops):
            tops.append(folder)
    out: dict[Path, dict[Path, bytes]] = {}
    for path, data in files.items():
        top = next(t for t in tops if path.parent.is_relative_to(t))
        out.setdefault(top, {})[path] = data
    return out


def check_targets(root: Path, paths: dict[Path, bytes] | list[Path]) -> None:
    """Raise :class:`~someohje.errors.OutputError` unless every path may be
    written below ``root`` (:func:`~someohje.content.confine.confined_target`;
    for someohje's own hidden records, only the folder they go into)."""
    problems = []
    for path in sorted(paths):
        try:
            if path.name.startswith("."):  # someohje's own record: replaced by a rename, whatever is there
                confined_folder(root, path.parent, what=_("it"))
            else:
                confined_target(root, path, what=_("it"))
        except Refused as exc:
            problems.append(problem(path, 0, str(exc)))
    if problems:
        raise OutputError(problems)


def _write_set(
    folder: Path, files: dict[Path, bytes], owner: str, whole: tuple[str, ...], gone: dict[str, str]
) -> list[Written]:
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        recover(folder)
        staged = {path.relative_to(folder).as_posix(): data for path, data in files.items()}
        if owner:  # the owner record moves in with the set
            _warn_if_other_owner(folder, owner)
            staged[OWNER_FILE] = owner.encode("utf-8") + b"\n"
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        for name, data in sorted(staged.items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            _write_file(staging / name, data, shown=folder / name)
        manifest = {name: hashlib.sha256(data).hexdigest() for name, data in staged.items()}
        manifest.update({sub: WHOLE for sub in whole})
        manifest.update({name: GONE + sha for name, sha in gone.items() if name not in manifest})
        listing = "".join(f"{sha}  {name}\n" for name, sha in sorted(manifest.items()))
        _write_file(staging / f".{COMMIT_FILE}", listing.encode("utf-8"), shown=None)
        for sub in sorted({(staging / name).parent for name in staged}, key=lambda f: -len(f.parts)):
            _fsync_dir(sub)
        os.replace(staging / f".{COMMIT_FILE}", staging / COMMIT_FILE)  # the commit point
        _fsync_dir(staging)
        _roll_forward(staging, folder, manifest)
    return [Written(path, len(data)) for path, data in sorted(files.items())]


def recover(folder: Path) -> None:
    """Finish or discard what an interrupted build left in ``folder``: a
    committed staging folder is moved into place, any other is removed;
    one that someohje did not leave so is left alone, with a warning."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.startswith(STAGING_PREFIX))
    except OSError:
        return
    for name in names:
        staging = folder / name
        try:
            if not stat.S_ISDIR(staging.lstat().st_mode):
                raise _LeftAlone(_("not a folder someohje made"))
            manifest = _manifest(staging)
            if manifest is None:
                _discard(staging)
            else:
                _roll_forward(staging, folder, manifest)
        except _LeftAlone as exc:
            print(
                _("warning: {staging}: {exc}; left alone").format(staging=shown_path(staging), exc=exc), file=sys.stderr
            )


def _manifest(staging: Path) -> dict[str, str] | None:
    """The committed manifest of ``staging`` (name -> SHA-256, or a subfolder
    -> :data:`WHOLE`), None when uncommitted; :class:`_LeftAlone` when it is
    not one someohje wrote, or a file it names is not the one written."""
    path = staging / COMMIT_FILE
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = read_bytes(path, MAX_RECORD_BYTES, what=_("its manifest")).decode("utf-8")
    except (Refused, UnicodeDecodeError) as exc:
        raise _LeftAlone(str(exc) if isinstance(exc, Refused) else _("its manifest is not text")) from None
    manifest: dict[str, str] = {}
    for line in text.splitlines():
        match = _MANIFEST_LINE.fullmatch(line)
        if match is None or match.group(2) == COMMIT_FILE or {".", ".."} & set(match.group(2).split("/")):
            raise _LeftAlone(_("its manifest has a line someohje does not write ({line})").format(line=quote(line)))
        manifest[match.group(2)] = match.group(1)
    for name, sha in manifest.items():
        if sha == WHOLE or sha.startswith(GONE) or not os.path.lexists(staging / name):
            continue  # a folder replaced whole, a file removed, or a file moved into place already
        try:
            data = read_bytes(staging / name, MAX_STAGED_BYTES, what=name)
        except Refused as exc:
            raise _LeftAlone(str(exc)) from None
        if hashlib.sha256(data).hexdigest() != sha:
            raise _LeftAlone(_("{name} is not the file the build wrote").format(name=quote(name)))
    _contents(staging)  # and no link anywhere below it
    return manifest


def _discard(staging: Path) -> None:
    """Remove an uncommitted staging folder, if it holds only the folders and
    regular files a build writes there."""
    files, folders = _contents(staging)
    for path in files:
        os.unlink(path)
    for path in folders:
        path.rmdir()


def _contents(staging: Path) -> tuple[list[Path], list[Path]]:
    """The regular files below ``staging`` and its folders, deepest first
    (``staging`` last); :class:`_LeftAlone` for anything else, a link above all."""
    files: list[Path] = []
    folders: list[Path] = []
    pending = [staging]
    while pending:
        current = pending.pop()
        folders.append(current)
        with os.scandir(current) as found:
            for entry in found:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    files.append(Path(entry.path))
                else:
                    raise _LeftAlone(_("it holds something other than files a build writes"))
    return files, sorted(folders, key=lambda f: -len(f.parts))


def _roll_forward(staging: Path, folder: Path, manifest: dict[str, str]) -> None:
    """Move a committed set into ``folder`` (again, after an interruption:
    each step can be repeated), clear the subfolders it replaces whole of
    what it does not hold, and remove the staging folder."""
    for name in sorted(n for n, sha in manifest.items() if sha != WHOLE and not sha.startswith(GONE)):
        if os.path.lexists(staging / name):
            target = folder / name
            try:
                if target.parent != folder:
                    confined_folder(folder, target.parent, what=name)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / name, target)
            except Refused as exc:
                raise _LeftAlone(str(exc)) from None
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from None
    _prune(folder, manifest)
    _remove_gone(folder, manifest)
    _fsync_dir(folder)
    (staging / COMMIT_FILE).unlink()
    files, folders = _contents(staging)
    if files:
        raise _LeftAlone(_("it holds files its manifest does not name"))
    for path in folders:
        path.rmdir()


def _prune(folder: Path, manifest: dict[str, str]) -> None:
    """Remove from each subfolder the set replaces whole the files it does not
    hold; a subfolder reached through a link is left as it is."""
    for sub in sorted(n for n, sha in manifest.items() if sha == WHOLE):
        try:
            root = confined_folder(folder, folder / sub, what=sub)
        except Refused:
            continue
        if not root.is_dir():
            continue
        for dirpath, _dirs, names in os.walk(root):  # os.walk follows no link to a folder
            for name in names:
                path = Path(dirpath) / name
                held = (PurePosixPath(sub) / Path(dirpath).relative_to(root) / name).as_posix()
                if held not in manifest and not path.is_symlink():
                    path.unlink()


def _remove_gone(folder: Path, manifest: dict[str, str]) -> None:
    """Remove each earlier output the set no longer makes, if it is still a
    regular file (no link, no folder) of the bytes the manifest names."""
    for name, mark in manifest.items():
        if not mark.startswith(GONE) or "/" in name:
            continue
        path = folder / name
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            data = read_bytes(path, MAX_STAGED_BYTES, what=name)
        except (OSError, Refused):
            continue  # gone already (a roll forward repeated), or not ours to remove
        if hashlib.sha256(data).hexdigest() == mark[len(GONE) :]:
            path.unlink()


def replace_file(path: Path, data: bytes, *, root: Path) -> Written:
    """Replace one file (a content file someohje edits: ``seals.yaml``,
    ``document.yaml``) below ``root`` through a temporary file beside it and
    a rename, so a reader sees the old file or the new one, never a part;
    never through a symbolic link (:class:`~someohje.errors.OutputError`)."""
    check_targets(root, [path])
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
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "wb") as handle:
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
    (its files with other names stay, files with the same names are
    replaced). The record is read like content: a regular file, no link,
    small, one absolute path; anything else is not an owner record."""
    record = folder / OWNER_FILE
    if not record.exists() and not record.is_symlink():
        return
    try:
        previous = read_bytes(record, MAX_RECORD_BYTES, what=_("it")).decode("utf-8").strip()
    except (Refused, UnicodeDecodeError) as exc:
        why = str(exc) if isinstance(exc, Refused) else _("it is not text")
        print(_("warning: {record}: {why}; it is replaced").format(record=shown_path(record), why=why), file=sys.stderr)
        return
    if not previous.startswith("/") or "\n" in previous or not previous.isprintable():
        print(
            _("warning: {record}: not an owner record someohje wrote; it is replaced").format(
                record=shown_path(record)
            ),
            file=sys.stderr,
        )
    elif previous != owner:
        print(
            _(
                "warning: {folder} held the outputs of another project ({previous}); files of "
                "the same name are replaced"
            ).format(folder=folder, previous=previous),
            file=sys.stderr,
        )


def check_folder(root: Path, folder: Path) -> None:
    """Raise :class:`~someohje.errors.OutputError` unless files may be
    written into (or removed from) ``folder`` below ``root``
    (:func:`~someohje.content.confine.confined_folder`)."""
    try:
        confined_folder(root, folder, what=_("it"))
    except Refused as exc:
        raise OutputError([problem(folder, 0, str(exc))]) from None
