"""Robust under any input (issue 10): every class of bad input found by the
mutation campaign is one ``path:line: message`` line, exit 1 (2 for a wrong
command line), no traceback and the previous build/ untouched."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

import someohje
from helpers import FIXTURES, REPO, Result, reseal, snapshot
from someohje.content.document_file import load
from someohje.errors import UsageError

META = "project/content/document.yaml"
THEME = "project/templates/theme.yaml"
INTRO = "project/content/ohje/01-johdanto.md"
DOC_TEMPLATE = "project/templates/document.html.j2"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path`` with ``new``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def append(path: Path, text: str) -> int:
    """Append ``text`` to ``path``; return the line its first line lands on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


@pytest.fixture
def built_project(project: Path, cli: Callable[..., Result]) -> Path:
    """A project with a previous good HTML build in build/."""
    result = cli("build", str(project), "--format", "html")
    assert result.code == 0, result.err
    return project


def fails(cli: Callable[..., Result], project: Path, *expected: str, verb: str = "build", code: int = 1) -> None:
    """``verb`` fails with exactly ``expected`` on stderr and exit ``code``,
    no traceback, build/ untouched; ``check`` reports the same."""
    before = snapshot(project / "build")
    args = [verb, str(project)] + (["--format", "html"] if verb == "build" else ["--no-spell"])
    result = cli(*args, cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (code, list(expected)), result
    assert "Traceback" not in result.err
    assert snapshot(project / "build") == before
    if verb == "build" and code == 1:
        fails(cli, project, *expected, verb="check")


# --- characters XML cannot carry -----------------------------------------------------


def test_a_control_character_in_metadata_is_located(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "type: Ohje", 'type: "Oh\\x01je"')
    fails(cli, built_project, f"{META}:{line}: U+0001 (a control character) cannot appear in a document; remove it")


def test_a_control_character_in_a_section_is_located(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/01-johdanto.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + "\x0b"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails(cli, built_project, f"{INTRO}:3: U+000B (a control character) cannot appear in a document; remove it")


def test_a_non_character_in_the_theme_is_located(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "templates/theme.yaml", 'logo_alt: ""', 'logo_alt: "x\\uffff"')
    fails(cli, built_project, f"{THEME}:{line}: U+FFFF (a non-character) cannot appear in a document; remove it")


def test_a_lone_surrogate_is_located(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "type: Ohje", 'type: "Ohje \\ud83d"')
    message = "U+D83D (a lone UTF-16 surrogate, not a character) cannot appear in a document; remove it"
    fails(cli, built_project, f"{META}:{line}: {message}")


def test_a_surrogate_pair_becomes_its_character(project: Path) -> None:
    edit(project / "content/document.yaml", "type: Ohje", 'type: "Ohje \\ud83d\\ude00"')
    assert load(project).doc_type == "Ohje \U0001f600"


# --- images and logos --------------------------------------------------------------


def test_an_svg_image_is_refused_at_load_time(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "content/ohje/kuva.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    line = append(built_project / "content/ohje/01-johdanto.md", "\n![Kuva](kuva.svg)\n") + 1
    fails(
        cli, built_project, f"{INTRO}:{line}: image 'kuva.svg' is SVG, which the DOCX cannot embed; convert it to PNG"
    )


def test_a_file_that_is_no_image_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "content/ohje/kuva.png").write_bytes(b"not a picture at all")
    line = append(built_project / "content/ohje/01-johdanto.md", "\n![Kuva](kuva.png)\n") + 1
    fails(cli, built_project, f"{INTRO}:{line}: image 'kuva.png' is not a PNG, JPEG or GIF image")


def test_a_jpeg_image_reaches_the_docx(project: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(buffer, "JPEG")
    (project / "content/ohje/kuva.jpg").write_bytes(buffer.getvalue())
    append(project / "content/ohje/01-johdanto.md", "\n![Sininen kuva](kuva.jpg)\n")
    reseal(project)
    session = someohje.open_session(project)
    data = someohje.render_document(someohje.guideline(session.document), session, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert any(name.endswith((".jpg", ".jpeg")) for name in archive.namelist())


def test_an_svg_logo_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "templates/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    edit(built_project / "templates/theme.yaml", 'logo_alt: ""', 'logo_alt: "Vaakuna"')
    line = edit(built_project / "templates/theme.yaml", "logo: null", "logo: logo.svg")
    fails(cli, built_project, f"{THEME}:{line}: logo 'logo.svg' is SVG, which the DOCX cannot embed; convert it to PNG")


# --- theme numbers and strings -------------------------------------------------------


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


# --- bounded YAML --------------------------------------------------------------------


def test_an_alias_bomb_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    bomb = "".join(
        f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(9)
    )
    path = built_project / "content/document.yaml"
    path.write_text(bomb + path.read_text(encoding="utf-8"), encoding="utf-8")
    fails(cli, built_project, f"{META}:1: more than 100,000 values (aliases expanded); is an alias repeated too often?")


def test_a_recursive_alias_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "keywords:", "loop: &loop [*loop]\nkeywords:")
    fails(cli, built_project, f"{META}:{line}: an alias refers to the list or mapping that contains it")


def test_deep_nesting_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "keywords:", f"deep: {'[' * 500}{']' * 500}\nkeywords:")
    fails(cli, built_project, f"{META}:{line}: lists and mappings nest more than 32 deep")


def test_a_huge_yaml_file_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/document.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * 1_000_000 + "\n", encoding="utf-8")
    size = path.stat().st_size
    fails(cli, built_project, f"{META}:1: the file is too big ({size:,} bytes; the limit is 1,000,000)")


def test_a_huge_integer_is_a_clean_error(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "paragraph: 37", "paragraph: " + "9" * 5000)
    shown = "9" * 60 + "…"
    fails(cli, built_project, f"{META}:{line}: § '{shown}' must be a whole number from 1 to 999999 or 'unknown'")


def test_a_catastrophic_diary_pattern_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "keywords:", "diary_number_pattern: '(a|aa)+'\nkeywords:")
    message = (
        "diary_number_pattern is refused: it repeats a part with alternatives ('|'), which can take "
        "exponential time; write a simpler pattern"
    )
    fails(cli, built_project, f"{META}:{line}: {message}")


# --- Markdown ------------------------------------------------------------------------


def test_deeply_nested_emphasis_is_a_clean_error(cli: Callable[..., Result], built_project: Path) -> None:
    line = append(built_project / "content/ohje/01-johdanto.md", "\n" + "*a " * 1000 + "x" + " a*" * 1000 + "\n") + 1
    fails(cli, built_project, f"{INTRO}:{line}: emphasis and links nest more than 16 deep")


def test_quoted_user_text_stays_on_one_line(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "paragraph: 37", 'paragraph: "3\\n7"')
    fails(cli, built_project, f"{META}:{line}: § '3\\n7' must be a whole number from 1 to 999999 or 'unknown'")


# --- amendment markers ---------------------------------------------------------------

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


# --- templates -----------------------------------------------------------------------


def break_template(project: Path, text: str) -> int:
    """Put ``text`` on a line of its own after the template's first line; return that line."""
    path = project / "templates/document.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ 1 / 0 }}", "template error: ZeroDivisionError: division by zero"),
        ("{{ 1 + 'a' }}", "template error: TypeError: unsupported operand type(s) for +: 'int' and 'str'"),
        ("{{ lipsum.__globals__['os'].popen('id').read() }}", "template error: 'lipsum' is undefined"),
        ("{{ t.path.read_text() }}", "template error: access to attribute 'path' of 'Theme' object is unsafe."),
        ("{{ ''.__class__.__mro__ }}", "template error: access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ 'a' * 10**10 }}", "template error: a template may not build a value of more than 1,000,000 items"),
        ("{{ range(10**12) | list }}", "template error: range() in a template is limited to 10,000 items"),
        ("{{ 2 ** 100000 }}", "template error: a power in a template is too big"),
        (
            "{{ image_src('../../../../etc/passwd') }}",
            "template error: Refused: image '../../../../etc/passwd' points outside the content folder",
        ),
    ],
)
def test_template_failures_and_escapes_are_located(
    cli: Callable[..., Result], built_project: Path, text: str, message: str
) -> None:
    line = break_template(built_project, text)
    fails(cli, built_project, f"{DOC_TEMPLATE}:{line}: {message}")


def test_template_recursion_is_a_clean_error(cli: Callable[..., Result], built_project: Path) -> None:
    break_template(built_project, "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
    before = snapshot(built_project / "build")
    result = cli("build", str(built_project), "--format", "html", cwd=built_project.parent)
    assert result.code == 1 and "Traceback" not in result.err
    [line] = result.err.splitlines()
    assert line.startswith(f"{DOC_TEMPLATE}:") and line.endswith(
        "template error: RuntimeError: templates call each other too deeply"
    )
    assert snapshot(built_project / "build") == before


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


def test_an_empty_template_output_is_an_error(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "templates/document.html.j2").write_text("{# nothing #}\n", encoding="utf-8")
    fails(cli, built_project, f"{DOC_TEMPLATE}:1: template 'document.html.j2' produced no output")


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("templates/document.html.j2", "template 'document.html.j2' is reached through a symbolic link"),
        ("templates/blocks.html.j2", "template 'blocks.html.j2' is reached through a symbolic link"),
        ("templates/theme.yaml", "theme.yaml is reached through a symbolic link"),
        ("content/document.yaml", "document.yaml is reached through a symbolic link"),
    ],
)
def test_symbolic_links_are_not_followed(
    cli: Callable[..., Result], built_project: Path, tmp_path: Path, link: str, message: str
) -> None:
    path = built_project / link
    outside = tmp_path / f"outside-{path.name}"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    fails(cli, built_project, f"project/{link}:1: {message} ({path.name}), which is not followed")


# --- the library and the command line ------------------------------------------------


def test_render_document_names_the_formats() -> None:
    session = someohje.open_session(REPO)
    with pytest.raises(UsageError) as caught:
        someohje.render_document(someohje.guideline(session.document), session, "bogus")
    assert str(caught.value) == "--format: unknown format 'bogus' (choose from html, docx, pdf)"


def test_a_missing_project_folder_is_a_usage_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("build", "nope", cwd=tmp_path)
    assert (result.code, result.err, result.out) == (2, "error: PROJECT_DIR: no such folder: nope\n", "")
    assert list(tmp_path.iterdir()) == []


def test_outside_a_project_build_says_what_it_builds(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("build", "--format", "html", cwd=tmp_path)
    assert result.code == 0, result.err
    first, *_ = result.out.splitlines()
    assert first == "no content/ folder here: building the example guideline shipped with someohje into build/"
    assert sorted(p.name for p in (tmp_path / "build").glob("*.html")) == [
        "index.html",
        "rautalammin-kunnan-sosiaalisen-median-ohje.html",
    ]


def test_check_validates_the_theme(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "templates/theme.yaml", "body_size: 11", "body_size: -1")
    fails(cli, built_project, f"{THEME}:{line}: 'fonts.body_size' must be a number from 4 to 96", verb="check")


def test_a_long_title_is_cut_only_in_the_docx_properties(project: Path) -> None:
    title = "Ohje " + "pitkä " * 60
    edit(project / "content/document.yaml", "title: Rautalammin kunnan sosiaalisen median ohje", f"title: {title}")
    session = someohje.open_session(project)
    data = someohje.render_document(someohje.guideline(session.document), session, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
        body = archive.read("word/document.xml").decode("utf-8")
    shown = core.find("{http://purl.org/dc/elements/1.1/}title").text
    assert len(shown) == 255 and shown.endswith("…") and title.strip().startswith(shown[:-1])
    assert title.strip() in body


def test_another_project_in_the_same_output_folder_is_told(cli: Callable[..., Result], project: Path) -> None:
    out = project.parent / "shared-out"
    assert cli("build", str(project), "--format", "html", "--out", str(out)).code == 0
    other = FIXTURES / "esimerkkila"
    result = cli("build", str(other), "--format", "html", "--out", str(out))
    assert result.code == 0
    assert result.err == (
        f"warning: {out} held the outputs of another project ({project}); files of the same name are replaced\n"
    )


def test_an_os_error_names_the_output_file(cli: Callable[..., Result], built_project: Path) -> None:
    stem = "rautalammin-kunnan-sosiaalisen-median-ohje"
    (built_project / "build" / f"{stem}.docx").mkdir()
    result = cli("build", str(built_project), "--format", "html,docx", cwd=built_project.parent)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"project/build/{stem}.docx: in the way: not a regular file, so not replaced\n"
    assert os.listdir(built_project / "build" / f"{stem}.docx") == []


def test_a_stylesheet_name_cannot_break_out_of_its_css_comment(cli: Callable[..., Result], built_project: Path) -> None:
    name = "a*/b.css"  # printed as /* a*/b.css */ it would end the comment early
    (built_project / "templates/a*").mkdir()
    (built_project / "templates" / name).write_text("p { color: red }\n", encoding="utf-8")
    line = edit(built_project / "templates/theme.yaml", "stylesheets: []", f"stylesheets: ['{name}']")
    message = f"stylesheet '{name}' must be a .css file named with letters, digits, '-', '_'"
    fails(cli, built_project, f"{THEME}:{line}: {message}")


def test_a_huge_attachment_number_is_a_usage_error(cli: Callable[..., Result], project: Path) -> None:
    number = "9" * 5000
    result = cli("attachment", str(project), "--meeting", "kvalt-2022-06-14", "--number", number, "--format", "html")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines()[-1].endswith(f"argument --number: invalid int value: '{number}'")
    assert not (project / "build").exists()
