"""The ``amendments`` of a ``document.yaml``, read and checked: each one's
kind and the fields it needs, its wording against the decided text, the
order of decisions, and the ``[[lisäys:ID]]`` markers that place inserts.
A language version's ``version.yaml`` gives each amendment's wording in its
language through the same checks (:mod:`.versions`).
"""

from __future__ import annotations

import difflib

from ..chars import OBJECT_STAND_IN, quote
from ..errors import problem
from ..messages import N_
from ..messages import gettext as _
from ..model import Amendment, AmendmentKind, Handling, Section
from .decided_wording import Corrections, check_wording, corrected, read_corrections
from .fields import FieldReader
from .markdown import visible_text
from .markers import marker_as_text, scan_markers, text_markers
from .yamlsource import YMap

_A_REQUIRED = {"id", "decided_by", "section"}
_A_OPTIONAL = {"kind", "decided_text", "wording", "anchor", "proposed_by", "proposed_on", "corrections"}


def read_amendments(
    r: FieldReader, top: YMap, handlings: dict[str, Handling], section_ids: set[str]
) -> list[Amendment]:
    """The ``amendments`` of ``top``, in decision order, each checked against
    the handlings and sections it names; every problem goes to ``r``."""
    out: list[Amendment] = []
    counts: dict[str, int] = {}
    order = list(handlings)
    for m, aid in r.entries(top.values.get("amendments"), "amendments", "amendment", _A_REQUIRED, _A_OPTIONAL):
        handling = r.ref(m, "decided_by", handlings, "handling")
        section = r.text(m, "section")
        if section and section not in section_ids:
            close = difflib.get_close_matches(section, sorted(section_ids), n=1)
            hint = _(" (did you mean '{close}'?)").format(close=close[0]) if close else ""
            r.error(
                r.line_of(m, "section"),
                _("amendment '{aid}' targets section '{section}', which does not exist{hint}").format(
                    aid=aid, section=section, hint=hint
                ),
            )
        kind = amendment_kind(r, m, aid)
        if handling is None:
            continue
        if out and order.index(handling.id) < order.index(out[-1].handling.id):
            r.error(
                r.line_of(m, "decided_by"),
                _(
                    "amendment '{aid}' ({meeting_ref}) is listed after one decided later ('{id}', "
                    "{meeting_ref2}): list amendments in decision order"
                ).format(
                    aid=aid,
                    meeting_ref=handling.meeting_ref(),
                    id=out[-1].id,
                    meeting_ref2=out[-1].handling.meeting_ref(),
                ),
            )
        if handling.decided and "decided_text" not in m.values:
            r.error(
                m.line,
                _("amendment '{aid}' has no 'decided_text': quote the decision as the minutes record it").format(
                    aid=aid
                ),
            )
        decided = r.record(m, "decided_text")
        corrections = read_corrections(r, m, aid, decided)
        wording = amendment_wording(r, m, aid, kind, decided, corrections)
        check_quotes(r, m, aid, wording)
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


def amendment_wording(
    r: FieldReader, m: YMap, aid: str, kind: AmendmentKind, decided: str, corrections: Corrections
) -> str:
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


def check_quotes(r: FieldReader, m: YMap, aid: str, wording: str) -> None:
    """An anchor quotes visible text, never U+FFFC (which stands for an image
    or a source reference where passages are looked for); a wording is text,
    never an amendment marker."""
    if OBJECT_STAND_IN in r.text(m, "anchor"):
        r.error(
            r.line_of(m, "anchor"),
            _(
                "amendment '{aid}': the anchor quotes U+FFFC, which stands for an image or a "
                "source reference, not text; quote the words of the passage"
            ).format(aid=aid),
        )
    why = marker_as_text("".join(text for _, text in visible_text(wording, inline=True)))
    if why:
        r.error(
            r.line_of(m, "wording") if "wording" in m.values else m.line,
            _("amendment '{aid}': its wording holds {why}").format(aid=aid, why=why),
        )


def check_after_text_stage(r: FieldReader, order: list[str], text_stage: str, amendments: list[Amendment]) -> None:
    """An amendment decided at or before ``text_stage`` is in the section files already."""
    for a in amendments:
        if order.index(a.handling.id) <= order.index(text_stage):
            r.error(
                a.line,
                _(
                    "amendment '{id}' is decided by '{id2}', at or before text_stage '{text_stage}': "
                    "the section files hold that text already"
                ).format(id=a.id, id2=a.handling.id, text_stage=text_stage),
            )


def amendment_kind(r: FieldReader, m: YMap, aid: str) -> AmendmentKind:
    """The amendment's kind, checking it has the fields the kind needs."""
    if "kind" not in m.values:
        return check_kind_fields(r, m, aid, AmendmentKind.INSERT)
    kind = r.choice(m, "kind", AmendmentKind, AmendmentKind.INSERT, _("amendment kind"))
    return check_kind_fields(r, m, aid, kind)


def check_kind_fields(r: FieldReader, m: YMap, aid: str, kind: AmendmentKind) -> AmendmentKind:
    if kind is not AmendmentKind.INSERT and "anchor" not in m.values:
        r.error(
            m.line,
            _("amendment '{aid}' ({kind}) needs 'anchor': {passage}").format(
                aid=aid, kind=kind, passage=_(_ACTS[kind])
            ),
        )
    if kind is AmendmentKind.DELETE and "wording" in m.values:
        r.error(r.line_of(m, "wording"), _("amendment '{aid}' deletes text: it has no 'wording'").format(aid=aid))
    if kind is not AmendmentKind.DELETE and "wording" not in m.values and "decided_text" not in m.values:
        r.error(m.line, _("missing required field 'wording' in amendment '{aid}' ({kind})").format(aid=aid, kind=kind))
    return kind


_ACTS = {
    AmendmentKind.REPLACE: N_("the exact passage it replaces"),
    AmendmentKind.DELETE: N_("the exact passage it deletes"),
    AmendmentKind.INSERT: N_("the exact passage it follows"),
}


def check_markers(r: FieldReader, sections: list[Section], amendments: list[Amendment]) -> None:
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
                r.problems.append(
                    problem(section.path, number, _("marker names unknown amendment '{aid}'").format(aid=quote(aid)))
                )
            elif kinds[aid] is not AmendmentKind.INSERT:
                r.problems.append(
                    problem(
                        section.path,
                        number,
                        _("amendment '{aid}' is a {kind}: only an insert has a marker").format(
                            aid=aid, kind=kinds[aid]
                        ),
                    )
                )
            elif target[aid] != section.id:
                r.problems.append(
                    problem(
                        section.path,
                        number,
                        _("amendment '{aid}' targets section '{target}', not '{id}'").format(
                            aid=aid, target=target[aid], id=section.id
                        ),
                    )
                )
            elif aid in seen:
                r.problems.append(problem(section.path, number, _("amendment '{aid}' is placed twice").format(aid=aid)))
            seen.add(aid)
