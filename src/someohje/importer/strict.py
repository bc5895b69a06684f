"""Strict Open XML (ISO/IEC 29500 Strict, what Word writes when "Strict Open
XML Document" is chosen) read as the Transitional Open XML the rest of the
importer and python-docx know.

The two differ, for a word-processing document, in their namespace and
relationship-type names: Strict's ``http://purl.oclc.org/ooxml/…`` for
Transitional's ``http://schemas.openxmlformats.org/…/2006/…`` (with two
renamed words, ``extendedProperties`` and ``customProperties``). The
element and attribute names within are the same. So a Strict package is
read by renaming exactly those names: each namespace declaration
(``xmlns``, ``xmlns:w``) and each relationship's ``Type``; the text, the
links' targets and everything else are left as they were.
"""

from __future__ import annotations

import io
import re
import zipfile

STRICT = "http://purl.oclc.org/ooxml/"
TRANSITIONAL = "http://schemas.openxmlformats.org/"
#: Strict words that Transitional spells otherwise
_RENAMED = {"extendedProperties": "extended-properties", "customProperties": "custom-properties"}
#: a namespace declaration or a relationship type naming a Strict URI
_NAME = re.compile(
    rb"""(\sxmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*|\sType\s*=\s*)(["'])(http://purl\.oclc\.org/ooxml/[^"'<>]*)\2"""
)


def is_strict(parts: dict[str, bytes]) -> bool:
    """Whether the package's own relationships (``_rels/.rels``) name Strict types."""
    return STRICT.encode() in parts.get("_rels/.rels", b"")


def transitional_uri(uri: str) -> str:
    """The Transitional name of Strict ``uri``: ``…/ooxml/wordprocessingml/main``
    is ``…/wordprocessingml/2006/main``; a URI that is not Strict is as it was."""
    if not uri.startswith(STRICT):
        return uri
    first, _, rest = uri[len(STRICT) :].partition("/")
    if not rest:
        return uri
    words = rest.split("/")
    words[-1] = _RENAMED.get(words[-1], words[-1])
    if first == "package":  # the package's own names have no year, in either
        return f"{TRANSITIONAL}package/2006/{'/'.join(words)}"
    return f"{TRANSITIONAL}{first}/2006/{'/'.join(words)}"


def as_transitional(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Every XML part of a Strict package with its Strict names renamed (see
    the module docs); the other parts as they are."""
    return {name: _renamed(data) if name.endswith((".xml", ".rels")) else data for name, data in parts.items()}


def zipped(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip package again, in their order (for python-docx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _renamed(data: bytes) -> bytes:
    def rename(match: re.Match[bytes]) -> bytes:
        uri = transitional_uri(match[3].decode("ascii", errors="replace"))
        return match[1] + match[2] + uri.encode("ascii", errors="replace") + match[2]

    return _NAME.sub(rename, data)
