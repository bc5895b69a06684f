"""Tracked changes in a DOCX become proposed amendments of a pending handling.

The DOCX is one someohje wrote (an agenda attachment or a stage build) that
someone edited in Word or LibreOffice with change tracking on. Rejecting
every change must give the text of the handling's stage as it stands now;
each change then becomes an amendment that :mod:`someohje.record.amendments`
applies to that text, in document order:

- a change inside a paragraph is a ``replace`` (or a ``delete`` when nothing
  replaces it) of the old passage, extended to whole words and to enough
  words around it to occur exactly once in its section;
- a wholly inserted paragraph is an ``insert`` after the paragraph before it;
- a wholly deleted paragraph is a ``delete`` of its whole text.

Nothing is guessed: a change that cannot be anchored (in a source reference
or a heading number, in the page header, in a table's rows, one that splits
or joins paragraphs, outside the guideline's sections) is a blocking
:class:`Finding` with its place; formatting changes are reported and
ignored. The amendments are finally applied to the stage and compared with
the document's accepted text, paragraph by paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.sources import normalised
from ..errors import ContentError, problem
from ..finnish import smart_text
from ..messages import N_
from ..messages import gettext as _
from ..model import Amendment, AmendmentKind, Document, Handling
from ..record.amendments import ATOM as TREE_ATOM
from ..record.amendments import passage_pattern, section_texts, unit_texts
from .layout import Slot, slots
from .package import BadDocx, bad_docx_message
from .passages import grow, markdown, merged, runs, text, trim, window
from .wordml import Body, Finding, Revision, Token, read_docx

FIXED_REASONS = {
    "R": N_("a change in a source reference (someohje writes these)"),
    "N": N_("a change in a heading's number (someohje numbers the headings)"),
    "A": N_("a change next to an image"),
    "C": N_("a change in a table caption"),
}
INSERT_ANCHOR_WORDS = 6  #: an insert quotes at least this many words of the paragraph before it


@dataclass
class Para:
    """A paragraph of one view (before or after the changes): stream indices."""

    chars: list[int]
    mark: int


@dataclass
class Proposal:
    """An amendment found in the document, not yet numbered."""

    kind: AmendmentKind
    section: int
    anchor: str
    wording: str
    revisions: list[Revision]


@dataclass
class Imported:
    """What a document's tracked changes give: amendments and findings."""

    amendments: list[Amendment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """Whether some change could not be recorded."""
        return any(f.blocking for f in self.findings)


def import_changes(doc: Document, handling: Handling, path: Path) -> Imported:
    """The proposed amendments the tracked changes of ``path`` make to the
    stage after ``handling``, and what could not be recorded.

    Raises :class:`ContentError` when the file is no DOCX, holds no tracked
    change, or its text before the changes is not the stage's text.
    """
    try:
        body = read_docx(path)
    except BadDocx as exc:
        raise ContentError([problem(path, 0, bad_docx_message(exc, _("not a Word document (.docx)")))]) from None
    if not any(t.state != "same" for t in body.tokens) and not body.findings:
        raise ContentError([problem(path, 0, _("no tracked changes found (turn on Track Changes before editing)"))])
    return _Importer(doc, handling, path, body).run()


class _Importer:
    def __init__(self, doc: Document, handling: Handling, path: Path, body: Body) -> None:
        self.doc, self.handling, self.path, self.body = doc, handling, path, body
        self.t = body.tokens
        self.old, self.old_of = _view(self.t, "ins")
        self.new, self.new_of = _view(self.t, "del")
        self.slots = slots(doc, handling)
        self.slot_of: dict[int, Slot] = {}
        self.proposals: list[Proposal] = []
        self.findings: list[Finding] = list(body.findings)
        self.new_section: dict[int, int] = {}
        self._units: tuple[int, dict[int, list[str]]] | None = None

    # -- the whole run ---------------------------------------------------------------

    def run(self) -> Imported:
        start = self._align()
        for segment in self._segments():
            self._segment(segment)
        if not any(f.blocking for f in self.findings):
            self._verify(start)
        return Imported(self._amendments(), sorted(self.findings, key=_in_document_order))

    def _align(self) -> int:
        """Find the stage's paragraphs in the document as it was before the
        changes; mark what is never quoted. Returns the first one's index."""
        texts = ["".join(self.t[i].char for i in p.chars) for p in self.old]
        want = [s.text for s in self.slots]
        starts = [i for i, text in enumerate(texts) if text == want[0]]
        for i in starts:
            if texts[i : i + len(want)] == want:
                for k, slot in enumerate(self.slots):
                    self.slot_of[i + k] = slot
                    for pos, flag in zip(self.old[i + k].chars, slot.fixed, strict=True):
                        self.t[pos].fixed = flag.strip()
                return i
        ref = self.handling.meeting_ref()
        if not starts:
            why = _("its first section heading '{want}' is not there").format(want=want[0])
        else:
            i = starts[0]
            k = next(k for k, text in enumerate(want) if i + k >= len(texts) or texts[i + k] != text)
            if i + k < len(texts):
                why = _("paragraph {number} reads '{short}'").format(
                    number=self._number(i + k), short=_short(texts[i + k])
                )
            else:
                why = _("the document ends")
            why += _(" where the text has '{short}'").format(short=_short(want[k]))
        raise ContentError(
            [
                problem(
                    self.path,
                    0,
                    _(
                        "the document without its changes is not the text of {ref} as it stands ({why}); "
                        "edit the DOCX of 'build --stage {id}' (or the meeting's attachment)"
                    ).format(ref=ref, why=why, id=self.handling.id),
                )
            ]
        )

    def _segments(self) -> list[list[int]]:
        """Runs of the stream that end at an unchanged paragraph mark; only
        those holding a change."""
        out: list[list[int]] = []
        current: list[int] = []
        for i, token in enumerate(self.t):
            current.append(i)
            if token.mark and token.state == "same":
                if any(self.t[j].state != "same" for j in current):
                    out.append(current)
                current = []
        return out

    # -- one segment -----------------------------------------------------------------

    def _segment(self, segment: list[int]) -> None:
        olds = list(dict.fromkeys(self.old_of[i] for i in segment if self.t[i].state != "ins"))
        news = list(dict.fromkeys(self.new_of[i] for i in segment if self.t[i].state != "del"))
        place = self._place(olds[0])
        if any(o not in self.slot_of for o in self._touched(segment)):
            self._find(place, segment, _("a change outside the guideline's sections (title, approval line, history)"))
            return
        one = len(olds) == len(news) == 1  # one paragraph before and after: changes inside it
        gone = [o for o in olds if self._all(self.old[o].chars, "del") and not one]
        added = [n for n in news if self._all(self.new[n].chars, "ins") and not one]
        empty_new = [n for n in news if not self.new[n].chars and self.t[self.new[n].mark].state == "ins"]
        kept_old = [o for o in olds if o not in gone]
        kept_new = [n for n in news if n not in added and n not in empty_new]
        if len(kept_old) != 1 or len(kept_new) != 1:
            self._find(place, segment, _("a change that splits or joins paragraphs"))
            return
        actions: list[tuple[int, str, int]] = [(self.old[o].chars[0], "delete", o) for o in gone]
        actions += [(self.new[n].chars[0], "insert", n) for n in added]
        if kept_old[0] in self.slot_of:
            first = min([*self.old[kept_old[0]].chars, *self.new[kept_new[0]].chars, self.old[kept_old[0]].mark])
            actions.append((first, "inline", kept_old[0]))
            self.new_section[kept_new[0]] = self.slot_of[kept_old[0]].section
        for _at, what, index in sorted(actions):
            if what == "delete":
                self._whole_delete(index)
            elif what == "insert":
                self._insert(index)
            else:
                seq = sorted(set(self.old[index].chars) | set(self.new[kept_new[0]].chars))
                self._inline(seq, self.slot_of[index], self._place(index))

    def _touched(self, segment: list[int]) -> set[int]:
        """The old paragraphs a change of ``segment`` is in: a deleted
        character's own, and an inserted one's the paragraph it was typed
        into (that of the next character not inserted; the segment ends at
        an unchanged mark, so there is one)."""
        touched: set[int] = set()
        after = segment[-1]
        for i in reversed(segment):
            state = self.t[i].state
            if state != "ins":
                after = i
            if state != "same":
                touched.add(self.old_of[after])
        return touched

    def _all(self, chars: list[int], state: str) -> bool:
        return bool(chars) and all(self.t[i].state == state for i in chars)

    def _place(self, old_index: int) -> str:
        slot = self.slot_of.get(old_index)
        where = _("section {title}").format(title=slot.title) if slot else _("outside the guideline's sections")
        return _("paragraph {number} ({where})").format(number=self._number(old_index), where=where)

    def _number(self, old_index: int) -> int:
        """The 1-based number of the ``w:p`` where old paragraph ``old_index`` starts."""
        old = self.old[old_index]
        return self.t[old.chars[0] if old.chars else old.mark].para + 1

    def _find(self, place: str, positions: list[int], reason: str) -> None:
        def text(state: str) -> str:
            return normalised("".join(self.t[i].char for i in positions if self.t[i].state == state))

        gone, added = text("del"), text("ins")
        shown = f"{gone} → {added}".strip() if gone or added else text("same")
        self.findings.append(Finding(place, shown, reason))

    # -- whole paragraphs ----------------------------------------------------------------

    def _whole_delete(self, o: int) -> None:
        slot, chars, place = self.slot_of[o], self.old[o].chars, self._place(o)
        if slot.kind in ("heading", "caption"):
            self._find(place, chars, _("a deleted {kind} (the structure of the guideline)").format(kind=slot.kind))
            return
        body = trim(chars, self.t)
        if any(self.t[i].fixed for i in body):
            self._find(place, chars, _("a deleted paragraph holding an image or a source reference inside it"))
            return
        anchor = "".join(self.t[i].char for i in body).strip()
        found = self._count(anchor, slot.section)
        if found != 1:
            self._find(
                place,
                chars,
                _("a deleted paragraph whose text occurs {found} times in its section").format(found=found),
            )
            return
        self._propose(AmendmentKind.DELETE, slot.section, anchor, "", chars)

    def _insert(self, n: int) -> None:
        para = self.body.paragraphs[self.t[self.new[n].mark].para]
        chars = self.new[n].chars
        place = _("paragraph {value}").format(value=para.index + 1)
        if para.style.lower().startswith(("heading", "otsikko")) or para.numbered or para.in_table:
            kind = _("heading") if not (para.numbered or para.in_table) else _("list item or table cell")
            self._find(place, chars, _("an inserted {kind} (only plain paragraphs can be inserted)").format(kind=kind))
            return
        before = n - 1
        section = self._section_of_new(before)
        after = self._slot_of_new(n + 1)
        previous = self._slot_of_new(before)
        if section is None:
            self._find(place, chars, _("an inserted paragraph before the first section"))
            return
        if previous and after and (previous.section, previous.block) == (after.section, after.block):
            self._find(place, chars, _("an inserted paragraph inside a list or table"))
            return
        anchor = self._tail_anchor(self.new[before].chars, section)
        if not anchor:
            self._find(place, chars, _("an inserted paragraph after one that cannot be quoted uniquely"))
            return
        self.new_section[n] = section
        self._propose(AmendmentKind.INSERT, section, anchor, markdown([self.t[i] for i in chars]), chars)

    def _section_of_new(self, n: int) -> int | None:
        if n < 0:
            return None
        if n in self.new_section:
            return self.new_section[n]
        slot = self._slot_of_new(n)
        return slot.section if slot else None

    def _slot_of_new(self, n: int) -> Slot | None:
        if n < 0 or n >= len(self.new):
            return None
        olds = [self.old_of[i] for i in self.new[n].chars if self.t[i].state != "ins"]
        return self.slot_of.get(olds[0]) if olds else None

    def _tail_anchor(self, chars: list[int], section: int) -> str:
        """The shortest run of whole words (at least :data:`INSERT_ANCHOR_WORDS`,
        so that a reader recognises the place) at the end of a paragraph,
        before its source references, that occurs once in the section."""
        body = trim(chars, self.t)
        tail: list[int] = []
        for i in reversed(body):
            if self.t[i].fixed:
                break
            tail.insert(0, i)
        words = "".join(self.t[i].char for i in tail).split()
        for k in range(min(INSERT_ANCHOR_WORDS, len(words)), len(words) + 1):
            anchor = " ".join(words[-k:])
            if self._count(anchor, section) == 1:
                return anchor
        return ""

    # -- changes inside a paragraph ----------------------------------------------------------

    def _inline(self, seq: list[int], slot: Slot, place: str) -> None:
        chars = [i for i in seq if not self.t[i].mark]
        windows = merged([window(chars, a, b, self.t) for a, b in runs(chars, self.t)])
        k = 0
        while k < len(windows):
            lo, hi = windows[k]
            core_lo = lo
            if lo == hi:
                self._find(place, chars[lo : hi + 1], _("a change with no word around it to quote"))
                k += 1
                continue
            fixed = [self.t[i].fixed for i in chars[lo:hi] if self.t[i].fixed]
            if fixed or any(self.t[i].link for i in chars[lo:hi]):
                reason = _(FIXED_REASONS[fixed[0]]) if fixed else _("a change in a link")
                self._find(place, chars[lo:hi], reason)
                k += 1
                continue
            grow_left = True
            while True:
                anchor = text(chars, lo, core_lo, hi, self.t, old=True)
                found = self._count(anchor, slot.section)
                if found == 1:
                    break
                grown = grow(chars, lo, core_lo, hi, windows, k, self.t, left=grow_left)
                if grown is None:
                    grown = grow(chars, lo, core_lo, hi, windows, k, self.t, left=not grow_left)
                if grown is None:
                    break
                lo, hi = grown
                grow_left = not grow_left
            if found != 1:
                self._find(
                    place,
                    chars[core_lo:hi],
                    _("a passage that occurs {found} times in its section").format(found=found),
                )
                k += 1
                continue
            wording_tokens = [self.t[i] for i in chars[lo:hi] if self.t[i].state != "del"]
            wording = markdown(wording_tokens)
            kind = AmendmentKind.REPLACE if wording else AmendmentKind.DELETE
            self._propose(kind, slot.section, anchor.strip(), wording, chars[core_lo:hi])
            k += 1

    # -- the working text ----------------------------------------------------------------------

    def _count(self, anchor: str, section: int) -> int:
        if not anchor.strip():
            return 0
        pattern = passage_pattern(anchor)
        return sum(len(pattern.findall(t)) for t in self._working()[section])

    def _working(self) -> dict[int, list[str]]:
        """Each section's unit texts with the proposals so far applied."""
        if self._units is None or self._units[0] != len(self.proposals):
            texts = section_texts(self._with_proposals(), self.handling)
            units = {i: [u for b in text.blocks for u in unit_texts(b)] for i, text in enumerate(texts)}
            self._units = (len(self.proposals), units)
        return self._units[1]

    def _with_proposals(self) -> Document:
        return replace(self.doc, amendments=(*self.doc.amendments, *self._amendments()))

    def _propose(self, kind: AmendmentKind, section: int, anchor: str, wording: str, positions: list[int]) -> None:
        revisions = [self.t[i].revision for i in positions if self.t[i].state != "same" and self.t[i].revision]
        self.proposals.append(Proposal(kind, section, anchor, wording, [r for r in revisions if r]))

    def _amendments(self) -> list[Amendment]:
        taken = {a.id for a in self.doc.amendments}
        own = sum(1 for a in self.doc.amendments if a.handling is self.handling)
        out: list[Amendment] = []
        serial = 0
        for k, p in enumerate(self.proposals, 1):
            serial += 1
            while f"{self.handling.id}-{serial}" in taken:
                serial += 1
            authors = list(dict.fromkeys(r.author for r in p.revisions if r.author))
            dates = sorted(d for d in (_day(r.date) for r in p.revisions) if d is not None)
            out.append(
                Amendment(
                    f"{self.handling.id}-{serial}",
                    own + k,
                    self.handling,
                    "",
                    self.doc.sections[p.section].id,
                    p.wording,
                    kind=p.kind,
                    anchor=p.anchor,
                    proposed_by=", ".join(authors),
                    proposed_on=dates[-1] if dates else None,
                )
            )
        return out

    # -- the proof ----------------------------------------------------------------------------

    def _verify(self, start: int) -> None:
        """The amendments applied to the stage must give the document's
        accepted text, paragraph by paragraph (source references aside)."""
        first = self.old[start].chars[0]
        last = self.old[start + len(self.slots) - 1].mark
        span = [n for n in range(len(self.new)) if first <= self._new_end(n) and self._new_start(n) <= last]
        edited = [_comparable("".join(self.t[i].char for i in self.new[n].chars if not self.t[i].fixed)) for n in span]
        texts = section_texts(self._with_proposals(), self.handling)
        result = [_comparable(u.replace(TREE_ATOM, "")) for text in texts for b in text.blocks for u in unit_texts(b)]
        edited, result = [t for t in edited if t], [t for t in result if t]
        if edited == result:
            return
        k = next(
            (k for k, (a, b) in enumerate(zip(edited, result, strict=False)) if a != b), min(len(edited), len(result))
        )
        want = edited[k] if k < len(edited) else "(nothing)"
        got = result[k] if k < len(result) else "(nothing)"
        self.findings.append(
            Finding(
                _("paragraph {value} of the guideline text").format(value=k + 1),
                want,
                _("would read '{short}', not as edited").format(short=_short(got)),
            )
        )

    def _new_start(self, n: int) -> int:
        return self.new[n].chars[0] if self.new[n].chars else self.new[n].mark

    def _new_end(self, n: int) -> int:
        return self.new[n].mark


# --- helpers on the token stream -------------------------------------------------------------


def _view(tokens: list[Token], leave_out: str) -> tuple[list[Para], dict[int, int]]:
    """The paragraphs of the document without the ``leave_out`` tokens, and
    for each token kept the paragraph it is in."""
    paras: list[Para] = []
    of: dict[int, int] = {}
    current: list[int] = []
    for i, token in enumerate(tokens):
        if token.state == leave_out:
            continue
        of[i] = len(paras)
        if token.mark:
            paras.append(Para(current, i))
            current = []
        else:
            current.append(i)
    return paras, of


def _in_document_order(finding: Finding) -> int:
    """Findings in the body by paragraph, those in headers and footers last."""
    word = _("paragraph {value}").partition("{value}")[0]  # "paragraph N (…)" in the user's language
    match = re.match(re.escape(word) + r"(\d+)", finding.where)
    return int(match.group(1)) if match else 1 << 30


def _comparable(text: str) -> str:
    return normalised(smart_text(text))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _day(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
