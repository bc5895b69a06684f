"""Errors meant for the user.

Every error that bad input can cause is a :class:`SomeohjeError`. The CLI turns
one into ``path:line: message`` lines on stderr and exit code 1, never a
traceback. Anything else escaping is a bug in someohje.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as is known.

    ``line`` is 1-based; 0 means the problem concerns the file as a whole.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class SomeohjeError(Exception):
    """Base of every error someohje reports to its user.

    Carries one or more :class:`Problem`; ``str()`` gives them one per line.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class ContentError(SomeohjeError):
    """Raised by :func:`someohje.load` and the renderers when the content is
    wrong: bad YAML, a missing or unknown field, an impossible date, a broken
    reference, a resource outside the project. Each problem names file and line.
    """


class OutputError(SomeohjeError):
    """Raised when a file cannot be written where it would go: through a
    symbolic link, over something that is not a regular file, or outside the
    folder it belongs in. Nothing is written."""


class UsageError(SomeohjeError):
    """Raised when a command's arguments are wrong, e.g. an unknown stage or
    meeting id; the message lists what is valid."""


def problem(path: Path | str, line: int, message: str) -> Problem:
    """Build a :class:`Problem`, showing ``path`` relative to the working folder
    when it lies below it (the form a user can paste into an editor); text
    quoted from the user is escaped onto one line (:func:`one_line`)."""
    return Problem(one_line(shown_path(Path(path))), line, one_line(message))


def shown_path(p: Path) -> str:
    """``p`` relative to the working folder when below it, as given (a
    symbolic link is named, not the file it points to); else as it is."""
    try:
        here = Path.cwd()
    except OSError:
        return str(p)
    for path, base in ((Path(os.path.abspath(p)), here), (p.resolve(), here.resolve())):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(p)


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so
    that one problem prints as exactly one line."""
    from .chars import shown_as_is

    if text.isprintable():
        return text
    return "".join(c if shown_as_is(c) else repr(c)[1:-1] for c in text)
