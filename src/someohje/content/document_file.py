"""Load and validate a project's ``content/`` into a :class:`Document`.

Validation is done up front and reports every problem it finds, each with
file and line, in one :class:`ContentError` (after MkDocs' ``Config.validate``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..chars import quote
from ..errors import ContentError, Problem, problem
from ..model import (
    Amendment,
    AmendmentKind,
    Body,
    Document,
    Handling,
    MeetingDate,
    Organisation,
    Outcome,
    Person,
    Section,
    Source,
    TextOrigin,
)
from ..record.seals import SEALS_FILE, read_seals
from .confine import Refused, confined
from .extract_facts import read_extract_facts
from .markers import scan_markers
from .placeholders import is_placeholder
from .safe_regex import MAX_SUBJECT, compile_user_pattern
from .sources import check_recorded, read_sources
from .yamlsource import YList, YMap, YScalar, YValue, read_text, read_yaml

METADATA_FILE = "document.yaml"
DEFAULT_DIARY_PATTERN = r"[A-Za-zÅÄÖåäö]+Dno-(19|20)\d{2}-[1-9]\d*"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FI_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
UNKNOWN = "unknown"
NONE = "none"

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


class _Reader:
    """Walks located YAML values, collecting problems instead of stopping."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(problem(self.path, line, message))

    def fields(self, node: YValue, what: str, required: set[str], optional: set[str]) -> YMap | None:
        """Check ``node`` is a mapping with exactly the allowed keys."""
        if not isinstance(node, YMap):
            self.error(node.line, f"{what} must be a mapping of fields")
            return None
        allowed = required | optional
        for key, line in node.lines.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(sorted(allowed))})"
                self.error(line, f"unknown field '{key}' in {what}{hint}")
        for key in sorted(required - node.values.keys()):
            self.error(node.line, f"missing required field '{key}' in {what}")
        return node

    def scalar(self, m: YMap, key: str) -> YScalar | None:
        """A text field's node; None when absent or not text (a problem is logged)."""
        node = m.values.get(key)
        if node is not None and not isinstance(node, YScalar):
            self.error(node.line, f"'{key}' must be text, not a list or mapping")
            return None
        return node

    def text(self, m: YMap, key: str, *, allow_empty: bool = False) -> str:
        """A string field, stripped; empty string when absent or wrong (a problem is logged)."""
        node = self.scalar(m, key)
        value = node.text.strip() if node else ""
        if node and not value and not allow_empty:
            self.error(node.line, f"'{key}' is empty")
        return value

    def record(self, m: YMap, key: str) -> str:
        """Recorded text kept verbatim (only the trailing newline is dropped)."""
        node = self.scalar(m, key)
        return node.text.rstrip("\n") if node else ""

    def text_list(self, m: YMap, key: str) -> tuple[str, ...]:
        node = m.values.get(key)
        if node is None:
            return ()
        if not isinstance(node, YList):
            self.error(node.line, f"'{key}' must be a list")
            return ()
        out: list[str] = []
        for item, line in zip(node.items, node.lines, strict=True):
            if not isinstance(item, YScalar) or not item.text.strip():
                self.error(line, f"each item of '{key}' must be non-empty text")
            else:
                out.append(item.text.strip())
        return tuple(out)

    def choice(self, m: YMap, key: str, kind: type[E], default: E, what: str) -> E:
        """A field naming one of the values of ``kind``; ``default`` (after
        logging the problem) for any other text, or when absent."""
        text = self.text(m, key)
        try:
            return kind(text)
        except ValueError:
            if text:
                allowed = ", ".join(k.value for k in kind)
                self.error(self.line_of(m, key), f"unknown {what} '{quote(text)}' (allowed: {allowed})")
            return default

    def line_of(self, m: YMap, key: str) -> int:
        return m.lines.get(key, m.line)

    def ident(self, m: YMap, key: str, what: str) -> str:
        value = self.text(m, key)
        if value and not _ID.fullmatch(value):
            self.error(self.line_of(m, key), f"{what} id '{value}' must be lower-case letters, digits and hyphens")
        return value

    def ref(self, m: YMap, key: str, table: dict[str, T], what: str, *, optional: bool = False) -> T | None:
        """Resolve an id reference; ``none`` is allowed where ``optional``."""
        value = self.text(m, key)
        if not value or (optional and value == NONE):
            return None
        if value not in table:
            close = difflib.get_close_matches(value, sorted(table), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(table))})"
            self.error(self.line_of(m, key), f"unknown {what} '{value}'{hint}")
            return None
        return table[value]

    def keyed(self, node: YValue | None, what: str, build: Callable[[str, YValue, int], T | None]) -> dict[str, T]:
        """A mapping of id -> object (people, bodies)."""
        out: dict[str, T] = {}
        if node is None:
            return out
        if not isinstance(node, YMap):
            self.error(node.line, f"{what} must be a mapping of id: fields")
            return out
        for key, value in node.values.items():
            if not _ID.fullmatch(key):
                self.error(node.lines[key], f"{what} id '{key}' must be lower-case letters, digits and hyphens")
            built = build(key, value, node.lines[key])
            if built is not None:
                out[key] = built
        return out

    def entries(
        self, node: YValue | None, key: str, what: str, required: set[str], optional: set[str]
    ) -> Iterator[tuple[YMap, str]]:
        """Each item of the list ``node`` (the value of ``key``) that is a
        mapping of the allowed fields, with its id; a repeated id is a problem."""
        seen: set[str] = set()
        for item, _line in [] if node is None else self.items_of(node, key):
            m = self.fields(item, what, required | {"id"}, optional)
            if m is None:
                continue
            ident = self.ident(m, "id", what)
            if ident and ident in seen:
                self.error(self.line_of(m, "id"), f"duplicate {what} id '{ident}'")
            seen.add(ident)
            yield m, ident

    def items_of(self, node: YValue, key: str) -> list[tuple[YValue, int]]:
        """The items of list ``node`` (the value of ``key``) with their lines."""
        if not isinstance(node, YList):
            self.error(node.line, f"'{key}' must be a list")
            return []
        return list(zip(node.items, node.lines, strict=True))


def parse_finnish_date(text: str) -> dt.date:
    """Parse ``14.6.2022`` (d.m.yyyy); ``ValueError`` names what is wrong."""
    match = _FI_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"date '{text}' is not of the form d.m.yyyy (e.g. 14.6.2022) or 'unknown'")
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"impossible date '{text}': {year} has no day {day}.{month}.") from None


def find_content(path: Path) -> Path:
    """The content folder for ``path``: ``path/content`` or ``path`` itself."""
    if (path / "content").is_dir():
        return path / "content"
    if (path / METADATA_FILE).is_file():
        return path
    if not path.exists():
        raise ContentError([problem(path, 0, "no such folder")])
    raise ContentError([problem(path / "content", 0, f"missing content folder (expected content/{METADATA_FILE})")])


def load(path: str | Path, document: str | None = None) -> Document:
    """Load and validate a project's document.

    ``path`` is a project folder (holding ``content/``) or a content folder
    (holding ``document.yaml``). In a collection (``content/project.yaml``)
    ``document`` picks a document by id; without it, the collection's
    default document. Returns the typed :class:`Document`; raises
    :class:`ContentError` listing every problem found, each with file and
    line, when anything is wrong (:class:`UsageError` for an unknown id).
    """
    from .project_file import load_collection

    return load_collection(path).pick(document)


@dataclass(frozen=True)
class Shared:
    """What a collection's documents share, stated once in ``project.yaml``."""

    organisation: Organisation
    people: dict[str, Person]
    bodies: dict[str, Body]


def load_document(meta_path: Path, content: Path, doc_id: str = "", shared: Shared | None = None) -> Document:
    """Load one ``document.yaml`` (and its sections) below ``content``;
    ``shared`` supplies the collection's organisation, people and bodies."""
    if not meta_path.is_file() and not meta_path.is_symlink():
        raise ContentError([problem(meta_path, 0, "missing: the content folder has no document.yaml")])
    try:
        confined(
            content.absolute().parent, meta_path.absolute().relative_to(content.absolute().parent), what=METADATA_FILE
        )
    except Refused as exc:
        raise ContentError([problem(meta_path, 1, str(exc))]) from None
    reader = _Reader(meta_path)
    doc = _document(reader, read_yaml(meta_path), content, shared)
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


_SHARED = {"organisation", "people", "bodies"}


def _document(r: _Reader, root: YValue, content: Path, shared: Shared | None = None) -> Document | None:
    folder = r.path.parent
    required = _TOP_REQUIRED - _SHARED if shared else _TOP_REQUIRED
    top = r.fields(root, "document.yaml", required, _TOP_OPTIONAL | _SHARED | {"related"})
    if top is None:
        return None
    if shared:
        for key in sorted(_SHARED & top.values.keys()):
            r.error(r.line_of(top, key), f"'{key}' is stated once for the collection, in project.yaml")
    org = shared.organisation if shared else _organisation(r, top.values.get("organisation"))
    diary = _diary_number(r, top)
    language = r.text(top, "language")
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", language):
        r.error(r.line_of(top, "language"), f"language '{language}' must be a language tag such as fi-FI")
    people = shared.people if shared else r.keyed(top.values.get("people"), "person", lambda k, v, n: _person(r, k, v))
    bodies = shared.bodies if shared else r.keyed(top.values.get("bodies"), "body", lambda k, v, n: _body(r, k, v))
    sources = read_sources(r, top.values.get("sources"), folder)
    handlings = _handlings(r, top, people, bodies, {s.id: s for s in sources})
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
    extract_facts = read_extract_facts(r, top.values.get("extract"), set(bodies), content)
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
    )


def _text_origin(r: _Reader, top: YMap) -> TextOrigin:
    return r.choice(top, "text_origin", TextOrigin, TextOrigin.RECONSTRUCTION, "text_origin")


def _organisation(r: _Reader, node: YValue | None) -> Organisation | None:
    if node is None:
        return None
    m = r.fields(node, "organisation", {"name", "web"}, set())
    return Organisation(r.text(m, "name"), r.text(m, "web")) if m else None


def _diary_number(r: _Reader, top: YMap) -> str:
    diary = r.text(top, "diary_number")
    pattern = r.text(top, "diary_number_pattern") or DEFAULT_DIARY_PATTERN
    try:  # a user's pattern: refused if it could backtrack for long
        compiled = compile_user_pattern(pattern)
    except ValueError as exc:
        r.error(r.line_of(top, "diary_number_pattern"), f"diary_number_pattern is refused: {exc}")
        return diary
    if len(diary) > MAX_SUBJECT:
        r.error(r.line_of(top, "diary_number"), f"the diary number is longer than {MAX_SUBJECT} characters")
    elif diary and not compiled.fullmatch(diary) and not is_placeholder(diary):
        r.error(
            r.line_of(top, "diary_number"),
            f"malformed diary number '{quote(diary)}' (expected the form RauDno-2020-792)",
        )
    return diary


def _person(r: _Reader, key: str, node: YValue) -> Person | None:
    m = r.fields(node, f"person '{key}'", {"name", "title"}, {"email"})
    if m is None:
        return None
    email = r.text(m, "email")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email):
        r.error(r.line_of(m, "email"), f"'{email}' is not an e-mail address")
    return Person(key, r.text(m, "name"), r.text(m, "title"), email)


def _body(r: _Reader, key: str, node: YValue) -> Body | None:
    fields = {"name", "abbreviation", "genitive", "allative"}
    m = r.fields(node, f"body '{key}'", fields, set())
    if m is None:
        return None
    return Body(key, r.text(m, "name"), r.text(m, "abbreviation"), r.text(m, "genitive"), r.text(m, "allative"))


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
_H_OPTIONAL = {"year", "proposed_to", "minutes_status", "in_force", "summary", "source"}


def _handlings(
    r: _Reader, top: YMap, people: dict[str, Person], bodies: dict[str, Body], sources: dict[str, Source]
) -> list[Handling]:
    out: list[Handling] = []
    previous: Handling | None = None
    for m, hid in r.entries(top.values.get("handlings"), "handlings", "handling", _H_REQUIRED, _H_OPTIONAL):
        body = r.ref(m, "body", bodies, "body")
        parsed = _meeting_date(r, m)
        date = parsed or MeetingDate(None)
        outcome = _outcome(r, m)
        proposed_to = r.ref(m, "proposed_to", bodies, "body", optional=True)
        if outcome is Outcome.PROPOSED and proposed_to is None and "proposed_to" not in m.values:
            r.error(m.line, f"handling '{hid}' has outcome 'proposed' but no 'proposed_to' body")
        handling = Handling(
            id=hid,
            body=body or Body("", "", "", "", ""),
            date=date,
            paragraph=_paragraph(r, m),
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


def _meeting_date(r: _Reader, m: YMap) -> MeetingDate | None:
    """The handling's date; None (after logging why) when it is invalid."""
    text = r.text(m, "date")
    year_text = r.text(m, "year")
    year: int | None = None
    if year_text:
        if re.fullmatch(r"(19|20)\d{2}", year_text):
            year = int(year_text)
        else:
            r.error(r.line_of(m, "year"), f"year '{year_text}' must be a four-digit year")
    if not text:
        return None
    if text == UNKNOWN:
        return MeetingDate(None, year)
    if year_text:
        r.error(r.line_of(m, "year"), "'year' is only for an unknown date; a known date carries its year")
    try:
        return MeetingDate(parse_finnish_date(text))
    except ValueError as exc:
        r.error(r.line_of(m, "date"), str(exc))
        return None


def _in_force(r: _Reader, m: YMap, date: MeetingDate, outcome: Outcome) -> dt.date | None:
    """When the decision takes effect; None when the sources do not say."""
    text = r.text(m, "in_force")
    if not text or text == UNKNOWN:
        return None
    if outcome is not Outcome.APPROVED:
        r.error(r.line_of(m, "in_force"), f"'in_force' is only for an approving decision, not outcome '{outcome}'")
        return None
    try:
        when = parse_finnish_date(text)
    except ValueError as exc:
        r.error(r.line_of(m, "in_force"), str(exc))
        return None
    if date.date is not None and when < date.date:
        r.error(
            r.line_of(m, "in_force"),
            f"in_force {text} is before the decision ({date.finnish()}): "
            "a decision cannot take effect before it is made",
        )
    return when


def _paragraph(r: _Reader, m: YMap) -> int | None:
    text = r.text(m, "paragraph")
    if not text or text == UNKNOWN:
        return None
    if not re.fullmatch(r"[1-9]\d{0,5}", text):  # bounded: int() refuses thousands of digits
        r.error(r.line_of(m, "paragraph"), f"§ '{quote(text)}' must be a whole number from 1 to 999999 or 'unknown'")
        return None
    return int(text)


def _outcome(r: _Reader, m: YMap) -> Outcome:
    return r.choice(m, "outcome", Outcome, Outcome.PROPOSED, "outcome")


def _sections(r: _Reader, top: YMap, folder: Path, content: Path) -> list[Section]:
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
_A_OPTIONAL = {"kind", "decided_text", "wording", "anchor", "proposed_by", "proposed_on"}


def _amendments(r: _Reader, top: YMap, handlings: dict[str, Handling], section_ids: set[str]) -> list[Amendment]:
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
        counts[handling.id] = counts.get(handling.id, 0) + 1
        out.append(
            Amendment(
                aid,
                counts[handling.id],
                handling,
                r.record(m, "decided_text"),
                section,
                r.text(m, "wording"),
                kind=kind,
                anchor=" ".join(r.text(m, "anchor").split()),
                line=m.line,
                proposed_by=r.text(m, "proposed_by"),
                proposed_on=_proposed_on(r, m),
            )
        )
    return out


def _proposed_on(r: _Reader, m: YMap) -> dt.date | None:
    """An amendment's optional ``proposed_on: d.m.yyyy``."""
    text = r.text(m, "proposed_on")
    if not text:
        return None
    try:
        return parse_finnish_date(text)
    except ValueError as exc:
        r.error(r.line_of(m, "proposed_on"), str(exc))
        return None


def _check_after_text_stage(r: _Reader, order: list[str], text_stage: str, amendments: list[Amendment]) -> None:
    """An amendment decided at or before ``text_stage`` is in the section files already."""
    for a in amendments:
        if order.index(a.handling.id) <= order.index(text_stage):
            r.error(
                a.line,
                f"amendment '{a.id}' is decided by '{a.handling.id}', at or before text_stage '{text_stage}': "
                "the section files hold that text already",
            )


def _amendment_kind(r: _Reader, m: YMap, aid: str) -> AmendmentKind:
    """The amendment's kind, checking it has the fields the kind needs."""
    if "kind" not in m.values:
        return _check_kind_fields(r, m, aid, AmendmentKind.INSERT)
    kind = r.choice(m, "kind", AmendmentKind, AmendmentKind.INSERT, "amendment kind")
    return _check_kind_fields(r, m, aid, kind)


def _check_kind_fields(r: _Reader, m: YMap, aid: str, kind: AmendmentKind) -> AmendmentKind:
    if kind is not AmendmentKind.INSERT and "anchor" not in m.values:
        r.error(m.line, f"amendment '{aid}' ({kind}) needs 'anchor': the exact passage it {_ACTS[kind]}")
    if kind is AmendmentKind.DELETE and "wording" in m.values:
        r.error(r.line_of(m, "wording"), f"amendment '{aid}' deletes text: it has no 'wording'")
    if kind is not AmendmentKind.DELETE and "wording" not in m.values:
        r.error(m.line, f"missing required field 'wording' in amendment '{aid}' ({kind})")
    return kind


_ACTS = {AmendmentKind.REPLACE: "replaces", AmendmentKind.DELETE: "deletes", AmendmentKind.INSERT: "follows"}


def _check_markers(r: _Reader, sections: list[Section], amendments: list[Amendment]) -> None:
    """Every ``[[lisäys:ID]]`` marker stands alone in its section's body and
    names a known amendment of that section, once (:func:`scan_markers`)."""
    target = {a.id: a.section_id for a in amendments}
    kinds = {a.id: a.kind for a in amendments}
    seen: set[str] = set()
    for section in sections:
        for use in scan_markers(section.markdown):
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
