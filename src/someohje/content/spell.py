"""Finnish spell check of the guideline's own text with Voikko.

Only text written for the guideline is checked: the section files and the
amendments' wording, and of them only what a reader sees
(:func:`~.markdown.visible_passages`): never a link target or an image's file
name. Recorded minutes text is the record and is never
"corrected". Proper nouns go in ``content/sanasto.txt``, one per line.

Only Finnish text is checked: a passage in another language
(``[text]{lang=en}``) is skipped, and the report names each one by file and
line, so that nobody takes an unchecked passage for a checked one. In a
document whose own language is not Finnish only its Finnish passages are
checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, problem, shown_path
from ..messages import N_, ngettext
from ..messages import gettext as _
from ..model import Document
from .confine import Refused, confined_path
from .languages import is_finnish
from .markdown import visible_passages
from .markers import MARKER
from .yamlsource import read_text

ALLOWLIST_FILE = "sanasto.txt"
INSTALL_HINT = N_("install Voikko to spell-check: apt-get install libvoikko1 voikko-fi && pip install libvoikko")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_URL = re.compile(r"(?:https?|mailto):[^\s)>\]]+|www\.[^\s)>\]]+|\S+@\S+")


@dataclass(frozen=True)
class SpellReport:
    """What the spell check did: ``checked`` words, ``problems`` found."""

    available: bool
    checked: int
    problems: tuple[Problem, ...]
    language: str = ""  #: the document's language when it is not Finnish, so only its Finnish passages were checked
    skipped: tuple[Skipped, ...] = ()  #: the passages in another language, not checked


@dataclass(frozen=True)
class Skipped:
    """Words in ``language`` not checked: a passage, or the passages of one
    line, from ``line`` to ``end`` (a passage or a fenced div over lines)."""

    path: Path
    line: int
    language: str
    words: int
    end: int = 0  #: the last line (0: ``line``)

    def __str__(self) -> str:
        words = ngettext("{n} word", "{n} words", self.words).format(n=self.words)
        lines = _("lines {line}–{end}, ").format(line=self.line, end=self.end) if self.end > self.line else ""
        return _("{path}:{line}: skipped {words} in {language} ({lines}not Finnish)").format(
            path=shown_path(self.path), line=self.line, words=words, language=self.language, lines=lines
        )


def _skip(skipped: list[Skipped], path: Path, line: int, language: str, *, apart: bool) -> None:
    """Count one word of ``language`` at ``path:line`` as skipped: into the
    last entry when it is of the same file and language, and on the same
    line or not ``apart`` from it (no checked word between)."""
    last = skipped[-1] if skipped else None
    if last is not None and (last.path, last.language) == (path, language) and (not apart or last.end == line):
        skipped[-1] = replace(last, words=last.words + 1, end=line)
    else:
        skipped.append(Skipped(path, line, language, 1, line))


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
    """Check every Finnish word of the guideline's own text; unknown words
    become ``path:line: unknown word 'x' (suggestions: ...)`` problems. Text
    in another language is not checked: the report says which (a whole
    document in :attr:`SpellReport.language`, each passage in
    :attr:`SpellReport.skipped`)."""
    own = "" if is_finnish(doc.language) else doc.language
    checker = voikko()
    if checker is None:
        return SpellReport(False, 0, (), own)
    allow = _allowlist(doc.root / "content" / ALLOWLIST_FILE)
    checked = 0
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    apart = True  #: whether text outside the last skipped passage came since it
    try:
        for path, line, word, language in _words(doc):
            if language and not is_finnish(language):
                _skip(skipped, path, line, language, apart=apart)
                apart = False
                continue
            apart = True
            if not is_finnish(language or doc.language):
                continue  # the document's own language: the summary says so once
            checked += 1
            if word in allow or checker.spell(word):
                continue
            suggestions = ", ".join(checker.suggest(word)[:3]) or _("none")
            problems.append(
                problem(
                    path,
                    line,
                    _("unknown word '{word}' (suggestions: {suggestions})").format(word=word, suggestions=suggestions),
                )
            )
    finally:
        checker.terminate()
    return SpellReport(True, checked, tuple(problems), own, tuple(skipped))


def _allowlist(path: Path) -> set[str]:
    if not path.is_file() and not path.is_symlink():
        return set()
    try:
        safe = confined_path(path, path.parent.parent, what=path.name)
    except Refused as exc:
        raise ContentError([problem(path, 1, str(exc))]) from None
    return {w for line in read_text(safe).splitlines() if (w := line.split("#")[0].strip())}


def _words(doc: Document) -> Iterator[tuple[Path, int, str, str]]:
    """``(file, line, word, language)``: the language of the passage the word
    stands in ("" outside any)."""
    for section in doc.sections:
        for number, text, language in visible_passages(section.markdown):
            yield from ((section.path, number, w, language) for w in _line_words(MARKER.sub(" ", text)))
    for amendment in doc.amendments:  # its wording: as given, or its decided text with the corrections
        for _line, text, language in visible_passages(amendment.wording, inline=True):
            yield from ((doc.metadata_path, amendment.line, w, language) for w in _line_words(text))


def _line_words(line: str) -> Iterator[str]:
    yield from _WORD.findall(_URL.sub(" ", line))
