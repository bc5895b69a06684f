"""The intermediate document tree every renderer walks.

A rendered document is an :class:`OutputDocument`: the identification data
that goes into the page header plus a list of blocks. Blocks and inlines are
small frozen dataclasses; renderers dispatch on their type. The HTML (and so
the PDF) and the DOCX are fed the very same tree, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .content.texts import FINNISH, Words

# --- inlines -----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emph:
    """Emphasis (italic)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strong importance (bold)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink to an absolute ``https:``/``mailto:`` address."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class SourceRef:
    """Where an incorporated amendment came from, e.g. ``Kvalt 14.6.2022 § 37``."""

    label: str


@dataclass(frozen=True)
class Change:
    """A redline span: text inserted or deleted between two stages."""

    kind: Literal["ins", "del"]
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Image:
    """An image from the project's content folder (``src`` is relative to it)."""

    src: str
    alt: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph (Markdown: a backslash at the end
    of a line; Word: Shift+Enter). Text that only counts words reads it as a
    space."""


@dataclass(frozen=True)
class Footnote:
    """A note to the text, standing where it is called (Markdown ``[^1]``
    with its definition ``[^1]: …``; Word's footnotes and endnotes).

    The PDF and the DOCX put it at the foot of the page, the web page in a
    numbered list at the end. ``number`` is 0 in the text; the renderers
    number a document's notes in reading order (:mod:`someohje.render.notes`).
    """

    children: tuple[Inline, ...]
    number: int = 0


@dataclass(frozen=True)
class Passage:
    """Words in another language than the document's: a quoted English
    sentence, a Swedish term (Markdown ``[text]{lang=en}``; Word: runs whose
    ``w:lang`` differs from the document's). Every format marks it with
    ``language``, a BCP 47 tag (``en``, ``sv-FI``), so that screen readers,
    hyphenation and spell checkers treat it as that language."""

    children: tuple[Inline, ...]
    language: str


Inline = Text | Emph | Strong | Link | SourceRef | Change | Image | LineBreak | Footnote | Passage

# --- blocks --------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a main section."""

    level: int
    children: tuple[Inline, ...]
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. ``role`` styles special ones: ``amendment`` (an incorporated
    addition), ``record`` (text quoted verbatim from the minutes),
    ``label`` (a run-in field name such as *Valmistelija*)."""

    children: tuple[Inline, ...]
    role: str = ""
    change: Literal["", "ins", "del"] = ""


@dataclass(frozen=True)
class ListItem:
    """One item of a list; holds blocks (usually one paragraph)."""

    blocks: tuple[Block, ...]
    change: Literal["", "ins", "del"] = ""


@dataclass(frozen=True)
class ListBlock:
    """A bullet list or, with ``ordered``, a numbered one."""

    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    role: str = ""


@dataclass(frozen=True)
class Table:
    """A table with one header row (repeated on every page) and body rows."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    caption: str = ""
    widths: tuple[int, ...] = ()  #: relative column widths


@dataclass(frozen=True)
class Note:
    """A boxed note, e.g. the redline legend."""

    blocks: tuple[Block, ...]
    role: str = ""


Block = Heading | Paragraph | ListBlock | Table | Note


# --- the document --------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """What goes into DOCX core properties and PDF Info/XMP."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    identifier: str
    #: the date of the decision the text stands at (None: not decided yet, or its date is not known);
    #: a decision date, never the file's creation: formats write it under a name that says so
    date: dt.date | None
    description: str = ""  #: the provenance note of a reconstructed text (DOCX comments, PDF XMP description)
    #: what ``date`` is, as a DCMI term: ``dateAccepted`` (a body approved the text) or
    #: ``dateSubmitted`` (a body approved it for proposing to another); "" with no date
    date_term: str = ""
    decision: str = ""  #: the decision ``date`` is of, e.g. ``Kvalt 14.6.2022 § 37``
    valid: dt.date | None = None  #: a consolidated text: the day it shows the text in force on


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the table of contents: a main heading and its PDF page."""

    text: str
    anchor: str
    page: int = 0  #: the page the heading is on in the PDF (0: not laid out)


@dataclass(frozen=True)
class OutputDocument:
    """A document ready to render: header fields, first-page matter, body.

    ``ident`` lines go top-right on every page (document type, date, diary
    number; the page number is added by each renderer as ``x (y)``);
    ``stamp`` lines (``Liite 1``, ``Kvalt 14.6.2022 § 37``) sit above them.
    """

    kind: Literal["guideline", "attachment", "extract", "redline"]
    organisation: str
    web: str
    doc_type: str
    date_text: str
    diary_number: str
    title: str
    approval_line: str
    blocks: tuple[Block, ...]
    metadata: Metadata
    file_stem: str
    draft_mark: str = ""
    stamp: tuple[str, ...] = ()
    lead: tuple[Block, ...] = field(default=())  #: blocks between title and body
    stage: str = ""  #: id of the handling after which the text stands as shown
    change_author: str = ""  #: redlines: whom the tracked changes are attributed to (the producer, never a body)
    change_date: dt.date | None = None  #: redlines: the tracked changes' date (None: none, as the redline gives)
    as_of: dt.date | None = None  #: a consolidated text: the day it shows the text in force on
    index_href: str = ""  #: the collection's index page, linked from the HTML page when set
    statement_href: str = ""  #: the site's accessibility statement, linked beside the index when set
    document_id: str = ""  #: the id of the document in its collection
    #: its other language versions, as (language, file) for the format it is
    #: rendered in: the web page links them (``hreflang``); set with the links
    alternates: tuple[tuple[str, str], ...] = ()
    #: the table of contents (*Sisällys*), set by the build for a document of
    #: more than three pages (:mod:`someohje.render.contents`); empty: none
    contents: tuple[ContentsEntry, ...] = ()
    #: the generated texts of its language, for what a renderer adds (:mod:`someohje.content.texts`)
    words: Words = field(default=FINNISH, compare=False, repr=False)
