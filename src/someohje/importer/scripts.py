"""Superscript and subscript text as the Unicode characters that exist for
it (m², CO₂, 1ˢᵗ): Markdown has no raised or lowered text, so text with a
character missing here stays as it is and the import reports it."""

from __future__ import annotations

_SUPER = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
_SUB = dict(zip("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ", strict=True))


def shifted(text: str, position: str) -> str | None:
    """``text`` raised (``position`` "superscript") or lowered ("subscript")
    in Unicode; None when a character of it has no such form."""
    table = _SUPER if position == "superscript" else _SUB
    if not all(c in table or c.isspace() for c in text):
        return None
    return "".join(table.get(c, c) for c in text)
