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

from .content.texts import FINNISH, Words
from .errors import Problem, UsageError
from .finnish import finnish_date, section_sign
from .messages import gettext as _
from .slug import slugify


class Outcome(StrEnum):
    """What a handling decided about the guideline."""

    PROPOSED = "proposed"  #: approved and proposed onwards to another body
    RETURNED = "returned"  #: returned for re-preparation
    APPROVED = "approved"  #: approved (possibly with amendments)
    PENDING = "pending"  #: on a coming meeting's agenda: nothing decided yet


class TextOrigin(StrEnum):
    """Where the base text in ``content/`` comes from."""

    #: the municipality's own text, as written: a draft it is preparing or a text a body approved
    #: (the handlings say which); ``approved-original`` is still read as this
    ORIGINAL = "original"
    RECONSTRUCTION = "reconstruction"  #: drafted afterwards from the decision record


class Origin(StrEnum):
    """Where one passage of a stage's text comes from."""

    ORIGINAL = "original"  #: the municipality's own text (base text marked ``original``)
    DRAFTED = "drafted"  #: drafted for the project; no source gives this wording
    RECORD = "record"  #: quoted verbatim from the minutes
    AMENDMENT = "amendment"  #: wording decided in an amendment, traceable to its §
    AMENDED = "amended"  #: base text with a decided change inside it (marked in the text)


class AmendmentKind(StrEnum):
    """What an amendment does to the text."""

    INSERT = "insert"  #: a new paragraph, at its marker, after a quoted passage, or at the section's end
    REPLACE = "replace"  #: an exact quoted passage becomes new wording
    DELETE = "delete"  #: an exact quoted passage is removed


@dataclass(frozen=True)
class Person:
    """A named official as the minutes give them."""

    id: str
    name: str
    title: str
    email: str


@dataclass(frozen=True)
class Body:
    """A decision-making body with the inflected forms documents need."""

    id: str
    name: str  #: Kunnanvaltuusto
    abbreviation: str  #: Kvalt
    genitive: str  #: Kunnanvaltuuston
    allative: str  #: kunnanvaltuustolle (in Swedish the phrase "to the body": till kommunfullmäktige)
    #: the same body's Swedish forms (``sv:`` in project.yaml), which a document in Swedish uses
    sv: Body | None = field(default=None, compare=False, repr=False)
    line: int = field(default=0, compare=False, repr=False)  #: where the body is defined
    path: Path | None = field(default=None, compare=False, repr=False)  #: the file it is defined in


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

    def finnish(self, words: Words = FINNISH) -> str:
        """``14.6.2022`` (the same in Swedish); ``2020 (päivämäärä ei
        tiedossa)`` for an unknown date, in the language of ``words``."""
        if self.date is not None:
            return finnish_date(self.date)
        if self.year is not None:
            return words("unknown.date_in_year", year=self.year)
        return words("unknown.date")

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
    in_force: dt.date | None = None  #: when the decision takes effect; None: the sources do not say
    summary: str = ""  #: what the history table says it decided; "" derives it from the outcome
    source: Source | None = None  #: the record the recorded texts are quoted from
    #: words of the decision naming changes it made whose content the sources
    #: do not give (``muutamin tarkennuksin``): the provenance note says so
    unrecorded_changes: str = ""
    line: int = 0  #: the line of the handling in document.yaml
    #: the generated texts of its document's language (:mod:`someohje.content.texts`)
    words: Words = field(default=FINNISH, compare=False, repr=False)

    @property
    def decided(self) -> bool:
        """Whether the meeting has decided (a pending handling has not)."""
        return self.outcome is not Outcome.PENDING

    def paragraph_text(self) -> str:
        """``§ 37`` with a no-break space, or ``§ ei tiedossa``."""
        return section_sign(self.paragraph) if self.paragraph is not None else self.words("unknown.paragraph")

    def date_text(self) -> str:
        """The meeting's date as the document writes it (:meth:`MeetingDate.finnish`)."""
        return self.date.finnish(self.words)

    def meeting_ref(self) -> str:
        """The short reference used in stamps: ``Kvalt 14.6.2022 § 37``; a
        pending handling whose § is not given yet is ``Kh 7.4.2025``."""
        if self.outcome is Outcome.PENDING and self.paragraph is None:
            return f"{self.body.abbreviation} {self.date_text()}"
        return f"{self.body.abbreviation} {self.date_text()} {self.paragraph_text()}"

    def meeting_title(self) -> str:
        """``Kunnanvaltuusto, kokous 14.6.2022`` as minutes head a meeting."""
        return self.words("meeting.title", body=self.body.name, date=self.date_text())

    def slug(self) -> str:
        """``kvalt-2022-06-14-s37``: the meeting in file names."""
        when = self.date.iso().replace("-unknown", "")
        para = f"-s{self.paragraph}" if self.paragraph is not None else ""
        return f"{self.body.abbreviation.lower()}-{when}{para}"


@dataclass(frozen=True)
class Source:
    """A record kept in the project (``content/sources/``): the minutes text
    the decision data is quoted from."""

    id: str
    path: Path
    title: str
    text: str


@dataclass(frozen=True)
class Amendment:
    """A change a body decided (or, for a pending handling, is asked) to make.

    ``decided_text`` is the record, verbatim; ``wording`` is how the change
    reads in the guideline (Markdown inline text). An ``insert`` adds
    ``wording`` as a paragraph of ``section_id`` at the marker
    ``[[lisäys:ID]]``, after the block holding ``anchor``, or at the
    section's end; a ``replace`` turns the exact passage ``anchor`` into
    ``wording``; a ``delete`` removes ``anchor``. Amendments apply in
    decision order, each to the text as the earlier ones left it.
    """

    id: str
    number: int  #: 1-based order among the handling's amendments
    handling: Handling
    decided_text: str
    section_id: str
    wording: str
    kind: AmendmentKind = AmendmentKind.INSERT
    anchor: str = ""  #: the quoted passage a replace or delete acts on (after which an insert goes)
    line: int = 0  #: the line of the amendment in document.yaml
    proposed_by: str = ""  #: who proposed it (a tracked change's author), when recorded
    proposed_on: dt.date | None = None  #: when it was proposed (a tracked change's date), when recorded
    #: the typing errors of ``decided_text`` corrected in ``wording``: (recorded, corrected)
    corrections: tuple[tuple[str, str], ...] = ()


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
    sv_name: str = ""  #: its name in Swedish (a bilingual municipality's: ``Esbo stad``), if stated
    #: where ``name`` is a translation (a Swedish document's), the name it
    #: is known by first: identifiers (the Akoma Ntoso work) are made from it
    home_name: str = ""

    @property
    def identifier_name(self) -> str:
        """The name identifiers are made of, the same in every language."""
        return self.home_name or self.name


@dataclass(frozen=True)
class AppealText:
    """One kind's instructions: the Markdown file and its text."""

    path: Path
    markdown: str


@dataclass(frozen=True)
class ExtractFacts:
    """The certification and appeal facts; ``""`` where the sources are silent."""

    certifier: str = ""
    certifier_title: str = ""
    place: str = ""
    date: str = ""
    appeal_authority: str = ""  #: the court a kunnallisvalitus goes to (Hallintolaki 47 § requires its name)
    appeal_address: str = ""  #: the court's postal address
    appeal_email: str = ""
    appeal_phone: str = ""
    appeal_hours: str = ""  #: the court's office hours (an appeal must arrive before they end)
    registry_address: str = ""  #: the municipality's registry, where a rectification request is delivered
    registry_email: str = ""
    registry_hours: str = ""
    minutes_published: str = ""  #: d.m.yyyy: when the minutes were made public in the public data network
    appeals: dict[str, str] = field(default_factory=dict)  #: body id -> kind
    texts: dict[str, AppealText] = field(default_factory=dict)  #: kind -> text


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
    text_origin: TextOrigin = TextOrigin.ORIGINAL
    sources: tuple[Source, ...] = ()
    seals: tuple[Seal, ...] = ()
    folder: Path | None = None  #: the folder of its document.yaml (default: ``root/content``)
    related: tuple[tuple[str, int], ...] = ()  #: ids of related documents, with their line in document.yaml
    id: str = ""  #: the document's id in its collection
    #: the stem of its files, unique in the collection (set by the loader:
    #: its title as a slug, else its id); "" outside a collection: the title's slug
    file_stem: str = ""
    #: the id of the document whose decision history this language version
    #: shares ("" for a document of its own ``document.yaml``)
    version_of: str = ""
    versions: tuple[str, ...] = ()  #: the ids of its other language versions, in the order stated
    metadata_name: str = "document.yaml"  #: its metadata file in ``folder``: a version's is ``version.yaml``
    decisions_file: Path | None = None  #: a language version's: the ``document.yaml`` it shares
    #: a language version's: its document's type, which names the work both
    #: versions express (Akoma Ntoso's FRBR work is one, its expressions two)
    work_type: str = ""
    #: a language version's: the handling from which on it cannot give the
    #: text yet, because amendments proposed there are not worded in its
    #: language ("": every stage); only a pending handling's may be missing
    unworded_from: str = ""
    #: the generated texts in its language, with the theme's overrides (:mod:`someohje.content.texts`)
    words: Words = field(default=FINNISH, compare=False, repr=False)
    #: results derived from this document alone, computed once (a stage's
    #: texts); not a field of its value: ``replace`` starts a fresh one
    memo: dict[object, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def stem(self) -> str:
        """The stem every file of this document is named from, e.g.
        ``rautalammin-kunnan-sosiaalisen-median-ohje``."""
        return self.file_stem or slugify(self.title)

    @property
    def metadata_path(self) -> Path:
        """Its ``document.yaml`` (a language version's ``version.yaml``)."""
        return (self.folder or self.root / "content") / self.metadata_name

    @property
    def decisions_path(self) -> Path:
        """The ``document.yaml`` stating its decision history: its own, or
        for a language version the one it is a version of."""
        return self.decisions_file or self.metadata_path

    def seal(self, handling_id: str) -> Seal | None:
        """The seal of a handling's stage, if it has one."""
        return next((s for s in self.seals if s.handling_id == handling_id), None)

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
        """Handlings whose text the content can produce: ``text_stage`` and
        later (for a language version, up to the first whose amendments it
        does not word yet: :attr:`unworded_from`)."""
        start = self.handling_index(self.text_stage)
        end = self.handling_index(self.unworded_from) if self.unworded_from else len(self.handlings)
        return [h.id for h in self.handlings[start:end]]

    def final_handling(self) -> Handling:
        """The default stage: the last approved handling (the text in force
        after the latest decision), or the last handling when none approved."""
        approved = [h for h in self.handlings if h.outcome is Outcome.APPROVED]
        return approved[-1] if approved else self.handlings[-1]


@dataclass(frozen=True)
class Reseal:
    """A forced reseal: the digest it replaced and the reason given."""

    previous: str
    reason: str
    date: dt.date


@dataclass(frozen=True)
class Seal:
    """The digest of a decided stage's text (``content/seals.yaml``).

    ``digest`` covers the whole stage; ``blocks`` holds a short digest of
    each block per section, so that a change can be pointed at.
    """

    handling_id: str
    digest: str
    blocks: tuple[tuple[str, tuple[str, ...]], ...]  #: (section id, block digests)
    reseals: tuple[Reseal, ...] = ()
    line: int = 0  #: where the handling's seal starts in seals.yaml


@dataclass(frozen=True)
class CatalogueEntry:
    """A document of the collection whose text the project does not hold."""

    id: str
    title: str
    doc_type: str
    diary_number: str
    body: Body | None
    date: MeetingDate
    paragraph: int | None
    decision: str  #: what the body did, in Finnish: ``käsitteli`` or ``hyväksyi``
    note: str

    def decision_line(self) -> str:
        """``Kunnanhallitus käsitteli 4.11.2019 § 258``."""
        if self.body is None:
            return ""
        para = f" {section_sign(self.paragraph)}" if self.paragraph is not None else ""
        return f"{self.body.name} {self.decision} {self.date.finnish()}{para}"


@dataclass(frozen=True)
class Accessibility:
    """What the collection site's accessibility statement needs that only
    the municipality can say (``accessibility:`` in ``project.yaml``);
    ``""``/None where it is not given yet (the statement then shows a
    placeholder to fill in)."""

    feedback: str = ""  #: how to give feedback on accessibility (an address, a form)
    supervisor: str = ""  #: the supervising authority and how to reach it
    date: dt.date | None = None  #: the day the statement was made or last reviewed
    line: int = 0  #: the line of ``accessibility:`` in project.yaml
    #: a bilingual site's statement in its other language (``sv:``, ``fi:``):
    #: language code -> its ``feedback`` and ``supervisor`` in that language
    languages: dict[str, tuple[str, str]] = field(default_factory=dict)
    language_lines: dict[str, int] = field(default_factory=dict)  #: the line of each language's block

    def in_language(self, code: str) -> tuple[str, str]:
        """``feedback`` and ``supervisor`` as the statement in ``code``
        (``fi``, ``sv``) gives them: its own, where stated; ``""`` each where not."""
        return self.languages.get(code, ("", ""))


@dataclass(frozen=True)
class Collection:
    """Every document of a project, in the order the collection lists them."""

    root: Path
    organisation: Organisation
    documents: tuple[Document, ...]
    entries: tuple[CatalogueEntry, ...]
    order: tuple[str, ...]  #: document and entry ids, as listed
    accessibility: Accessibility = field(default_factory=Accessibility)  #: the site's statement facts

    def ids(self) -> list[str]:
        """The ids of the documents that hold text."""
        return [d.id for d in self.documents]

    def pick(self, document_id: str | None = None) -> Document:
        """The document ``document_id`` names; without one, the collection's
        only document, or its first. :class:`UsageError` (naming
        ``--document``) lists the ids for an unknown one."""
        if document_id is None:
            return self.documents[0]
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        why = (
            _("is a catalogue entry: its text is not in the project") if document_id in self.order else _("is unknown")
        )
        raise UsageError(
            [
                Problem(
                    "--document",
                    0,
                    _("'{document_id}' {why}; documents: {ids}").format(
                        document_id=document_id, why=why, ids=", ".join(self.ids())
                    ),
                )
            ]
        )
