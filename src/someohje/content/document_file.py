"""Load and validate a project's ``content/`` into a :class:`Document`.

Validation is done up front and reports every problem it finds, each with
file and line, in one :class:`ContentError` (after MkDocs' ``Config.validate``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import replace
from pathlib import Path

from ..chars import OBJECT_STAND_IN, quote
from ..errors import ContentError, problem
from ..model import (
    Amendment,
    AmendmentKind,
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
from .confine import Refused, confined
from .decided_wording import Corrections, check_wording, corrected, read_corrections
from .extract_facts import read_extract_facts
from .fields import UNKNOWN, FieldReader
from .folders import METADATA_FILE
from .markdown import visible_text
from .markers import marker_as_text, scan_markers, text_markers
from .seals_file import SEALS_FILE, read_seals
from .shared import SHARED_KEYS, Shared, in_language, read_body, read_organisation, read_person
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
        raise ContentError([problem(path, 0, "no such folder")])
    raise ContentError([problem(path / "content", 0, f"missing content folder (expected content/{METADATA_FILE})")])


def load_document(
    meta_path: Path,
    content: Path,
    doc_id: str = "",
    shared: Shared | None = None,
    texts: Overrides | None = None,
) -> Document:
    """Load one ``document.yaml`` (and its sections) below ``content``;
    ``shared`` supplies the collection's organisation, people and bodies,
    ``texts`` the theme's overrides of the generated texts (:mod:`.theme_texts`)."""
    if not meta_path.is_file() and not meta_path.is_symlink():
        raise ContentError([problem(meta_path, 0, "missing: the content folder has no document.yaml")])
    try:
        confined(
            content.absolute().parent, meta_path.absolute().relative_to(content.absolute().parent), what=METADATA_FILE
        )
    except Refused as exc:
        raise ContentError([problem(meta_path, 1, str(exc))]) from None
    reader = FieldReader(meta_path)
    doc = _document(reader, read_yaml(meta_path), content, shared, texts or {})
    if reader.problems or doc is None:
        raise ContentError(reader.problems)
    return replace(doc, id=doc_id or doc.id)


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
_TOP_OPTIONAL = {"subject", "keywords", "amendments", "diary_number_pattern", "sources", "extract"}


def _document(r: FieldReader, root: YValue, content: Path, shared: Shared | None, texts: Overrides) -> Document | None:
    folder = r.path.parent
    required = _TOP_REQUIRED - SHARED_KEYS if shared else _TOP_REQUIRED
    top = r.fields(root, "document.yaml", required, _TOP_OPTIONAL | SHARED_KEYS | {"related"})
    if top is None:
        return None
    if shared:
        for key in sorted(SHARED_KEYS & top.values.keys()):
            r.error(r.line_of(top, key), f"'{key}' is stated once for the collection, in project.yaml")
    org = shared.organisation if shared else read_organisation(r, top.values.get("organisation"))
    diary = r.diary_number(top, r.diary_pattern(top))
    language = r.text(top, "language")
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", language):
        r.error(r.line_of(top, "language"), f"language '{language}' must be a language tag such as fi-FI")
    words = Words(language or "fi-FI")
    words = Words(words.language, texts.get(words.code))
    people = shared.people if shared else r.keyed(top.values.get("people"), "person", lambda k, v: read_person(r, k, v))
    bodies = shared.bodies if shared else r.keyed(top.values.get("bodies"), "body", lambda k, v: read_body(r, k, v))
    bodies = in_language(r, bodies, words, r.line_of(top, "language"))
    sources = read_sources(r, top.values.get("sources"), folder)
    handlings = _handlings(r, top, people, bodies, {s.id: s for s in sources}, words)
    by_id = {h.id: h for h in handlings}
    sections = _sections(r, top, folder, content)
    amendments = _amendments(r, top, by_id, {s.id for s in sections})
    check_recorded(r, handlings, amendments)
    text_origin = _text_origin(r, top)
    text_stage = r.text(top, "text_stage")
    if text_stage and handlings and text_stage not in by_id:
        r.error(
            r.line_of(top, "text_stage"), f"text_stage '{text_stage}' is not a handling id (known: {', '.join(by_id)})"
        )
    elif text_stage in by_id:
        _check_after_text_stage(r, list(by_id), text_stage, amendments)
    _check_markers(r, sections, amendments)
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


def _text_origin(r: FieldReader, top: YMap) -> TextOrigin:
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
            r.error(m.line, f"handling '{hid}' has outcome 'proposed' but no 'proposed_to' body")
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
                f"handlings out of chronological order: '{hid}' ({handling.date.finnish()}) "
                f"comes after '{previous.id}' ({previous.date.finnish()})",
            )
        previous = handling
    if not out and "handlings" in top.values:
        r.error(r.line_of(top, "handlings"), "'handlings' lists no handling")
    return out


def _unrecorded(r: FieldReader, m: YMap, hid: str) -> str:
    """``unrecorded_changes``: words quoted from the handling's decision."""
    text = " ".join(r.text(m, "unrecorded_changes").split())
    if text and text not in " ".join(r.record(m, "decision").split()):
        r.error(
            r.line_of(m, "unrecorded_changes"),
            f"unrecorded_changes of '{hid}' must be quoted from its decision: '{quote(text)}' is not in it",
        )
    return text


def _in_force(r: FieldReader, m: YMap, date: MeetingDate, outcome: Outcome) -> dt.date | None:
    """When the decision takes effect; None when the sources do not say."""
    text = r.text(m, "in_force")
    if not text or text == UNKNOWN:
        return None
    if outcome is not Outcome.APPROVED:
        r.error(r.line_of(m, "in_force"), f"'in_force' is only for an approving decision, not outcome '{outcome}'")
        return None
    when = r.date(m, "in_force", unknown=True)
    if when is None:
        return None
    if date.date is not None and when < date.date:
        r.error(
            r.line_of(m, "in_force"),
            f"in_force {text} is before the decision ({date.finnish()}): "
            "a decision cannot take effect before it is made",
        )
    return when


def _outcome(r: FieldReader, m: YMap) -> Outcome:
    return r.choice(m, "outcome", Outcome, Outcome.PROPOSED, "outcome")


def _sections(r: FieldReader, top: YMap, folder: Path, content: Path) -> list[Section]:
    """The sections, each a Markdown file relative to ``folder`` and inside ``content``."""
    out: list[Section] = []
    for m, sid in r.entries(top.values.get("sections"), "sections", "section", {"file"}, set()):
        rel = r.text(m, "file")
        if not rel:
            continue
        try:
            path = confined(content, (folder / rel).relative_to(content), what=f"section file '{quote(rel)}'")
        except (Refused, ValueError) as exc:
            message = str(exc) if isinstance(exc, Refused) else f"section file '{quote(rel)}' points outside"
            r.error(r.line_of(m, "file"), message.replace("points outside", "is outside"))
            continue
        try:
            markdown = read_text(path)
        except ContentError as exc:
            r.problems.extend(exc.problems)
            continue
        if not markdown.strip():
            r.problems.append(problem(path, 1, f"section '{sid}' is empty"))
            continue
        first = next(line for line in markdown.splitlines() if line.strip())
        if not first.startswith("# "):
            line_no = markdown.splitlines().index(first) + 1
            r.problems.append(problem(path, line_no, "a section file must start with its title as a '# ' heading"))
        out.append(Section(sid, path, markdown))
    return out


_A_REQUIRED = {"id", "decided_by", "section"}
_A_OPTIONAL = {"kind", "decided_text", "wording", "anchor", "proposed_by", "proposed_on", "corrections"}


def _amendments(r: FieldReader, top: YMap, handlings: dict[str, Handling], section_ids: set[str]) -> list[Amendment]:
    out: list[Amendment] = []
    counts: dict[str, int] = {}
    order = list(handlings)
    for m, aid in r.entries(top.values.get("amendments"), "amendments", "amendment", _A_REQUIRED, _A_OPTIONAL):
        handling = r.ref(m, "decided_by", handlings, "handling")
        section = r.text(m, "section")
        if section and section not in section_ids:
            close = difflib.get_close_matches(section, sorted(section_ids), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            r.error(
                r.line_of(m, "section"), f"amendment '{aid}' targets section '{section}', which does not exist{hint}"
            )
        kind = _amendment_kind(r, m, aid)
        if handling is None:
            continue
        if out and order.index(handling.id) < order.index(out[-1].handling.id):
            r.error(
                r.line_of(m, "decided_by"),
                f"amendment '{aid}' ({handling.meeting_ref()}) is listed after one decided later "
                f"('{out[-1].id}', {out[-1].handling.meeting_ref()}): list amendments in decision order",
            )
        if handling.decided and "decided_text" not in m.values:
            r.error(m.line, f"amendment '{aid}' has no 'decided_text': quote the decision as the minutes record it")
        decided = r.record(m, "decided_text")
        corrections = read_corrections(r, m, aid, decided)
        wording = _wording(r, m, aid, kind, decided, corrections)
        _check_quotes(r, m, aid, wording)
        counts[handling.id] = counts.get(handling.id, 0) + 1
        out.append(
            Amendment(
                aid,
                counts[handling.id],
                handling,
                decided,
                section,
                wording,
                corrections=corrections,
                kind=kind,
                anchor=" ".join(r.text(m, "anchor").split()),
                line=m.line,
                proposed_by=r.text(m, "proposed_by"),
                proposed_on=r.date(m, "proposed_on"),
            )
        )
    return out


def _wording(r: FieldReader, m: YMap, aid: str, kind: AmendmentKind, decided: str, corrections: Corrections) -> str:
    """How the amendment reads in the text: its ``wording``, which may say no
    more than the decided text with its corrections; without one, the decided
    text so corrected (:mod:`.decided_wording`)."""
    if kind is AmendmentKind.DELETE:
        return ""
    if "wording" not in m.values:
        return " ".join(corrected(decided, corrections).split())
    wording = r.text(m, "wording")
    if decided.strip():
        check_wording(r, m, aid, decided, corrections, wording)
    return wording


def _check_quotes(r: FieldReader, m: YMap, aid: str, wording: str) -> None:
    """An anchor quotes visible text, never U+FFFC (which stands for an image
    or a source reference where passages are looked for); a wording is text,
    never an amendment marker."""
    if OBJECT_STAND_IN in r.text(m, "anchor"):
        r.error(
            r.line_of(m, "anchor"),
            f"amendment '{aid}': the anchor quotes U+FFFC, which stands for an image or a source reference, "
            "not text; quote the words of the passage",
        )
    why = marker_as_text("".join(text for _, text in visible_text(wording, inline=True)))
    if why:
        r.error(
            r.line_of(m, "wording") if "wording" in m.values else m.line, f"amendment '{aid}': its wording holds {why}"
        )


def _check_after_text_stage(r: FieldReader, order: list[str], text_stage: str, amendments: list[Amendment]) -> None:
    """An amendment decided at or before ``text_stage`` is in the section files already."""
    for a in amendments:
        if order.index(a.handling.id) <= order.index(text_stage):
            r.error(
                a.line,
                f"amendment '{a.id}' is decided by '{a.handling.id}', at or before text_stage '{text_stage}': "
                "the section files hold that text already",
            )


def _amendment_kind(r: FieldReader, m: YMap, aid: str) -> AmendmentKind:
    """The amendment's kind, checking it has the fields the kind needs."""
    if "kind" not in m.values:
        return _check_kind_fields(r, m, aid, AmendmentKind.INSERT)
    kind = r.choice(m, "kind", AmendmentKind, AmendmentKind.INSERT, "amendment kind")
    return _check_kind_fields(r, m, aid, kind)


def _check_kind_fields(r: FieldReader, m: YMap, aid: str, kind: AmendmentKind) -> AmendmentKind:
    if kind is not AmendmentKind.INSERT and "anchor" not in m.values:
        r.error(m.line, f"amendment '{aid}' ({kind}) needs 'anchor': the exact passage it {_ACTS[kind]}")
    if kind is AmendmentKind.DELETE and "wording" in m.values:
        r.error(r.line_of(m, "wording"), f"amendment '{aid}' deletes text: it has no 'wording'")
    if kind is not AmendmentKind.DELETE and "wording" not in m.values and "decided_text" not in m.values:
        r.error(m.line, f"missing required field 'wording' in amendment '{aid}' ({kind})")
    return kind


_ACTS = {AmendmentKind.REPLACE: "replaces", AmendmentKind.DELETE: "deletes", AmendmentKind.INSERT: "follows"}


def _check_markers(r: FieldReader, sections: list[Section], amendments: list[Amendment]) -> None:
    """Every ``[[lisäys:ID]]`` marker stands alone in its section's body and
    names a known amendment of that section, once (:func:`scan_markers`)."""
    target = {a.id: a.section_id for a in amendments}
    kinds = {a.id: a.kind for a in amendments}
    seen: set[str] = set()
    for section in sections:
        uses = scan_markers(section.markdown)
        for use in [*uses, *text_markers(section.markdown, {u.line for u in uses})]:
            number, aid = use.line, use.amendment_id
            if use.problem:  # misplaced: reported as such, and not counted as placed
                r.problems.append(problem(section.path, number, use.problem))
                continue
            if aid not in target:
                r.problems.append(problem(section.path, number, f"marker names unknown amendment '{quote(aid)}'"))
            elif kinds[aid] is not AmendmentKind.INSERT:
                r.problems.append(
                    problem(section.path, number, f"amendment '{aid}' is a {kinds[aid]}: only an insert has a marker")
                )
            elif target[aid] != section.id:
                r.problems.append(
                    problem(
                        section.path,
                        number,
                        f"amendment '{aid}' targets section '{target[aid]}', not '{section.id}'",
                    )
                )
            elif aid in seen:
                r.problems.append(problem(section.path, number, f"amendment '{aid}' is placed twice"))
            seen.add(aid)
