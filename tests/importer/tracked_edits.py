"""Edit a DOCX the way Word does with Track Changes on (w:ins / w:del), and
read a DOCX's text with every change accepted or rejected.

Used by test_import_changes.py to make edited documents without Word.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NBSP = "\u00a0"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Editor:
    """A DOCX's document.xml, edited in memory with tracked changes."""

    def __init__(self, path: Path, author: str = "Tiina Testaaja", date: str = "2025-03-30T10:15:00Z") -> None:
        self.path = path
        self.author, self.date = author, date
        with zipfile.ZipFile(path) as z:
            self.parts = {n: z.read(n) for n in z.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.rev = 9000

    def paragraph(self, starts: str) -> etree._Element:
        """The body paragraph whose text starts with ``starts``."""
        for p in self.root.iter(w("p")):
            if _text(p).startswith(starts):
                return p
        raise AssertionError(f"no paragraph starts with {starts!r}")

    def _wrapper(self, kind: str) -> etree._Element:
        self.rev += 1
        return etree.Element(w(kind), {w("id"): str(self.rev), w("author"): self.author, w("date"): self.date})

    def change(self, starts: str, old: str, new: str) -> None:
        """In the paragraph starting with ``starts``, mark ``old`` deleted and
        ``new`` inserted in its place (``old`` or ``new`` may be empty; with
        ``old`` empty, ``new`` goes right after the text ``starts``)."""
        p = self.paragraph(starts)
        anchor = old or starts
        for r in list(p.iter(w("r"))):
            t = r.find(w("t"))
            if t is None or anchor not in (t.text or ""):
                continue
            text = t.text or ""
            at = text.index(anchor)
            before, after = (
                (text[:at], text[at + len(old) :]) if old else (text[: at + len(starts)], text[at + len(starts) :])
            )
            pieces: list[etree._Element] = []
            if before:
                pieces.append(_run_like(r, before))
            if old:
                d = self._wrapper("del")
                d.append(_run_like(r, old, deleted=True))
                pieces.append(d)
            if new:
                i = self._wrapper("ins")
                i.append(_run_like(r, new))
                pieces.append(i)
            if after:
                pieces.append(_run_like(r, after))
            parent = r.getparent()
            index = parent.index(r)
            parent.remove(r)
            for k, piece in enumerate(pieces):
                parent.insert(index + k, piece)
            return
        raise AssertionError(f"{anchor!r} is not inside one run of the paragraph {starts!r}")

    def insert_paragraph_after(self, starts: str, text: str) -> None:
        """A new paragraph after the one starting with ``starts``, as Word
        records it: the earlier paragraph's mark is the inserted one."""
        p = self.paragraph(starts)
        new = copy.deepcopy(p)
        for child in list(new):
            if child.tag != w("pPr"):
                new.remove(child)
        ins = self._wrapper("ins")
        run = etree.SubElement(ins, w("r"))
        t = etree.SubElement(run, w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        new.append(ins)
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.SubElement(p, w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.append(self._wrapper("ins"))
        p.addnext(new)

    def split_paragraph(self, starts: str, before: str) -> None:
        """Press Enter in a paragraph right before the text ``before``: the
        first part ends with an inserted paragraph mark."""
        p = self.paragraph(starts)
        second = copy.deepcopy(p)
        runs = [r for r in p if r.tag == w("r")]
        for k, r in enumerate(runs):
            t = r.find(w("t"))
            if t is not None and before in (t.text or ""):
                head, tail = (t.text or "").split(before, 1)
                t.text = head
                for other in runs[k + 1 :]:
                    p.remove(other)
                for child in list(second):
                    if child.tag != w("pPr"):
                        second.remove(child)
                second.append(_run_like(r, before + tail))
                for other in runs[k + 1 :]:
                    second.append(other)
                break
        else:
            raise AssertionError(f"{before!r} is not inside one run of {starts!r}")
        rpr = p.find(w("pPr")).find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(p.find(w("pPr")), w("rPr"))
        rpr.append(self._wrapper("ins"))
        p.addnext(second)

    def delete_paragraph(self, starts: str) -> None:
        """Delete a whole paragraph, its mark included."""
        p = self.paragraph(starts)
        for r in list(p):
            if r.tag in (w("r"), w("hyperlink")):
                d = self._wrapper("del")
                r.addprevious(d)
                d.append(r)
                for t in r.iter(w("t")):
                    t.tag = w("delText")
        ppr = p.find(w("pPr"))
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.append(self._wrapper("del"))

    def insert_in_footnote(self, after: str, new: str) -> None:
        """In ``word/footnotes.xml``, mark ``new`` inserted right after the run
        holding ``after``."""
        notes = etree.fromstring(self.parts["word/footnotes.xml"])
        run = next(r for r in notes.iter(w("r")) if after in _text(r))
        wrapper = self._wrapper("ins")
        wrapper.append(_run_like(run, new))
        run.addnext(wrapper)
        self.parts["word/footnotes.xml"] = etree.tostring(notes, xml_declaration=True, encoding="UTF-8")

    def delete_footnote_call(self, starts: str) -> None:
        """Mark the footnote call in the paragraph starting with ``starts`` deleted."""
        call = next(self.paragraph(starts).iter(w("footnoteReference")))
        run = call.getparent()
        wrapper = self._wrapper("del")
        run.addprevious(wrapper)
        wrapper.append(run)

    def save(self, path: Path) -> Path:
        self.parts["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                z.writestr(name, data)
        path.write_bytes(out.getvalue())
        return path


def _run_like(r: etree._Element, text: str, *, deleted: bool = False) -> etree._Element:
    new = etree.Element(w("r"))
    rpr = r.find(w("rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    t = etree.SubElement(new, w("delText" if deleted else "t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return new


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t"), w("delText")))


def body_paragraphs(path: Path, keep: str) -> list[str]:
    """The body's paragraph texts with every change accepted (``keep="ins"``)
    or rejected (``keep="del"``): the other kind's text is dropped, and a
    paragraph whose mark is of the other kind joins the next one."""
    drop = "del" if keep == "ins" else "ins"
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out: list[str] = []
    carry = ""
    for p in root.find(w("body")).iter(w("p")):
        parts = []
        for node in p.iter(w("t"), w("delText")):
            kinds = {etree.QName(a).localname for a in node.iterancestors() if a is not p}
            if drop in kinds or (drop == "del" and "moveFrom" in kinds) or (drop == "ins" and "moveTo" in kinds):
                continue
            parts.append(node.text or "")
        text = carry + "".join(parts)
        mark = p.find(f"{w('pPr')}/{w('rPr')}/{w(drop)}")
        if mark is not None:
            carry = text
            continue
        carry = ""
        out.append(text)
    return out
