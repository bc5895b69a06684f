"""What a collection's documents share: the organisation, people and bodies.

Stated once, in ``project.yaml`` for a collection or in ``document.yaml``
for a one-document project, and read here for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import problem, shown_path
from ..messages import gettext as _
from ..model import Body, Organisation, Person
from .fields import FieldReader
from .texts import Words
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
    """``organisation:`` with its ``name`` and ``web`` address, and for a
    bilingual municipality its Swedish name (``sv: {name: …}``)."""
    if node is None:
        return None
    m = r.fields(node, "organisation", {"name", "web"}, {"sv"})
    if m is None:
        return None
    sv = r.fields(m.values["sv"], _("organisation sv"), {"name"}, set()) if "sv" in m.values else None
    return Organisation(r.text(m, "name"), r.text(m, "web"), r.text(sv, "name") if sv else "")


def organisation_in(org: Organisation, words: Words) -> Organisation:
    """``org`` as a document in ``words``' language names it: a Swedish
    document by the Swedish name when one is stated."""
    return replace(org, name=org.sv_name, home_name=org.name) if words.code == "sv" and org.sv_name else org


def body_in(body: Body, words: Words) -> Body:
    """``body`` by its names in ``words``' language: its ``sv:`` forms in
    Swedish, where stated (a Swedish document's bodies are those already)."""
    return body.sv if words.code == "sv" and body.sv is not None else body


def read_person(r: FieldReader, key: str, node: YValue) -> Person | None:
    """A person: ``name``, ``title`` and an optional ``email``."""
    m = r.fields(node, _("person '{key}'").format(key=key), {"name", "title"}, {"email"})
    if m is None:
        return None
    email = r.text(m, "email")
    if email and not _EMAIL.fullmatch(email):
        r.error(r.line_of(m, "email"), _("'{email}' is not an e-mail address").format(email=email))
    return Person(key, r.text(m, "name"), r.text(m, "title"), email)


_FORMS = {"name", "abbreviation", "genitive", "allative"}


def read_body(r: FieldReader, key: str, node: YValue) -> Body | None:
    """A body with the inflected forms documents need, and optionally
    (``sv:``) the same forms in Swedish: ``name`` Kommunfullmäktige,
    ``abbreviation``, ``genitive`` Kommunfullmäktiges, and for ``allative``
    the phrase a proposal to it takes, ``till kommunfullmäktige``."""
    m = r.fields(node, _("body '{key}'").format(key=key), _FORMS, {"sv"})
    if m is None:
        return None
    swedish = None
    if "sv" in m.values:
        s = r.fields(m.values["sv"], _("body '{key}' sv").format(key=key), _FORMS, set())
        swedish = _forms(r, key, s) if s is not None else None
    return replace(_forms(r, key, m), sv=swedish)


def _forms(r: FieldReader, key: str, m: YMap) -> Body:
    forms = (r.text(m, "name"), r.text(m, "abbreviation"), r.text(m, "genitive"), r.text(m, "allative"))
    return Body(key, *forms, line=m.line, path=r.path)


def in_language(r: FieldReader, bodies: dict[str, Body], words: Words, where: int) -> dict[str, Body]:
    """``bodies`` as a document in ``words``' language names them: in Swedish
    their ``sv:`` forms, each missing one a problem at the body (a document's
    line ``where`` says which document needs it)."""
    if words.code != "sv":
        return bodies
    out: dict[str, Body] = {}
    for key, body in bodies.items():
        if body.sv is None:
            r.extend(
                [
                    problem(
                        body.path or r.path,
                        body.line,
                        _(
                            "body '{key}' has no Swedish forms, which a document in {language} needs "
                            "({where}): add 'sv:' with name, abbreviation, genitive and allative"
                        ).format(key=key, language=words.language, where=f"{shown_path(r.path)}:{where}"),
                    )
                ]
            )
        out[key] = body.sv or body  # the Finnish forms stand in, so that no reference to it fails too
    return out
