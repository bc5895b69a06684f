"""What a collection's documents share: the organisation, people and bodies.

Stated once, in ``project.yaml`` for a collection or in ``document.yaml``
for a one-document project, and read here for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import gettext as _
from ..model import Body, Organisation, Person
from .fields import FieldReader
from .yamlsource import YMap, YValue

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
#: the keys a collection states once for all its documents
SHARED_KEYS = frozenset({"organisation", "people", "bodies"})


@dataclass(frozen=True)
class Shared:
    """What a collection's documents share, stated once in ``project.yaml``."""

    organisation: Organisation
    people: dict[str, Person]
    bodies: dict[str, Body]


def read_shared(r: FieldReader, top: YMap) -> Shared | None:
    """The organisation, people and bodies of ``top``; None when the
    organisation is missing or wrong (the problem is logged)."""
    org = read_organisation(r, top.values.get("organisation"))
    people = r.keyed(top.values.get("people"), "person", lambda k, v: read_person(r, k, v))
    bodies = r.keyed(top.values.get("bodies"), "body", lambda k, v: read_body(r, k, v))
    return Shared(org, people, bodies) if org is not None else None


def read_organisation(r: FieldReader, node: YValue | None) -> Organisation | None:
    """``organisation:`` with its ``name`` and ``web`` address."""
    if node is None:
        return None
    m = r.fields(node, "organisation", {"name", "web"}, set())
    return Organisation(r.text(m, "name"), r.text(m, "web")) if m else None


def read_person(r: FieldReader, key: str, node: YValue) -> Person | None:
    """A person: ``name``, ``title`` and an optional ``email``."""
    m = r.fields(node, _("person '{key}'").format(key=key), {"name", "title"}, {"email"})
    if m is None:
        return None
    email = r.text(m, "email")
    if email and not _EMAIL.fullmatch(email):
        r.error(r.line_of(m, "email"), _("'{email}' is not an e-mail address").format(email=email))
    return Person(key, r.text(m, "name"), r.text(m, "title"), email)


def read_body(r: FieldReader, key: str, node: YValue) -> Body | None:
    """A body with the inflected forms documents need."""
    m = r.fields(node, _("body '{key}'").format(key=key), {"name", "abbreviation", "genitive", "allative"}, set())
    if m is None:
        return None
    return Body(key, r.text(m, "name"), r.text(m, "abbreviation"), r.text(m, "genitive"), r.text(m, "allative"))
