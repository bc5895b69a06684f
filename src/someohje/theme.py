"""The theme: every layout value, read from ``templates/theme.yaml``.

Both renderers read the same :class:`Theme`; nothing about the look is
hard-coded in a renderer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ContentError, problem
from .yamlsource import YList, YMap, YScalar, YValue, read_yaml

THEME_FILE = "theme.yaml"


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

    path: Path
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
    logo: Path | None
    logo_alt: str
    spacing: Spacing
    #: extra stylesheets (names relative to templates/), appended to the built-in one
    stylesheets: tuple[str, ...] = ()

    @property
    def ident_at(self) -> float:
        """Where the identification block starts, mm from the left margin."""
        return self.ident_column * self.tab

    @property
    def page_at(self) -> float:
        """Where the page number ``x (y)`` starts, mm from the left margin."""
        return self.page_column * self.tab


_SCHEMA: dict[str, dict[str, str]] = {
    "fonts": {
        "pdf_family": "str",
        "docx_family": "str",
        "body_size": "num",
        "small_size": "num",
        "table_size": "num",
        "title_size": "num",
        "heading_sizes": "nums3",
        "line_height": "num",
    },
    "page": {
        "margin_top": "num",
        "margin_bottom": "num",
        "margin_left": "num",
        "margin_right": "num",
        "header_distance": "num",
        "footer_distance": "num",
    },
    "grid": {"edition": "str", "tab": "num", "body_indent": "num", "ident_column": "num", "page_column": "num"},
    "colours": {k: "colour" for k in ("text", "accent", "muted", "inserted", "deleted", "table_header", "rule")},
    "spacing": {
        f.name: {"float": "num", "tuple[float, float]": "nums2", "tuple[float, float, float]": "nums3"}[str(f.type)]
        for f in fields(Spacing)
    },
}


def load_theme(path: Path) -> Theme:
    """Read and check a theme file; :class:`ContentError` names file and line."""
    root = read_yaml(path)
    errors: list[str | tuple[int, str]] = []
    values: dict[str, object] = {}
    if not isinstance(root, YMap):
        raise ContentError([problem(path, root.line, "the theme must be a mapping of groups")])
    for group, schema in _SCHEMA.items():
        node = root.values.get(group)
        if not isinstance(node, YMap):
            what = (
                f"group '{group}' must be a mapping of its fields"
                if group in root.values
                else f"missing group '{group}'"
            )
            errors.append((root.lines.get(group, root.line), what))
            continue
        parsed = _group(group, node, schema, errors)
        if group == "spacing":  # a group of its own: theme.spacing
            values[group] = Spacing(**parsed)  # type: ignore[arg-type]
        else:
            values.update(parsed)
    for key, line in root.lines.items():
        if key not in _SCHEMA and key not in ("logo", "logo_alt", "stylesheets"):
            errors.append((line, f"unknown theme group '{key}'"))
    logo = _logo(root, path, errors)
    sheets = _stylesheets(root, path, errors)
    if errors:
        raise ContentError([problem(path, e[0], e[1]) for e in errors if isinstance(e, tuple)])
    alt = root.values.get("logo_alt")
    alt_text = alt.text if isinstance(alt, YScalar) else ""
    return Theme(path=path, logo=logo, logo_alt=alt_text, stylesheets=sheets, **values)  # type: ignore[arg-type]


def _group(group: str, node: YMap, schema: dict[str, str], errors: list[str | tuple[int, str]]) -> dict[str, object]:
    """The fields of one group, parsed; each bad, missing or unknown field is
    appended to ``errors`` with its line."""
    values: dict[str, object] = {}
    for key, kind in schema.items():
        parsed = _value(node.values.get(key), kind)
        if parsed is None:
            errors.append((node.lines.get(key, node.line), f"'{group}.{key}' must be {_KIND_TEXT[kind]}"))
        values[key] = parsed
    for key, line in node.lines.items():
        if key not in schema:
            errors.append((line, f"unknown theme field '{group}.{key}'"))
    return values


_KIND_TEXT = {
    "str": "text",
    "num": "a number, zero or more",
    "nums2": "a list of two numbers, zero or more",
    "nums3": "a list of three numbers, zero or more",
    "colour": "a colour like #004f8c",
}
_LIST_LENGTHS = {"nums2": 2, "nums3": 3}


def _value(node: YValue | None, kind: str) -> object:
    if kind in _LIST_LENGTHS:
        if not isinstance(node, YList) or len(node.items) != _LIST_LENGTHS[kind]:
            return None
        nums = [_value(item, "num") for item in node.items]
        return None if None in nums else tuple(nums)
    if not isinstance(node, YScalar) or not node.text:
        return None
    if kind == "num":  # every length and size in a theme: finite and not negative
        try:
            number = float(node.text)
        except ValueError:
            return None
        return number if math.isfinite(number) and number >= 0 else None
    if kind == "colour":
        text = node.text.strip()
        ok = len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in text[1:])
        return text.lower() if ok else None
    return node.text.strip()


def _logo(root: YMap, path: Path, errors: list[str | tuple[int, str]]) -> Path | None:
    node = root.values.get("logo")
    if not isinstance(node, YScalar) or node.is_null or not node.text.strip():
        return None
    line = root.lines["logo"]
    target = (path.parent / node.text.strip()).resolve()
    if not target.is_relative_to(path.parent.resolve()) or "://" in node.text:
        errors.append((line, f"logo '{node.text}' must be a file inside the templates folder"))
        return None
    if not target.is_file():
        errors.append((line, f"logo '{node.text}' does not exist"))
        return None
    alt = root.values.get("logo_alt")
    if not isinstance(alt, YScalar) or not alt.text.strip():
        errors.append((line, "a logo needs 'logo_alt', its alternative text"))
    return target


def _stylesheets(root: YMap, path: Path, errors: list[str | tuple[int, str]]) -> tuple[str, ...]:
    """``stylesheets:``: a list of CSS files inside the templates folder
    (a municipality's own tweaks), added after the built-in stylesheet."""
    node = root.values.get("stylesheets")
    if node is None or (isinstance(node, YScalar) and node.is_null):
        return ()
    if not isinstance(node, YList):
        errors.append((root.lines["stylesheets"], "'stylesheets' must be a list of CSS files in the templates folder"))
        return ()
    names: list[str] = []
    for item, line in zip(node.items, node.lines, strict=True):
        text = item.text.strip() if isinstance(item, YScalar) else ""
        target = (path.parent / text).resolve()
        if (
            not text
            or "://" in text
            or ":" in text.split("/")[0]
            or text.startswith("/")
            or not target.is_relative_to(path.parent.resolve())
        ):
            errors.append((line, f"stylesheet '{text}' must be a file inside the templates folder, not a URL"))
        elif not target.is_file():
            errors.append((line, f"stylesheet '{text}' does not exist in the templates folder"))
        else:
            names.append(target.relative_to(path.parent.resolve()).as_posix())
    return tuple(names)
