"""Load and validate a project's ``content/`` into a :class:`Document`.

Validation is done up front and reports every problem it finds, each with
file and line, in one :class:`ContentError` (after MkDocs' ``Config.validate``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .certification import read_extract_facts
from .errors import ContentError, Problem, problem
from .markers import MARKER
from .model import (
    Amendment,
    Body,
    Document,
    Handling,
    MeetingDate,
    Organisation,
    Outcome,
    Person,
    Section,
)
from .yamlsource import YList, YMap, YScalar, YValue, read_text, read_yaml

METADATA_FILE = "document.yaml"
DEFAULT_DIARY_PATTERN = r"[A-Za-zÅÄÖåäö]+Dno-(19|20)\d{2}-[1-9]\d*"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FI_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
UNKNOWN = "unknown"
NONE = "none"

T = TypeVar("T")


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

    def items(self, m: YMap, key: str) -> list[tuple[YValue, int]]:
        node = m.values.get(key)
        if node is None:
            return []
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


def load(path: str | Path) -> Document:
    """Load and validate a project.

    ``path`` is a project folder (holding ``content/``) or a content folder
    (holding ``document.yaml``). Returns the typed :class:`Document`; raises
    :class:`ContentError` listing every problem found, each with file and
    line, when anything is wrong.
    """
    content = find_content(Path(path))
    meta_path = content / METADATA_FILE
    if not meta_path.is_file():
        raise ContentError([problem(meta_path, 0, "missing: the content folder has no document.yaml")])
    reader = _Reader(meta_path)
    doc = _document(reader, read_yaml(meta_path), content)
    if reader.problems or doc is None:
        raise ContentError(reader.problems)
    return doc


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
}
_TOP_OPTIONAL = {"subject", "keywords", "amendments", "diary_number_pattern", "extract"}


def _document(r: _Reader, root: YValue, content: Path) -> Document | None:
    top = r.fields(root, "document.yaml", _TOP_REQUIRED, _TOP_OPTIONAL)
    if top is None:
        return None
    org = _organisation(r, top.values.get("organisation"))
    diary = _diary_number(r, top)
    language = r.text(top, "language")
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", language):
        r.error(r.line_of(top, "language"), f"language '{language}' must be a language tag such as fi-FI")
    people = r.keyed(top.values.get("people"), "person", lambda k, v, n: _person(r, k, v))
    bodies = r.keyed(top.values.get("bodies"), "body", lambda k, v, n: _body(r, k, v))
    handlings = _handlings(r, top, people, bodies)
    by_id = {h.id: h for h in handlings}
    sections = _sections(r, top, content)
    amendments = _amendments(r, top, by_id, {s.id for s in sections})
    text_stage = r.text(top, "text_stage")
    if text_stage and handlings and text_stage not in by_id:
        r.error(
            r.line_of(top, "text_stage"), f"text_stage '{text_stage}' is not a handling id (known: {', '.join(by_id)})"
        )
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
        extract_facts=extract_facts,
    )


def _organisation(r: _Reader, node: YValue | None) -> Organisation | None:
    if node is None:
        return None
    m = r.fields(node, "organisation", {"name", "web"}, set())
    return Organisation(r.text(m, "name"), r.text(m, "web")) if m else None


def _diary_number(r: _Reader, top: YMap) -> str:
    diary = r.text(top, "diary_number")
    pattern = r.text(top, "diary_number_pattern") or DEFAULT_DIARY_PATTERN
    try:
        ok = re.fullmatch(pattern, diary) is not None
    except re.error as exc:
        r.error(
            r.line_of(top, "diary_number_pattern"), f"diary_number_pattern is not a valid regular expression: {exc}"
        )
        return diary
    if diary and not ok:
        r.error(r.line_of(top, "diary_number"), f"malformed diary number '{diary}' (expected the form RauDno-2020-792)")
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
_H_OPTIONAL = {"year", "proposed_to", "minutes_status"}


def _handlings(r: _Reader, top: YMap, people: dict[str, Person], bodies: dict[str, Body]) -> list[Handling]:
    out: list[Handling] = []
    previous: Handling | None = None
    for node, _line in r.items(top, "handlings"):
        m = r.fields(node, "handling", _H_REQUIRED, _H_OPTIONAL)
        if m is None:
            continue
        hid = r.ident(m, "id", "handling")
        if any(h.id == hid for h in out):
            r.error(r.line_of(m, "id"), f"duplicate handling id '{hid}'")
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


def _paragraph(r: _Reader, m: YMap) -> int | None:
    text = r.text(m, "paragraph")
    if not text or text == UNKNOWN:
        return None
    if not re.fullmatch(r"[1-9]\d*", text):
        r.error(r.line_of(m, "paragraph"), f"§ '{text}' must be a positive whole number or 'unknown'")
        return None
    return int(text)


def _outcome(r: _Reader, m: YMap) -> Outcome:
    text = r.text(m, "outcome")
    try:
        return Outcome(text)
    except ValueError:
        if text:
            allowed = ", ".join(o.value for o in Outcome)
            r.error(r.line_of(m, "outcome"), f"unknown outcome '{text}' (allowed: {allowed})")
        return Outcome.PROPOSED


def _sections(r: _Reader, top: YMap, content: Path) -> list[Section]:
    out: list[Section] = []
    for node, _line in r.items(top, "sections"):
        m = r.fields(node, "section", {"id", "file"}, set())
        if m is None:
            continue
        sid = r.ident(m, "id", "section")
        if any(s.id == sid for s in out):
            r.error(r.line_of(m, "id"), f"duplicate section id '{sid}'")
        rel = r.text(m, "file")
        if not rel:
            continue
        path = (content / rel).resolve()
        if not path.is_relative_to(content.resolve()):
            r.error(r.line_of(m, "file"), f"section file '{rel}' is outside the content folder")
            continue
        if not path.is_file():
            r.error(r.line_of(m, "file"), f"section file '{rel}' does not exist")
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


_A_FIELDS = {"id", "decided_by", "section", "decided_text", "wording"}


def _amendments(r: _Reader, top: YMap, handlings: dict[str, Handling], section_ids: set[str]) -> list[Amendment]:
    out: list[Amendment] = []
    counts: dict[str, int] = {}
    for node, _line in r.items(top, "amendments"):
        m = r.fields(node, "amendment", _A_FIELDS, set())
        if m is None:
            continue
        aid = r.ident(m, "id", "amendment")
        if any(a.id == aid for a in out):
            r.error(r.line_of(m, "id"), f"duplicate amendment id '{aid}'")
        handling = r.ref(m, "decided_by", handlings, "handling")
        section = r.text(m, "section")
        if section and section not in section_ids:
            close = difflib.get_close_matches(section, sorted(section_ids), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            r.error(
                r.line_of(m, "section"), f"amendment '{aid}' targets section '{section}', which does not exist{hint}"
            )
        if handling is None:
            continue
        counts[handling.id] = counts.get(handling.id, 0) + 1
        out.append(
            Amendment(aid, counts[handling.id], handling, r.text(m, "decided_text"), section, r.text(m, "wording"))
        )
    return out


def _check_markers(r: _Reader, sections: list[Section], amendments: list[Amendment]) -> None:
    """Every ``[[lisäys:ID]]`` marker names a known amendment of its own section, once."""
    target = {a.id: a.section_id for a in amendments}
    seen: set[str] = set()
    for section in sections:
        for number, line in enumerate(section.markdown.splitlines(), 1):
            for match in MARKER.finditer(line):
                aid = match.group(1)
                if aid not in target:
                    r.problems.append(problem(section.path, number, f"marker names unknown amendment '{aid}'"))
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
