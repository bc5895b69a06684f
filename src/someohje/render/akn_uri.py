"""The Akoma Ntoso FRBR identifiers of a document (its ``/akn/fi-…`` URIs).

The scheme follows the Akoma Ntoso naming convention (AKN-NC 1.0), as
Indigo names a municipality's by-laws, from the decision data alone::

    /akn/fi-<organisation>/act/<document type>/<work date>/<diary number>   the work
        …/<language>@<expression date>                                      an expression
        …/<language>@<expression date>/!main.xml                            this XML file

``<organisation>``, ``<document type>`` and ``<diary number>`` are slugs of
the organisation's name, the document's type and its diary number
(``rautalammin-kunta``, ``ohje``, ``raudno-2020-792``). The work date is the
date of the first approving decision (of the first handling with a known
date while nothing is approved), the same for every stage. An expression is
the text as it stood after one handling, dated by that handling: an approved
text by the day it took effect (``in_force``, else the decision date), any
other stage by its meeting. The text in force on a day (``--as-of``) is the
expression of the approval in force then, so two days in one period name
the same expression.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import ContentError, problem
from ..messages import gettext as _
from ..model import Document, Handling, Outcome
from ..record.inforce import effective_date
from ..slug import slugify

COUNTRY = "fi"
DOCTYPE = "act"
#: ISO 639-1 (the document's ``language``) -> ISO 639-2/T, as AKN names a language
LANGUAGES = {"fi": "fin", "sv": "swe", "en": "eng", "se": "sme", "smn": "smn", "sms": "sms"}


@dataclass(frozen=True)
class FrbrUri:
    """The identifiers of one expression of a document's work."""

    locality: str  #: ``rautalammin-kunta``
    subtype: str  #: ``ohje``
    work_date: dt.date
    number: str  #: ``raudno-2020-792``
    language: str  #: ``fin``
    expression_date: dt.date

    @property
    def country(self) -> str:
        """``fi-rautalammin-kunta`` (FRBRcountry)."""
        return f"{COUNTRY}-{self.locality}"

    def work(self, component: bool = False) -> str:
        """``/akn/fi-…/act/ohje/2022-06-14/raudno-2020-792`` (``/!main`` with ``component``)."""
        uri = f"/akn/{self.country}/{DOCTYPE}/{self.subtype}/{self.work_date.isoformat()}/{self.number}"
        return uri + "/!main" if component else uri

    def expression(self, component: bool = False) -> str:
        """The work's URI with ``/fin@2022-06-14`` (and ``/!main``)."""
        uri = f"{self.work()}/{self.language}@{self.expression_date.isoformat()}"
        return uri + "/!main" if component else uri

    def manifestation(self) -> str:
        """This XML file: the expression's ``/!main.xml``."""
        return f"{self.expression()}/!main.xml"


def work_date(doc: Document) -> dt.date:
    """The date in the work's URI: the first approval's, else the first known
    meeting date; a located :class:`ContentError` when no date is known."""
    approved = [h.date.date for h in doc.handlings if h.outcome is Outcome.APPROVED and h.date.date]
    known = [h.date.date for h in doc.handlings if h.date.date]
    if approved or known:
        return (approved or known)[0]
    raise ContentError(
        [problem(doc.metadata_path, 0, _("Akoma Ntoso needs a known meeting date; no handling has one"))]
    )


def expression_date(doc: Document, stage: Handling) -> dt.date:
    """The date of the expression after ``stage`` (see the module docs)."""
    day = effective_date(stage) if stage.outcome is Outcome.APPROVED else stage.date.date
    if day is None:
        why = _("Akoma Ntoso dates the text after '{id}' by its meeting, whose date is not in the sources").format(
            id=stage.id
        )
        raise ContentError([problem(doc.decisions_path, stage.line, why)])
    return day


def language_code(doc: Document) -> str:
    """``fi-FI`` -> ``fin``; a located :class:`ContentError` for a language
    without a code here."""
    primary = doc.language.split("-")[0].lower()
    if primary not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        why = _("Akoma Ntoso: no ISO 639-2 code for language '{language}' (known: {known})").format(
            language=doc.language, known=known
        )
        raise ContentError([problem(doc.metadata_path, 0, why)])
    return LANGUAGES[primary]


def frbr_uri(doc: Document, stage: Handling) -> FrbrUri:
    """The identifiers of ``doc``'s text as it stood after ``stage``."""
    return FrbrUri(
        locality=slugify(doc.organisation.identifier_name),
        subtype=slugify(doc.work_type or doc.doc_type),
        work_date=work_date(doc),
        number=slugify(doc.diary_number),
        language=language_code(doc),
        expression_date=expression_date(doc, stage),
    )
