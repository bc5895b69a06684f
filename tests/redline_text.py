"""Reading a redline back: a DOCX's body text with its tracked changes
accepted or rejected, and a guideline's text apart from its decision
history. Shared by the redline and the record tests."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from someohje.document.guideline import HISTORY_TITLE
from someohje.textual import inline_text
from someohje.tree import Block, Heading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def split_history(blocks: tuple[Block, ...] | list[Block]) -> tuple[list[Block], list[Block]]:
    """(the guideline text, the decision-history section)."""
    at = next(k for k, b in enumerate(blocks) if isinstance(b, Heading) and inline_text(b.children) == HISTORY_TITLE)
    return list(blocks[:at]), list(blocks[at:])


def paragraphs(xml: bytes, keep: str) -> list[str]:
    """Body paragraph texts of a document.xml with tracked changes accepted
    (``keep="ins"``) or rejected (``keep="del"``); a paragraph whose mark is
    itself removed on that side is dropped (its text, if any, joins no other)."""
    drop = "del" if keep == "ins" else "ins"
    body = ElementTree.fromstring(xml).find(f"{W}body")
    assert body is not None
    out: list[str] = []
    for p in body.iter(f"{W}p"):
        parts: list[str] = []
        for el in p.iter():
            if el.tag in (f"{W}t", f"{W}delText") and not _inside(p, el, f"{W}{drop}"):
                parts.append(el.text or "")
            elif el.tag == f"{W}tab" and not _inside(p, el, f"{W}{drop}"):
                parts.append("\t")
            elif el.tag == f"{W}noBreakHyphen" and not _inside(p, el, f"{W}{drop}"):
                parts.append("-")  # an identifier's hyphen, held to its line
        mark = p.find(f"{W}pPr/{W}rPr/{W}{drop}")
        text = "".join(parts)
        if mark is None or text.strip():
            out.append(text)
    return out


def _inside(root: ElementTree.Element, target: ElementTree.Element, tag: str) -> bool:
    """Whether ``target`` lies inside an element ``tag`` below ``root``."""
    return any(any(x is target for x in el.iter()) for el in root.iter(tag))


def normal(texts: list[str]) -> str:
    return " ".join(" ".join(texts).split())


def docx_document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")
