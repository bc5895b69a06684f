"""Changing values of a theme file in place, keeping its comments and layout.

:func:`edited_theme` replaces the text of each value it is given, and only
that text: a comment after a value, the comments between fields, the order
of the groups and of their fields stay as they were. A field the file does
not have yet is added at the end of its group (a group it lacks, at the
end of the file). The values are given as YAML text (:func:`yaml_value`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from ..errors import ContentError, problem
from ..messages import gettext as _

Edit = tuple[str, str]  #: (group, field); the group "" for a top-level key (``logo``)


def yaml_value(value: float | str | Sequence[float] | None) -> str:
    """``value`` as YAML text for a theme file: numbers as short as they are
    exact to 0.01 (``11``, ``11.5``), a list of numbers in flow style, a
    string double-quoted (a colour ``#004f8c`` would otherwise start a
    comment), ``None`` as ``null``."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (int, float)):
        return f"{round(float(value), 2):g}"
    return "[" + ", ".join(yaml_value(v) for v in value) + "]"


def edited_theme(text: str, edits: Mapping[Edit, str], path: Path, notes: Mapping[Edit, str] | None = None) -> str:
    """``text`` (a theme file's, block-style YAML) with each field of ``edits``
    set to its YAML text (see the module docs); a field added to the file
    is preceded by its comment in ``notes``, if any. A file that is not a mapping
    of groups, or a group written in flow style (``fonts: {…}``), is a
    :class:`~someohje.errors.ContentError` at its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 0  # type: ignore[attr-defined]
        raise ContentError([problem(path, line, _("not YAML that theme-from can edit"))]) from None
    if not isinstance(root, yaml.MappingNode):
        raise ContentError([problem(path, 1, _("the theme must be a mapping of groups"))])
    splices: list[tuple[int, int, str]] = []
    appended: dict[str, list[str]] = {}
    groups = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    for (group, key), value in edits.items():
        node = root if not group else groups.get(group)
        if node is None:
            appended.setdefault(group, []).append(f"  {key}: {value}")
            continue
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            raise ContentError(
                [
                    problem(
                        path,
                        node.start_mark.line + 1,
                        _("'{group}' must be a block mapping to edit").format(group=group),
                    )
                ]
            )
        splices.append(_splice(text, node, key, value, top=not group, note=(notes or {}).get((group, key), "")))
    out = text
    for start, end, new in sorted(splices, reverse=True):
        out = out[:start] + new + out[end:]
    for group, lines in appended.items():
        out = out.rstrip("\n") + f"\n\n{group}:\n" + "\n".join(lines) + "\n"
    return out


def _splice(text: str, node: yaml.MappingNode, key: str, value: str, *, top: bool, note: str) -> tuple[int, int, str]:
    """Where in ``text`` the field's value is, and what replaces it; for a
    field the group lacks, an insertion after the group's last value."""
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            if isinstance(value_node, yaml.ScalarNode) and value_node.value == "" and value_node.style is None:
                at = key_node.end_mark.index + 1  # "logo:" with no value: after the colon
                return at, at, f" {value}"
            return value_node.start_mark.index, _end(text, value_node), value
    indent = 0 if top else (node.value[0][0].start_mark.column if node.value else 2)
    at = _end(text, node.value[-1][1]) if node.value else node.start_mark.index
    comment = "".join(f"{' ' * indent}# {line}\n" for line in note.splitlines())
    return at, at, ("\n\n" if top else "\n") + comment + " " * indent + f"{key}: {value}"


def _end(text: str, node: yaml.Node) -> int:
    """Where a value's own text ends: a block value's end mark lies at the
    start of the next key, so the line breaks and comments before it are
    stepped back over."""
    end = int(node.end_mark.index)
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return end
    lines = text[:end].split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return len("\n".join(lines))
