"""Spell check of the guideline's own text: Finnish with Voikko, Swedish
with Hunspell's ``sv_FI`` dictionary (:mod:`.checkers`).

Only text written for the guideline is checked: the section files and the
amendments' wording, and of them only what a reader sees
(:func:`~.markdown.visible_passages`): never a link target or an image's file
name. Recorded minutes text is the record and is never
"corrected". Proper nouns go in ``content/sanasto.txt``, one per line.

Each word is checked in its language: the document's, or its passage's
(``[text]{lang=sv-FI}``). A passage in a language with no checker installed
(English; Swedish without the dictionary) is skipped, and the report names
each one by file and line, so that nobody takes an unchecked passage for a
checked one; a document in such a language is skipped whole, and the
summary says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ContentError, Problem, problem, shown_path
from ..messages import N_, ngettext
from ..messages import gettext as _
from ..model import Document
from .checkers import Checker, checker, swedish_dictionary, voikko
from .confine import Refused, confined_path
from .languages import is_finnish, same_language
from .markdown import visible_passages
from .markers import MARKER
from .yamlsource import read_text

__all__ = ["ALLOWLIST_FILE", "INSTALL_HINT", "SpellReport", "spell_check", "voikko"]
ALLOWLIST_FILE = "sanasto.txt"
CHECKED = ("fi", "sv")  #: the languages someohje has a checker for (:mod:`.checkers`)
INSTALL_HINT = N_("install Voikko to spell-check: apt-get install libvoikko1 voikko-fi && pip install libvoikko")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_URL = re.compile(r"(?:https?|mailto):[^\s)>\]]+|www\.[^\s)>\]]+|\S+@\S+")


@dataclass(frozen=True)
class SpellReport:
    """What the spell check did: ``checked`` Finnish words (with Voikko,
    when ``available``), ``swedish`` ones, and the ``problems`` found."""

    available: bool
    checked: int
    problems: tuple[Problem, ...]
    language: str = ""  #: the document's language when it is not Finnish
    skipped: tuple[Skipped, ...] = ()  #: the passages in a language with no checker installed, not checked
    swedish: int = 0  #: the Swedish words checked (with Hunspell)
    swedish_available: bool = False  #: whether Hunspell's Swedish dictionary was there to check them


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
        return _("{path}:{line}: skipped {words} in {language} ({lines}no spell checker for it installed)").format(
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


def spell_check(doc: Document) -> SpellReport:
    """Check every Finnish and Swedish word of the guideline's own text, each
    with its language's checker (:mod:`.checkers`); unknown words become
    ``path:line: unknown word 'x' (suggestions: ...)`` problems. Text in a
    language with no checker installed is not checked: the report says
    which (a whole document in :attr:`SpellReport.language`, each passage in
    :attr:`SpellReport.skipped`)."""
    own = "" if is_finnish(doc.language) else doc.language
    opened: dict[str, Checker | None] = {"fi": checker("fi")}
    allow = _allowlist(doc.root / "content" / ALLOWLIST_FILE)
    counts = {code: 0 for code in CHECKED}
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    apart = True  #: whether text outside the last skipped passage came since it
    try:
        for path, line, word, language in _words(doc):
            code = (language or doc.language or "fi").split("-")[0].lower()
            if code in CHECKED and code not in opened:
                opened[code] = checker(code)
            engine = opened.get(code)
            if engine is None:
                if language and not same_language(language, doc.language or "fi"):
                    _skip(skipped, path, line, language, apart=apart)
                    apart = False
                else:
                    apart = True  # the document's own language: the summary says so once
                continue
            apart = True
            counts[code] += 1
            if word not in allow and not engine.spell(word):
                problems.append(_unknown(path, line, word, engine))
    finally:
        for engine in opened.values():
            if engine is not None:
                engine.close()
    return SpellReport(
        opened["fi"] is not None,
        counts["fi"],
        tuple(problems),
        own,
        tuple(skipped),
        counts["sv"],
        opened.get("sv") is not None or (counts["sv"] == 0 and swedish_dictionary() is not None),
    )


def _unknown(path: Path, line: int, word: str, engine: Checker) -> Problem:
    suggestions = ", ".join(engine.suggest(word)[:3]) or _("none")
    return problem(
        path, line, _("unknown word '{word}' (suggestions: {suggestions})").format(word=word, suggestions=suggestions)
    )


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
