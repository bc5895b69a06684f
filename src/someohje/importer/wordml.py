"""Read the text of a DOCX with its tracked changes, as a stream of tokens.

Every character of the body is a :class:`Token` that is ``same`` (not
changed), ``ins`` (inside ``w:ins`` or ``w:moveTo``) or ``del`` (inside
``w:del`` or ``w:moveFrom``), with the author and date of its revision;
each paragraph ends with a mark token whose state comes from
``w:pPr/w:rPr/w:ins|w:del``. Rejecting every change keeps the ``same`` and
``del`` tokens; accepting every change keeps ``same`` and ``ins``. Things
that are not text changes, or cannot become one (formatting changes, changes
in headers and footers, in a table's rows and cells, in footnotes and
endnotes or their calls), are collected as :class:`Finding` with their place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree  # type: ignore[import-untyped]

from ..messages import gettext as _
from .package import BadDocx, read_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ATOM = "\ufffc"  #: an image or other object in the text (as :data:`someohje.record.amendments.ATOM`)

State = Literal["same", "ins", "del"]
_STATE_TAGS: dict[str, State] = {"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Revision:
    """Who made a tracked change and when (``w:author``, ``w:date``)."""

    author: str
    date: str  #: ISO 8601 as written, e.g. ``2025-03-30T10:15:00Z``; "" when absent


@dataclass
class Token:
    """One character (or the paragraph mark ``"\\n"``) of the body."""

    char: str
    state: State
    para: int  #: index of the physical paragraph
    revision: Revision | None = None
    bold: bool = False
    italic: bool = False
    link: bool = False  #: inside a hyperlink
    mark: bool = False  #: a paragraph mark
    fixed: str = ""  #: set by the aligner: "ref" (source reference), "number" (heading number), "atom"


@dataclass
class PhysParagraph:
    """A ``w:p`` of the body, as found."""

    index: int
    style: str
    numbered: bool  #: has list numbering (``w:numPr``)
    in_table: bool


@dataclass(frozen=True)
class Finding:
    """A change that is not recorded, with its place."""

    where: str
    text: str
    reason: str
    blocking: bool = True  #: False for formatting changes, which are only reported

    def line(self, source: str) -> str:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{source}: {self.where}: {self.reason}: '{shown}'"


@dataclass
class Body:
    """The body as a token stream, its paragraphs, and what could not be read."""

    tokens: list[Token] = field(default_factory=list)
    paragraphs: list[PhysParagraph] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def read_docx(path: Path) -> Body:
    """Read ``path``'s body and scan its headers and footers for changes;
    the package is read and checked whole by :func:`.package.read_package`
    (a :class:`~.package.BadDocx` names the part that is wrong)."""
    package = read_package(path)
    document = package.xml(package.main)
    parts = {n: package.xml(n) for kind in ("header", "footer") for n in package.related(package.main, kind)}
    body = Body()
    root = document.find(w("body"))
    if root is None:
        raise BadDocx(package.main, _("has no w:body"))
    for p in root.iter(w("p")):
        if any(a.tag == w("txbxContent") for a in p.iterancestors()):
            continue
        _read_paragraph(body, p)
    for name, part in sorted(parts.items()):
        where = _("page header") if name in package.related(package.main, "header") else _("page footer")
        for change in part.iter(w("ins"), w("del")):
            body.findings.append(
                Finding(f"{where} ({name})", _text_of(change), _("a change in the page header or footer"))
            )
    for kind in NOTE_KINDS:
        for name in package.related(package.main, f"{kind}s"):
            body.findings.extend(_note_changes(package.xml(name), kind))
        for call in root.iter(w(f"{kind}Reference")):
            if any(a.tag in (w("ins"), w("del")) for a in call.iterancestors()):
                reason = _(
                    "a {kind} inserted or deleted: import-changes does not record these yet; propose it by hand"
                ).format(kind=kind)
                paragraph = next((a for a in call.iterancestors() if a.tag == w("p")), call)
                body.findings.append(Finding(_("a {kind}'s call").format(kind=kind), _text_of(paragraph), reason))
    return body


#: the parts holding notes, by the element of one note (their relationship is its plural)
NOTE_KINDS = ("footnote", "endnote")


def _note_changes(part: etree._Element, kind: str) -> list[Finding]:
    """A blocking finding for every tracked change in a footnotes or endnotes
    part: the note's text is the section's, but a change in it is not yet
    recorded as an amendment, and must not pass for "no changes"."""
    notes = [n for n in part.iter(w(kind)) if n.get(w("type")) in (None, "normal")]  # not the separators
    reason = _("a change in a {kind}: import-changes does not record these yet; propose it by hand").format(kind=kind)
    return [
        Finding(f"{kind} {number}", _text_of(change), reason)
        for number, note in enumerate(notes, 1)
        for change in note.iter(w("ins"), w("del"))
        if _text_of(change).strip()
    ]


def _text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t"), w("delText")))


def _revision(element: etree._Element) -> Revision:
    return Revision(element.get(w("author"), ""), element.get(w("date"), ""))


def _read_paragraph(body: Body, p: etree._Element) -> None:
    index = len(body.paragraphs)
    ppr = p.find(w("pPr"))
    style_el = ppr.find(w("pStyle")) if ppr is not None else None
    row = next((a for a in p.iterancestors() if a.tag == w("tr")), None)
    body.paragraphs.append(
        PhysParagraph(
            index,
            style_el.get(w("val"), "") if style_el is not None else "",
            ppr is not None and ppr.find(w("numPr")) is not None,
            row is not None,
        )
    )
    start = len(body.tokens)
    for r in p.iter(w("r")):
        _read_run(body, p, r, index)
    text = "".join(t.char for t in body.tokens[start:])
    place = _("paragraph {value}").format(value=index + 1)
    if row is not None:
        trpr = row.find(w("trPr"))
        if trpr is not None and (trpr.find(w("ins")) is not None or trpr.find(w("del")) is not None):
            body.findings.append(Finding(place, text, _("a table row inserted or deleted (a change of the table)")))
    tcpr = next((a.find(w("tcPr")) for a in p.iterancestors() if a.tag == w("tc")), None)
    if tcpr is not None and any(tcpr.find(w(t)) is not None for t in ("cellIns", "cellDel", "cellMerge")):
        body.findings.append(
            Finding(place, text, _("a table cell inserted, deleted or merged (a change of the table)"))
        )
    if ppr is not None and ppr.find(w("pPrChange")) is not None:
        body.findings.append(Finding(place, text, _("a formatting change (ignored: the theme sets the layout)"), False))
    if any(r.find(w("rPr")) is not None and r.find(w("rPr")).find(w("rPrChange")) is not None for r in p.iter(w("r"))):
        body.findings.append(Finding(place, text, _("a formatting change (ignored: the theme sets the layout)"), False))
    mark_state: State = "same"
    mark_rev = None
    rpr = ppr.find(w("rPr")) if ppr is not None else None
    if rpr is not None:
        for tag in ("ins", "del", "moveTo", "moveFrom"):
            found = rpr.find(w(tag))
            if found is not None:
                mark_state, mark_rev = _STATE_TAGS[tag], _revision(found)
    body.tokens.append(Token("\n", mark_state, index, mark_rev, mark=True))


def _read_run(body: Body, p: etree._Element, r: etree._Element, index: int) -> None:
    state: State = "same"
    revision = None
    link = False
    for ancestor in r.iterancestors():
        if ancestor is p:
            break
        name = etree.QName(ancestor).localname
        if etree.QName(ancestor).namespace == W and name in _STATE_TAGS and state == "same":
            state, revision = _STATE_TAGS[name], _revision(ancestor)
        if name == "hyperlink":
            link = True
        if etree.QName(ancestor).namespace == MC and name == "Fallback":
            return  # the same content as mc:Choice, which is read
    rpr = r.find(w("rPr"))
    bold = _flag(rpr, "b")
    italic = _flag(rpr, "i")
    for item in r:
        tag = etree.QName(item).localname
        if tag in ("t", "delText"):
            for ch in item.text or "":
                body.tokens.append(Token(ch, state, index, revision, bold, italic, link))
        elif tag == "noBreakHyphen":  # an identifier's hyphen, as someohje writes it
            body.tokens.append(Token("-", state, index, revision, bold, italic, link))
        elif tag == "tab":
            body.tokens.append(Token("\t", state, index, revision, bold, italic, link))
        elif tag in ("br", "cr"):
            body.tokens.append(Token(" ", state, index, revision, bold, italic, link))
        elif tag in ("drawing", "pict", "object", "AlternateContent"):
            body.tokens.append(Token(ATOM, state, index, revision, link=link))


def _flag(rpr: etree._Element | None, tag: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(w(tag))
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")
