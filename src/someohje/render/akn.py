"""The ``akn`` output format: Akoma Ntoso 3.0 (OASIS LegalDocML) XML.

A document's text at a stage, or in force on a day, as an AKN ``act``
(the type Indigo gives a municipality's by-laws) named by the document's
type: ``meta`` with the FRBR identifiers, the handlings, the amendments and
the provenance (:mod:`.akn_meta`, URIs in :mod:`.akn_uri`), a ``preface``
with the title block as every other format shows it, and the ``body``
(:mod:`.akn_body`). Valid against the strict ``akomantoso30.xsd``.

The bytes are deterministic: UTF-8, no clock, elements in a fixed order.
Only the text of a document has an AKN form: a minutes extract or a redline
asked for as ``akn`` is a :class:`~someohje.errors.UsageError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped]

from ..content.languages import is_finnish
from ..errors import Problem, UsageError
from ..messages import gettext as _
from ..model import Document
from ..record.stages import stage_texts
from ..slug import slugify
from ..textual import inline_text
from ..tree import Note, OutputDocument
from .akn_body import AKN_NS, XML_LANG, body, inlines, sub
from .akn_meta import NS, meta
from .akn_uri import frbr_uri
from .archival import stage_of

if TYPE_CHECKING:
    from ..pipeline.session import Session

KINDS = ("guideline", "attachment")  #: the outputs that are a document's text
MEDIA_TYPE = "application/akn+xml"


def render(out: OutputDocument, session: Session) -> bytes:
    """``out`` as Akoma Ntoso XML (see the module docs)."""
    return akn_xml(session.document_of(out), out)


def has_akn(out: OutputDocument) -> bool:
    """Whether ``out`` is a document's text, which has an AKN form."""
    return out.kind in KINDS


def akn_xml(document: Document, out: OutputDocument) -> bytes:
    """The AKN XML of ``out``, a text of ``document``: its stage, or the text
    in force on ``out.as_of``. :class:`UsageError` (naming ``--format``) for
    an output that is not a document's text."""
    if not has_akn(out):
        why = _("akn is written for a document's text (build, attachment), not for a {kind_name}").format(
            kind_name=_kind_name(out.kind)
        )
        raise UsageError([Problem("--format", 0, why)])
    stage = stage_of(document, out)
    uri = frbr_uri(document, stage)
    made = body(document, stage_texts(document, stage))
    root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS, "someohje": NS})
    act = sub(root, "act", {"name": slugify(document.work_type or document.doc_type)})
    if not is_finnish(document.language):  # Finnish is every reader's default here (and FRBRlanguage says it)
        act.set(XML_LANG, document.language)
    act.append(meta(document, stage, uri, made, out.as_of.isoformat() if out.as_of else ""))
    _preface(sub(act, "preface"), out)
    act.append(made.element)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _kind_name(kind: str) -> str:
    return {"extract": "minutes extract", "redline": "redline"}.get(kind, kind)


def _preface(preface: object, out: OutputDocument) -> None:
    """The title block: title, type, diary number and date, stamps, status
    mark, approval line, and the lead (a reconstruction's note, the day of a
    consolidated text)."""
    title = sub(preface, "p", {"class": "title"})
    sub(title, "docTitle", text=out.title)
    ident = sub(preface, "p", {"class": "identification"})
    sub(ident, "docType", text=out.doc_type)
    sub(ident, "docNumber", text=out.diary_number).tail = " "
    ident[0].tail = " "
    date = out.metadata.date
    if date is not None:
        sub(ident, "docDate", {"date": date.isoformat()}, out.date_text)
    for stamp in out.stamp:
        sub(sub(preface, "p", {"class": "stamp"}), "docStage", text=stamp)
    if out.draft_mark:
        sub(sub(preface, "p", {"class": "status"}), "docStatus", text=out.draft_mark)
    if out.approval_line:
        sub(preface, "p", {"class": "approval"}, out.approval_line)
    for block in out.lead:
        paragraphs = block.blocks if isinstance(block, Note) else (block,)
        for paragraph in paragraphs:
            children = getattr(paragraph, "children", ())
            if inline_text(children):
                inlines(sub(preface, "p", {"class": getattr(block, "role", "") or "lead"}), children)
