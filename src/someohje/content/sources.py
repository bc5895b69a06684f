"""The record kept in the project: minutes texts under ``content/sources/``.

A handling names the source its recorded texts (reasoning, proposal,
decision, the decided text of its amendments) are quoted from; loading
checks that each is there verbatim, so the decision data cannot drift from
the record it claims to quote.
"""

from __future__ import annotations

from pathlib import Path

from ..chars import quote
from ..errors import ContentError
from ..messages import gettext as _
from ..model import Amendment, Handling, Source
from .confine import Refused, confined
from .fields import FieldReader
from .yamlsource import YValue, read_text


def normalised(text: str) -> str:
    """``text`` with every run of whitespace (no-break spaces too) as one space."""
    return " ".join(text.split())


def read_sources(r: FieldReader, node: YValue | None, content: Path) -> list[Source]:
    """The ``sources:`` list: each an id, a file under ``content/`` and a title."""
    out: list[Source] = []
    for m, sid in r.entries(node, "sources", "source", {"file", "title"}, set()):
        rel = r.text(m, "file")
        if not rel:
            continue
        try:
            path = confined(content, rel, what=_("source file '{rel}'").format(rel=quote(rel)))
            out.append(Source(sid, path, r.text(m, "title"), read_text(path)))
        except Refused as exc:
            r.error(r.line_of(m, "file"), str(exc))
        except ContentError as exc:
            r.problems.extend(exc.problems)
    return out


def check_recorded(r: FieldReader, handlings: list[Handling], amendments: list[Amendment]) -> None:
    """Every recorded text of a handling with a source is verbatim in it
    (whitespace aside): paragraph by paragraph, and each decided text."""
    flat = {h.id: normalised(h.source.text) for h in handlings if h.source is not None}
    for h in handlings:
        if h.id not in flat:
            continue
        for field, text in (("reasoning", h.reasoning), ("proposal", h.proposal), ("decision", h.decision)):
            for para in filter(None, (normalised(p) for p in text.split("\n\n"))):
                if para not in flat[h.id]:
                    r.error(h.line, _not_in_source(_("the {field} of '{id}'").format(field=field, id=h.id), para, h))
    for a in amendments:
        text = normalised(a.decided_text)
        if a.handling.id in flat and text and text not in flat[a.handling.id]:
            r.error(a.line, _not_in_source(_("the decided_text of amendment '{id}'").format(id=a.id), text, a.handling))


def _not_in_source(what: str, text: str, h: Handling) -> str:
    assert h.source is not None
    quoted = text if len(text) <= 60 else text[:57] + "..."
    return _("{what} is not verbatim in its source {name}: '{quoted}' (the record is quoted, never edited)").format(
        what=what, name=h.source.path.name, quoted=quoted
    )
