"""Add amendments to ``document.yaml`` as text, leaving every other byte alone.

The file is the secretary's: its comments, order and quoting stay as they
are. New items go after the last item of the top-level ``amendments:`` list
(with the list's own indentation), or a new ``amendments:`` key is added at
the end of the file.
"""

from __future__ import annotations

import re

import yaml

from ..finnish import finnish_date
from ..messages import gettext as _
from ..model import Amendment

_KEY = re.compile(r"^amendments:[ \t]*(#[^\r\n]*)?\r?$", re.M)
_EMPTY_KEY = re.compile(r"^amendments:[ \t]*\[\][ \t]*(#[^\r\n]*)?\r?$", re.M)
_TOP = re.compile(r"^[^\s#-]")
_ITEM = re.compile(r"^([ \t]*)- ")


class UnknownLayout(ValueError):
    """The file's ``amendments:`` is in a form (a flow list, an alias) that
    items cannot be appended to as text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def with_amendments(text: str, amendments: list[Amendment]) -> str:
    """``text`` (a ``document.yaml``) with ``amendments`` appended to its
    list, in the file's own line endings. Raises :class:`UnknownLayout`."""
    crlf = "\n" in text and text.count("\r\n") == text.count("\n")
    if not crlf:
        return _appended(text, amendments)
    return _appended(text.replace("\r\n", "\n"), amendments).replace("\n", "\r\n")


def _appended(text: str, amendments: list[Amendment]) -> str:
    empty = _EMPTY_KEY.search(text)
    if empty:
        return text[: empty.start()] + "amendments:\n" + _items(amendments, "  ") + text[empty.end() + 1 :]
    key = _KEY.search(text)
    other = re.search(r"^amendments[ \t]*:", text, re.M)
    if key is None and other is not None:
        raise UnknownLayout(
            text.count("\n", 0, other.start()) + 1,
            _("'amendments:' is not a block list ('- id: …' items) that new items can be added to"),
        )
    if key is None:
        sep = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{sep}amendments:\n{_items(amendments, '  ')}"
    lines = text[key.end() + 1 :].splitlines(keepends=True)
    indent, end = "  ", 0
    for n, line in enumerate(lines):
        if _TOP.match(line):
            break
        item = _ITEM.match(line)
        if item and end == 0:
            indent = item.group(1)
        if line.strip() and not line.lstrip().startswith("#"):
            end = n + 1
    at = key.end() + 1 + sum(len(line) for line in lines[:end])
    before = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
    return before + _items(amendments, indent) + text[at:]


def _items(amendments: list[Amendment], indent: str) -> str:
    out = []
    for a in amendments:
        fields: list[tuple[str, str]] = [
            ("id", a.id),
            ("decided_by", a.handling.id),
            ("section", a.section_id),
            ("kind", a.kind.value),
            ("anchor", a.anchor),
            ("wording", a.wording),
            ("proposed_by", a.proposed_by),
            ("proposed_on", finnish_date(a.proposed_on) if a.proposed_on else ""),
        ]
        shown = [(k, v) for k, v in fields if v]
        for n, (k, v) in enumerate(shown):
            lead = f"{indent}- " if n == 0 else f"{indent}  "
            out.append(f"{lead}{_scalar(k, v)}")
    return "".join(out)


def _scalar(key: str, value: str) -> str:
    """``key: value`` as YAML, quoted only where YAML needs it."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10**6, default_flow_style=False)
