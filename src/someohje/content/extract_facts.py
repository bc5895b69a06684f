"""What a minutes extract needs to be official, as the content states it.

A *pöytäkirjanote* is official with its certification (who certifies it as a
true copy, where, when) and, for a decision that can be appealed, its appeal
instructions (kuntalaki 410/2015, 134 §). The facts come from the
``extract:`` mapping of ``content/document.yaml``; the appeal texts are the
municipality's own, one Markdown file per kind under
``content/muutoksenhaku/``. A fact the sources do not give is left empty and
printed as a blank to fill in by hand: never a guess.

::

    extract:
      certifier: ~          # name of who certifies the extract
      certifier_title: ~
      place: ~
      date: ~               # d.m.yyyy
      appeal_authority: ~   # e.g. the administrative court
      appeal_address: ~     # its postal and e-mail address
      served: ~             # how and when the decision is served
      appeals:              # the appeal of each body's decisions
        kvalt: kunnallisvalitus
        kh: oikaisuvaatimus
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import problem
from .yamlsource import YMap, YScalar, YValue, read_text

if TYPE_CHECKING:
    from .document_file import _Reader

MUNICIPAL_APPEAL = "kunnallisvalitus"  #: a council's decision (kuntalaki 134 § 1 mom.)
RECTIFICATION = "oikaisuvaatimus"  #: a board's or an official's decision (134 § 1 mom.)
NO_APPEAL = "ei-muutoksenhakua"  #: a decision that only prepares a matter (136 §)
KINDS = (MUNICIPAL_APPEAL, RECTIFICATION, NO_APPEAL)
APPEAL_DIR = "muutoksenhaku"  #: under content/: one ``<kind>.md`` per kind
#: The facts an appeal text may name as ``{field}``.
PLACEHOLDERS = ("appeal_authority", "appeal_address", "served", "body")
_FACTS = ("certifier", "certifier_title", "place", "date", "appeal_authority", "appeal_address", "served")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")


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
    appeal_authority: str = ""
    appeal_address: str = ""
    served: str = ""
    appeals: dict[str, str] = field(default_factory=dict)  #: body id -> kind
    texts: dict[str, AppealText] = field(default_factory=dict)  #: kind -> text


def read_extract_facts(r: _Reader, node: YValue | None, body_ids: set[str], content: Path) -> ExtractFacts:
    """Parse the ``extract:`` mapping; problems go to ``r`` with their line.
    Without the mapping, every fact is blank and no appeal text is known."""
    if node is None:
        return ExtractFacts()
    m = r.fields(node, "extract", set(), {*_FACTS, "appeals"})
    if m is None:
        return ExtractFacts()
    facts = {key: _optional_text(r, m, key) for key in _FACTS}
    if facts["date"] and not _DATE.fullmatch(facts["date"]):
        r.error(r.line_of(m, "date"), f"extract date '{facts['date']}' must be written d.m.yyyy (e.g. 20.6.2022)")
    appeals = _appeals(r, m.values.get("appeals"), body_ids)
    texts = _texts(r, content, {*appeals.values(), NO_APPEAL} if appeals else set())
    return ExtractFacts(**facts, appeals=appeals, texts=texts)


def _optional_text(r: _Reader, m: YMap, key: str) -> str:
    node = r.scalar(m, key)
    return "" if node is None or node.is_null else node.text.strip()


def _appeals(r: _Reader, node: YValue | None, body_ids: set[str]) -> dict[str, str]:
    if node is None:
        return {}
    if not isinstance(node, YMap):
        r.error(node.line, "extract appeals must be a mapping of body id: kind of appeal")
        return {}
    out: dict[str, str] = {}
    for body, value in node.values.items():
        line = node.lines[body]
        kind = value.text.strip() if isinstance(value, YScalar) else ""
        if body not in body_ids:
            r.error(line, f"unknown body '{body}' in extract appeals (known: {', '.join(sorted(body_ids))})")
        elif kind not in (MUNICIPAL_APPEAL, RECTIFICATION):
            r.error(line, f"the appeal of '{body}' must be {MUNICIPAL_APPEAL} or {RECTIFICATION}")
        else:
            out[body] = kind
    return out


def _texts(r: _Reader, content: Path, kinds: set[str]) -> dict[str, AppealText]:
    out: dict[str, AppealText] = {}
    for kind in sorted(kinds):
        path = content / APPEAL_DIR / f"{kind}.md"
        if not path.is_file():
            r.problems.append(problem(path, 0, f"missing: the appeal instructions '{kind}' (a Markdown file)"))
            continue
        text = read_text(path)
        for number, line in enumerate(text.splitlines(), 1):
            for name in _PLACEHOLDER.findall(line):
                if name not in PLACEHOLDERS:
                    allowed = ", ".join(PLACEHOLDERS)
                    r.problems.append(problem(path, number, f"unknown field '{{{name}}}' (allowed: {allowed})"))
        out[kind] = AppealText(path, text)
    return out
