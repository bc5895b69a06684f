"""Stable ASCII file names derived from titles in any script."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a", "§": "s"})
#: the stems of a collection's own files, which no document's files may take
INDEX_STEM = "index"  #: the index (index.html, index.json)
STATEMENT_STEM = "saavutettavuusseloste"  #: the site's accessibility statement (in Finnish)
#: the accessibility statement's stem in each language of the table of texts (a Swedish site's is its own)
STATEMENT_STEMS = {"fi": STATEMENT_STEM, "sv": "tillganglighetsutlatande"}
FALLBACK = "asiakirja"  #: the name of a title with no letter that folds to ASCII


def slugify(text: str) -> str:
    """``Rautalammin kunnan sosiaalisen median ohje`` ->
    ``rautalammin-kunnan-sosiaalisen-median-ohje``: lower-case ASCII letters,
    digits and single hyphens (ä, ö, å folded to a, o, a).

    A letter or digit that does not fold to ASCII (a Cyrillic or Japanese
    title) is not dropped silently: the name gets a short digest of the
    whole title (``asiakirja-3f2a9c1b`` for a title with no Latin letter), so
    that every name is visible (never ``.pdf``), stable from build to build,
    and two titles that differ only in such letters get different names."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    lost = any(ch.isalnum() and not ch.isascii() for ch in folded)
    if not lost and slug:
        return slug
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:8]
    return f"{slug or FALLBACK}-{digest}"
