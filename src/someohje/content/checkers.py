"""The spell checkers, one per language someohje checks: Voikko for Finnish,
Hunspell with Debian's ``sv_FI`` dictionary for Swedish.

Each is optional: where the library or its dictionary is not installed,
:func:`checker` gives None and the spell check says what it skipped. Both
are opened only when a text in their language is checked, and closed after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..messages import N_

#: where Debian's (and most distributions') Hunspell dictionaries are
HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell"))
SWEDISH_DICTIONARY = "sv_FI"  #: Finland Swedish (Debian's hunspell-sv ships it beside sv_SE)
SWEDISH_HINT = N_(
    "install Hunspell's Swedish dictionary to spell-check Swedish: apt-get install hunspell-sv && pip install chunspell"
)


class Checker(Protocol):
    """What the spell check needs of a checker."""

    name: str  #: how the summary names it: ``Voikko``, ``Hunspell (sv_FI)``

    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...

    def close(self) -> None: ...


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


class _Voikko:
    name = "Voikko"

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def spell(self, word: str) -> bool:
        return bool(self._engine.spell(word))

    def suggest(self, word: str) -> list[str]:
        return list(self._engine.suggest(word))

    def close(self) -> None:
        self._engine.terminate()


class _Hunspell:
    name = f"Hunspell ({SWEDISH_DICTIONARY})"

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def spell(self, word: str) -> bool:
        return bool(self._engine.spell(word))

    def suggest(self, word: str) -> list[str]:
        return list(self._engine.suggest(word))

    def close(self) -> None:
        self._engine = None


def swedish_dictionary() -> Path | None:
    """The folder holding ``sv_FI.dic`` and ``sv_FI.aff``, if one does."""
    return next((d for d in HUNSPELL_DIRS if (d / f"{SWEDISH_DICTIONARY}.dic").is_file()), None)


def _hunspell() -> _Hunspell | None:
    folder = swedish_dictionary()
    if folder is None:
        return None
    try:
        import hunspell  # chunspell's module
    except ImportError:
        return None
    try:
        return _Hunspell(hunspell.Hunspell(SWEDISH_DICTIONARY, hunspell_data_dir=str(folder)))
    except (OSError, hunspell.HunspellFilePathError):  # the dictionary cannot be opened: not usable
        return None


def checker(code: str) -> Checker | None:
    """The checker for the language ``code`` (``fi``, ``sv``), or None
    when someohje has none for it or it is not installed."""
    if code == "fi":
        engine = voikko()
        return _Voikko(engine) if engine is not None else None
    if code == "sv":
        return _hunspell()
    return None
