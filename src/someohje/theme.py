"""The theme: every layout value, read from ``templates/theme.yaml``.

Both renderers read the same :class:`Theme`; nothing about the look is
hard-coded in a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, problem
from .yamlsource import YList, YMap, YScalar, YValue, read_yaml

THEME_FILE = "theme.yaml"


@dataclass(frozen=True)
class Theme:
    """Layout values; lengths in millimetres, sizes in points."""

    path: Path
    pdf_family: str
    docx_family: str
    body_size: float
    small_size: float
    title_size: float
    heading_sizes: tuple[float, float, float]
    line_height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    header_distance: float
    footer_distance: float
    tab: float
    body_indent: float
    text: str
    accent: str
    muted: str
    inserted: str
    deleted: str
    table_header: str
    rule: str
    logo: Path | None
    logo_alt: str
    #: extra stylesheets (names relative to templates/), appended to the built-in one
    stylesheets: tuple[str, ...] = ()


_SCHEMA: dict[str, dict[str, str]] = {
    "fonts": {
        "pdf_family": "str",
        "docx_family": "str",
        "body_size": "num",
        "small_size": "num",
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
    "grid": {"tab": "num", "body_indent": "num"},
    "colours": {k: "colour" for k in ("text", "accent", "muted", "inserted", "deleted", "table_header", "rule")},
}


def load_theme(path: Path) -> Theme:
    """Read and check a theme file; :class:`ContentError` names file and line."""
    root = read_yaml(path)
    errors: list[str | tuple[int, str]] = []
    values: dict[str, object] = {}
    if not isinstance(root, YMap):
        raise ContentError([problem(path, root.line, "the theme must be a mapping of groups")])
    for group, fields in _SCHEMA.items():
        node = root.values.get(group)
        if not isinstance(node, YMap):
            errors.append((root.lines.get(group, root.line), f"missing or malformed group '{group}'"))
            continue
        for key, kind in fields.items():
            value = node.values.get(key)
            line = node.lines.get(key, node.line)
            parsed = _value(value, kind)
            if parsed is None:
                errors.append((line, f"'{group}.{key}' must be {_KIND_TEXT[kind]}"))
            values[key] = parsed
        for key, line in node.lines.items():
            if key not in fields:
                errors.append((line, f"unknown theme field '{group}.{key}'"))
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


_KIND_TEXT = {"str": "text", "num": "a number", "nums3": "a list of three numbers", "colour": "a colour like #004f8c"}


def _value(node: YValue | None, kind: str) -> object:
    if kind == "nums3":
        if not isinstance(node, YList) or len(node.items) != 3:
            return None
        nums = [_value(item, "num") for item in node.items]
        return None if None in nums else tuple(nums)
    if not isinstance(node, YScalar) or not node.text:
        return None
    if kind == "num":
        try:
            return float(node.text)
        except ValueError:
            return None
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
