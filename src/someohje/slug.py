"""Stable ASCII file names derived from Finnish titles."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a", "§": "s"})


def slugify(text: str) -> str:
    """``Rautalammin kunnan sosiaalisen median ohje`` ->
    ``rautalammin-kunnan-sosiaalisen-median-ohje``: lower-case ASCII letters,
    digits and single hyphens (ä, ö, å folded to a, o, a)."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
