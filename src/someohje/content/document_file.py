"""Load and validate a project's ``content/`` into a :class:`Document`.

Validation is done up front and reports every problem it finds, each with
file and line, in one :class:`ContentError` (after MkDocs' ``Config.validate``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from ..chars import quote
from ..errors import ContentError, problem
from ..messages import gettext as _
from ..model import (
    Body,
    Document,
    Handling,
    MeetingDate,
    Outcome,
    Person,
    Section,
    Source,
    TextOrigin,
)
from .amendments_file import check_after_text_stage, check_markers, read_amendments
from .confine import Refused, confined
from .extract_facts import read_extract_facts
from .fields import UNKNOWN, FieldReader
from .folders import METADATA_FILE
from .seals_file import SEALS_FILE, read_seals
from .shared import SHARED_KEYS, Shared, in_language, organisation_in, read_body, read_organisation, read_person
from .sources import check_recorded, read_sources
from .texts import Words
from .theme_texts import Overrides
from .yamlsource import YMap, YValue, read_text, read_yaml


def find_content(path: Path) -> Path:
    """The content folder for ``path``: ``path/content`` or ``path`` itself."""
    if (path / "content").is_dir():
        return path / "content"
    if (path / METADATA_FILE).is_file():
        return path
    if not path.exists():
        raise ContentError([problem(path, 0, _("no such folder"))])
    raise ContentError(
        [
            problem(
                path / "content",
                0,
                _("missing content folder (expected content/{METADATA_FILE})").format(METADATA_FILE=METADATA_FILE),
            )
        ]
    )


def read_document(
    meta_path: Path,
    content: Path,
    doc_id: str = "",
    shared: Shared | None = None,
    texts: Overrides | None = None,
    language: str = "",
    parsed: YValue | None = None,
) -> tuple[Document, YValue]:
    """Load one ``document.yaml`` (and its sections) below ``content``, and
    give its YAML too, for the fields other readers take from it (the
    language versions, :mod:`.versions`). ``shared`` supplies the
    collection's organisation, people and bodies, ``texts`` the theme's
    overrides of the generated texts (:mod:`.theme_texts`); ``language``
    reads the decision history as a version in that language has it (its
    bodies' forms, its generated texts, its appeal texts), from the YAML
    already ``parsed`` when given."""
    if not meta_path.is_file() and not meta_path.is_symlink():
        raise ContentError([problem(meta_path, 0, _("missing: the content folder has no document.yaml"))])
    try:
        confined(
            content.absolute().parent, meta_path.absolute().relative_to(content.absolute().parent), what=METADATA_FILE
        )
    except Refused as exc:
        raise ContentError([problem(meta_path, 1, str(exc))]) from None
    reader = FieldReader(meta_path)
    root = read_yaml(meta_path) if parsed is None else parsed
    doc = _document(reader, root, content, shared, texts or {}, language)
    if reader.problems or doc is None:
        raise ContentError(reader.problems)
    return replace(doc, id=doc_id or doc.id), root


_TOP_REQUIRED = {
    "organisation",
    "title",
    "type",
    "diary_number",
    "language",
    "people",
    "bodies",
    "handlings",
    "text_stage",
    "sections",
    "distribution",
    "text_origin",
}
_TOP_OPTIONAL = {"subject", "keywords", "amendments", "diary_number_pattern", "sources", "extract", "versions"}


def _document(
    r: FieldReader, root: YValue, content: Path, shared: Shared | None, texts: Overrides, as_language: str = ""
) -> Document | None:
    folder = r.path.parent
    required = _TOP_REQUIRED - SHARED_KEYS if shared else _TOP_REQUIRED
    top = r.fields(root, "document.yaml", required, _TOP_OPTIONAL | SHARED_KEYS | {"related"})
    if top is None:
        return None
    if shared:
        for key in sorted(SHARED_KEYS & top.values.keys()):
            r.error(
                r.line_of(top, key), _("'{key}' is stated once for the collection, in project.yaml").format(key=key)
            )
    org = shared.organisation if shared else read_organisation(r, top.values.get("organisation"))
    diary = r.diary_number(top, r.diary_pattern(top))
    language = as_language or r.text(top, "language")
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", language):
        r.error(
            r.line_of(top, "language"),
            _("language '{language}' must be a language tag such as fi-FI").format(language=language),
        )
    words = Words(language or "fi-FI")
    words = Words(words.language, texts.get(words.code))
    people = shared.people if shared else r.keyed(top.values.get("people"), "person", lambda k, v: read_person(r, k, v))
    bodies = shared.bodies if shared else r.keyed(top.values.get("bodies"), "body", lambda k, v: read_body(r, k, v))
    bodies = in_language(r, bodies, words, r.line_of(top, "language"))
    org = organisation_in(org, words) if org is not None else None
    sources = read_sources(r, top.values.get("sources"), folder)
    handlings = _handlings(r, top, people, bodies, {s.id: s for s in sources}, words)
    by_id = {h.id: h for h in handlings}
    sections = read_sections(r, top, folder, content)
    amendments = read_amendments(r, top, by_id, {s.id for s in sections})
    check_recorded(r, handlings, amendments)
    text_origin = read_text_origin(r, top)
    text_stage = r.text(top, "text_stage")
    if text_stage and handlings and text_stage not in by_id:
        r.error(
            r.line_of(top, "text_stage"),
            _("text_stage '{text_stage}' is not a handling id (known: {by_id})").format(
                text_stage=text_stage, by_id=", ".join(by_id)
            ),
        )
    elif text_stage in by_id:
        check_after_text_stage(r, list(by_id), text_stage, amendments)
    check_markers(r, sections, amendments)
    distribution = r.text_list(top, "distribution")
    extract_facts = read_extract_facts(r, top.values.get("extract"), set(bodies), content, words.code)
    if r.problems or org is None:
        return None
    keywords = r.text_list(top, "keywords")
    return Document(
        root=content.parent,
        organisation=org,
        title=r.text(top, "title"),
        doc_type=r.text(top, "type"),
        subject=r.text(top, "subject", allow_empty=True),
        keywords=keywords,
        diary_number=diary,
        language=language,
        people=tuple(people.values()),
        bodies=tuple(bodies.values()),
        handlings=tuple(handlings),
        amendments=tuple(amendments),
        text_stage=text_stage,
        sections=tuple(sections),
        distribution=distribution,
        text_origin=text_origin,
        sources=tuple(sources),
        seals=read_seals(folder / SEALS_FILE, by_id),
        folder=folder,
        related=tuple((ref, r.line_of(top, "related")) for ref in r.text_list(top, "related")),
        extract_facts=extract_facts,
        words=words,
    )


#: what ``text_origin`` may say; ``approved-original`` is the earlier name of ``original``
_TEXT_ORIGINS = {**{t.value: t for t in TextOrigin}, "approved-original": TextOrigin.ORIGINAL}


def read_text_origin(r: FieldReader, top: YMap) -> TextOrigin:
    """What ``text_origin`` says of where the text comes from."""
    return r.one_of(top, "text_origin", _TEXT_ORIGINS, TextOrigin.RECONSTRUCTION, "text_origin")


_H_REQUIRED = {
    "id",
    "body",
    "date",
    "paragraph",
    "outcome",
    "preparer",
    "presenter",
    "reasoning",
    "proposal",
    "decision",
}
_H_OPTIONAL = {"year", "proposed_to", "minutes_status", "in_force", "summary", "source", "unrecorded_changes"}


def _handlings(
    r: FieldReader,
    top: YMap,
    people: dict[str, Person],
    bodies: dict[str, Body],
    sources: dict[str, Source],
    words: Words,
) -> list[Handling]:
    out: list[Handling] = []
    previous: Handling | None = None
    for m, hid in r.entries(top.values.get("handlings"), "handlings", "handling", _H_REQUIRED, _H_OPTIONAL):
        body = r.ref(m, "body", bodies, "body")
        parsed = r.meeting_date(m)
        date = parsed or MeetingDate(None)
        outcome = _outcome(r, m)
        proposed_to = r.ref(m, "proposed_to", bodies, "body", optional=True)
        if outcome is Outcome.PROPOSED and proposed_to is None and "proposed_to" not in m.values:
            r.error(m.line, _("handling '{hid}' has outcome 'proposed' but no 'proposed_to' body").format(hid=hid))
        handling = Handling(
            id=hid,
            body=body or Body("", "", "", "", ""),
            date=date,
            paragraph=r.paragraph(m),
            outcome=outcome,
            proposed_to=proposed_to,
            preparer=r.ref(m, "preparer", people, "person", optional=True),
            presenter=r.ref(m, "presenter", people, "person", optional=True),
            reasoning=r.record(m, "reasoning"),
            proposal=r.record(m, "proposal"),
            decision=r.record(m, "decision"),
            minutes_status=r.text(m, "minutes_status"),
            in_force=_in_force(r, m, date, outcome),
            summary=r.text(m, "summary"),
            source=r.ref(m, "source", sources, "source"),
            line=m.line,
            unrecorded_changes=_unrecorded(r, m, hid),
            words=words,
        )
        out.append(handling)
        if parsed is None:  # an invalid date cannot be ordered; it is reported already
            continue
        if previous is not None and handling.date.sort_key() < previous.date.sort_key():
            r.error(
                r.line_of(m, "date"),
                _("handlings out of chronological order: '{hid}' ({finnish}) comes after '{id}' ({finnish2})").format(
                    hid=hid, finnish=handling.date.finnish(), id=previous.id, finnish2=previous.date.finnish()
                ),
            )
        previous = handling
    if not out and "handlings" in top.values:
        r.error(r.line_of(top, "handlings"), _("'handlings' lists no handling"))
    return out


def _unrecorded(r: FieldReader, m: YMap, hid: str) -> str:
    """``unrecorded_changes``: words quoted from the handling's decision."""
    text = " ".join(r.text(m, "unrecorded_changes").split())
    if text and text not in " ".join(r.record(m, "decision").split()):
        r.error(
            r.line_of(m, "unrecorded_changes"),
            _("unrecorded_changes of '{hid}' must be quoted from its decision: '{text}' is not in it").format(
                hid=hid, text=quote(text)
            ),
        )
    return text


def _in_force(r: FieldReader, m: YMap, date: MeetingDate, outcome: Outcome) -> dt.date | None:
    """When the decision takes effect; None when the sources do not say."""
    text = r.text(m, "in_force")
    if not text or text == UNKNOWN:
        return None
    if outcome is not Outcome.APPROVED:
        r.error(
            r.line_of(m, "in_force"),
            _("'in_force' is only for an approving decision, not outcome '{outcome}'").format(outcome=outcome),
        )
        return None
    when = r.date(m, "in_force", unknown=True)
    if when is None:
        return None
    if date.date is not None and when < date.date:
        r.error(
            r.line_of(m, "in_force"),
            _(
                "in_force {text} is before the decision ({finnish}): a decision cannot take effect before it is made"
            ).format(text=text, finnish=date.finnish()),
        )
    return when


def _outcome(r: FieldReader, m: YMap) -> Outcome:
    return r.choice(m, "outcome", Outcome, Outcome.PROPOSED, "outcome")


def read_sections(r: FieldReader, top: YMap, folder: Path, content: Path) -> list[Section]:
    """The sections, each a Markdown file relative to ``folder`` and inside ``content``."""
    out: list[Section] = []
    for m, sid in r.entries(top.values.get("sections"), "sections", "section", {"file"}, set()):
        rel = r.text(m, "file")
        if not rel:
            continue
        try:
            path = confined(
                content, (folder / rel).relative_to(content), what=_("section file '{rel}'").format(rel=quote(rel))
            )
        except (Refused, ValueError) as exc:
            message = (
                str(exc)
                if isinstance(exc, Refused)
                else _("section file '{rel}' points outside").format(rel=quote(rel))
            )
            r.error(r.line_of(m, "file"), message.replace(_("points outside"), _("is outside")))
            continue
        try:
            markdown = read_text(path)
        except ContentError as exc:
            r.problems.extend(exc.problems)
            continue
        if not markdown.strip():
            r.problems.append(problem(path, 1, _("section '{sid}' is empty").format(sid=sid)))
            continue
        first = next(line for line in markdown.splitlines() if line.strip())
        if not first.startswith("# "):
            line_no = markdown.splitlines().index(first) + 1
            r.problems.append(problem(path, line_no, _("a section file must start with its title as a '# ' heading")))
        out.append(Section(sid, path, markdown))
    return out
