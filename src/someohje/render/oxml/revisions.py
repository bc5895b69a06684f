"""Tracked changes: ``w:ins`` and ``w:del``.

Changed runs go into a ``w:ins`` or ``w:del`` wrapper carrying a revision
id, the author and the date (:class:`Revision`); a wholly inserted or
deleted paragraph has its paragraph mark marked too, and a table row its
``w:trPr``, so Word accepts or rejects each as one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from docx.oxml.ns import qn

from .element import Element, el


@dataclass(frozen=True)
class Revision:
    """Who made tracked changes and when: ``w:author`` and ``w:date``."""

    author: str
    date: dt.date | None  #: None leaves ``w:date`` out (it is optional)

    @property
    def timestamp(self) -> str:
        """The date at midnight UTC, as ``w:date`` takes it."""
        return f"{self.date.isoformat()}T00:00:00Z" if self.date else ""


def tracked(kind: Literal["ins", "del"], revision: Revision, rev_id: int) -> Element:
    """An empty ``w:ins`` or ``w:del`` wrapper for runs, with ``w:id`` ``rev_id``.

    ``kind`` is ``"ins"`` or ``"del"``; ``w:author`` comes from ``revision``,
    and ``w:date`` too unless its date is None (the attribute is optional).
    ``rev_id`` must be unique in the document. Runs inside a ``w:del`` must
    hold ``w:delText`` (:func:`~.run.run` with ``deleted``).
    """
    attrs: dict[str, str | int] = {"w:id": rev_id, "w:author": revision.author}
    if revision.date is not None:
        attrs["w:date"] = revision.timestamp
    return el(f"w:{kind}", attrs)


def mark_paragraph(paragraph: Element, kind: Literal["ins", "del"], revision: Revision, rev_id: int) -> None:
    """Mark the paragraph mark of the ``w:p`` ``paragraph`` as inserted or deleted.

    Puts ``w:ins`` (or ``w:del``) first in ``w:pPr/w:rPr``, making that
    ``w:rPr`` when there is none (before any ``w:sectPr``, as the schema orders
    it), so that a whole inserted paragraph is accepted or rejected as one,
    its paragraph break included. The paragraph's runs are marked apart
    (:func:`tracked`).
    """
    ppr = paragraph.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, tracked(kind, revision, rev_id))


def mark_row(row: Element, kind: Literal["ins", "del"], revision: Revision, rev_id: int) -> None:
    """Mark table row ``w:tr`` as wholly inserted or deleted (``w:trPr/w:ins``)."""
    row.get_or_add_trPr().append(tracked(kind, revision, rev_id))
