"""The typed model of a guideline and its decision history.

Built by :func:`someohje.load.load` from ``content/``; everything the
renderers print comes from here. Facts are stated once: a person, a body or a
meeting is defined once and referred to by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .certification import ExtractFacts
from .finnish import finnish_date, section_sign


class Outcome(StrEnum):
    """What a handling decided about the guideline."""

    PROPOSED = "proposed"  #: approved and proposed onwards to another body
    RETURNED = "returned"  #: returned for re-preparation
    APPROVED = "approved"  #: approved (possibly with amendments)


@dataclass(frozen=True)
class Person:
    """A named official as the minutes give them."""

    id: str
    name: str
    title: str
    email: str

    def signature(self) -> str:
        """``Name, title, email``: the form the minutes use."""
        return ", ".join(part for part in (self.name, self.title, self.email) if part)


@dataclass(frozen=True)
class Body:
    """A decision-making body with the inflected forms documents need."""

    id: str
    name: str  #: Kunnanvaltuusto
    abbreviation: str  #: Kvalt
    genitive: str  #: Kunnanvaltuuston
    allative: str  #: kunnanvaltuustolle


@dataclass(frozen=True)
class MeetingDate:
    """A meeting date, or an explicitly unknown one with the year if known."""

    date: dt.date | None
    year: int | None = None

    @property
    def known(self) -> bool:
        return self.date is not None

    def sort_key(self) -> tuple[int, int, int]:
        if self.date is not None:
            return (self.date.year, self.date.month, self.date.day)
        return (self.year or 0, 0, 0)

    def finnish(self) -> str:
        """``14.6.2022``; ``2020 (päivä ei tiedossa)`` for an unknown date."""
        if self.date is not None:
            return finnish_date(self.date)
        if self.year is not None:
            return f"{self.year} (päivä ei tiedossa)"
        return "päivä ei tiedossa"

    def iso(self) -> str:
        """``2022-06-14`` or ``unknown``/``2020-unknown`` for machine readers."""
        if self.date is not None:
            return self.date.isoformat()
        return f"{self.year}-unknown" if self.year is not None else "unknown"


@dataclass(frozen=True)
class Handling:
    """One handling of the matter by a body at a meeting."""

    id: str
    body: Body
    date: MeetingDate
    paragraph: int | None  #: the § number; None when not in the sources
    outcome: Outcome
    proposed_to: Body | None
    preparer: Person | None
    presenter: Person | None
    reasoning: str  #: recorded text, verbatim ("" when nothing was recorded)
    proposal: str
    decision: str
    minutes_status: str = ""  #: the minutes' own status line, e.g. "Pöytäkirja on tarkastettu"

    def paragraph_text(self) -> str:
        """``§ 37`` with a no-break space, or ``§ ei tiedossa``."""
        return section_sign(self.paragraph) if self.paragraph is not None else "§ ei tiedossa"

    def meeting_ref(self) -> str:
        """The short reference used in stamps: ``Kvalt 14.6.2022 § 37``."""
        return f"{self.body.abbreviation} {self.date.finnish()} {self.paragraph_text()}"

    def meeting_title(self) -> str:
        """``Kunnanvaltuusto, kokous 14.6.2022`` as minutes head a meeting."""
        return f"{self.body.name}, kokous {self.date.finnish()}"

    def slug(self) -> str:
        """``kvalt-2022-06-14-s37``: the meeting in file names."""
        when = self.date.iso().replace("-unknown", "")
        para = f"-s{self.paragraph}" if self.paragraph is not None else ""
        return f"{self.body.abbreviation.lower()}-{when}{para}"


@dataclass(frozen=True)
class Amendment:
    """A change a body decided to make to the text.

    ``decided_text`` is the record, verbatim; ``wording`` is how the change
    reads in the guideline (Markdown inline text); it is inserted into
    ``section_id`` at the marker ``[[lisäys:ID]]`` or at the section's end.
    """

    id: str
    number: int  #: 1-based order among the handling's amendments
    handling: Handling
    decided_text: str
    section_id: str
    wording: str


@dataclass(frozen=True)
class Section:
    """A main section of the guideline: one Markdown file."""

    id: str
    path: Path
    markdown: str


@dataclass(frozen=True)
class Organisation:
    """The organisation that issues the document."""

    name: str
    web: str


@dataclass(frozen=True)
class Document:
    """A guideline with its whole decision history, as loaded from content."""

    root: Path  #: the project folder (holding content/ and maybe templates/)
    organisation: Organisation
    title: str
    doc_type: str
    subject: str
    keywords: tuple[str, ...]
    diary_number: str
    language: str  #: BCP 47, e.g. ``fi-FI``
    people: tuple[Person, ...]
    bodies: tuple[Body, ...]
    handlings: tuple[Handling, ...]
    amendments: tuple[Amendment, ...]
    text_stage: str  #: the handling after which content's text stands as written
    sections: tuple[Section, ...]
    distribution: tuple[str, ...]
    #: the minutes extract's certification and appeal facts (blank by default)
    extract_facts: ExtractFacts = field(default_factory=ExtractFacts)

    def handling(self, handling_id: str) -> Handling:
        """The handling with this id; ``KeyError`` if there is none."""
        for h in self.handlings:
            if h.id == handling_id:
                return h
        raise KeyError(handling_id)

    def handling_index(self, handling_id: str) -> int:
        return [h.id for h in self.handlings].index(handling_id)

    def stage_ids(self) -> list[str]:
        """Handlings whose text the content can produce: ``text_stage`` and later."""
        start = self.handling_index(self.text_stage)
        return [h.id for h in self.handlings[start:]]

    def final_handling(self) -> Handling:
        """The last handling: the default stage."""
        return self.handlings[-1]
