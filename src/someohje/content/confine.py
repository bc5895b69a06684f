"""The one door every file someohje reads goes through.

:func:`confined` turns a name written in the project (a section file, an
image, a template, the theme, ``document.yaml``) into a path, and refuses
it unless it is a regular file below the given folder reached without any
symbolic link on the way: a link could point anywhere on the machine. The
folder itself is resolved first, so a project reached through a linked
folder still works.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


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
        raise Refused(f"{what} cannot be read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise Refused(f"{what} is not a usable file name") from None


def _confined(root: Path, text: str, what: str) -> Path:
    parts = PurePosixPath(text.replace("\\", "/")).parts if text else ()
    if not parts or text.startswith(("/", "\\")) or ":" in parts[0]:
        raise Refused(f"{what} must be a relative path inside {_name(root)}")
    current = root
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if current == root:
                raise Refused(f"{what} points outside {_name(root)}")
            current = current.parent
            continue
        current = current / part
        if current.is_symlink():
            raise Refused(f"{what} is reached through a symbolic link ({current.name}), which is not followed")
    if not current.is_file():
        raise Refused(f"{what} does not exist" if not current.exists() else f"{what} is not a regular file")
    return current


def confined_path(path: Path, folder: Path, *, what: str = "file") -> Path:
    """:func:`confined` for a ``path`` already joined onto ``folder``."""
    for base in (folder.absolute(), folder.resolve()):
        try:
            relative = path.absolute().relative_to(base)
        except ValueError:
            continue
        return confined(folder, relative, what=what)
    raise Refused(f"{what} points outside {_name(folder.resolve())}")


def _name(folder: Path) -> str:
    return f"the {folder.name} folder" if folder.name else "the project"
