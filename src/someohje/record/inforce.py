"""The text in force on a date (*ajantasainen versio*).

An approving decision takes effect on its ``in_force`` date; where the
sources do not give one, on its decision date, and the output says so. The
text in force on a day is the stage of the last approving decision that had
taken effect by then.
"""

from __future__ import annotations

import datetime as dt

from ..errors import Problem, UsageError
from ..finnish import finnish_date
from ..messages import gettext as _
from ..model import Document, Handling, Outcome


def effective_date(handling: Handling) -> dt.date | None:
    """When an approving decision takes effect: ``in_force``, else the decision date."""
    return handling.in_force or handling.date.date


def in_force_on(doc: Document, day: dt.date) -> Handling:
    """The approving handling whose text was in force on ``day``.

    Raises :class:`UsageError` (naming ``--as-of``) for a day before the
    first approval took effect, or when no approval's date is known.
    """
    approvals = [h for h in doc.handlings if h.outcome is Outcome.APPROVED and effective_date(h) is not None]
    approvals = [h for h in approvals if h.id in doc.stage_ids()]
    if not approvals:
        raise UsageError([Problem("--as-of", 0, _("no approval of the text with a known date is recorded"))])
    taken = [h for h in approvals if (effective_date(h) or day) <= day]
    if not taken:
        first = approvals[0]
        when = finnish_date(effective_date(first) or day)
        known = _("in force") if first.in_force else _("its entry into force is not recorded; decided")
        raise UsageError(
            [
                Problem(
                    "--as-of",
                    0,
                    _(
                        "{finnish_date} is before the text was first in force ({meeting_ref}, {known} "
                        "{when}); give {when} or later"
                    ).format(finnish_date=finnish_date(day), meeting_ref=first.meeting_ref(), known=known, when=when),
                )
            ]
        )
    return taken[-1]


def parse_as_of(text: str) -> dt.date:
    """``--as-of``'s value (d.m.yyyy); :class:`UsageError` naming the option when malformed."""
    from ..content.fields import parse_finnish_date

    try:
        return parse_finnish_date(text, unknown=False)  # a day must be given: 'unknown' is no day
    except ValueError as exc:
        raise UsageError([Problem("--as-of", 0, str(exc))]) from None
