"""What a minutes extract needs to be official, as the content states it.

A *pöytäkirjanote* is official with its certification (who certifies it as a
true copy, where, when) and, for a decision that can be appealed, its appeal
instructions (kuntalaki 410/2015, 134 §). The facts come from the
``extract:`` mapping of ``content/document.yaml``; the appeal texts are the
municipality's own, one Markdown file per kind under
``content/muutoksenhaku/`` (a document in Swedish takes them from
``content/muutoksenhaku/sv/``: *omprövningsbegäran*, *kommunalbesvär*,
*förbud att söka ändring*). A fact the sources do not give is left empty and
printed as a blank to fill in by hand: never a guess.

::

    extract:
      certifier: ~          # name of who certifies the extract
      certifier_title: ~
      place: ~
      date: ~               # d.m.yyyy
      appeal_authority: ~   # the administrative court (Hallintolaki 434/2003 47 §: the instructions name it)
      appeal_address: ~     # its postal address
      appeal_email: ~
      appeal_phone: ~
      appeal_hours: ~       # its office hours
      registry_address: ~   # the municipality's registry (kirjaamo): where a rectification request goes
      registry_email: ~
      registry_hours: ~
      minutes_published: ~  # d.m.yyyy: the minutes made public in the public data network
      appeals:              # the appeal of each body's decisions
        kvalt: kunnallisvalitus
        kh: oikaisuvaatimus

Each kind's text must name what the law requires it to: the appeal
instructions the appeal authority (``{appeal_authority}``), the
rectification instructions the body that decided (``{body}``).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import problem
from ..messages import N_
from ..messages import gettext as _
from ..model import AppealText, ExtractFacts
from .fields import FieldReader
from .yamlsource import YMap, YScalar, YValue, read_text

MUNICIPAL_APPEAL = "kunnallisvalitus"  #: a council's decision (kuntalaki 134 § 1 mom.)
RECTIFICATION = "oikaisuvaatimus"  #: a board's or an official's decision (134 § 1 mom.)
NO_APPEAL = "ei-muutoksenhakua"  #: a decision that only prepares a matter (136 §)
APPEAL_DIR = "muutoksenhaku"  #: under content/: one ``<kind>.md`` per kind
_CONTACTS = ("appeal_address", "appeal_email", "appeal_phone", "appeal_hours")
_REGISTRY = ("registry_address", "registry_email", "registry_hours")
#: The facts an appeal text may name as ``{field}``.
PLACEHOLDERS = ("appeal_authority", *_CONTACTS, *_REGISTRY, "minutes_published", "body")
_FACTS = ("certifier", "certifier_title", "place", "date", *PLACEHOLDERS[:-1])
#: the field each kind's text must have: whom the instructions name (Hallintolaki 434/2003 47 §)
REQUIRED_FIELD = {MUNICIPAL_APPEAL: "appeal_authority", RECTIFICATION: "body"}
_NAMES = {
    "appeal_authority": N_("the appeal authority"),
    "body": N_("the body a rectification request goes to"),
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def appeal_path(content: Path, kind: str, language: str = "fi") -> Path:
    """Where the appeal text ``kind`` is for a document in ``language`` (a
    column of :mod:`.texts`): Finnish ``muutoksenhaku/<kind>.md``, another
    language in a folder of its own, ``muutoksenhaku/sv/<kind>.md``."""
    folder = content / APPEAL_DIR
    return (folder if language == "fi" else folder / language) / f"{kind}.md"


def read_extract_facts(
    r: FieldReader, node: YValue | None, body_ids: set[str], content: Path, language: str = "fi"
) -> ExtractFacts:
    """Parse the ``extract:`` mapping; problems go to ``r`` with their line.
    Without the mapping, every fact is blank and no appeal text is known.
    The appeal texts are those of the document's ``language`` (:func:`appeal_path`)."""
    if node is None:
        return ExtractFacts()
    m = r.fields(node, "extract", set(), {*_FACTS, "appeals"})
    if m is None:
        return ExtractFacts()
    facts = {key: r.optional_text(m, key) for key in _FACTS}
    for key in ("date", "minutes_published"):
        if facts[key]:
            r.date(m, key)
    appeals = _appeals(r, m.values.get("appeals"), body_ids)
    texts = _texts(r, content, {*appeals.values(), NO_APPEAL} if appeals else set(), language)
    return ExtractFacts(**facts, appeals=appeals, texts=texts)


def _appeals(r: FieldReader, node: YValue | None, body_ids: set[str]) -> dict[str, str]:
    if node is None:
        return {}
    if not isinstance(node, YMap):
        r.error(node.line, _("extract appeals must be a mapping of body id: kind of appeal"))
        return {}
    out: dict[str, str] = {}
    for body, value in node.values.items():
        line = node.lines[body]
        kind = value.text.strip() if isinstance(value, YScalar) else ""
        if body not in body_ids:
            r.error(
                line,
                _("unknown body '{body}' in extract appeals (known: {sorted})").format(
                    body=body, sorted=", ".join(sorted(body_ids))
                ),
            )
        elif kind not in (MUNICIPAL_APPEAL, RECTIFICATION):
            r.error(
                line,
                _("the appeal of '{body}' must be {MUNICIPAL_APPEAL} or {RECTIFICATION}").format(
                    body=body, MUNICIPAL_APPEAL=MUNICIPAL_APPEAL, RECTIFICATION=RECTIFICATION
                ),
            )
        else:
            out[body] = kind
    return out


def _texts(r: FieldReader, content: Path, kinds: set[str], language: str) -> dict[str, AppealText]:
    out: dict[str, AppealText] = {}
    for kind in sorted(kinds):
        path = appeal_path(content, kind, language)
        if not path.is_file():
            r.problems.append(
                problem(path, 0, _("missing: the appeal instructions '{kind}' (a Markdown file)").format(kind=kind))
            )
            continue
        text = read_text(path)
        for number, line in enumerate(text.splitlines(), 1):
            for name in _PLACEHOLDER.findall(line):
                if name not in PLACEHOLDERS:
                    allowed = ", ".join(PLACEHOLDERS)
                    r.problems.append(
                        problem(
                            path,
                            number,
                            _("unknown field '{{{name}}}' (allowed: {allowed})").format(name=name, allowed=allowed),
                        )
                    )
        needed = REQUIRED_FIELD.get(kind)
        if needed and f"{{{needed}}}" not in text:
            why = _("the instructions must name {NAMES}: add {{{needed}}} (Hallintolaki 434/2003 47 §)").format(
                NAMES=_(_NAMES[needed]), needed=needed
            )
            r.problems.append(problem(path, 1, why))
        out[kind] = AppealText(path, text)
    return out
