"""Runs (``w:r``): text, direct formatting and language.

A run holds text with one formatting; :class:`RunFormat` says which
(character style, bold, italic, size, colour, letter spacing, the language
of a passage) and
:func:`run_properties` writes it as ``w:rPr`` in schema order. :func:`run`
turns tabs and newlines into ``w:tab`` and ``w:br`` and can hold deleted
text (``w:delText``) for a tracked deletion.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from ...finnish import identifier_parts
from .element import Element, child, el
from .units import half_points, hex_colour, pt_twips


@dataclass(frozen=True)
class RunFormat:
    """Direct formatting of a run; ``style`` is a character style id."""

    bold: bool = False
    italic: bool = False
    style: str = ""
    size: float = 0.0  #: points; 0 = from the style
    colour: str = ""  #: ``#rrggbb``; "" = from the style
    spacing: float = 0.0  #: letter spacing in points
    language: str = ""  #: a passage's BCP 47 tag (``w:lang``); "" = the style's, the document's


PLAIN = RunFormat()  #: no direct formatting


def run_properties(fmt: RunFormat) -> Element | None:
    """``w:rPr`` for ``fmt`` in schema order, or None when ``fmt`` is plain."""
    if fmt == PLAIN:
        return None
    rpr = el("w:rPr")
    if fmt.style:
        child(rpr, "w:rStyle", {"w:val": fmt.style})
    if fmt.bold:
        child(rpr, "w:b")
        child(rpr, "w:bCs")
    if fmt.italic:
        child(rpr, "w:i")
        child(rpr, "w:iCs")
    if fmt.colour:
        child(rpr, "w:color", {"w:val": hex_colour(fmt.colour)})
    if fmt.spacing:
        child(rpr, "w:spacing", {"w:val": pt_twips(fmt.spacing)})
    if fmt.size:
        child(rpr, "w:sz", {"w:val": half_points(fmt.size)})
        child(rpr, "w:szCs", {"w:val": half_points(fmt.size)})
    if fmt.language:
        set_language(rpr, fmt.language)
    return rpr


def run(text: str, fmt: RunFormat | None = None, *, deleted: bool = False) -> Element:
    """A ``w:r`` holding ``text`` with formatting ``fmt``.

    Tabs become ``w:tab`` and newlines ``w:br``; spaces are preserved; an
    identifier's hyphens are non-breaking (:func:`_text`). With
    ``deleted`` the text goes into ``w:delText``, as a tracked deletion needs.
    """
    r = el("w:r")
    rpr = run_properties(fmt or PLAIN)
    if rpr is not None:
        r.append(rpr)
    text_tag = "w:delText" if deleted else "w:t"
    for i, line in enumerate(text.split("\n")):
        if i:
            child(r, "w:br")
        for j, piece in enumerate(line.split("\t")):
            if j:
                child(r, "w:tab")
            _text(r, text_tag, piece)
    return r


def _text(r: Element, tag: str, text: str) -> None:
    """``text`` into run ``r`` as one ``w:t``, but each hyphen of an
    identifier is a ``w:noBreakHyphen`` (Word's non-breaking hyphen: read back
    as ``-``), so ``RauDno-2020-792`` never breaks at a line end."""
    chunks = [""]
    for part, whole in identifier_parts(text):
        pieces = part.split("-") if whole else [part]
        chunks[-1] += pieces[0]
        chunks += pieces[1:]
    for k, chunk in enumerate(chunks):
        if k:
            child(r, "w:noBreakHyphen")
        if chunk:
            t = child(r, tag)
            t.text = chunk
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def tab() -> Element:
    """A run holding one tab character (``w:tab``)."""
    return el("w:r", {}, el("w:tab"))


def set_language(rpr: Element, language: str) -> Element:
    """Set the language of run properties ``rpr`` to ``language``; return the ``w:lang``.

    ``language`` (``fi-FI``) is set for Latin, East Asian and complex scripts
    alike (``w:val``, ``w:eastAsia``, ``w:bidi``). An existing ``w:lang`` is
    replaced; the new one is appended, so set the properties that precede it in
    schema order first.
    """
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = el("w:lang", {"w:val": language, "w:eastAsia": language, "w:bidi": language})
    rpr.append(lang)
    return lang
