"""Mistakes in a project's files: each problem is one ``path:line: message``
line naming its file and line, exit 1, no traceback, the previous build/
left exactly as it was, and ``check`` reporting the same problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import DOC_TEMPLATE, META, THEME, Result, append, edit, fails

# --- document.yaml: YAML and fields --------------------------------------------------


def test_yaml_syntax_error_names_file_and_line(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "type: Ohje", "type: [Ohje")
    result = cli("build", str(built_project), "--format", "html", cwd=built_project.parent)
    assert result.code == 1
    [message] = result.err.splitlines()
    assert message.startswith(f"{META}:") and "YAML syntax error" in message
    reported = int(message.split(":")[1])
    assert line <= reported <= line + 2  # the parser notices at or just after the bracket


def test_missing_required_field_is_named(cli: Callable[..., Result], built_project: Path) -> None:
    text = (built_project / "content/document.yaml").read_text(encoding="utf-8")
    edit(built_project / "content/document.yaml", "type: Ohje\n", "")
    first = next(i for i, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#"))
    fails(cli, built_project, f"{META}:{first}: missing required field 'type' in document.yaml")


def test_unknown_field_suggests_the_right_name(cli: Callable[..., Result], built_project: Path) -> None:
    text = (built_project / "content/document.yaml").read_text(encoding="utf-8")
    first = next(i for i, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#"))
    line = edit(built_project / "content/document.yaml", "diary_number:", "diary_numbr:")
    fails(
        cli,
        built_project,
        f"{META}:{first}: missing required field 'diary_number' in document.yaml",
        f"{META}:{line}: unknown field 'diary_numbr' in document.yaml (did you mean 'diary_number'?)",
    )


def test_impossible_date(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "date: 14.6.2022", "date: 31.2.2022")
    # 31.2.2022 is also no longer after 7.6.2022, but an impossible date is not compared
    fails(cli, built_project, f"{META}:{line}: impossible date '31.2.2022': 2022 has no day 31.2.")


def test_handlings_out_of_chronological_order(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "date: 14.6.2022", "date: 1.6.2022")
    fails(
        cli,
        built_project,
        f"{META}:{line}: handlings out of chronological order: 'kvalt-2022-06-14' (1.6.2022) "
        "comes after 'kh-2022-06-07' (7.6.2022)",
    )


def test_malformed_diary_number(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(
        built_project / "content/document.yaml", "diary_number: RauDno-2020-792", "diary_number: RauDno 2020/792"
    )
    fails(
        cli,
        built_project,
        f"{META}:{line}: malformed diary number 'RauDno 2020/792' (expected the form RauDno-2020-792)",
    )


def test_every_problem_is_reported_not_only_the_first(cli: Callable[..., Result], built_project: Path) -> None:
    meta = built_project / "content/document.yaml"
    a = edit(meta, "date: 7.6.2022", "date: 30.2.2022")
    b = edit(meta, "paragraph: 139", "paragraph: §139")
    c = edit(meta, "language: fi-FI", "language: suomi")
    result = fails(
        cli,
        built_project,
        f"{META}:{c}: language 'suomi' must be a language tag such as fi-FI",
        f"{META}:{a}: impossible date '30.2.2022': 2022 has no day 30.2.",
        f"{META}:{b}: § '§139' must be a whole number from 1 to 999999 or 'unknown'",
    )
    assert len(result.err.splitlines()) == 3


# --- the § of a decision, however it is mistyped -------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("0", "0", id="0"),
        pytest.param("-37", "-37", id="-37"),
        pytest.param("37a", "37a", id="37a"),
        pytest.param("3.5", "3.5", id="3.5"),
        pytest.param("9" * 5000, "9" * 60 + "…", id="huge-integer-shown-cut"),
        pytest.param('"3\\n7"', "3\\n7", id="line-break-quoted-on-one-line"),
    ],
)
def test_paragraph_must_be_a_positive_integer(
    cli: Callable[..., Result], built_project: Path, value: str, shown: str
) -> None:
    line = edit(built_project / "content/document.yaml", "paragraph: 37", f"paragraph: {value}")
    fails(cli, built_project, f"{META}:{line}: § '{shown}' must be a whole number from 1 to 999999 or 'unknown'")


# --- sections and amendment markers --------------------------------------------------


def test_amendment_target_section_must_exist(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(
        built_project / "content/document.yaml", "section: virheiden-oikaiseminen", "section: virheiden-korjaus"
    )
    marker_file = built_project / "content/ohje/08-virheiden-oikaiseminen.md"
    marker_line = next(i for i, ln in enumerate(marker_file.read_text().splitlines(), 1) if "[[lisäys:lisays-2]]" in ln)
    fails(
        cli,
        built_project,
        f"{META}:{line}: amendment 'lisays-2' targets section 'virheiden-korjaus', which does not exist "
        "(did you mean 'virheiden-oikaiseminen'?)",
        f"project/content/ohje/08-virheiden-oikaiseminen.md:{marker_line}: amendment 'lisays-2' targets "
        "section 'virheiden-korjaus', not 'virheiden-oikaiseminen'",
    )


def test_duplicate_section_ids(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "id: tavoitteet", "id: johdanto")
    fails(cli, built_project, f"{META}:{line}: duplicate section id 'johdanto'")


def test_empty_section(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "content/ohje/09-voimaantulo.md").write_text("\n  \n", encoding="utf-8")
    fails(cli, built_project, "project/content/ohje/09-voimaantulo.md:1: section 'voimaantulo' is empty")


def test_marker_naming_an_unknown_amendment(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/01-johdanto.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[lisäys:lisays-9]]\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    fails(cli, built_project, f"project/content/ohje/01-johdanto.md:{line}: marker names unknown amendment 'lisays-9'")


ALONE = (
    "must stand alone on a line, as a paragraph of its own in the section body "
    "(not in a heading, list, table or mid-paragraph)"
)


def marker_section(project: Path) -> tuple[Path, str, str]:
    """The section file holding a marker, the marker and its amendment id."""
    for path in sorted((project / "content/ohje").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("[[lisäys:"):
                return path, line, line[len("[[lisäys:") : -2]
    raise AssertionError("no marker in the shipped content")


@pytest.mark.parametrize(
    ("where", "template"),
    [("heading", "## Otsikko {m}\n"), ("mid-paragraph", "Teksti {m} jatkuu.\n"), ("table", "| a |\n|---|\n| {m} |\n")],
)
def test_a_misplaced_marker_is_an_error_and_only_that(
    cli: Callable[..., Result], built_project: Path, where: str, template: str
) -> None:
    path, marker, _ = marker_section(built_project)
    shown = f"project/content/ohje/{path.name}"
    line = append(path, "\n" + template.format(m=marker)) + 1 + (2 if where == "table" else 0)
    fails(cli, built_project, f"{shown}:{line}: marker '{marker}' {ALONE}")  # and no "placed twice"


def test_a_decomposed_marker_is_an_error(cli: Callable[..., Result], built_project: Path) -> None:
    path, marker, _ = marker_section(built_project)
    line = edit(path, marker, marker.replace("ä", "a\u0308"))
    shown = f"project/content/ohje/{path.name}"
    fails(
        cli,
        built_project,
        f"{shown}:{line}: marker '{marker}' is typed with a decomposed 'ä' (a + U+0308); retype the 'ä'",
    )


# --- theme values and templates ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("body_size: 11", "body_size: 1e308", "'fonts.body_size' must be a number from 4 to 96"),
        ("margin_left: 20", "margin_left: 1e20", "'page.margin_left' must be a number from 0 to 100"),
        ("line_height: 1.25", "line_height: 90", "'fonts.line_height' must be a number from 0.5 to 4"),
        ("body_size: 11", "body_size: -1", "'fonts.body_size' must be a number from 4 to 96"),
        (
            "margin_left: 20",
            "margin_left: 99",
            "margin_left + margin_right + body_indent is 160 mm; at most 150 mm leaves room for text on A4",
        ),
        (
            "pdf_family: Liberation Sans",
            "pdf_family: 'X\"; } body { color: red'",
            "'fonts.pdf_family' must be a font family name (letters, digits, spaces, dots and hyphens)",
        ),
    ],
)
def test_theme_values_have_sane_ranges(
    cli: Callable[..., Result], built_project: Path, old: str, new: str, message: str
) -> None:
    line = edit(built_project / "templates/theme.yaml", old, new)
    fails(cli, built_project, f"{THEME}:{line}: {message}")


def test_an_empty_template_output_is_an_error(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "templates/document.html.j2").write_text("{# nothing #}\n", encoding="utf-8")
    fails(cli, built_project, f"{DOC_TEMPLATE}:1: template 'document.html.j2' produced no output")


# --- text that is not UTF-8 ----------------------------------------------------------


def test_file_that_is_not_utf8(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/02-tavoitteet.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("ä", "\xe4").encode("latin-1", "replace").decode("latin-1")
    path.write_bytes("".join(lines[:2]).encode() + "".join(lines[2:]).encode("latin-1", "replace"))
    fails(
        cli,
        built_project,
        "project/content/ohje/02-tavoitteet.md:3: not UTF-8 text (byte 0xe4); save the file as UTF-8",
    )


def test_a_template_that_is_not_utf8_is_located(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "templates/blocks.html.j2"
    path.write_bytes(path.read_bytes() + "\nä\n".encode("latin-1"))
    line = path.read_bytes().count(b"\n")
    fails(
        cli,
        built_project,
        f"project/templates/blocks.html.j2:{line}: not UTF-8 text (byte 0xe4); save the file as UTF-8",
    )


def test_a_stylesheet_that_is_not_utf8_is_located(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "templates/kunta.css").write_bytes("p { color: red }\n/* ä */\n".encode("latin-1"))
    edit(built_project / "templates/theme.yaml", "stylesheets: []", "stylesheets: [kunta.css]")
    fails(cli, built_project, "project/templates/kunta.css:2: not UTF-8 text (byte 0xe4); save the file as UTF-8")


# --- check reports what build reports ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        pytest.param(
            "content/document.yaml",
            "paragraph: 37",
            "paragraph: x",
            "§ 'x' must be a whole number from 1 to 999999 or 'unknown'",
            id="metadata",
        ),
        pytest.param(
            "templates/theme.yaml",
            "body_size: 11",
            "body_size: -1",
            "'fonts.body_size' must be a number from 4 to 96",
            id="theme",
        ),
    ],
)
def test_check_reports_the_same_problems(
    cli: Callable[..., Result], built_project: Path, name: str, old: str, new: str, message: str
) -> None:
    line = edit(built_project / name, old, new)
    fails(cli, built_project, f"project/{name}:{line}: {message}", verb="check")
