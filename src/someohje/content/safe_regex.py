"""User-written regular expressions, accepted only when they cannot backtrack
catastrophically.

Python's ``re`` has no time limit, and ``(a|aa)+`` takes seconds on a
30-character input. A pattern is refused when a repeated part itself holds
a repetition or an alternative (the shape of every exponential case), when
it uses a back-reference, or when it is long; the text matched is bounded
too (:data:`MAX_SUBJECT`). What is left runs in polynomial time on short input.
"""

from __future__ import annotations

import re
from typing import Any

from ..messages import gettext as _

MAX_PATTERN = 200
#: the longest text a user pattern is matched against
MAX_SUBJECT = 100

_parser: Any = getattr(re, "_parser")  # noqa: B009  (the stdlib's own parser, sre_parse)
_c: Any = getattr(re, "_constants")  # noqa: B009
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def compile_user_pattern(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern``; ``ValueError`` says why it is refused."""
    if len(pattern) > MAX_PATTERN:
        raise ValueError(_("it is longer than {MAX_PATTERN} characters").format(MAX_PATTERN=MAX_PATTERN))
    try:
        compiled = re.compile(pattern)
        parsed = _parser.parse(pattern)
    except re.error as exc:
        raise ValueError(_("it is not a valid regular expression: {exc}").format(exc=exc)) from None
    why = _risk(parsed.data if hasattr(parsed, "data") else parsed, inside_repeat=False)
    if why:
        raise ValueError(_("{why}; write a simpler pattern").format(why=why))
    return compiled


def _risk(items: Any, *, inside_repeat: bool) -> str:
    for op, arg in items:
        if op is _c.GROUPREF or op is _c.GROUPREF_EXISTS:
            return _("it uses a back-reference, which can take exponential time")
        if op in _REPEATS:
            _low, high, body = arg
            if high > 1 and inside_repeat:
                return _("it repeats a part that is itself repeated, which can take exponential time")
            why = _risk(body, inside_repeat=inside_repeat or high > 1)
            if why:
                return why
        elif op is _c.BRANCH:
            if inside_repeat:
                return _("it repeats a part with alternatives ('|'), which can take exponential time")
            for branch in arg[1]:
                why = _risk(branch, inside_repeat=inside_repeat)
                if why:
                    return why
        elif op is _c.SUBPATTERN:
            why = _risk(arg[-1], inside_repeat=inside_repeat)
            if why:
                return why
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            why = _risk(arg[1], inside_repeat=inside_repeat)
            if why:
                return why
    return ""
