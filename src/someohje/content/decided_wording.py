"""Decided wording: an amendment's text is the record's, typing errors aside.

A body decides an amendment in words the minutes record (``decided_text``,
quoted verbatim with its typing errors). The guideline may state that text
only with its typing errors corrected, each one listed under the amendment
as ``corrections:`` (recorded → corrected), and the source reference then
says so (``kirjoitusasu korjattu``). Without ``wording:`` the wording is the
decided text so corrected; a ``wording:`` given beside it must be that, or a
passage quoted from it (a decision such as *kohta muutetaan kuulumaan ”…”*),
or the wording of a proposal the meeting had before it and approved
(``proposed_by:``, as ``import-changes`` records it). Anything else would be
stamped with a § that never decided it, and is refused::

    - id: lisays-2
      decided_by: kvalt-2022-06-14
      decided_text: Mahdolliset virheet somessa oikaistaa välittömästi.
      corrections:
        oikaistaa: oikaistaan
"""

from __future__ import annotations

import re

from ..finnish import smart_text
from ..messages import gettext as _
from .fields import FieldReader
from .sources import normalised
from .yamlsource import YMap, YScalar

Corrections = tuple[tuple[str, str], ...]
#: the most letters a typing error may change (a reworded passage changes more)
MAX_EDIT = 3
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MARKS = re.compile(r"\\(?=[^\w\s])|[*_]")


def read_corrections(r: FieldReader, m: YMap, aid: str, decided: str) -> Corrections:
    """The ``corrections:`` mapping of amendment ``aid`` (recorded word →
    corrected word); each problem (not a word of the decided text, not a
    typing error) is logged at its line."""
    node = m.values.get("corrections")
    if node is None:
        return ()
    if not isinstance(node, YMap):
        r.error(
            node.line,
            _("amendment '{aid}': 'corrections' must be a mapping of recorded word: corrected word").format(aid=aid),
        )
        return ()
    out: list[tuple[str, str]] = []
    words = set(_WORD.findall(decided))
    for recorded, value in node.values.items():
        line = node.lines[recorded]
        fixed = value.text.strip() if isinstance(value, YScalar) else ""
        if recorded not in words:
            r.error(
                line,
                _("amendment '{aid}': '{recorded}' is not a word of its decided_text").format(
                    aid=aid, recorded=recorded
                ),
            )
        elif not _WORD.fullmatch(fixed) or fixed == recorded:
            r.error(
                line,
                _("amendment '{aid}': the correction of '{recorded}' must be one other word").format(
                    aid=aid, recorded=recorded
                ),
            )
        elif edit_distance(recorded, fixed) > MAX_EDIT:
            r.error(
                line,
                _(
                    "amendment '{aid}': '{recorded}' → '{fixed}' changes more than {MAX_EDIT} "
                    "letters: that is rewording, not a typing error"
                ).format(aid=aid, recorded=recorded, fixed=fixed, MAX_EDIT=MAX_EDIT),
            )
        else:
            out.append((recorded, fixed))
    return tuple(out)


def corrected(decided: str, corrections: Corrections) -> str:
    """The decided text with each recorded word replaced by its correction."""
    fixes = dict(corrections)
    return _WORD.sub(lambda w: fixes.get(w.group(0), w.group(0)), decided) if fixes else decided


def check_wording(r: FieldReader, m: YMap, aid: str, decided: str, corrections: Corrections, wording: str) -> None:
    """Log a problem when ``wording`` says more than the decided text with
    its corrections (see the module's rule); a proposal's wording passes."""
    if "proposed_by" in m.values:
        return
    record = _plain(corrected(decided, corrections))
    said = _plain(wording)
    if said and said not in record:
        why = _(
            "amendment '{aid}': its wording differs from the decided_text by more than the "
            "recorded corrections ({first_difference}); leave 'wording' out to use the "
            "decided text, and list each typing error under 'corrections'"
        ).format(aid=aid, first_difference=_first_difference(said, record))
        r.error(r.line_of(m, "wording"), why)


def _plain(text: str) -> str:
    return normalised(smart_text(_MARKS.sub("", text)))


def _first_difference(said: str, record: str) -> str:
    a, b = said.split(), record.split()
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    got = a[i] if i < len(a) else "(end)"
    was = b[i] if i < len(b) else "(end)"
    return _("'{got}' where the record has '{was}'").format(got=got, was=was)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: letters inserted, deleted or replaced."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
