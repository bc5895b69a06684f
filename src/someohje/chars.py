"""Characters a document can carry, and quoting user text in messages.

XML (and so DOCX, and the PDF's metadata) cannot carry C0 control
characters other than tab, newline and carriage return, nor U+FFFE/U+FFFF,
nor lone UTF-16 surrogates. Content is checked once, where it is read, so
no renderer ever meets one.
"""

from __future__ import annotations

import re
import unicodedata

from .messages import gettext as _

_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
#: the longest piece of user text quoted in one message
QUOTE_LIMIT = 60
#: U+FFFC OBJECT REPLACEMENT CHARACTER: what stands for an image or a source
#: reference in the text an amendment's passage is looked for in; not text
OBJECT_STAND_IN = "\ufffc"


def join_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs into the character they encode.

    JSON writers escape an emoji as ``"\\ud83d\\ude00"``, which YAML reads as
    two surrogates; this is the documented normalisation: a *pair* becomes
    the character it stands for. A lone surrogate stays (and is an error).
    """
    if not _SURROGATE_PAIR.search(text):
        return text
    return _SURROGATE_PAIR.sub(lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)


def bad_character(text: str) -> tuple[int, str] | None:
    """The first character XML cannot carry: ``(offset, message)``, or None."""
    match = _BAD.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        why = _("a lone UTF-16 surrogate, not a character")
    elif code < 0x20:
        why = _("a control character")
    else:
        why = _("a non-character")
    return match.start(), _("U+{code:04X} ({why}) cannot appear in a document; remove it").format(code=code, why=why)


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` for a one-line message: control characters and line breaks
    escaped, cut to ``limit`` characters with an ellipsis."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return "".join(c if shown_as_is(c) else repr(c)[1:-1] for c in shown)


def shown_as_is(char: str) -> bool:
    """Whether a message may show ``char`` itself: printable characters and
    the spaces of Finnish typography (a no-break space binds ``§ 37``); not
    line breaks, controls or format characters."""
    return char.isprintable() or unicodedata.category(char) == "Zs"
