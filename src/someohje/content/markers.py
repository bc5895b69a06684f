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

from ..messages import gettext as _
from .markdown import visible_text

MARKER = re.compile(r"\[\[lisäys:([^\]\s]*)\]\]")
MARKER_LINE = re.compile(r"\s*\[\[lisäys:([^\]\s]*)\]\]\s*")
#: anything that looks like the start of a marker, however it is written
LOOSE = re.compile(r"\[\[\s*lis(?:ä|a\u0308)ys\s*:", re.IGNORECASE)
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
        if not tok.map or (not LOOSE.search(unicodedata.normalize("NFC", text)) and not LOOSE.search(text)):
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
    for match in LOOSE.finditer(text):
        line = first + text[: match.start()].count("\n")
        rest = unicodedata.normalize("NFC", text[match.start() : match.start() + 200])
        found = MARKER.match(rest)
        aid = found.group(1) if found else ""
        shown = found.group(0) if found else rest.split("]]")[0][:40] + "]]"
        if "\u0308" in text[match.start() : match.end()]:
            why = _("marker '{shown}' is typed with a decomposed 'ä' (a + U+0308); retype the 'ä'").format(shown=shown)
        elif found is None or kind != "inline":
            why = _("malformed or misplaced marker '{shown}'; write [[lisäys:ID]] alone on a line").format(shown=shown)
        else:
            why = _(
                "marker '{shown}' must stand alone on a line, as a paragraph of its own in the "
                "section body (not in a heading, list, table or mid-paragraph)"
            ).format(shown=shown)
        out.append(MarkerUse(line, aid, why))
    return out


def marker_as_text(text: str) -> str:
    """Why ``text``, shown to a reader, may not be shown ("" when it may):
    it holds what looks like a marker (``[[lisäys:…]]``, escaped or not),
    which is only ever structure, never text."""
    match = LOOSE.search(unicodedata.normalize("NFC", text))
    if match is None:
        return ""
    shown = text[match.start() :].split("]]")[0][:40] + "]]"
    return _(
        "'{shown}' would be printed as text: an amendment marker is only ever a paragraph of its own in a section"
    ).format(shown=shown)


def text_markers(markdown: str, placed: set[int]) -> list[MarkerUse]:
    """Markers in the text a reader sees of ``markdown`` (an escaped
    ``\\[\\[lisäys:x]]``, which :func:`scan_markers` does not take for a
    marker), on lines other than ``placed`` (where it found one already)."""
    lines: dict[int, str] = {}
    for line, text in visible_text(markdown):  # a line's pieces together: '[[lis*ä*ys:' is one marker too
        lines[line] = lines.get(line, "") + text
    out = []
    for line, text in lines.items():
        why = marker_as_text(text)
        if why and line not in placed:
            out.append(MarkerUse(line, "", why))
            placed.add(line)
    return out
