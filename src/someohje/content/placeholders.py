"""Placeholders: visibly marked gaps that a person must fill in.

When someohje writes content it cannot complete from its source (a Word
import without a diary number, an image without alternative text), it writes
``TÄYDENNÄ: what is missing`` in its place, in the YAML or Markdown file where
the value belongs. ``check`` reports every such line as ``path:line: …`` so
nothing incomplete goes unnoticed; a build shows the mark in the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Problem, problem
from ..messages import gettext as _
from .confine import Refused, read_bytes, walk
from .yamlsource import MAX_TEXT_BYTES

MARK = "TÄYDENNÄ"  #: "fill in" (imperative), the word every placeholder starts with
_PREFIX = f"{MARK}:"
SCANNED = (".yaml", ".md")  #: the content files placeholders may be left in


def placeholder(what: str) -> str:
    """The placeholder text for a missing value, e.g. ``TÄYDENNÄ: diaarinumero``."""
    return f"{_PREFIX} {what}"


def is_placeholder(text: str) -> bool:
    """True when ``text`` is (or holds) a placeholder."""
    return _PREFIX in text


def find_in_text(text: str, path: Path) -> list[Problem]:
    """One problem per line of ``text`` (read from ``path``) holding a placeholder."""
    found: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        start = line.find(_PREFIX)
        if start >= 0:
            what = line[start + len(_PREFIX) :].strip().strip("\"')]").strip()
            found.append(
                problem(
                    path, number, _("placeholder left to fill in: {value}").format(value=what or _("a missing value"))
                )
            )
    return found


def find_in_files(paths: Iterable[Path]) -> list[Problem]:
    """Placeholders in every readable text file of ``paths``, each read
    through :func:`~someohje.content.confine.read_bytes` (a regular file, no
    link, within the text limit); anything else is skipped: the loader
    reports a file it needs that cannot be read."""
    found: list[Problem] = []
    for path in paths:
        try:
            text = read_bytes(path, MAX_TEXT_BYTES).decode("utf-8")
        except (Refused, UnicodeDecodeError):
            continue
        found.extend(find_in_text(text, path))
    return found


def find_in_content(content_dir: Path) -> list[Problem]:
    """Placeholders in a content folder's YAML and Markdown files, found by
    :func:`~someohje.content.confine.walk` (no symbolic link followed, no
    named pipe opened)."""
    files = [e.path for e in walk(content_dir) if not e.kind and e.path.suffix in SCANNED]
    return find_in_files(files)


def with_placeholders(gaps: list[Problem], problems: Iterable[Problem]) -> list[Problem]:
    """``gaps`` plus ``problems``, leaving out a problem on a line that holds
    a placeholder (``'TÄYDENNÄ: …' is not a date`` only repeats the gap)."""
    where = {(p.path, p.line) for p in gaps}
    return [*gaps, *(p for p in problems if (p.path, p.line) not in where)]
