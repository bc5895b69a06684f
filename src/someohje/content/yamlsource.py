"""Read YAML keeping the line of every value, so errors can name it.

Scalars are kept as strings: the schema in :mod:`someohje.load` decides what
a value means (a date, a § number), which keeps YAML's own guessing (``no`` as
a boolean, ``2022-06-14`` as a date) out of the content.

Reading is bounded, whatever the file holds: its size, the nesting depth and
the number of values after aliases are expanded (an alias "bomb" of a few
lines would otherwise expand to gigabytes) each have a limit, and crossing
one is a ``path:line:`` error. Every text is checked for characters a
document cannot carry (:mod:`someohje.chars`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..chars import bad_character, join_surrogates, quote
from ..errors import ContentError, problem
from ..messages import N_
from ..messages import gettext as _
from .confine import Refused, read_bytes

#: the largest YAML file read (document.yaml is about 20 kB)
MAX_YAML_BYTES = 1_000_000
#: the largest text file read (a section of the guideline is a few kB)
MAX_TEXT_BYTES = 8_000_000
#: how deep mappings and lists may nest
MAX_DEPTH = 32
#: how many values a YAML file may hold, aliases expanded
MAX_NODES = 100_000


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
#: libyaml's C loader when PyYAML was built with it (several times faster), else PyYAML's own
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> YValue:
    """Parse ``path`` into located values; raise :class:`ContentError` with the
    file, line and the parser's own words for bad UTF-8 or bad YAML."""
    text = read_text(path, MAX_YAML_BYTES)
    try:
        node = _compose(text, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = _parser_words(exc.problem or exc.context or "") or _("invalid YAML")
        raise ContentError([problem(path, line, _("YAML syntax error: {what}").format(what=what))]) from None
    except yaml.YAMLError as exc:
        raise ContentError([problem(path, 1, _("YAML syntax error: {exc}").format(exc=exc))]) from None
    if node is None:
        raise ContentError([problem(path, 1, _("the file is empty"))])
    return _Converter(path).convert(node, 0)


#: the parser's words for what an edited file gets wrong most: a pattern of
#: PyYAML's message (``found``: the part it quotes from the file) and the same
#: message marked for the catalogue, shown in the user's language; any other
#: message is shown as the parser says it
PARSER_PROBLEMS = (
    (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
    (r"sequence entries are not allowed here", N_("sequence entries are not allowed here")),
    (r"expected <block end>, but found (?P<found>.+)", N_("expected the end of a block, but found {found}")),
    (r"found unexpected end of stream", N_("found unexpected end of the file")),
    (
        r"found character (?P<found>.+) that cannot start any token",
        N_("found character {found} that cannot start any token"),
    ),
    (r"expected ',' or '\]', but got (?P<found>.+)", N_("expected ',' or a closing bracket, but got {found}")),
    (r"expected ',' or '\}', but got (?P<found>.+)", N_("expected ',' or a closing brace, but got {found}")),
    (r"found unknown escape character (?P<found>.+)", N_("found unknown escape character {found}")),
    (r"found undefined alias (?P<found>.+)", N_("found undefined alias {found}")),
    (r"found duplicate anchor (?P<found>.+); first occurrence", N_("found duplicate anchor {found}; first occurrence")),
    (r"second occurrence", N_("second occurrence")),
    (r"expected the node content, but found (?P<found>.+)", N_("expected a value, but found {found}")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
)
_PROBLEM_PATTERNS = tuple((re.compile(pattern), message) for pattern, message in PARSER_PROBLEMS)


def _parser_words(text: str) -> str:
    """The parser's ``text`` in the user's language, when it is one of
    :data:`PARSER_PROBLEMS` (else as it is)."""
    for pattern, message in _PROBLEM_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _(message).format(found=match["found"]) if "found" in pattern.groupindex else _(message)
    return text


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a content file as UTF-8 text of at most ``limit`` bytes (through
    :func:`~someohje.content.confine.read_bytes`: a regular file, its size
    checked first); a bad byte, a character a document cannot carry, a file
    too big or not a regular file is a :class:`ContentError` naming the line."""
    try:
        data = read_bytes(path, limit)
    except Refused as exc:
        raise ContentError([problem(path, 1, str(exc))]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            [
                problem(
                    path,
                    line,
                    _("not UTF-8 text (byte 0x{data:02x}); save the file as UTF-8").format(data=data[exc.start]),
                )
            ]
        ) from None
    bad = bad_character(text)
    if bad is not None:
        raise ContentError([problem(path, text[: bad[0]].count("\n") + 1, bad[1])])
    return text


def _compose(text: str, path: Path) -> yaml.Node | None:
    """``text`` composed by libyaml's C parser (its nodes keep their lines
    too), or by PyYAML's own when libyaml is absent or finds an error, so
    an error reads the same either way."""
    loaders = [FAST_LOADER] if FAST_LOADER is yaml.SafeLoader else [FAST_LOADER, yaml.SafeLoader]
    for loader in loaders:
        try:
            _check_nesting(text, path, loader)  # the composer recurses: bound its depth first
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            if loader is yaml.SafeLoader:
                raise
    raise AssertionError(_("unreachable: the pure-Python loader comes last"))


def _check_nesting(text: str, path: Path, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> None:
    """Walk the parser's events (no recursion) and refuse nesting deeper
    than :data:`MAX_DEPTH`, before the recursive composer sees it."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 1
                raise ContentError(
                    [
                        problem(
                            path,
                            line,
                            _("lists and mappings nest more than {MAX_DEPTH} deep").format(MAX_DEPTH=MAX_DEPTH),
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Converter:
    """Turns composed nodes into located values, counting every value made
    (aliases expanded) and refusing an alias that contains itself."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.open: set[int] = set()  # ids of the collections being converted

    def fail(self, node: yaml.Node, message: str) -> ContentError:
        return ContentError([problem(self.path, node.start_mark.line + 1, message)])

    def convert(self, node: yaml.Node, depth: int) -> YValue:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                _("more than {MAX_NODES:,} values (aliases expanded); is an alias repeated too often?").format(
                    MAX_NODES=MAX_NODES
                ),
            )
        if depth > MAX_DEPTH:
            raise self.fail(
                node,
                _("lists and mappings nest more than {MAX_DEPTH} deep (aliases expanded)").format(MAX_DEPTH=MAX_DEPTH),
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.open:
            raise self.fail(node, _("an alias refers to the list or mapping that contains it"))
        self.open.add(id(node))
        try:
            return self.mapping(node, depth) if isinstance(node, yaml.MappingNode) else self.sequence(node, depth)
        finally:
            self.open.discard(id(node))

    def mapping(self, node: yaml.Node, depth: int) -> YMap:
        result = YMap(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, _("a key must be plain text, not a list or mapping"))
            self.scalar(key_node)  # its characters are checked
            key = join_surrogates(str(key_node.value))
            if key in result.values:
                raise ContentError([problem(self.path, key_line, _("duplicate key '{key}'").format(key=quote(key)))])
            result.values[key] = self.convert(value_node, depth + 1)
            result.lines[key] = key_line
        return result

    def sequence(self, node: yaml.Node, depth: int) -> YList:
        seq = YList(node.start_mark.line + 1)
        for item in node.value:
            seq.items.append(self.convert(item, depth + 1))
            seq.lines.append(item.start_mark.line + 1)
        return seq

    def scalar(self, node: yaml.ScalarNode) -> YScalar:
        line = node.start_mark.line + 1
        is_null = (
            node.tag == "tag:yaml.org,2002:null"
            and not node.style  # plain: None from PyYAML, "" from libyaml
            and node.value in ("", "~", "null", "Null", "NULL")
        )
        text = join_surrogates(str(node.value))
        bad = bad_character(text)
        if bad is not None:
            raise ContentError([problem(self.path, line + _lines_before(node, bad[0]), bad[1])])
        return YScalar(line, "" if is_null else text, is_null)


def _lines_before(node: yaml.ScalarNode, offset: int) -> int:
    """How many lines into a block scalar ``offset`` lies (0 for a flow
    scalar, whose escapes make offsets and lines part ways)."""
    if node.style not in ("|", ">"):
        return 0
    return 1 + str(node.value)[:offset].count("\n") if node.style == "|" else 1
