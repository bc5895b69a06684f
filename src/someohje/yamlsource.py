"""Read YAML keeping the line of every value, so errors can name it.

Scalars are kept as strings: the schema in :mod:`someohje.load` decides what
a value means (a date, a § number), which keeps YAML's own guessing (``no`` as
a boolean, ``2022-06-14`` as a date) out of the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError, problem


@dataclass
class YMap:
    """A YAML mapping: ``values`` in file order, ``lines`` for each key."""

    line: int
    values: dict[str, YValue] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class YList:
    """A YAML sequence with the line of each item."""

    line: int
    items: list[YValue] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@dataclass
class YScalar:
    """A YAML scalar as written, with its line; ``text`` is ``""`` for null."""

    line: int
    text: str
    is_null: bool = False


YValue = YMap | YList | YScalar


def read_yaml(path: Path) -> YValue:
    """Parse ``path`` into located values; raise :class:`ContentError` with the
    file, line and the parser's own words for bad UTF-8 or bad YAML."""
    text = read_text(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "invalid YAML"
        raise ContentError([problem(path, line, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([problem(path, 0, f"YAML syntax error: {exc}")]) from None
    if node is None:
        raise ContentError([problem(path, 1, "the file is empty")])
    return _convert(node, path)


def read_text(path: Path) -> str:
    """Read a content file as UTF-8, naming the line of the first bad byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            [problem(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")]
        ) from None


def _convert(node: yaml.Node, path: Path) -> YValue:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = YMap(line)
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result.values:
                raise ContentError([problem(path, key_node.start_mark.line + 1, f"duplicate key '{key}'")])
            result.values[key] = _convert(value_node, path)
            result.lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = YList(line)
        for item in node.value:
            seq.items.append(_convert(item, path))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    assert isinstance(node, yaml.ScalarNode)
    is_null = (
        node.tag == "tag:yaml.org,2002:null" and node.style is None and node.value in ("", "~", "null", "Null", "NULL")
    )
    return YScalar(line, "" if is_null else str(node.value), is_null)
