"""A document's language versions: one decision history, a text per language.

A bilingual municipality (Kielilaki 423/2003) gives a document in Finnish
and Swedish. Its ``document.yaml`` states the decision history once and
names, under ``versions``, the folder of each other language's version::

    versions:
      sv-FI: svenska

That folder holds ``version.yaml`` (the version's title, subject,
keywords, section files, and each amendment's wording in its language, as
the minutes record it), the section files and the version's own
``seals.yaml``. Each version loads as a :class:`Document` of its own that
shares the handlings, bodies, sources and distribution: check, seal and
build treat it as any document, and its id is the document's with the
language, ``tietoturvaohje.sv-FI``.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import ContentError, problem
from ..messages import gettext as _
from ..model import Amendment, AmendmentKind, Document, Section
from .amendments_file import amendment_wording, check_kind_fields, check_markers, check_quotes
from .confine import Refused, confined
from .decided_wording import read_corrections
from .document_file import read_document, read_sections, read_text_origin
from .fields import FieldReader
from .folders import VERSION_FILE, single_id, version_id
from .languages import language_tag, same_language
from .seals_file import SEALS_FILE, read_seals
from .shared import Shared
from .theme_texts import Overrides
from .yamlsource import YMap, YValue, read_yaml

_REQUIRED = {"language", "title", "sections", "text_origin"}
_OPTIONAL = {"subject", "keywords", "type", "amendments"}
_AMENDMENT_FIELDS = {"decided_text", "wording", "anchor", "corrections"}


def load_versioned(
    meta_path: Path,
    content: Path,
    doc_id: str = "",
    shared: Shared | None = None,
    texts: Overrides | None = None,
) -> tuple[Document, ...]:
    """The document of ``meta_path`` followed by its language versions, each
    naming the others in ``versions``; without ``doc_id``, the document's id
    is its title's slug (a project of one document); ``texts`` are the
    theme's overrides of the generated texts. Raises
    :class:`ContentError` with every problem of the document and its versions."""
    doc, root = read_document(meta_path, content, doc_id, shared, texts)
    if not doc_id:
        doc = replace(doc, id=single_id(doc.title))
    node = root.values.get("versions") if isinstance(root, YMap) else None

    def history(language: str) -> Document:
        """The decision history as the version in ``language`` states it: its
        bodies' forms, generated texts and appeal texts in that language."""
        return read_document(meta_path, content, doc.id, shared, texts, language, root)[0]

    versions = _versions(FieldReader(meta_path), node, doc, content, history)
    ids = (doc.id, *(v.id for v in versions))
    return tuple(replace(d, versions=tuple(i for i in ids if i != d.id)) for d in (doc, *versions))


def _versions(
    r: FieldReader, node: YValue | None, main: Document, content: Path, history: Callable[[str], Document]
) -> list[Document]:
    """Each version ``node`` names, loaded; every problem of them at once."""
    if node is None:
        return []
    if not isinstance(node, YMap) or not node.values:
        why = _("versions must map a language to its folder: sv-FI: svenska")
        raise ContentError([problem(r.path, node.line, why)])
    out: list[Document] = []
    problems = []
    for tag, value in node.values.items():
        try:
            out.append(_version(r, node, tag, value, main, content, history))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return out


def _version(
    r: FieldReader,
    node: YMap,
    tag: str,
    value: YValue,
    main: Document,
    content: Path,
    history: Callable[[str], Document],
) -> Document:
    line = node.lines[tag]
    language = language_tag(tag)
    if language is None or language != tag:
        raise ContentError([problem(r.path, line, _not_a_tag(tag, language))])
    if same_language(language, main.language):
        why = _("version '{tag}' is in the document's own language ({language}): a version is another language's")
        why = why.format(tag=tag, language=main.language)
        raise ContentError([problem(r.path, line, why)])
    folder = _folder(r, line, value, main)
    path = folder / VERSION_FILE
    if not path.is_file() and not path.is_symlink():
        raise ContentError(
            [
                problem(
                    path, 0, _("missing: the {tag} version's folder has no {file}").format(tag=tag, file=VERSION_FILE)
                )
            ]
        )
    try:
        confined(folder, VERSION_FILE, what=VERSION_FILE)
    except Refused as exc:
        raise ContentError([problem(path, 1, str(exc))]) from None
    vr = FieldReader(path)
    version = _read(vr, read_yaml(path), tag, history(tag), content)
    if vr.problems or version is None:
        raise ContentError(vr.problems)
    return version


def _not_a_tag(tag: str, language: str | None) -> str:
    if language is not None:
        return _("version '{tag}' is written {language} (the language tag's usual case)").format(
            tag=tag, language=language
        )
    return _("version '{tag}' is not a language tag such as sv-FI").format(tag=tag)


def _folder(r: FieldReader, line: int, value: YValue, main: Document) -> Path:
    """The version's folder: a folder below the document's own."""
    rel = getattr(value, "text", "") if not isinstance(value, YMap) else ""
    base = main.metadata_path.parent
    folder = Path(os.path.normpath(base / rel)) if rel else base
    if not rel or folder == base or not folder.is_relative_to(base) or folder.is_symlink() or not folder.is_dir():
        why = (
            _("the version's folder '{folder}' is not a folder below the document's").format(folder=rel)
            if rel
            else _("give the folder")
        )
        raise ContentError([problem(r.path, line, why)])
    return folder


def _read(r: FieldReader, root: YValue, tag: str, main: Document, content: Path) -> Document | None:
    """The version stated in ``version.yaml``: its own words, and ``main``'s
    decision history (the document as read in the version's language)."""
    top = r.fields(root, VERSION_FILE, _REQUIRED, _OPTIONAL)
    if top is None:
        return None
    if r.text(top, "language") and r.text(top, "language") != tag:
        why = _("language '{language}' is not the version's: document.yaml lists this folder as {tag}").format(
            language=r.text(top, "language"), tag=tag
        )
        r.error(r.line_of(top, "language"), why)
    folder = r.path.parent
    sections = read_sections(r, top, folder, content)
    _check_sections(r, top, sections, main)
    amendments = _amendments(r, top, main)
    worded = {a.id for a in amendments}
    missing = [a.handling.id for a in main.amendments if a.id not in worded]
    check_markers(r, sections, amendments)
    text_origin = read_text_origin(r, top)
    if r.problems:
        return None
    return replace(
        main,
        title=r.text(top, "title"),
        doc_type=r.text(top, "type") if "type" in top.values else main.doc_type,
        subject=r.text(top, "subject", allow_empty=True),
        keywords=r.text_list(top, "keywords"),
        language=tag,
        amendments=tuple(amendments),
        sections=tuple(sections),
        text_origin=text_origin,
        seals=read_seals(folder / SEALS_FILE, {h.id: h for h in main.handlings}),
        folder=folder,
        id=version_id(main.id, tag),
        file_stem="",
        version_of=main.id,
        metadata_name=VERSION_FILE,
        decisions_file=main.metadata_path,
        work_type=main.doc_type,
        unworded_from=min(missing, key=main.handling_index, default=""),
    )


def _check_sections(r: FieldReader, top: YMap, sections: list[Section], main: Document) -> None:
    """A version has the document's sections, in the same order: an
    amendment targets a section by id in every language."""
    mine, theirs = [s.id for s in sections], [s.id for s in main.sections]
    if len(mine) == len(sections) and mine != theirs and not r.problems:
        r.error(
            r.line_of(top, "sections"),
            _("the sections are {mine}; a version has the document's, in its order: {theirs}").format(
                mine=", ".join(mine), theirs=", ".join(theirs)
            ),
        )


def _amendments(r: FieldReader, top: YMap, main: Document) -> list[Amendment]:
    """Each amendment of the document, worded in the version's language; its
    kind, section and handling are the document's."""
    given: dict[str, YMap] = {}
    for m, aid in r.entries(top.values.get("amendments"), "amendments", "amendment", set(), _AMENDMENT_FIELDS):
        if aid not in {a.id for a in main.amendments}:
            close = difflib.get_close_matches(aid, [a.id for a in main.amendments], n=1)
            hint = _(" (did you mean '{close}'?)").format(close=close[0]) if close else ""
            message = _("amendment '{aid}' is not an amendment of document.yaml{hint}").format(aid=aid, hint=hint)
            r.error(r.line_of(m, "id"), message)
        given[aid] = m
    out = []
    for a in main.amendments:
        if a.id not in given and not a.handling.decided:  # a proposal not yet worded: its stage is not built
            continue
        if a.id not in given:
            line = r.line_of(top, "amendments") if "amendments" in top.values else top.line
            message = _("amendment '{aid}' ({meeting_ref}) has no wording in this version: give it")
            r.error(line, message.format(aid=a.id, meeting_ref=a.handling.meeting_ref()))
            continue
        out.append(_amendment(r, given[a.id], a))
    return out


def _amendment(r: FieldReader, m: YMap, a: Amendment) -> Amendment:
    """``a`` as the version words it, through the document's own checks."""
    check_kind_fields(r, m, a.id, a.kind)
    if a.handling.decided and "decided_text" not in m.values:
        message = _("amendment '{aid}' has no 'decided_text': quote the decision as the minutes record it")
        r.error(m.line, message.format(aid=a.id))
    decided = r.record(m, "decided_text")
    corrections = read_corrections(r, m, a.id, decided)
    wording = amendment_wording(r, m, a.id, a.kind, decided, corrections)
    check_quotes(r, m, a.id, wording)
    anchor = " ".join(r.text(m, "anchor").split())
    if a.kind is AmendmentKind.INSERT and a.anchor and not anchor:
        message = _("amendment '{aid}' needs 'anchor': the passage of this version it follows, as the document's has")
        r.error(m.line, message.format(aid=a.id))
    return replace(a, decided_text=decided, wording=wording, anchor=anchor, corrections=corrections, line=m.line)
