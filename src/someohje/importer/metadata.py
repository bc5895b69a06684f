"""Title, document type, date and diary number of an imported DOCX.

They come from what the document itself shows or states: the title
paragraph, the core properties (title, subject, keywords) and the
identification block in the page header (organisation, document type, date,
diary number, as SFS 2487 lays it out), and an approval line such as
``Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37`` before the first heading.
The core property *created* is not used: every editor stamps it with the
time the file was saved, not the document's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from ..content.fields import DEFAULT_DIARY_PATTERN, parse_finnish_date
from ..messages import gettext as _
from ..record.provenance import NOTE_PREFIX
from .styles import R_ID, Element, Styles, language_of, val

_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
_LABELLED_DIARY = re.compile(r"(?i)\b(?:dnro|dno|diaarinumero|diaarinro)[.:]?\s+(\S+)")
_PAGE = re.compile(r"^(?:sivu\s*)?\d+\s*(?:\(\s*\d+\s*\)|/\s*\d+)?$", re.IGNORECASE)
_MARKS = {"LUONNOS", "EHDOTUS"}  #: draft marks in an identification block, not a document type
APPROVAL = re.compile(
    r"Hyväksytty:?\s+(?P<body>[A-ZÅÄÖ][\wåäöÅÄÖ -]*?)\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})(?:\s+§\s*(?P<para>\d+))?"
)


@dataclass(frozen=True)
class Found:
    """A value and where it was found (for the report)."""

    value: str
    source: str


@dataclass(frozen=True)
class Approval:
    """What an approval line says: body name, date, § (may be empty)."""

    body: str
    date: str
    paragraph: str


@dataclass(frozen=True)
class DocxMetadata:
    """The identification data found in a DOCX; None where it was not found."""

    title: Found | None
    doc_type: Found | None
    date: Found | None
    diary_number: Found | None
    organisation: Found | None
    subject: str
    keywords: tuple[str, ...]
    language: str
    approval: Approval | None
    reconstruction: bool = False  #: the DOCX carries someohje's note that its text is a reconstruction


def header_tokens(document: Any) -> list[str]:
    """The text pieces of the page headers (split at tabs and paragraphs)."""
    tokens: list[str] = []
    seen: set[str] = set()
    for sect in document.element.body.iter(qn("w:sectPr")):
        for ref in sect.iterfind(qn("w:headerReference")):
            rid = str(ref.get(R_ID))
            if rid in seen or rid not in document.part.related_parts:
                continue
            seen.add(rid)
            for p in document.part.related_parts[rid].element.iter(qn("w:p")):
                tokens.extend(_paragraph_tokens(p))
    return tokens


def _paragraph_tokens(p: Element) -> list[str]:
    text = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen")):
        text.append(el.text or "" if el.tag == qn("w:t") else "-" if el.tag == qn("w:noBreakHyphen") else "\t")
    return [t.strip() for t in "".join(text).split("\t") if t.strip()]


def read_metadata(document: Any, styles: Styles, titles: list[str], front: list[str]) -> DocxMetadata:
    """Collect the identification data of ``document``; ``styles``,
    ``titles`` and ``front`` are its styles and the texts of its title
    paragraphs and of the paragraphs before its first heading, as the
    reader found them."""
    core = document.core_properties
    tokens = header_tokens(document)
    keywords = [k.strip() for k in re.split(r"[;,]", core.keywords or "") if k.strip()]
    diary = _diary(tokens, _("the page header")) or _diary(keywords, _("the core properties (keywords)"))
    date = next((Found(t, _("the page header")) for t in _dates(tokens)), None)
    title = Found(titles[0], _("the title paragraph")) if titles else None
    if title is None and (core.title or "").strip():
        title = Found(core.title.strip(), _("the core properties"))
    organisation = Found(tokens[0], _("the page header")) if len(tokens) >= 2 else None
    return DocxMetadata(
        title=title,
        doc_type=_doc_type(tokens[1:] if organisation else tokens),
        date=date,
        diary_number=diary,
        organisation=organisation,
        subject=(core.subject or "").strip(),
        keywords=tuple(k for k in keywords if not diary or k != diary.value),
        language=body_language(document, styles),
        approval=_approval(front),
        reconstruction=any(text.startswith(NOTE_PREFIX) for text in front),
    )


def _dates(tokens: list[str]) -> list[str]:
    out = []
    for token in tokens:
        for match in _DATE.finditer(token):
            try:
                parse_finnish_date(match.group(0))
            except ValueError:
                continue
            out.append(match.group(0))
    return out


def _diary(tokens: list[str], source: str) -> Found | None:
    for token in tokens:
        match = re.search(DEFAULT_DIARY_PATTERN, token) or _LABELLED_DIARY.search(token)
        if match:
            value = match.group(1) if match.re is _LABELLED_DIARY else match.group(0)
            return Found(value, source)
    return None


def _doc_type(tokens: list[str]) -> Found | None:
    for token in tokens:
        if token in _MARKS or any(ch.isdigit() for ch in token) or _PAGE.match(token):
            continue
        if len(token.split()) <= 3:
            return Found(token, _("the page header"))
    return None


def body_language(document: Any, styles: Styles) -> str:
    """The language most of the body's text is marked with: a run's own
    ``w:lang``, else its paragraph style's (:meth:`Styles.language`). Word
    marks every run it types with the keyboard's language, so an English
    file is English here."""
    share: dict[str, int] = {}
    for p in document.element.body.iter(qn("w:p")):
        style_lang = styles.language(val(p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")))
        for r in p.iter(qn("w:r")):
            size = sum(len(t.text or "") for t in r.iterfind(qn("w:t")))
            lang = language_of(r) or style_lang
            share[lang] = share.get(lang, 0) + size
    value = max(share, key=lambda k: share[k]) if any(share.values()) else styles.language("")
    return value if re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", value) else ""


def _approval(front: list[str]) -> Approval | None:
    for text in front:
        match = APPROVAL.search(text.replace("\u00a0", " "))
        if match:
            return Approval(match.group("body").strip(), match.group("date"), match.group("para") or "")
    return None


def diary_pattern(value: str) -> str | None:
    """A ``diary_number_pattern`` for a diary number of another form than
    ``RauDno-2020-792`` (digits generalised), or None when none is needed."""
    if re.fullmatch(DEFAULT_DIARY_PATTERN, value):
        return None
    return re.sub(r"\d+", r"\\d+", re.escape(value))
