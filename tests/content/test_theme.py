"""The theme: every spacing value lives in ``templates/theme.yaml`` and
reaches both the stylesheet (HTML, PDF) and the DOCX styles; a theme that
lacks a group or holds a bad value is a located one-line error."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import someohje
from helpers import Result, snapshot
from someohje.content.fields import suggestion
from someohje.content.theme import SCHEMA, Spacing, Theme, load_theme
from someohje.errors import ContentError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
THEME = Path("templates") / "theme.yaml"


def spacing_block(text: str) -> tuple[int, int]:
    """The line span [start, end) of the ``spacing:`` group in theme ``text``:
    its key and every indented or comment line after it."""
    lines = text.splitlines()
    start = lines.index("spacing:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "#")) or not lines[end].strip()):
        end += 1
    while not lines[end - 1].strip() or lines[end - 1].startswith("#"):  # the next group's comment
        end -= 1
    return start, end


def set_spacing(project: Path, **values: object) -> None:
    """Rewrite fields of the project theme's ``spacing:`` group in place."""
    path = project / THEME
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"(?m)^  {key}: .*$", f"  {key}: {value}", text)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def render(project: Path, fmt: str, *, draft_mark: str = "") -> bytes:
    """The project's guideline in ``fmt``; with ``draft_mark``, marked as a
    draft (the page header then carries the mark too)."""
    session = someohje.open_session(project)
    doc = someohje.guideline(session.document)
    if draft_mark:
        doc = dataclasses.replace(doc, draft_mark=draft_mark)
    return someohje.render_document(doc, session, fmt)


def stylesheet(html: bytes) -> str:
    found = re.search(r"<style>(.*?)</style>", html.decode("utf-8"), re.S)
    assert found is not None
    return found.group(1)


def css_rule(css: str, selector: str) -> dict[str, str]:
    """The declarations of the first rule whose selector is exactly ``selector``."""
    found = re.search(rf"(?:^|[}};]\s*|\*/\s*){re.escape(selector)}\s*\{{([^}}]*)\}}", css, re.M)
    assert found is not None, selector
    pairs = (d.split(":", 1) for d in found.group(1).split(";") if ":" in d)
    return {k.strip(): v.strip() for k, v in pairs}


def docx_style(data: bytes, style_id: str) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    return styles.find(f"w:style[@w:styleId='{style_id}']", NS)


def space_twips(style: Any, side: str) -> int:
    return int(style.find("w:pPr/w:spacing", NS).get(f"{{{W}}}{side}"))


def em_twips(factor: float, size: float) -> int:
    return round(round(factor * size, 2) * 20)


# (field, new value, CSS selector and property, DOCX style and side, font size of both)
CASES = [
    ("paragraph_after_em", 1.5, "p", "margin-bottom", "BodyText", "after", lambda t: t.body_size),
    ("caption_after_em", 0.9, "caption", "margin-bottom", "Caption", "after", lambda t: t.table_size),
]


@pytest.mark.parametrize(("field", "value", "selector", "prop", "style_id", "side", "size"), CASES)
def test_a_spacing_value_moves_the_css_and_the_docx_style_together(
    project: Path,
    field: str,
    value: float,
    selector: str,
    prop: str,
    style_id: str,
    side: str,
    size: Callable[[Theme], float],
) -> None:
    theme = load_theme(project / THEME)
    old = getattr(theme.spacing, field)
    assert old != value
    before_css = css_rule(stylesheet(render(project, "html")), selector)[prop]
    before_docx = space_twips(docx_style(render(project, "docx"), style_id), side)
    assert (before_css, before_docx) == (f"{old}em", em_twips(old, size(theme)))

    set_spacing(project, **{field: value})
    after_css = css_rule(stylesheet(render(project, "html")), selector)[prop]
    after_docx = space_twips(docx_style(render(project, "docx"), style_id), side)
    assert after_css == f"{value}em"
    assert after_docx == em_twips(value, size(theme)) != before_docx


def test_every_spacing_value_reaches_the_stylesheet(project: Path) -> None:
    """Each field (each item of a list) set to a number found nowhere else in
    the CSS: every one must show up, so none is left as a literal."""
    numbers = iter(f"3.{n:02d}1" for n in range(1, 100))  # inside every range
    small = iter(f"0.0{n}1" for n in range(1, 8))  # a mark's letter-spacing is at most 0.08 em
    values: dict[str, object] = {}
    for f in dataclasses.fields(Spacing):
        current = getattr(load_theme(project / THEME).spacing, f.name)
        pick = small if f.name.endswith("letter_spacing_em") else numbers
        values[f.name] = [next(pick) for _ in current] if isinstance(current, tuple) else next(pick)
    set_spacing(project, **{k: f"[{', '.join(v)}]" if isinstance(v, list) else v for k, v in values.items()})
    css = stylesheet(render(project, "html", draft_mark="LUONNOS"))
    for name, value in values.items():
        for number in value if isinstance(value, list) else [value]:
            assert re.search(rf"\b{re.escape(str(number))}(em|mm|pt|;)", css), (name, number)


def test_a_theme_without_spacing_is_a_located_error(project: Path, cli: Callable[..., Result]) -> None:
    path = project / THEME
    text = path.read_text(encoding="utf-8")
    start, end = spacing_block(text)
    lines = text.splitlines()
    path.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    result = cli("build", "--format", "html", cwd=project)
    assert result.code == 1
    assert result.err.count("\n") == 1, result.err
    found = re.fullmatch(rf"{re.escape(str(THEME))}:(\d+): missing group 'spacing'\n", result.err)
    assert found is not None, result.err
    assert 1 <= int(found.group(1)) <= len(path.read_text(encoding="utf-8").splitlines())
    assert snapshot(project / "build") == {}


@pytest.mark.parametrize(
    ("field", "written", "message"),
    [
        ("cell_padding_mm", "[1.2]", "'spacing.cell_padding_mm' must be a list of two numbers from 0 to 50"),
        (
            "heading_before_em",
            "[1.5, 1.15]",
            "'spacing.heading_before_em' must be a list of three numbers from 0 to 10",
        ),
        ("rule_pt", "hairline", "'spacing.rule_pt' must be a number from 0 to 20"),
        ("paragraph_after_em", "-0.6", "'spacing.paragraph_after_em' must be a number from 0 to 10"),
        ("cell_padding_mm", "[1.2, -1]", "'spacing.cell_padding_mm' must be a list of two numbers from 0 to 50"),
        ("rule_pt", ".nan", "'spacing.rule_pt' must be a number from 0 to 20"),
    ],
)
def test_a_bad_spacing_value_names_its_line(project: Path, field: str, written: str, message: str) -> None:
    set_spacing(project, **{field: written})
    path = project / THEME
    line = path.read_text(encoding="utf-8").splitlines().index(f"  {field}: {written}") + 1
    with pytest.raises(ContentError) as caught:
        load_theme(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [(line, message)]


def test_an_unknown_spacing_field_names_its_line(project: Path) -> None:
    path = project / THEME
    lines = path.read_text(encoding="utf-8").splitlines()
    start, _ = spacing_block("\n".join(lines))
    lines.insert(start + 1, "  gutter_mm: 5")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_theme(path)
    hint = suggestion("gutter_mm", SCHEMA["spacing"])  # no near miss: the allowed names
    assert hint.startswith(" (allowed: amendment_padding_mm, amendment_rule_pt, ")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (start + 2, "unknown theme field 'spacing.gutter_mm'" + hint)
    ]
