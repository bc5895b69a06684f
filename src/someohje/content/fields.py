"""The one field reader: every YAML file of a project is read through it.

:class:`FieldReader` walks the located values of one file
(:mod:`.yamlsource`) and collects every problem with its line instead of
stopping at the first, after MkDocs' ``Config.validate``. Each kind of field
is checked once, here, for every file that has it: the allowed keys (with a
"did you mean" for a near miss), ids, references to ids, dates, meeting
dates, § numbers, diary numbers and the user's diary-number pattern.
``document.yaml``, ``project.yaml``, ``extract:``, ``sources:``,
``seals.yaml`` and ``theme.yaml`` all use it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..chars import quote
from ..errors import Problem, problem
from ..messages import gettext as _
from ..model import MeetingDate
from .placeholders import is_placeholder
from .safe_regex import MAX_SUBJECT, compile_user_pattern
from .yamlsource import YList, YMap, YScalar, YValue

#: an id: lower-case letters and digits in hyphen-separated words
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: the diary numbers a project accepts unless it states its own pattern
DEFAULT_DIARY_PATTERN = r"[A-Za-zÅÄÖåäö]+Dno-(19|20)\d{2}-[1-9]\d*"
#: what the data says where the sources do not give a date or a §
UNKNOWN = "unknown"
#: what an optional reference says where there is none
NONE = "none"
_FI_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
#: a § number: bounded, since ``int()`` of thousands of digits is refused
_PARAGRAPH = re.compile(r"[1-9]\d{0,5}")
_YEAR = re.compile(r"(19|20)\d{2}")

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


def parse_finnish_date(text: str, *, unknown: bool = True) -> dt.date:
    """Parse ``14.6.2022`` (d.m.yyyy, the form Finnish documents use).

    ``ValueError`` says what is wrong: not of the form (the message offers
    ``'unknown'`` where ``unknown`` is allowed), or a day the calendar does
    not have (``31.2.2022``)."""
    match = _FI_DATE.fullmatch(text.strip())
    if not match:
        alternative = _(" or 'unknown'") if unknown else ""
        raise ValueError(
            _("date '{text}' is not of the form d.m.yyyy (e.g. 14.6.2022){alternative}").format(
                text=text, alternative=alternative
            )
        )
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            _("impossible date '{text}': {year} has no day {day}.{month}.").format(
                text=text, year=year, day=day, month=month
            )
        ) from None


def suggestion(key: str, allowed: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss of one of ``allowed``, else
    `` (allowed: a, b, c)``: the hint every unknown key and id gets."""
    names = sorted(allowed)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    return (
        _(" (did you mean '{close}'?)").format(close=close[0])
        if close
        else _(" (allowed: {names})").format(names=", ".join(names))
    )


class FieldReader:
    """Reads the fields of one file, collecting problems instead of stopping.

    Every method that reads a field logs a located problem (see
    :attr:`problems`) and returns a neutral value (``""``, ``None``, an
    empty tuple or the default) when the field is wrong, so that one pass
    reports everything that is wrong in the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    # --- problems -------------------------------------------------------------------------

    def error(self, line: int, message: str) -> None:
        """Log ``message`` at ``line`` of this file."""
        self.problems.append(problem(self.path, line, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Log problems found in another file (a section, a source)."""
        self.problems.extend(problems)

    def line_of(self, m: YMap, key: str) -> int:
        """The line of ``key`` in ``m``, or of ``m`` itself when the key is absent."""
        return m.lines.get(key, m.line)

    # --- shapes ---------------------------------------------------------------------------

    def fields(self, node: YValue, what: str, required: set[str], optional: set[str]) -> YMap | None:
        """``node`` as a mapping with exactly the allowed keys: each unknown
        key (with a "did you mean") and each missing required key is a
        problem. None when ``node`` is not a mapping at all."""
        if not isinstance(node, YMap):
            self.error(node.line, _("{what} must be a mapping of fields").format(what=what))
            return None
        self.unknown_keys(
            node, required | optional, lambda key: _("field '{key}' in {what}").format(key=key, what=what)
        )
        for key in sorted(required - node.values.keys()):
            self.error(node.line, _("missing required field '{key}' in {what}").format(key=key, what=what))
        return node

    def unknown_keys(self, node: YMap, allowed: set[str], name: Callable[[str], str]) -> None:
        """Log ``unknown <name(key)>`` with a hint for each key of ``node``
        not in ``allowed``."""
        for key, line in node.lines.items():
            if key not in allowed:
                self.error(
                    line, _("unknown {name}{suggestion}").format(name=name(key), suggestion=suggestion(key, allowed))
                )

    def keyed(self, node: YValue | None, what: str, build: Callable[[str, YValue], T | None]) -> dict[str, T]:
        """A mapping of id -> object (people, bodies); ``build`` reads each value."""
        out: dict[str, T] = {}
        if node is None:
            return out
        if not isinstance(node, YMap):
            self.error(node.line, _("{what} must be a mapping of id: fields").format(what=what))
            return out
        for key, value in node.values.items():
            if not ID.fullmatch(key):
                self.error(
                    node.lines[key],
                    _("{what} id '{key}' must be lower-case letters, digits and hyphens").format(what=what, key=key),
                )
            built = build(key, value)
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
                self.error(self.line_of(m, "id"), _("duplicate {what} id '{ident}'").format(what=what, ident=ident))
            seen.add(ident)
            yield m, ident

    def items_of(self, node: YValue, key: str) -> list[tuple[YValue, int]]:
        """The items of list ``node`` (the value of ``key``) with their lines."""
        if not isinstance(node, YList):
            self.error(node.line, _("'{key}' must be a list").format(key=key))
            return []
        return list(zip(node.items, node.lines, strict=True))

    # --- text -----------------------------------------------------------------------------

    def scalar(self, m: YMap, key: str) -> YScalar | None:
        """A text field's node; None when absent or not text (a problem is logged)."""
        node = m.values.get(key)
        if node is not None and not isinstance(node, YScalar):
            self.error(node.line, _("'{key}' must be text, not a list or mapping").format(key=key))
            return None
        return node

    def text(self, m: YMap, key: str, *, allow_empty: bool = False) -> str:
        """A string field, stripped; ``""`` when absent or wrong (a problem is
        logged for an empty value unless ``allow_empty``)."""
        node = self.scalar(m, key)
        value = node.text.strip() if node else ""
        if node and not value and not allow_empty:
            self.error(node.line, _("'{key}' is empty").format(key=key))
        return value

    def optional_text(self, m: YMap, key: str) -> str:
        """A text field that may be left blank (``~``): ``""`` when it is."""
        node = self.scalar(m, key)
        return "" if node is None or node.is_null else node.text.strip()

    def record(self, m: YMap, key: str) -> str:
        """Recorded text kept verbatim (only the trailing newline is dropped)."""
        node = self.scalar(m, key)
        return node.text.rstrip("\n") if node else ""

    def text_list(self, m: YMap, key: str) -> tuple[str, ...]:
        """A list of non-empty texts; ``()`` when absent."""
        node = m.values.get(key)
        if node is None:
            return ()
        out: list[str] = []
        for item, line in self.items_of(node, key):
            if not isinstance(item, YScalar) or not item.text.strip():
                self.error(line, _("each item of '{key}' must be non-empty text").format(key=key))
            else:
                out.append(item.text.strip())
        return tuple(out)

    # --- choices and references -----------------------------------------------------------

    def choice(self, m: YMap, key: str, kind: type[E], default: E, what: str) -> E:
        """A field naming one of the values of ``kind``; ``default`` (after
        logging the problem) for any other text, or when absent."""
        return self.one_of(m, key, {k.value: k for k in kind}, default, what)

    def one_of(self, m: YMap, key: str, allowed: Mapping[str, T], default: T, what: str) -> T:
        """The value ``allowed`` gives the field's text; ``default`` when the
        field is absent, or (after logging the problem) names none of them."""
        text = self.text(m, key)
        if text in allowed:
            return allowed[text]
        if text:
            self.error(
                self.line_of(m, key),
                _("unknown {what} '{text}' (allowed: {allowed})").format(
                    what=what, text=quote(text), allowed=", ".join(allowed)
                ),
            )
        return default

    def ident(self, m: YMap, key: str, what: str) -> str:
        """An id field: lower-case letters, digits and hyphens."""
        value = self.text(m, key)
        if value and not ID.fullmatch(value):
            self.error(
                self.line_of(m, key),
                _("{what} id '{value}' must be lower-case letters, digits and hyphens").format(what=what, value=value),
            )
        return value

    def ref(self, m: YMap, key: str, table: Mapping[str, T], what: str, *, optional: bool = False) -> T | None:
        """Resolve an id reference; ``none`` is allowed where ``optional``."""
        value = self.text(m, key)
        if not value or (optional and value == NONE):
            return None
        if value not in table:
            close = difflib.get_close_matches(value, sorted(table), n=1)
            hint = (
                _(" (did you mean '{close}'?)").format(close=close[0])
                if close
                else _(" (known: {sorted})").format(sorted=", ".join(sorted(table)))
            )
            self.error(
                self.line_of(m, key), _("unknown {what} '{value}'{hint}").format(what=what, value=value, hint=hint)
            )
            return None
        return table[value]

    # --- dates, § and diary numbers -------------------------------------------------------

    def date(self, m: YMap, key: str, *, unknown: bool = False) -> dt.date | None:
        """A ``d.m.yyyy`` date field; None when absent, ``unknown`` (where
        allowed) or wrong (a problem is logged)."""
        text = self.text(m, key)
        if not text or (unknown and text == UNKNOWN):
            return None
        try:
            return parse_finnish_date(text, unknown=unknown)
        except ValueError as exc:
            self.error(self.line_of(m, key), str(exc))
            return None

    def meeting_date(self, m: YMap) -> MeetingDate | None:
        """A meeting's ``date`` (``d.m.yyyy`` or ``unknown``) and, for an
        unknown one, its optional ``year``; None (after logging why) when
        invalid or absent."""
        text = self.text(m, "date")
        year_text = self.text(m, "year")
        year: int | None = None
        if year_text:
            if _YEAR.fullmatch(year_text):
                year = int(year_text)
            else:
                self.error(
                    self.line_of(m, "year"),
                    _("year '{year_text}' must be a four-digit year").format(year_text=year_text),
                )
        if not text:
            return None
        if text == UNKNOWN:
            return MeetingDate(None, year)
        if year_text:
            self.error(self.line_of(m, "year"), _("'year' is only for an unknown date; a known date carries its year"))
        day = self.date(m, "date", unknown=True)
        return MeetingDate(day) if day else None

    def paragraph(self, m: YMap, key: str = "paragraph") -> int | None:
        """A § number from 1 to 999999; None when absent or ``unknown``."""
        text = self.text(m, key)
        if not text or text == UNKNOWN:
            return None
        if not _PARAGRAPH.fullmatch(text):
            self.error(
                self.line_of(m, key),
                _("§ '{text}' must be a whole number from 1 to 999999 or 'unknown'").format(text=quote(text)),
            )
            return None
        return int(text)

    def diary_pattern(self, m: YMap, key: str = "diary_number_pattern") -> re.Pattern[str] | None:
        """The user's diary-number pattern (or the default), refused when it
        could backtrack for long; None after logging why."""
        try:
            return compile_user_pattern(self.text(m, key) or DEFAULT_DIARY_PATTERN)
        except ValueError as exc:
            self.error(self.line_of(m, key), _("{key} is refused: {exc}").format(key=key, exc=exc))
            return None

    def diary_number(self, m: YMap, pattern: re.Pattern[str] | None, key: str = "diary_number") -> str:
        """A diary number matching ``pattern`` (a placeholder passes; with
        no pattern, the refused one was reported, only the length is checked)."""
        diary = self.text(m, key)
        if len(diary) > MAX_SUBJECT:
            self.error(
                self.line_of(m, key),
                _("the diary number is longer than {MAX_SUBJECT} characters").format(MAX_SUBJECT=MAX_SUBJECT),
            )
        elif diary and pattern and not pattern.fullmatch(diary) and not is_placeholder(diary):
            message = _("malformed diary number '{diary}' (expected the form RauDno-2020-792)").format(
                diary=quote(diary)
            )
            self.error(self.line_of(m, key), message)
        return diary
