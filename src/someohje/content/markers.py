"""The placement marker for amendments in section Markdown: ``[[lisäys:ID]]``.

A marker is *placed* only when it is a paragraph of its own in the section
body (alone on its line, an empty line before and after, not in a list, a
table, a heading or a quote). Anywhere else it would be printed into the
published text as it stands, so :func:`scan_markers` reports it as
misplaced; so is a marker typed in decomposed Unicode (``a`` + U+0308).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt

MARKER = re.compile(r"\[\[lisäys:([^\]\s]*)\]\]")
MARKER_LINE = re.compile(r"\s*\[\[lisäys:([^\]\s]*)\]\]\s*")
#: anything that looks like the start of a marker, however it is written
_LOOSE = re.compile(r"\[\[\s*lis(?:ä|a\u0308)ys\s*:", re.IGNORECASE)
_MD = MarkdownIt("commonmark", {"html": True}).enable("table")


@dataclass(frozen=True)
class MarkerUse:
    """A marker found in a section file: its 1-based line, the amendment id
    (as far as it can be read) and, when misplaced, why."""

    line: int
    amendment_id: str
    problem: str = ""


def scan_markers(markdown: str) -> list[MarkerUse]:
    """Every marker in ``markdown``, placed or not, in order."""
    uses: list[MarkerUse] = []
    tokens = _MD.parse(markdown)
    for i, tok in enumerate(tokens):
        text = tok.content
        if not tok.map or (not _LOOSE.search(unicodedata.normalize("NFC", text)) and not _LOOSE.search(text)):
            continue
        first = tok.map[0] + 1
        parent = tokens[i - 1] if i else None
        alone = (
            tok.type == "inline"
            and parent is not None
            and parent.type == "paragraph_open"
            and parent.level == 0
            and MARKER_LINE.fullmatch(text) is not None
        )
        if alone:
            uses.append(MarkerUse(first, MARKER_LINE.fullmatch(text).group(1)))  # type: ignore[union-attr]
            continue
        uses.extend(_misplaced(text, first, tok.type))
    return uses


def _misplaced(text: str, first: int, kind: str) -> list[MarkerUse]:
    out: list[MarkerUse] = []
    for match in _LOOSE.finditer(text):
        line = first + text[: match.start()].count("\n")
        rest = unicodedata.normalize("NFC", text[match.start() : match.start() + 200])
        found = MARKER.match(rest)
        aid = found.group(1) if found else ""
        shown = found.group(0) if found else rest.split("]]")[0][:40] + "]]"
        if "\u0308" in text[match.start() : match.end()]:
            why = f"marker '{shown}' is typed with a decomposed 'ä' (a + U+0308); retype the 'ä'"
        elif found is None or kind != "inline":
            why = f"malformed or misplaced marker '{shown}'; write [[lisäys:ID]] alone on a line"
        else:
            why = (
                f"marker '{shown}' must stand alone on a line, as a paragraph of its own in the section "
                "body (not in a heading, list, table or mid-paragraph)"
            )
        out.append(MarkerUse(line, aid, why))
    return out
