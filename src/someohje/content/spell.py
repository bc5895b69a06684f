"""Finnish spell check of the guideline's own text with Voikko.

Only text written for the guideline is checked: the section files and the
amendments' wording, and of them only what a reader sees
(:func:`~.markdown.visible_text`): never a link target or an image's file
name. Recorded minutes text is the record and is never
"corrected". Proper nouns go in ``content/sanasto.txt``, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, problem
from ..model import Document
from .confine import Refused, confined_path
from .markdown import visible_text
from .markers import MARKER
from .yamlsource import read_text

ALLOWLIST_FILE = "sanasto.txt"
INSTALL_HINT = "install Voikko to spell-check: apt-get install libvoikko1 voikko-fi && pip install libvoikko"
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_URL = re.compile(r"(?:https?|mailto):[^\s)>\]]+|www\.[^\s)>\]]+|\S+@\S+")


@dataclass(frozen=True)
class SpellReport:
    """What the spell check did: ``checked`` words, ``problems`` found."""

    available: bool
    checked: int
    problems: tuple[Problem, ...]
    language: str = ""  #: the document's language when it is not Finnish, so nothing was checked


def voikko() -> Any | None:
    """A Finnish Voikko instance, or None when libvoikko or its Finnish
    dictionary is not installed."""
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException):
        return None


def spell_check(doc: Document) -> SpellReport:
    """Check every word of the guideline's own text; unknown words become
    ``path:line: unknown word 'x' (suggestions: ...)`` problems. A document
    in another language than Finnish is not checked: the report says so."""
    if not is_finnish(doc.language):
        return SpellReport(True, 0, (), doc.language)
    checker = voikko()
    if checker is None:
        return SpellReport(False, 0, ())
    allow = _allowlist(doc.root / "content" / ALLOWLIST_FILE)
    checked = 0
    problems: list[Problem] = []
    try:
        for path, line, word in _words(doc):
            checked += 1
            if word in allow or checker.spell(word):
                continue
            suggestions = ", ".join(checker.suggest(word)[:3]) or "none"
            problems.append(problem(path, line, f"unknown word '{word}' (suggestions: {suggestions})"))
    finally:
        checker.terminate()
    return SpellReport(True, checked, tuple(problems))


def is_finnish(language: str) -> bool:
    """Whether text in ``language`` (a BCP 47 tag; empty means the default,
    Finnish) is what Voikko's Finnish dictionary checks."""
    return not language or language.split("-")[0].lower() == "fi"


def _allowlist(path: Path) -> set[str]:
    if not path.is_file() and not path.is_symlink():
        return set()
    try:
        safe = confined_path(path, path.parent.parent, what=path.name)
    except Refused as exc:
        raise ContentError([problem(path, 1, str(exc))]) from None
    return {w for line in read_text(safe).splitlines() if (w := line.split("#")[0].strip())}


def _words(doc: Document) -> Iterator[tuple[Path, int, str]]:
    for section in doc.sections:
        for number, text in visible_text(section.markdown):
            yield from ((section.path, number, w) for w in _line_words(MARKER.sub(" ", text)))
    for amendment in doc.amendments:  # its wording: as given, or its decided text with the corrections
        for _, text in visible_text(amendment.wording, inline=True):
            yield from ((doc.metadata_path, amendment.line, w) for w in _line_words(text))


def _line_words(line: str) -> Iterator[str]:
    yield from _WORD.findall(_URL.sub(" ", line))
