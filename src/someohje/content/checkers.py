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


class _Engine:
    """A checker library's object as a :class:`Checker`: ``close`` ends it
    (Voikko's ``terminate``; Hunspell's needs nothing)."""

    def __init__(self, engine: Any, close: str = "") -> None:
        self._engine = engine
        self._close = close

    def spell(self, word: str) -> bool:
        return bool(self._engine.spell(word))

    def suggest(self, word: str) -> list[str]:
        return list(self._engine.suggest(word))

    def close(self) -> None:
        if self._close:
            getattr(self._engine, self._close)()


def swedish_dictionary() -> Path | None:
    """The folder holding ``sv_FI.dic`` and ``sv_FI.aff``, if one does."""
    return next((d for d in HUNSPELL_DIRS if (d / f"{SWEDISH_DICTIONARY}.dic").is_file()), None)


def _hunspell() -> _Engine | None:
    folder = swedish_dictionary()
    if folder is None:
        return None
    try:
        import hunspell  # chunspell's module
    except ImportError:
        return None
    try:
        engine = hunspell.Hunspell(SWEDISH_DICTIONARY, hunspell_data_dir=str(folder))
    except (OSError, hunspell.HunspellFilePathError):  # the dictionary cannot be opened: not usable
        return None
    return _Engine(engine)


def checker(code: str) -> Checker | None:
    """The checker for the language ``code`` (``fi``, ``sv``), or None
    when someohje has none for it or it is not installed."""
    if code == "fi":
        engine = voikko()
        return _Engine(engine, "terminate") if engine is not None else None
    if code == "sv":
        return _hunspell()
    return None
