"""``accessibility:`` in ``project.yaml``: the facts of the site's
accessibility statement that only the municipality can give.

```yaml
accessibility:
  feedback: saavutettavuus@kunta.fi      # how to give feedback (an address, a form)
  supervisor: "…"                        # the supervising authority and its contact details
  date: 1.9.2025                         # when the statement was made or last reviewed
```

Each is optional: what is not given shows in the statement as a visible
``TÄYDENNÄ`` placeholder (the statement's date then is the collection's
latest decision date, and says so). Read with the one field reader.
"""

from __future__ import annotations

from ..model import Accessibility
from .fields import FieldReader
from .yamlsource import YMap

FIELDS = {"feedback", "supervisor", "date"}


def read_accessibility(r: FieldReader, top: YMap) -> Accessibility:
    """The ``accessibility:`` mapping of ``top`` (empty when absent)."""
    node = top.values.get("accessibility")
    if node is None:
        return Accessibility()
    m = r.fields(node, "accessibility", set(), FIELDS)
    if m is None:
        return Accessibility()
    date = r.date(m, "date") if "date" in m.values else None
    return Accessibility(r.optional_text(m, "feedback"), r.optional_text(m, "supervisor"), date, m.line)
