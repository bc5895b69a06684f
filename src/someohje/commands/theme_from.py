"""``theme-from``: the theme (``templates/theme.yaml``) from a municipality's Word template."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..messages import gettext as _

if TYPE_CHECKING:
    from ..content.theme import Theme
    from ..importer.template import TemplateLayout
    from ..importer.theme_values import ThemeMapping

#: the first bytes of a Word 97-2003 file (.doc, .dot): an OLE compound file
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,80}\.do[ct]x", re.IGNORECASE)
#: the shipped theme's words on its own logo, which another municipality's theme does not say
_SHIPPED_LOGO_NOTE = "(none for Rautalammin kunta yet:\n# the organisation name stands top-left instead)"
_REFERENCE_NOTE = (
    "The municipality's Word template (a file under templates/) the DOCX starts\n"
    "from, as pandoc's --reference-doc: its styles, numbering, theme and header\n"
    "part; the identification block is written into its header. null: none."
)


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "theme-from",
        help=_("take the theme (margins, fonts, colours, logo) from a Word template (.dotx, .docx)"),
        description=_(
            "Read a municipality's Word template and write templates/theme.yaml from it: the "
            "page margins and header and footer distances, the fonts and sizes of its "
            "Normal, Title and Heading 1-3 styles, the heading and text colours, and the "
            "first picture of its page header as the logo. The template is copied into "
            "templates/ and named as docx_reference, so the DOCX starts from it. Keeps the "
            "theme file's comments; prints what was mapped and what could not be."
        ),
    )
    p.add_argument("file", metavar="FILE.dotx", help=_("the Word template (.dotx) or a document in its layout (.docx)"))
    p.add_argument("--into", default=".", metavar="PROJECT_DIR", help=_("the project (default: the working folder)"))
    p.add_argument("--logo-alt", metavar="TEXT", help=_("the logo's alternative text, when the template gives none"))
    p.add_argument(
        "--no-reference",
        action="store_true",
        help=_("take the values only: do not copy the template into templates/ nor name it as docx_reference"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..content.project import THEME_FILE
    from ..content.theme_edit import edited_theme, yaml_value
    from ..errors import ContentError, problem
    from ..importer.theme_values import theme_mapping
    from ..pipeline.output import write_all

    source, project = Path(args.file), Path(args.into)
    if not project.is_dir():
        raise ContentError([problem(project, 0, _("no such project folder (give it with --into)"))])
    data = _template_bytes(source)
    layout = _layout(source)
    theme_file = project / "templates" / THEME_FILE
    text, current = _current_theme(theme_file)
    mapping = theme_mapping(layout, current)
    files: dict[Path, bytes] = {}
    _logo(mapping, current, args.logo_alt, files, theme_file.parent)
    if not args.no_reference:
        suffix = source.suffix.lower() if source.suffix.lower() in (".dotx", ".docx") else ".dotx"
        name = source.name if _PLAIN_NAME.fullmatch(source.name) else f"asiakirjapohja{suffix}"
        files[theme_file.parent / name] = data
        mapping.edits[("", "docx_reference")] = yaml_value(name)
        mapping.mapped.append(
            _("docx_reference = {yaml_value} (the template itself, copied into templates/)").format(
                yaml_value=yaml_value(name)
            )
        )
    new_text = edited_theme(text, mapping.edits, theme_file, {("", "docx_reference"): _REFERENCE_NOTE})
    files[theme_file] = new_text.encode("utf-8")
    _check_before_writing(files, theme_file)
    for written in write_all(files, root=project):
        print(_("wrote {path}").format(path=written.path))
    _report(mapping)
    print(_("Next: python -m someohje check {project}").format(project=project))
    return 0


def _check_before_writing(files: dict[Path, bytes], theme_file: Path) -> None:
    """Load the new theme as it will be, in a copy of the templates folder, so
    that a theme that would not load is never written (its problems name the
    real files)."""
    import shutil
    import tempfile

    from ..content.theme import load_theme
    from ..errors import ContentError, Problem

    folder = theme_file.parent
    with tempfile.TemporaryDirectory(prefix="someohje-theme-") as tmp:
        copy = Path(tmp) / "templates"
        if folder.is_dir():
            shutil.copytree(folder, copy, symlinks=True)
        copy.mkdir(exist_ok=True)
        for path, data in files.items():
            (copy / path.relative_to(folder)).write_bytes(data)
        try:
            load_theme(copy / theme_file.name)
        except ContentError as exc:
            shown = str(theme_file.parent)
            moved = [Problem(p.path.replace(str(copy), shown), p.line, p.message) for p in exc.problems]
            raise ContentError(moved) from None


def _template_bytes(source: Path) -> bytes:
    """The template file's bytes (a regular file of at most the size a Word
    file may have); a missing file or a Word 97-2003 one is a located problem."""
    from ..content.confine import Refused, read_bytes
    from ..errors import ContentError, problem
    from ..importer.package import MAX_DOCX_BYTES

    if not source.exists() and not source.is_symlink():
        raise ContentError([problem(source, 0, _("no such file"))])
    try:
        data = read_bytes(source, MAX_DOCX_BYTES, what=_("the template"))
    except Refused as exc:
        raise ContentError([problem(source, 0, str(exc))]) from None
    if data.startswith(_OLE):
        why = _("a Word 97-2003 file (.doc, .dot), which is not read; save it in Word as a template (.dotx)")
        raise ContentError([problem(source, 0, why)])
    return data


def _layout(source: Path) -> TemplateLayout:
    """The template's layout; a file that cannot be read is one located problem."""
    from ..errors import ContentError, problem
    from ..importer.package import BadDocx, bad_docx_message
    from ..importer.template import read_template

    try:
        return read_template(source)
    except BadDocx as exc:
        why = bad_docx_message(exc, _("not a Word template (.dotx) or document (.docx) that can be read"))
        raise ContentError([problem(source, 0, why)]) from None


def _current_theme(theme_file: Path) -> tuple[str, Theme]:
    """The project's theme file's text and values, or the shipped theme's
    (headed for the template) when the project has none yet."""
    from ..content.project import THEME_FILE, defaults_root
    from ..content.theme import load_theme
    from ..content.yamlsource import read_text

    if theme_file.exists() or theme_file.is_symlink():
        return read_text(theme_file), load_theme(theme_file)
    shipped = defaults_root() / "templates" / THEME_FILE
    lines = read_text(shipped).splitlines()
    start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    head = [
        "# The layout of the municipality's documents, read by every renderer: the",
        "# PDF/HTML stylesheet gets these as template variables, the DOCX as styles.",
        "# Written by `python -m someohje theme-from` from the municipality's Word",
        "# template; change this file, not the code. Lengths mm, font sizes pt.",
    ]
    generic = "(without one, the organisation's\n# name stands top-left)"
    body = "\n".join(lines[start:]).replace(_SHIPPED_LOGO_NOTE, generic)
    return "\n".join([*head, body]) + "\n", load_theme(shipped)


def _logo(mapping: ThemeMapping, current: Theme, given_alt: str | None, files: dict[Path, bytes], folder: Path) -> None:
    """The header's picture as ``templates/logo.EXT``, named in the theme with
    its alternative text (the template's, ``--logo-alt``, or the theme's)."""
    from ..content.theme_edit import yaml_value

    logo = mapping.logo
    if logo is None:
        mapping.not_mapped.append(_("the template's page header has no picture; 'logo' is left as it is"))
        return
    alt = (given_alt or "").strip() or logo.alt or (current.logo_alt.strip() if current.logo else "")
    if not alt:
        mapping.not_mapped.append(
            _(
                "the header's picture has no alternative text (in Word: Edit Alt Text); give it "
                "with --logo-alt TEXT to take the logo"
            )
        )
        return
    name = f"logo.{logo.extension}"
    files[folder / name] = logo.data
    mapping.edits[("", "logo")] = yaml_value(name)
    mapping.edits[("", "logo_alt")] = yaml_value(alt)
    shown = _("logo = {yaml_value}, logo_alt = {yaml_value2}").format(
        yaml_value=yaml_value(name), yaml_value2=yaml_value(alt)
    )
    mapping.mapped.append(_("{shown} (the first picture of the page header)").format(shown=shown))


def _report(mapping: ThemeMapping) -> None:
    print(_("Mapped ({count}):").format(count=len(mapping.mapped)))
    for line in mapping.mapped:
        print(f"  {line}")
    if mapping.not_mapped:
        print(_("Not mapped ({count}):").format(count=len(mapping.not_mapped)))
        for line in mapping.not_mapped:
            print(f"  {line}")
