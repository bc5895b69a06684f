"""The theme's ``texts:`` group: a municipality's own wording of a generated text.

Any entry of the table of generated texts (:mod:`.texts`) may be overridden
per language in ``templates/theme.yaml``::

    texts:
      sv:
        approval.approved: "Godkänd: {body} {when}"

Each override is checked here, through the one field reader: a language or
a key the table does not have is a ``file:line:`` problem with a "did you
mean", an empty value is one, and so is a value with a ``{field}`` the
entry does not have (it would have no value to fill it). The loader reads
the group (so every document carries its texts), and so does the theme's
own check.
"""

from __future__ import annotations

from pathlib import Path

from ..chars import quote
from ..errors import ContentError
from ..messages import gettext as _
from .fields import FieldReader, suggestion
from .project import THEME_FILE, Project
from .texts import LANGUAGES, TEXTS, column, fields_of
from .yamlsource import YMap, YScalar, YValue, read_yaml

GROUP = "texts"  #: the theme's group of overrides

#: language -> key -> the municipality's text
Overrides = dict[str, dict[str, str]]


def read_texts(r: FieldReader, node: YValue | None) -> Overrides:
    """The overrides of ``texts:`` (absent: none), every problem logged in ``r``."""
    if node is None:
        return {}
    if not isinstance(node, YMap):
        r.error(
            node.line,
            _("'{group}' must be a mapping of languages ({languages})").format(
                group=GROUP, languages=", ".join(LANGUAGES)
            ),
        )
        return {}
    out: Overrides = {}
    for language, entries in node.values.items():
        if language not in LANGUAGES:
            r.error(
                node.lines[language],
                _("unknown language '{language}' in {group}{hint}").format(
                    language=quote(language), group=GROUP, hint=suggestion(language, LANGUAGES)
                ),
            )
            continue
        out[language] = _entries(r, language, entries)
    return out


def _entries(r: FieldReader, language: str, node: YValue) -> dict[str, str]:
    """One language's overrides, each checked against its entry."""
    if not isinstance(node, YMap):
        r.error(
            node.line,
            _("{group} {language} must be a mapping of text keys to texts").format(group=GROUP, language=language),
        )
        return {}
    out: dict[str, str] = {}
    for key, value in node.values.items():
        line = node.lines[key]
        if key not in TEXTS:
            message = _("unknown text '{key}' in {group} {language}{hint}")
            r.error(line, message.format(key=quote(key), group=GROUP, language=language, hint=suggestion(key, TEXTS)))
        elif not isinstance(value, YScalar) or not value.text.strip():
            message = _("text '{key}' in {group} {language} must be non-empty text")
            r.error(line, message.format(key=key, group=GROUP, language=language))
        elif not fields_of(value.text) <= fields_of(TEXTS[key][column(language)]):
            wanted = ", ".join(f"{{{f}}}" for f in sorted(fields_of(TEXTS[key][column(language)]))) or _("none")
            message = _("text '{key}' in {group} {language} may use only the fields {wanted}, as the entry does")
            r.error(line, message.format(key=key, group=GROUP, language=language, wanted=wanted))
        else:
            out[key] = value.text.strip()
    return out


def project_texts(root: Path) -> Overrides:
    """The overrides of the theme of the project at ``root``;
    :class:`ContentError` with every problem of the group."""
    folder = root / "templates"
    if not (folder / THEME_FILE).is_file() and not (folder / THEME_FILE).is_symlink():
        return {}  # the shipped theme overrides nothing
    path = Project(root, root / "content", (folder,)).theme_path
    top = read_yaml(path)
    if not isinstance(top, YMap):
        return {}  # the theme's own check says what is wrong with it
    r = FieldReader(path)
    overrides = read_texts(r, top.values.get(GROUP))
    if r.problems:
        raise ContentError(r.problems)
    return overrides
