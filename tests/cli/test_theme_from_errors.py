"""Bad input to ``theme-from`` and a bad ``docx_reference``: one located line
per problem, a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import THEME, Result, append, fails, snapshot
from wordtemplate import Layout, as_dotx, png, template_docx


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_member(data: bytes, name: str, new: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = new
    return zipped(members)


def theme_from_fails(cli: Callable[..., Result], project: Path, source: Path, expected: str) -> None:
    """``theme-from`` exits 1 with exactly ``expected``, and templates/ is as it was."""
    before = snapshot(project / "templates")
    result = cli("theme-from", str(source.relative_to(project.parent)), "--into", "project", cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (1, [expected]), result
    assert "Traceback" not in result.err and result.out == ""
    assert snapshot(project / "templates") == before
    assert not [p for p in (project / "templates").iterdir() if p.name.startswith(".someohje-staging")]


TEMPLATE = as_dotx(template_docx(Layout(), png()))
NOT_READ = "not a Word template (.dotx) or document (.docx) that can be read"


def test_a_missing_file(cli: Callable[..., Result], project: Path) -> None:
    theme_from_fails(cli, project, project.parent / "puuttuu.dotx", "puuttuu.dotx: no such file")


def test_a_file_that_is_not_a_zip(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "pohja.dotx"
    source.write_text("not a template", encoding="utf-8")
    theme_from_fails(cli, project, source, f"pohja.dotx: {NOT_READ}: File is not a zip file")


def test_a_zip_that_is_not_a_word_document(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "pohja.dotx"
    source.write_bytes(zipped({"readme.txt": b"hello"}))
    theme_from_fails(cli, project, source, f"pohja.dotx: {NOT_READ}: has no [Content_Types].xml: not a Word document")


def test_a_word_97_file(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "pohja.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    why = "a Word 97-2003 file (.doc, .dot), which is not read; save it in Word as a template (.dotx)"
    theme_from_fails(cli, project, source, f"pohja.doc: {why}")


def test_a_zip_bomb_is_refused_before_it_is_inflated(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "pommi.dotx"
    source.write_bytes(with_member(TEMPLATE, "word/media/huge.bin", bytes(30_000_000)))
    why = "word/media/huge.bin: inflates to 30,000,000 bytes; the limit is 25,000,000"
    theme_from_fails(cli, project, source, f"pommi.dotx: {why}")


def test_a_malformed_styles_part(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "rikki.dotx"
    source.write_bytes(with_member(TEMPLATE, "word/styles.xml", b"<w:styles><w:style>"))
    why = "not well-formed XML (Namespace prefix w on styles is not defined, line 1, column 10 (<string>, line 1))"
    theme_from_fails(cli, project, source, f"rikki.dotx: word/styles.xml: {why}")


def test_a_macro_enabled_template(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "makrot.dotm"
    with zipfile.ZipFile(io.BytesIO(TEMPLATE)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    macro = b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", macro
    )
    source.write_bytes(zipped(members))
    why = "word/document.xml: is a macro-enabled document (.docm, .dotm); save it as .docx or .dotx"
    theme_from_fails(cli, project, source, f"makrot.dotm: {why}")


def test_a_theme_that_does_not_load_is_reported_and_left_alone(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "pohja.dotx"
    source.write_bytes(TEMPLATE)
    line = append(project.parent / THEME, "docx_reference: ../pohja.dotx\n")
    why = "docx_reference '../pohja.dotx' must be a Word template (.dotx or .docx) inside the templates folder"
    theme_from_fails(cli, project, source, f"{THEME}:{line}: {why}")


# --- docx_reference in theme.yaml -----------------------------------------------------------------


INSIDE = "must be a Word template (.dotx or .docx) inside the templates folder"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("../pohja.dotx", INSIDE),
        ("https://example.org/pohja.dotx", INSIDE),
        ("pohja.pdf", INSIDE),
        ("puuttuu.dotx", "does not exist"),
    ],
)
def test_a_bad_docx_reference_is_a_located_error(
    cli: Callable[..., Result], project: Path, value: str, why: str
) -> None:
    line = append(project.parent / THEME, f"docx_reference: {value}\n")
    fails(cli, project, f"{THEME}:{line}: docx_reference '{value}' {why}")


def test_a_docx_reference_that_is_not_a_word_package(cli: Callable[..., Result], project: Path) -> None:
    (project / "templates" / "pohja.dotx").write_bytes(zipped({"readme.txt": b"hello"}))
    line = append(project.parent / THEME, "docx_reference: pohja.dotx\n")
    why = "not a Word document or template: has no [Content_Types].xml: not a Word document"
    fails(cli, project, f"{THEME}:{line}: docx_reference 'pohja.dotx': {why}")


def test_a_theme_that_would_not_load_is_never_written(cli: Callable[..., Result], project: Path) -> None:
    source = project.parent / "pohja.dotx"
    source.write_bytes(as_dotx(template_docx(Layout(), png(width=13_000, height=1))))
    lines = (project.parent / THEME).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("logo:"))
    why = "logo 'logo.png' is 13000 x 1 pixels; each side must be 1 to 12000 pixels"
    theme_from_fails(cli, project, source, f"{THEME}:{line}: {why}")
