"""Language tags (BCP 47) as the text uses them: a document's ``language:``
and a passage's ``[text]{lang=en}``."""

from __future__ import annotations

import re

#: language, then an optional script, region and variants (RFC 5646, without
#: extensions and private use, which no document's text needs)
_TAG = re.compile(
    r"(?P<language>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)",
    re.IGNORECASE,
)


def language_tag(value: str) -> str | None:
    """``value`` as a BCP 47 tag in its usual case (``en``, ``sv-FI``,
    ``sr-Latn-RS``), or None when it is not one. Word's own ``en_US`` spelling
    is not accepted: the tag is written with hyphens."""
    match = _TAG.fullmatch(value)
    if match is None:
        return None
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    parts.extend(v.lower() for v in match["variants"].split("-") if v)
    return "-".join(parts)


def is_finnish(language: str) -> bool:
    """Whether text in ``language`` (a BCP 47 tag; empty means the default,
    Finnish) is what Voikko's Finnish dictionary checks."""
    return not language or language.split("-")[0].lower() == "fi"


def same_language(a: str, b: str) -> bool:
    """Whether two tags name the same language, whatever the region
    (``fi`` and ``fi-FI``; ``en-GB`` and ``en-US`` are both English)."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


#: a link to a language version, in that language (a reader of the other
#: language finds it without reading this one's)
VERSION_LINKS = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English", "se": "Sámegillii"}


def version_link(language: str) -> str:
    """The words of a link to the version in ``language``: ``På svenska``."""
    return VERSION_LINKS.get(language.split("-")[0].lower(), language)
