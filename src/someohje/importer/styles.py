"""What a Word paragraph style means: heading level, title, list numbering.

Word, LibreOffice, pandoc and python-docx all mark a heading either with a
built-in style (``heading 1``, in a Finnish Word ``Otsikko 1``) or with an
outline level, directly or inherited through ``w:basedOn``; lists carry
``w:numPr`` (directly or from a list style) that points into the numbering
part, where each level says whether it is a bullet or a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
Element = Any  #: an lxml element of the package (python-docx's oxml classes are untyped)

_HEADING_NAME = re.compile(r"(?:heading|otsikko|rubrik|überschrift)\s*([1-9])", re.IGNORECASE)
_LIST_NAME = re.compile(r"(?:list bullet|list number|luettelomerkki|numeroitu luettelo)\s*([2-9])", re.IGNORECASE)
_TITLE_NAMES = {"title", "otsikko", "asiakirjan otsikko", "titel", "rubrik"}
_BODY_LEVEL = 9  #: w:outlineLvl 9 means body text
_TRUE = {"1", "true", "on", ""}
_NUMBER = re.compile(r"[0-9]{1,9}")
_MAX_LEVEL = 8  #: list levels are 0 to 8


def val(el: Element | None, default: str = "") -> str:
    """The ``w:val`` of ``el``; ``default`` when ``el`` is missing or has none."""
    if el is None:
        return default
    value = el.get(qn("w:val"))
    return default if value is None else str(value)


def on(el: Element | None) -> bool:
    """A toggle property (``w:b``, ``w:i``) that is present and not switched off."""
    return el is not None and val(el).lower() in _TRUE


#: Word's numbering formats a Markdown list cannot show, as a reader sees them
LETTERED = {
    "lowerLetter": "a, b, c",
    "upperLetter": "A, B, C",
    "lowerRoman": "i, ii, iii",
    "upperRoman": "I, II, III",
}


@dataclass(frozen=True)
class ListKind:
    """How one level of a Word list is numbered."""

    ordered: bool  #: numbers or letters, not bullets
    start: int  #: the first number shown
    fmt: str  #: Word's ``w:numFmt``: ``decimal``, ``lowerLetter``, ``bullet``, ...


@dataclass(frozen=True)
class ParagraphStyle:
    """A paragraph style, resolved through its ``basedOn`` chain."""

    name: str
    heading: int  #: 1-9, or 0 when not a heading
    title: bool
    num: tuple[str, int] | None  #: (numId, ilvl) inherited from the style
    list_level: int = 0  #: the level a ``List Bullet 2`` style means when no ilvl says so
    language: str = ""  #: ``w:lang`` of the style's runs, own or inherited; empty when none says


class Styles:
    """The styles and numbering of one DOCX package."""

    def __init__(self, styles_root: Element, numbering_root: Element | None) -> None:
        self._by_id = {str(style.get(qn("w:styleId"))): style for style in styles_root.iter(qn("w:style"))}
        self._numbering = numbering_root
        self._default_language = language_of(styles_root.find(qn("w:docDefaults")))
        self._cache: dict[str, ParagraphStyle] = {}

    def name(self, style_id: str) -> str:
        """The style's name as written in styles.xml (``heading 1``), or its id."""
        style = self._by_id.get(style_id)
        return val(style.find(qn("w:name")), style_id) if style is not None else style_id

    def paragraph(self, style_id: str) -> ParagraphStyle:
        """The meaning of paragraph style ``style_id`` (``Normal`` when empty)."""
        key = style_id or self._default_paragraph()
        if key not in self._cache:
            self._cache[key] = self._resolve(key, set())
        return self._cache[key]

    def language(self, style_id: str) -> str:
        """The language of text in paragraph style ``style_id``: the style's
        own or inherited, else the default paragraph style's, else the
        document defaults'."""
        return self.paragraph(style_id).language or self.paragraph("").language or self._default_language

    def character(self, style_id: str) -> tuple[bool, bool]:
        """(bold, italic) of a character style, by its formatting or its name
        (``Strong``/``Voimakas``, ``Emphasis``/``Korostus``)."""
        name = self.name(style_id).lower()
        bold = name in ("strong", "voimakas", "lihavointi")
        italic = name in ("emphasis", "korostus", "kursiivi")
        style = self._by_id.get(style_id)
        rpr = style.find(qn("w:rPr")) if style is not None else None
        if rpr is not None:
            bold = bold or on(rpr.find(qn("w:b")))
            italic = italic or on(rpr.find(qn("w:i")))
        return bold, italic

    def character_language(self, style_id: str) -> str:
        """The ``w:lang`` of character style ``style_id``, own or inherited
        through ``w:basedOn``; empty when none says."""
        seen: set[str] = set()
        style = self._by_id.get(style_id)
        while style is not None and style_id not in seen:
            seen.add(style_id)
            if language := language_of(style):
                return language
            style_id = val(style.find(qn("w:basedOn")))
            style = self._by_id.get(style_id)
        return ""

    def _default_paragraph(self) -> str:
        for sid, style in self._by_id.items():
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                return sid
        return "Normal"

    def _resolve(self, style_id: str, seen: set[str]) -> ParagraphStyle:
        style = self._by_id.get(style_id)
        if style is None or style_id in seen:
            return ParagraphStyle(style_id, 0, False, None)
        seen.add(style_id)
        base_id = val(style.find(qn("w:basedOn")))
        base = self._resolve(base_id, seen) if base_id else None
        name = val(style.find(qn("w:name")), style_id)
        ppr = style.find(qn("w:pPr"))
        heading = _heading_level(name, ppr)
        if not heading and base is not None and not _TITLE_NAMES & {name.lower()}:
            heading = base.heading
        named = _LIST_NAME.fullmatch(name.strip())
        list_level = int(named.group(1)) - 1 if named else (base.list_level if base else 0)
        num = numbering_of(ppr, list_level) or (base.num if base else None)
        title = name.lower() in _TITLE_NAMES or style_id.lower() == "title"
        language = language_of(style) or (base.language if base else "")
        return ParagraphStyle(name, 0 if title else heading, title, num, list_level, language)

    def list_kind(self, num_id: str, level: int) -> ListKind | None:
        """How list ``num_id`` is numbered at ``level``; None for numId 0
        (numbering switched off) or a list the numbering part lacks."""
        if num_id in ("", "0") or self._numbering is None:
            return None
        num = next((n for n in self._numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
        if num is None:
            return None
        abstract_id = val(num.find(qn("w:abstractNumId")))
        start_override = None
        for override in num.iter(qn("w:lvlOverride")):
            if override.get(qn("w:ilvl")) == str(level) and override.find(qn("w:startOverride")) is not None:
                start_override = number(val(override.find(qn("w:startOverride"))), 1)
        for abstract in self._numbering.iter(qn("w:abstractNum")):
            if abstract.get(qn("w:abstractNumId")) != abstract_id:
                continue
            for lvl in abstract.iter(qn("w:lvl")):
                if lvl.get(qn("w:ilvl")) == str(level):
                    fmt = val(lvl.find(qn("w:numFmt")), "bullet")
                    start = number(val(lvl.find(qn("w:start"))), 1) or 1
                    return ListKind(fmt not in ("bullet", "none"), start_override or start, fmt)
            return ListKind(False, 1, "bullet")
        return None


def language_of(el: Element | None) -> str:
    """The ``w:lang`` value in the run properties of a run, a style or the
    document defaults; empty when there is none."""
    if el is None:
        return ""
    return val(el.find(f".//{qn('w:rPr')}/{qn('w:lang')}"))


def _heading_level(name: str, ppr: Element | None) -> int:
    match = _HEADING_NAME.fullmatch(name.strip())
    if match:
        return int(match.group(1))
    return outline_level(ppr)


def numbering_of(ppr: Element | None, default_level: int = 0) -> tuple[str, int] | None:
    """(numId, ilvl) from a ``w:pPr``'s ``w:numPr``, if it has one;
    ``default_level`` where it gives no ilvl."""
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None
    num_id = val(numpr.find(qn("w:numId")))
    level = val(numpr.find(qn("w:ilvl")))
    return (num_id, min(number(level, default_level), _MAX_LEVEL)) if num_id else None


def outline_level(ppr: Element | None) -> int:
    """A paragraph's own outline level as a heading level (0: none)."""
    outline = val(ppr.find(qn("w:outlineLvl")) if ppr is not None else None)
    level = number(outline, _BODY_LEVEL)
    return level + 1 if level < _BODY_LEVEL else 0


def number(text: str, default: int) -> int:
    """A decimal number of the package (a list start, a level), or
    ``default`` for anything else (``²`` is a digit to ``str.isdigit``,
    not a number; thousands of digits are not one either)."""
    return int(text) if _NUMBER.fullmatch(text) else default
