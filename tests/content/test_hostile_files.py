"""Hostile input (issue 10): every class of input the mutation campaign
found to break a build (characters XML cannot carry, images that are not
what they say, YAML and Markdown made to exhaust the parser, a runaway
pattern, template escapes, symbolic links, a name that breaks out of its
context) is one ``path:line: message`` line, exit 1, no traceback, the
previous build/ untouched and ``check`` reporting the same; what is only
unusual (a surrogate pair, a JPEG, a very long title) builds."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

import someohje
from helpers import DOC_TEMPLATE, INTRO, META, THEME, Result, append, edit, fails, reseal, snapshot
from someohje.content.project_file import load

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


# --- images and logos ----------------------------------------------------------------


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


# --- bounded YAML and patterns -------------------------------------------------------


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


def test_a_catastrophic_diary_pattern_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "keywords:", "diary_number_pattern: '(a|aa)+'\nkeywords:")
    message = (
        "diary_number_pattern is refused: it repeats a part with alternatives ('|'), which can take "
        "exponential time; write a simpler pattern"
    )
    fails(cli, built_project, f"{META}:{line}: {message}")


# --- Markdown ------------------------------------------------------------------------


def test_raw_html_in_markdown_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/01-johdanto.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    fails(
        cli,
        built_project,
        f"project/content/ohje/01-johdanto.md:{line}: raw HTML is not allowed in content; use Markdown",
    )


def test_deeply_nested_emphasis_is_a_clean_error(cli: Callable[..., Result], built_project: Path) -> None:
    line = append(built_project / "content/ohje/01-johdanto.md", "\n" + "*a " * 1000 + "x" + " a*" * 1000 + "\n") + 1
    fails(cli, built_project, f"{INTRO}:{line}: emphasis and links nest more than 16 deep")


# --- templates and stylesheets -------------------------------------------------------


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


def test_a_stylesheet_name_cannot_break_out_of_its_css_comment(cli: Callable[..., Result], built_project: Path) -> None:
    name = "a*/b.css"  # printed as /* a*/b.css */ it would end the comment early
    (built_project / "templates/a*").mkdir()
    (built_project / "templates" / name).write_text("p { color: red }\n", encoding="utf-8")
    line = edit(built_project / "templates/theme.yaml", "stylesheets: []", f"stylesheets: ['{name}']")
    message = f"stylesheet '{name}' must be a .css file named with letters, digits, '-', '_'"
    fails(cli, built_project, f"{THEME}:{line}: {message}")


# --- symbolic links ------------------------------------------------------------------


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


# --- oversized values ----------------------------------------------------------------


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
