"""Messages in the user's language: Finnish or English.

Every text meant for a person (a problem, a report line, ``--help``) is
looked up here when it is made: ``_("{path} is not a file").format(path=p)``
(``from ..messages import gettext as _``),
the placeholders named and filled in after the lookup. The catalogues are
gettext's, one per language, in ``locale/LANG/LC_MESSAGES/someohje.po`` beside
this module, compiled to the ``.mo`` read here (with the standard library
only, once, on the first message). ``tests/translations.py`` extracts the
messages with Babel and compiles the catalogues.

The language is the one :func:`set_language` names (the CLI's ``--lang``), or
else the environment's: the first of ``LC_ALL``, ``LC_MESSAGES`` and
``LANG`` that is set and not empty, Finnish when it names Finnish
(``fi_FI.UTF-8``, ``fi``), English otherwise.
"""

from __future__ import annotations

import errno
import gettext as gnu
import os
from collections.abc import Mapping
from pathlib import Path

#: the languages messages are written in, the first the one the messages are looked up by
LANGUAGES = ("en", "fi")
DOMAIN = "someohje"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: the variables naming the locale, in the order POSIX gives them precedence
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None
_loaded: dict[str, gnu.NullTranslations] = {}


def language_of_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: ``"fi"`` when the first of
    :data:`LOCALE_VARIABLES` set and not empty names Finnish, else ``"en"``."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            return "fi" if code == "fi" else "en"
    return "en"


def set_language(language: str | None) -> None:
    """Write messages in ``language`` (one of :data:`LANGUAGES`) from now on;
    ``None`` goes back to the environment's. An unknown language is a
    :class:`ValueError` (the CLI's ``--lang`` lists the choices before)."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _chosen = language


def language() -> str:
    """The language messages are written in now."""
    return _chosen or language_of_environment()


def _catalogue() -> gnu.NullTranslations:
    lang = language()
    found = _loaded.get(lang)
    if found is None:
        try:
            with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as f:
                found = gnu.GNUTranslations(f)
        except OSError:  # a catalogue missing from an install: the messages as written
            found = gnu.NullTranslations()
        _loaded[lang] = found
    return found


def gettext(message: str) -> str:
    """``message`` in the user's language (as written when it has no
    translation). Modules import it as ``_``, the name Babel extracts."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` things, in the user's language."""
    return _catalogue().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined (a table of
    messages made at import time); it is looked up with :func:`gettext` when used."""
    return message


#: the operating system's own words for the errors a user meets most (as
#: the C library says them in English), so that they are translated too:
#: ``strerror`` is in the C library's language, not the user's
_OS_ERRORS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EIO: N_("Input/output error"),
    errno.EBUSY: N_("Device or resource busy"),
}


def os_error(exc: OSError) -> str:
    """What went wrong in ``exc``, in the user's language where the
    catalogue has the error (else the system's own words)."""
    known = _OS_ERRORS.get(exc.errno) if exc.errno is not None else None
    return gettext(known) if known else str(exc.strerror or exc)
