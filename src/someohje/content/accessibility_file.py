"""``accessibility:`` in ``project.yaml``: the facts of the site's
accessibility statement that only the municipality can give.

```yaml
accessibility:
  feedback: saavutettavuus@kunta.fi      # how to give feedback (an address, a form)
  supervisor: "…"                        # the supervising authority and its contact details
  date: 1.9.2025                         # when the statement was made or last reviewed
  sv:                                    # a bilingual site: the Swedish statement's own
    feedback: tillganglighet@kommun.fi
    supervisor: "…"
```

The fields are in the language of the site's index (its first document's
language); a bilingual site gives the other language's under ``sv:`` (or
``fi:`` where the index is Swedish), and where it does not, that
statement shows the first language's value marked as such (``lang``).

Each is optional: what is not given shows in the statement as a visible
``TÄYDENNÄ`` placeholder (the statement's date then is the collection's
latest decision date, and says so). Read with the one field reader.
"""

from __future__ import annotations

from ..messages import gettext as _
from ..model import Accessibility
from .fields import FieldReader
from .texts import LANGUAGES, column
from .yamlsource import YMap

FIELDS = {"feedback", "supervisor", "date", *LANGUAGES}
TRANSLATED = {"feedback", "supervisor"}  #: the fields a statement in another language gives in its own words


def read_accessibility(r: FieldReader, top: YMap) -> Accessibility:
    """The ``accessibility:`` mapping of ``top`` (empty when absent)."""
    node = top.values.get("accessibility")
    if node is None:
        return Accessibility()
    m = r.fields(node, "accessibility", set(), FIELDS)
    if m is None:
        return Accessibility()
    date = r.date(m, "date") if "date" in m.values else None
    languages: dict[str, tuple[str, str]] = {}
    lines: dict[str, int] = {}
    for code in (c for c in LANGUAGES if c in m.values):
        lines[code] = m.lines[code]
        own = r.fields(m.values[code], f"accessibility: {code}", set(), TRANSLATED)
        if own is not None:
            languages[code] = (r.optional_text(own, "feedback"), r.optional_text(own, "supervisor"))
    feedback, supervisor = r.optional_text(m, "feedback"), r.optional_text(m, "supervisor")
    return Accessibility(feedback, supervisor, date, m.line, languages, lines)


def language_problems(facts: Accessibility, languages: list[str]) -> list[tuple[int, str]]:
    """Each language block of ``facts`` the site has no use for, as (line,
    message): the site's first language's (the fields above are in it), or
    one no document is in. ``languages``: the documents' ``language``
    tags, in the collection's order."""
    codes = [LANGUAGES[column(tag or "fi-FI")] for tag in languages]
    out = []
    for code, line in facts.language_lines.items():
        if codes and code == codes[0]:
            message = _(
                "'accessibility: {code}' is the language of the site's first page: give its fields "
                "directly under 'accessibility:'"
            )
        elif code not in codes:
            message = _("'accessibility: {code}': no document of the collection is in this language")
        else:
            continue
        out.append((line, message.format(code=code)))
    return out
