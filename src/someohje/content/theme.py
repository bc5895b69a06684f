"""The theme: every layout value, read from ``templates/theme.yaml``.

Both renderers read the same :class:`Theme`; nothing about the look is
hard-coded in a renderer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..chars import quote
from ..errors import ContentError, Problem, problem
from ..messages import N_
from ..messages import gettext as _
from .confine import Refused, confined
from .fields import FieldReader
from .images import image_problem
from .theme_texts import GROUP, read_texts
from .yamlsource import YList, YMap, YScalar, YValue, read_text, read_yaml

PAGE_WIDTH_MM = 210.0  #: A4 portrait, the page every format lays out on
#: what the page number "x (y)" needs at the grid's C7, mm (the small size, up to "99 (99)")
PAGE_NUMBER_ROOM_MM = 12.0


@dataclass(frozen=True)
class Spacing:
    """The ``spacing:`` group: the stylesheet's margins, paddings, rules and
    line heights, which the DOCX styles mirror. Each name ends in its unit:
    ``_em`` a multiple of the element's own font size (CSS ``em``), ``_mm``
    millimetres, ``_pt`` points; a ``_line_height`` is a multiple of the
    font size. Triples are heading levels 1-3; padding pairs are (top and
    bottom, left and right)."""

    title_after_em: float
    heading_before_em: tuple[float, float, float]
    heading_after_em: tuple[float, float, float]
    #: before a level-2 heading right under a level-1 one (CSS ``h2 + h3``)
    heading_after_heading_em: float
    heading_line_height: float
    paragraph_after_em: float
    item_after_em: float
    #: how far each list level indents its text (the list's padding)
    list_indent_em: float
    label_before_em: float
    label_after_em: float
    approval_after_em: float
    draft_after_em: float
    draft_letter_spacing_em: float
    header_draft_letter_spacing_em: float
    header_line_height: float
    footer_padding_mm: float
    #: the table's top margin, above its caption
    caption_before_em: float
    caption_after_em: float
    table_line_height: float
    cell_padding_mm: tuple[float, float]
    note_padding_mm: tuple[float, float]
    amendment_rule_pt: float
    amendment_padding_mm: float
    rule_pt: float


@dataclass(frozen=True)
class Theme:
    """Layout values; lengths in millimetres, sizes in points, spacing in
    the units its field names say."""

    #: the theme file; kept out of the theme's repr, which a template can print
    path: Path = field(repr=False)
    pdf_family: str
    docx_family: str
    body_size: float
    small_size: float
    table_size: float  #: tables and notes
    title_size: float
    heading_sizes: tuple[float, float, float]
    line_height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    header_distance: float
    footer_distance: float
    edition: str  #: the SFS 2487 edition the grid follows
    tab: float  #: the basic column (tab step), mm
    body_indent: float
    ident_column: float  #: the identification block's column (C4)
    page_column: float  #: the page number's column (C7)
    text: str
    accent: str
    muted: str
    inserted: str
    deleted: str
    table_header: str
    rule: str
    logo: Path | None = field(repr=False)  #: the logo's file (a template gets its URL, never this path)
    logo_alt: str
    spacing: Spacing
    #: extra stylesheets (names relative to templates/), appended to the built-in one
    stylesheets: tuple[str, ...] = ()
    #: the municipality's Word template the DOCX starts from (its styles, numbering, theme, header part)
    docx_reference: Path | None = field(default=None, repr=False)

    @property
    def ident_at(self) -> float:
        """Where the identification block starts, mm from the left margin."""
        return self.ident_column * self.tab

    @property
    def page_at(self) -> float:
        """Where the page number ``x (y)`` starts, mm from the left margin."""
        return self.page_column * self.tab

    @property
    def page_margins(self) -> dict[str, float]:
        """The page's margins and header and footer distances, mm, by the
        names WordprocessingML's ``w:pgMar`` gives them."""
        return {
            "top": self.margin_top,
            "right": self.margin_right,
            "bottom": self.margin_bottom,
            "left": self.margin_left,
            "header": self.header_distance,
            "footer": self.footer_distance,
        }

    @property
    def page_number_overhang(self) -> float:
        """How far the page number at C7 runs into the right margin, mm: the
        :data:`PAGE_NUMBER_ROOM_MM` it needs less what the margins leave it
        (0 when they leave enough), never closer than 3 mm to the page edge.
        The PDF lets it run on (``white-space: nowrap``); the DOCX widens the
        header's first line by as much, where Word would wrap it."""
        room = PAGE_WIDTH_MM - self.margin_left - self.margin_right - self.page_at
        return round(min(max(0.0, PAGE_NUMBER_ROOM_MM - room), max(0.0, self.margin_right - 3)), 2)


@dataclass(frozen=True)
class Kind:
    """What a theme field holds: how it is described in a message and how
    its value is parsed (``None`` for a value it does not accept)."""

    describe: str
    parse: Callable[[YValue | None, str], object | None]
    ranged: bool = False  #: numbers: the message adds the field's range


def _number(node: YValue | None, key: str) -> float | None:
    """A finite number in the range of field ``key`` (:func:`value_range`)."""
    if not isinstance(node, YScalar) or not node.text or len(node.text.strip()) > 32:
        return None
    try:
        number = float(node.text.strip())
    except ValueError:
        return None
    low, high = value_range(key)
    return number if math.isfinite(number) and low <= number <= high else None


def _numbers(count: int) -> Callable[[YValue | None, str], object | None]:
    def parse(node: YValue | None, key: str) -> tuple[float, ...] | None:
        if not isinstance(node, YList) or len(node.items) != count:
            return None
        nums = [_number(item, key) for item in node.items]
        return None if None in nums else tuple(n for n in nums if n is not None)

    return parse


def _matching(pattern: re.Pattern[str]) -> Callable[[YValue | None, str], object | None]:
    def parse(node: YValue | None, key: str) -> str | None:
        text = node.text.strip() if isinstance(node, YScalar) else ""
        return text if text and pattern.fullmatch(text) else None

    return parse


def _colour(node: YValue | None, key: str) -> str | None:
    text = node.text.strip() if isinstance(node, YScalar) else ""
    return text.lower() if _COLOUR.fullmatch(text) else None


#: a font family name: letters, digits, spaces, dots, hyphens (it is put in CSS strings)
_FAMILY = re.compile(r"[^\W_](?:[\w .-]{0,62}[\w.])?")
#: a short label such as the standard's edition (shown, never put in CSS)
_LABEL = re.compile(r"[^\W_](?:[\w .:-]{0,62}[\w.])?")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
FAMILY = Kind(N_("a font family name (letters, digits, spaces, dots and hyphens)"), _matching(_FAMILY))
LABEL = Kind(
    N_("a short label (letters, digits, spaces, dots, hyphens and colons), e.g. SFS 2487:2024"), _matching(_LABEL)
)
NUMBER = Kind(N_("a number"), _number, ranged=True)
NUMBERS2 = Kind(N_("a list of two numbers"), _numbers(2), ranged=True)
NUMBERS3 = Kind(N_("a list of three numbers"), _numbers(3), ranged=True)
COLOUR = Kind(N_("a colour like #004f8c"), _colour)
_BY_TYPE = {"float": NUMBER, "tuple[float, float]": NUMBERS2, "tuple[float, float, float]": NUMBERS3}

#: The theme's groups and the kind of each field: a declarative table.
SCHEMA: dict[str, dict[str, Kind]] = {
    "fonts": {
        "pdf_family": FAMILY,
        "docx_family": FAMILY,
        "body_size": NUMBER,
        "small_size": NUMBER,
        "table_size": NUMBER,
        "title_size": NUMBER,
        "heading_sizes": NUMBERS3,
        "line_height": NUMBER,
    },
    "page": {
        key: NUMBER
        for key in ("margin_top", "margin_bottom", "margin_left", "margin_right", "header_distance", "footer_distance")
    },
    "grid": {"edition": LABEL, "tab": NUMBER, "body_indent": NUMBER, "ident_column": NUMBER, "page_column": NUMBER},
    "colours": {k: COLOUR for k in ("text", "accent", "muted", "inserted", "deleted", "table_header", "rule")},
    "spacing": {f.name: _BY_TYPE[str(f.type)] for f in fields(Spacing)},
}
_TOP_LEVEL = {"logo", "logo_alt", "stylesheets", "docx_reference", GROUP}


def load_theme(path: Path) -> Theme:
    """Read and check a theme file; :class:`ContentError` names file and
    line of every problem."""
    root = read_yaml(path)
    if not isinstance(root, YMap):
        raise ContentError([problem(path, root.line, _("the theme must be a mapping of groups"))])
    r = FieldReader(path)
    values: dict[str, object] = {}
    field_lines: dict[str, int] = {}
    for group, schema in SCHEMA.items():
        node = root.values.get(group)
        if not isinstance(node, YMap):
            what = (
                _("group '{group}' must be a mapping of its fields").format(group=group)
                if group in root.values
                else _("missing group '{group}'").format(group=group)
            )
            r.error(root.lines.get(group, root.line), what)
            continue
        parsed = _group(r, group, node, schema)
        field_lines.update({key: node.lines.get(key, node.line) for key in schema})
        if group == "spacing":  # a group of its own: theme.spacing
            values[group] = Spacing(**parsed)  # type: ignore[arg-type]
        else:
            values.update(parsed)
    _check_page(r, values, field_lines)
    r.unknown_keys(root, set(SCHEMA) | _TOP_LEVEL, lambda key: _("theme group '{key}'").format(key=key))
    logo = _logo(r, root, path)
    sheets = _stylesheets(r, root, path)
    reference = _docx_reference(r, root, path)
    read_texts(r, root.values.get(GROUP))  # the loader reads them into each document; checked here too
    if r.problems:
        raise ContentError(r.problems)
    alt = root.values.get("logo_alt")
    alt_text = alt.text if isinstance(alt, YScalar) else ""
    return Theme(
        path=path,
        logo=logo,
        logo_alt=alt_text,
        stylesheets=sheets,
        docx_reference=reference,
        **values,  # type: ignore[arg-type]
    )


def _group(r: FieldReader, group: str, node: YMap, schema: dict[str, Kind]) -> dict[str, object]:
    """The fields of one group, parsed; each bad, missing or unknown field
    is a problem at its line."""
    values: dict[str, object] = {}
    for key, kind in schema.items():
        parsed = kind.parse(node.values.get(key), key)
        if parsed is None:
            r.error(
                node.lines.get(key, node.line),
                _("'{group}.{key}' must be {kind_text}").format(group=group, key=key, kind_text=_kind_text(key, kind)),
            )
        values[key] = parsed
    r.unknown_keys(node, set(schema), lambda key: _("theme field '{group}.{key}'").format(group=group, key=key))
    return values


#: sane ranges, by the end of a field's name (first match wins): a value
#: outside them would make a page no renderer can lay out
_RANGES: tuple[tuple[str, tuple[float, float]], ...] = (
    # wider, and PDF text extraction and search read each letter of a mark as a word
    ("letter_spacing_em", (0.0, 0.08)),
    ("line_height", (0.5, 4.0)),
    ("_size", (4.0, 96.0)),
    ("_sizes", (4.0, 96.0)),
    ("_em", (0.0, 10.0)),
    ("_mm", (0.0, 50.0)),
    ("_pt", (0.0, 20.0)),
    ("", (0.0, 100.0)),  # page margins and distances, the tab grid: millimetres
)
#: a stylesheet's name: a path of plain names ending in .css
_SHEET_NAME = re.compile(r"(?:[\w.-]+/)*[\w-][\w.-]*\.css")
#: the page (A4, 210 x 297 mm) must keep room for text
_MAX_HORIZONTAL_MM = 150.0
_MAX_VERTICAL_MM = 200.0


def value_range(key: str) -> tuple[float, float]:
    """The allowed range of theme number field ``key``."""
    return next(bounds for suffix, bounds in _RANGES if key.endswith(suffix))


def _kind_text(key: str, kind: Kind) -> str:
    if not kind.ranged:
        return _(kind.describe)
    low, high = value_range(key)
    return _("{kind} from {low:g} to {high:g}").format(kind=_(kind.describe), low=low, high=high)


def _check_page(r: FieldReader, values: dict[str, object], lines: dict[str, int]) -> None:
    """The margins and the body indent must leave room for text on A4."""
    for key, message in page_room(values):
        r.error(lines[key], message)


def page_room(values: dict[str, object]) -> list[tuple[str, str]]:
    """Whether the margins and the body indent in ``values`` (theme field ->
    number) leave room for text on A4: a (field, message) for each direction
    that does not; nothing when a value is missing or not a number."""
    numbers = {k: v for k, v in values.items() if isinstance(v, float)}
    try:
        across = sum(numbers[k] for k in ("margin_left", "margin_right", "body_indent"))
        down = sum(numbers[k] for k in ("margin_top", "margin_bottom"))
    except KeyError:
        return []  # a value is missing or bad, and reported already
    found = []
    if across > _MAX_HORIZONTAL_MM:
        found.append(
            (
                "margin_left",
                _(
                    "margin_left + margin_right + body_indent is {across:g} mm; at most "
                    "{MAX_HORIZONTAL_MM:g} mm leaves room for text on A4"
                ).format(across=across, MAX_HORIZONTAL_MM=_MAX_HORIZONTAL_MM),
            )
        )
    if down > _MAX_VERTICAL_MM:
        found.append(
            (
                "margin_top",
                _(
                    "margin_top + margin_bottom is {down:g} mm; at most {MAX_VERTICAL_MM:g} mm "
                    "leaves room for text on A4"
                ).format(down=down, MAX_VERTICAL_MM=_MAX_VERTICAL_MM),
            )
        )
    return found


def _logo(r: FieldReader, root: YMap, path: Path) -> Path | None:
    node = root.values.get("logo")
    if not isinstance(node, YScalar) or node.is_null or not node.text.strip():
        return None
    line = root.lines["logo"]
    name = node.text.strip()
    if "://" in name or name.startswith("/"):
        r.error(line, _("logo '{name}' must be a file inside the templates folder").format(name=quote(name)))
        return None
    try:
        target = confined(path.parent, name, what=_("logo '{name}'").format(name=quote(name)))
    except Refused as exc:
        message = str(exc)
        if _("points outside") in message:
            message = _("logo '{name}' must be a file inside the templates folder").format(name=quote(name))
        r.error(line, message)
        return None
    why = image_problem(target, node.text.strip())
    if why:
        r.error(line, why.replace(_("image"), _("logo"), 1))
        return None
    alt = root.values.get("logo_alt")
    if not isinstance(alt, YScalar) or not alt.text.strip():
        r.error(line, _("a logo needs 'logo_alt', its alternative text"))
    return target


def _stylesheets(r: FieldReader, root: YMap, path: Path) -> tuple[str, ...]:
    """``stylesheets:``: a list of CSS files inside the templates folder
    (a municipality's own tweaks), added after the built-in stylesheet."""
    node = root.values.get("stylesheets")
    if node is None or (isinstance(node, YScalar) and node.is_null):
        return ()
    if not isinstance(node, YList):
        r.error(root.lines["stylesheets"], _("'stylesheets' must be a list of CSS files in the templates folder"))
        return ()
    names: list[str] = []
    for item, line in zip(node.items, node.lines, strict=True):
        text = item.text.strip() if isinstance(item, YScalar) else ""
        outside = _("stylesheet '{text}' must be a file inside the templates folder, not a URL").format(
            text=quote(text)
        )
        if not text or "://" in text or ":" in text.split("/")[0] or text.startswith("/"):
            r.error(line, outside)
            continue
        if not _SHEET_NAME.fullmatch(text):  # the name is printed into a CSS comment
            r.error(
                line,
                _("stylesheet '{text}' must be a .css file named with letters, digits, '-', '_'").format(
                    text=quote(text)
                ),
            )
            continue
        try:
            target = confined(path.parent, text, what=_("stylesheet '{text}'").format(text=quote(text)))
        except Refused as exc:
            message = str(exc)
            if _("points outside") in message:
                message = outside
            elif message.endswith(_("does not exist")):
                message += _(" in the templates folder")
            r.error(line, message)
            continue
        r.extend(_sheet_problems(target))
        names.append(target.relative_to(path.parent.resolve()).as_posix())
    return tuple(names)


#: a Word template's name under templates/: plain names ending in .dotx or .docx
_REFERENCE_NAME = re.compile(r"(?:[\w.-]+/)*[\w-][\w.-]*\.do[ct]x", re.IGNORECASE)


def _docx_reference(r: FieldReader, root: YMap, path: Path) -> Path | None:
    """``docx_reference:``: a Word template (.dotx or .docx) inside the
    templates folder that the DOCX starts from; checked whole as a Word
    package (:func:`someohje.importer.package.read_package`)."""
    node = root.values.get("docx_reference")
    if node is None or (isinstance(node, YScalar) and (node.is_null or not node.text.strip())):
        return None
    line = root.lines["docx_reference"]
    text = node.text.strip() if isinstance(node, YScalar) else ""
    outside = _("docx_reference '{text}' must be a Word template (.dotx or .docx) inside the templates folder").format(
        text=quote(text)
    )
    if not text or "://" in text or text.startswith("/") or not _REFERENCE_NAME.fullmatch(text):
        r.error(line, outside)
        return None
    try:
        target = confined(path.parent, text, what=f"docx_reference '{quote(text)}'")
    except Refused as exc:
        message = str(exc)
        r.error(line, outside if _("points outside") in message else message)
        return None
    from ..importer.package import BadDocx, bad_docx_message, read_package  # only a theme naming a template pays

    try:
        read_package(target)
    except BadDocx as exc:
        r.error(
            line,
            _("docx_reference '{text}': {bad_docx_message}").format(
                text=quote(text), bad_docx_message=bad_docx_message(exc, _("not a Word document or template"))
            ),
        )
        return None
    return target


_CSS_REFERENCE = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.IGNORECASE)


def _sheet_problems(sheet: Path) -> list[Problem]:
    """A theme stylesheet must be UTF-8 text that refers to nothing outside
    the project: each ``url(…)`` or ``@import`` with a scheme (``http:``,
    ``file:``, ``data:``) or an absolute path is a located problem, found
    by ``check`` too (the PDF's fetcher would refuse it anyway)."""
    try:
        text = read_text(sheet)
    except ContentError as exc:
        return list(exc.problems)
    found: list[Problem] = []
    for match in _CSS_REFERENCE.finditer(text):
        ref = (match.group(2) or match.group(4) or "").strip()
        if ref.startswith("/") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", ref):
            line = text.count("\n", 0, match.start()) + 1
            found.append(
                problem(
                    sheet, line, _("'{ref}' is outside the project: a stylesheet reads no URL").format(ref=quote(ref))
                )
            )
    return found
