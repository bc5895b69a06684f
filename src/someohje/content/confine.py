"""The one door every file someohje reads goes through.

:func:`confined` turns a name written in the project (a section file, an
image, a template, the theme, ``document.yaml``) into a path, and refuses
it unless it is a regular file below the given folder reached without any
symbolic link on the way: a link could point anywhere on the machine. The
folder itself is resolved first, so a project reached through a linked
folder still works.

:func:`read_bytes` then reads it: only a regular file (never a named pipe,
which would block, or a device, which never ends) of at most a given size,
both checked before the file is read. :func:`walk` lists a whole folder
(the placeholder scan, the build's digests, a working copy) without
following links or opening anything.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import shown_path
from ..messages import N_, os_error
from ..messages import gettext as _


class Refused(ValueError):
    """A name :func:`confined` will not serve; ``str()`` says why."""


def confined(folder: Path, relative: str | Path, *, what: str = "file") -> Path:
    """``folder/relative`` as an absolute path, if it is a regular file
    inside ``folder`` with no symbolic link on the way; else :class:`Refused`.

    ``relative`` may not be absolute and may not use ``..`` to leave
    ``folder``; ``what`` names the file in the message (e.g. "image 'x.png'").
    """
    try:
        return _confined(folder.resolve(), str(relative), what)
    except Refused:
        raise
    except OSError as exc:  # e.g. a name too long for the file system
        raise Refused(_("{what} cannot be read: {value}").format(what=what, value=os_error(exc))) from None
    except ValueError:  # a NUL character in the name
        raise Refused(_("{what} is not a usable file name").format(what=what)) from None


def _confined(root: Path, text: str, what: str) -> Path:
    parts = PurePosixPath(text.replace("\\", "/")).parts if text else ()
    if not parts or text.startswith(("/", "\\")) or ":" in parts[0]:
        raise Refused(_("{what} must be a relative path inside {name}").format(what=what, name=_name(root)))
    current = root
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if current == root:
                raise Refused(_("{what} points outside {name}").format(what=what, name=_name(root)))
            current = current.parent
            continue
        current = current / part
        if current.is_symlink():
            raise Refused(
                _("{what} is reached through a symbolic link ({name}), which is not followed").format(
                    what=what, name=current.name
                )
            )
    try:
        kind = special_kind(current.lstat().st_mode)
    except FileNotFoundError:
        raise Refused(_("{what} does not exist").format(what=what)) from None
    if kind:
        raise Refused(_("{what} is not a regular file ({kind})").format(what=what, kind=kind))
    return current


def confined_path(path: Path, folder: Path, *, what: str = "file") -> Path:
    """:func:`confined` for a ``path`` already joined onto ``folder``."""
    for base in (folder.absolute(), folder.resolve()):
        try:
            relative = path.absolute().relative_to(base)
        except ValueError:
            continue
        return confined(folder, relative, what=what)
    raise Refused(_("{what} points outside {name}").format(what=what, name=_name(folder.resolve())))


def _name(folder: Path) -> str:
    return _("the {name} folder").format(name=folder.name) if folder.name else _("the project")


# --- reading: the size and the kind of file checked before a byte is read -----------------

#: the largest file any reader of the project takes (an image is at most 20 MB)
MAX_FILE_BYTES = 64_000_000
_SPECIAL = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a named pipe")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def special_kind(mode: int) -> str:
    """What a file of ``mode`` is when it is not a regular file ("" when it is)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    return next((_(name) for test, name in _SPECIAL if test(mode)), _("not a regular file"))


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES, *, what: str = "") -> bytes:
    """The bytes of ``path``, refused (:class:`Refused`, naming ``what``)
    unless it is a regular file, not a symbolic link, of at most ``limit``
    bytes. The kind and the size are checked before the file is opened (a
    named pipe would block, a device never end) and again on the opened
    file, and no more than ``limit`` bytes are ever read."""
    what = what or _("the file")
    try:
        _check_kind(os.lstat(path), what, limit)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except Refused:
        raise
    except OSError as exc:
        raise Refused(_("{what} cannot be read: {value}").format(what=what, value=os_error(exc))) from None
    try:
        _check_kind(os.fstat(fd), what, limit)
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise Refused(_("{what} cannot be read: {value}").format(what=what, value=os_error(exc))) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused(
            _("{what} is too big (more than {limit:,} bytes; the limit is {limit:,})").format(what=what, limit=limit)
        )
    return data


def _read_at_most(fd: int, count: int) -> bytes:
    """Up to ``count`` bytes of ``fd``, read in pieces (never a buffer of ``count``)."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _check_kind(st: os.stat_result, what: str, limit: int) -> None:
    kind = special_kind(st.st_mode)
    if kind:
        raise Refused(_("{what} is not a regular file ({kind}), so it is not read").format(what=what, kind=kind))
    if st.st_size > limit:
        raise Refused(
            _("{what} is too big ({st_size:,} bytes; the limit is {limit:,})").format(
                what=what, st_size=st.st_size, limit=limit
            )
        )


@dataclass(frozen=True)
class Entry:
    """One thing found below a folder by :func:`walk`, never followed or opened."""

    path: Path
    relative: str  #: POSIX path below the folder walked
    kind: str  #: "" for a regular file, else what it is (:func:`special_kind`)
    size: int
    mtime_ns: int


def walk(folder: Path, skip: Callable[[str], bool] = lambda name: False) -> Iterator[Entry]:
    """Every file below ``folder`` (sub-folders searched, in sorted order)
    with what it is, without following a symbolic link or opening
    anything: the one way someohje looks at a whole folder. ``skip`` leaves
    out a sub-folder or file by name."""
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        try:
            with os.scandir(current) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            continue
        folders = []
        for entry in entries:
            if skip(entry.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            relative = f"{prefix}{entry.name}"
            if stat.S_ISDIR(st.st_mode):
                folders.append((Path(entry.path), f"{relative}/"))
                continue
            yield Entry(Path(entry.path), relative, special_kind(st.st_mode), st.st_size, st.st_mtime_ns)
        stack.extend(reversed(folders))


# --- writing: the same rule for every file someohje writes ---------------------------------


def confined_target(root: Path, path: Path, *, what: str = "") -> Path:
    """``path`` as an absolute path to write, if it lies below ``root`` and
    neither ``root`` nor any folder on the way nor ``path`` itself is a
    symbolic link (a link could lead the file anywhere on the machine); each
    folder that exists must be a folder, and ``path``, if it exists, a
    regular file. Else :class:`Refused`, naming the link or what is in the
    way. Folders that do not exist yet are fine: the writer makes them."""
    return _down(root, path, what, folder=False)


def confined_folder(root: Path, path: Path, *, what: str = "") -> Path:
    """:func:`confined_target` for a folder that files are written into
    (or removed from): ``path`` itself, if it exists, must be a folder."""
    return _down(root, path, what, folder=True)


def _down(root: Path, path: Path, what: str, *, folder: bool) -> Path:
    base, target = Path(os.path.abspath(root)), Path(os.path.abspath(path))
    shown = what or target.name
    if not target.is_relative_to(base) or (target == base and not folder):
        raise Refused(_("{shown} would be written outside {base}").format(shown=shown, base=shown_path(base)))
    if base.is_symlink():
        raise Refused(
            _("{shown} would be written through a symbolic link ({base}), which is not followed").format(
                shown=shown, base=shown_path(base)
            )
        )
    current = base
    for part in target.relative_to(base).parts:
        current = current / part
        try:
            mode = current.lstat().st_mode
        except FileNotFoundError:
            return target
        if stat.S_ISLNK(mode):
            raise Refused(
                _("{shown} would be written through a symbolic link ({current}), which is not followed").format(
                    shown=shown, current=shown_path(current)
                )
            )
        if (current != target or folder) and not stat.S_ISDIR(mode):
            raise Refused(
                _("{shown} would be written below {current}, which is not a folder").format(
                    shown=shown, current=shown_path(current)
                )
            )
        if current == target and not folder and not stat.S_ISREG(mode):
            raise Refused(_("in the way: not a regular file, so not replaced"))
    return target
