"""Finnish typography: dates, the § sign, quotation marks."""

from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"


def finnish_date(date: dt.date) -> str:
    """``14.6.2022``: day.month.year without leading zeros (SFS 2487)."""
    return f"{date.day}.{date.month}.{date.year}"


def section_sign(number: int) -> str:
    """``§ 37`` joined by a no-break space so the two never part at a line end."""
    return f"§{NBSP}{number}"


#: 1 to 10 in the adessive (``neljällä lisäyksellä``); a larger number is written in digits.
_ADESSIVE = (
    "yhdellä",
    "kahdella",
    "kolmella",
    "neljällä",
    "viidellä",
    "kuudella",
    "seitsemällä",
    "kahdeksalla",
    "yhdeksällä",
    "kymmenellä",
)


_CARDINAL = ("yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan", "yhdeksän", "kymmenen")


def cardinal(number: int) -> str:
    """``neljä`` for 4: a count in words up to ten, in digits above."""
    return _CARDINAL[number - 1] if 1 <= number <= len(_CARDINAL) else str(number)


def adessive_number(number: int) -> str:
    """``neljällä`` for 4: a count as a Finnish adessive, in words up to ten
    (as officialese writes it), in digits above."""
    return _ADESSIVE[number - 1] if 1 <= number <= len(_ADESSIVE) else str(number)


#: An identifier that must not break at a line end: a token of letters and
#: digits joined by hyphens, full stops or slashes with a digit in it (a diary
#: number RauDno-2020-792, a date 14.6.2022, a statute 410/2015). ``§ 37`` is
#: held by its no-break space (:func:`section_sign`).
IDENTIFIER = re.compile(r"(?<![\w./-])(?=[\w./-]*\d)[^\W_]+(?:[-./][^\W_]+)+")


def identifier_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(part, is_identifier)``, in order: each renderer
    keeps the identifiers whole (HTML ``white-space: nowrap``, DOCX
    non-breaking hyphens) while their text stays plain, so search and copy
    find ``RauDno-2020-792`` as typed."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in IDENTIFIER.finditer(text):
        if match.start() > at:
            out.append((text[at : match.start()], False))
        out.append((match.group(), True))
        at = match.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


_QUOTED = re.compile(r'"([^"\n]*)"')
#: A suspended compound's hyphen and the no-break space after it. Line
#: breaking still allows a break between the two (UAX #14 LB12a), and a line
#: ending in it reads, and extracts, as a hyphenated word: the HTML keeps the
#: pair on one line (``white-space: nowrap``).
SUSPENDED_HYPHEN = "-" + NBSP
_SUSPENDED = re.compile(r"(?<=[^\W\d_])- (?=(?:ja|tai|sekä|eikä|eli|kuin)\b)")


def smart_text(text: str) -> str:
    """Apply Finnish typography to running text written with plain keys.

    Straight double quotes become ”…” (Finnish uses the same mark on both
    sides); ``§ 37`` and a statute's ``29 §`` get a no-break space, so the
    sign never parts from its number at a line end. A suspended compound's
    hyphen (``työ- ja virkasuhde``) is bound to the conjunction after it by
    a no-break space (see :data:`SUSPENDED_HYPHEN`).
    Other hyphens are left alone: in ``RauDno-2020-792`` they are not ranges.
    """
    text = _QUOTED.sub("\u201d\\1\u201d", text)
    text = re.sub(r"(?<=\d) §(?![ \u00a0]\d)", NBSP + "§", text)  # 29 §, not the date in 4.11.2019 § 258
    text = _SUSPENDED.sub(SUSPENDED_HYPHEN, text)
    return re.sub(r"§ (?=\d)", "§" + NBSP, text)
