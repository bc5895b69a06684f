"""What the importer reports it did not carry over, and how a report line
quotes the text it is about."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from .styles import Element

EXCERPT = 60


def excerpt(text: str) -> str:
    """``text`` shortened for a report line, quoted the Finnish way."""
    text = " ".join(text.split())
    return f"”{text[:EXCERPT]}…”" if len(text) > EXCERPT else f"”{text}”"


def plain(el: Element) -> str:
    """All ``w:t`` text below ``el``, paragraphs separated by spaces."""
    parts = []
    for p in el.iter(qn("w:p")):
        parts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return " ".join(x for x in parts if x) or "".join(t.text or "" for t in el.iter(qn("w:t")))


@dataclass(frozen=True)
class Notice:
    """Something in the DOCX that the content does not carry as it was.

    ``block`` is the index of the body block it was at or next to (None: the
    document as a whole); ``paragraph`` the 1-based number of the DOCX body
    paragraph it was in (0: not in a paragraph)."""

    block: int | None
    paragraph: int
    message: str
