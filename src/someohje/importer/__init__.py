"""Import a Word document (DOCX) into a project's content.

:func:`import_docx` reads the DOCX (:mod:`.reader`, :mod:`.runs`,
:mod:`.metadata`), splits it into one Markdown file per top-level heading
(:mod:`.sections`, :mod:`.markdown_out`), writes ``document.yaml``
(:mod:`.yaml_out`) and a report of everything that could not be mapped,
each line with its place. All files are rendered in memory first and
written together, atomically.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..content.confine import walk
from ..content.yamlsource import read_text
from ..errors import ContentError, UsageError, problem
from ..messages import gettext as _
from ..pipeline.output import Written, check_folder, check_targets, write_all
from ..textual import inline_text
from ..tree import Heading
from .metadata import DocxMetadata, Found, read_metadata
from .notices import Notice, excerpt
from .package import BadDocx, Package, bad_docx_message, read_package
from .reader import Body, Reader
from .runs import IMAGE_FOLDER
from .sections import SectionFile, split_sections
from .styles import Element
from .yaml_out import new_document_yaml, replace_sections

REPORT_FILE = "import-report.txt"
_NOTE_PARTS = {"comments": "comment", "footnotes": "footnote", "endnotes": "endnote"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and what it could not carry over."""

    written: list[Written]
    removed: list[Path]
    report: list[str]  #: one line per thing not mapped or filled in, ``path:line: what``


def import_docx(source: Path, project: Path, document_id: str = "ohje", *, replace: bool = False) -> ImportResult:
    """Import ``source`` into ``project`` (created when missing).

    The sections go to ``content/DOCUMENT_ID/NN-slug.md``, images to
    ``content/DOCUMENT_ID/kuvat/``. A project that already has a
    ``document.yaml`` or section files there is refused unless ``replace``:
    then its section files are replaced and only the ``sections:`` list of its
    ``document.yaml`` is rewritten. Raises :class:`UsageError` for a refused
    target and :class:`ContentError` for a file that is not a DOCX.
    """
    package, document = _open(source)
    reader = Reader(document, _notes(package))
    body = reader.read(document.element.body)
    _title_from_heading(body)
    if not body.blocks:
        raise ContentError([problem(source, 0, _no_text(body.titles, body.notices))])
    meta = read_metadata(document, reader.styles, body.titles, body.front)
    sections, renumbered = split_sections(body.blocks)
    folder, meta_path, old = _target(project, document_id, replace=replace)
    files: dict[Path, bytes] = {folder / s.name: s.writer.text().encode() for s in sections}
    files.update({folder / name: data for name, data in body.images.items()})
    if meta_path.exists():
        replaced = replace_sections(read_text(meta_path), sections, document_id)
        if replaced is None:
            raise ContentError([problem(meta_path, 0, _("has no top-level 'sections:' list to replace"))])
        files[meta_path] = replaced.encode()
        report = _kept_metadata(meta_path, meta)
    else:
        files[meta_path] = new_document_yaml(meta, sections, document_id, source.name).encode()
        report = []
    report += _locate(body.notices, sections, folder, source)
    if renumbered:
        report.append(
            _("{name}: {renumbered} heading numbers removed: someohje numbers headings itself").format(
                name=source.name, renumbered=renumbered
            )
        )
    report += _placeholder_lines(files)
    files[project / REPORT_FILE] = ("\n".join(report) + "\n" if report else "").encode()
    written = write_all(files, root=project)
    removed = [p for p in old if p not in files]
    for path in removed:
        path.unlink()
    return ImportResult(written, removed, report)


def _target(project: Path, document_id: str, *, replace: bool) -> tuple[Path, Path, list[Path]]:
    """The document's folder, ``document.yaml`` and the section files there
    now. Nothing is looked at, read or removed through a symbolic link: a
    linked project, ``content/`` or document folder is refused
    (:class:`~someohje.errors.OutputError`), and only regular files are old
    sections. Without ``replace`` a project that has them is a UsageError."""
    content = project / "content"
    folder = content / document_id
    meta_path = content / "document.yaml"
    check_targets(project, [meta_path])
    check_folder(project, folder / IMAGE_FOLDER)
    old = [e.path for e in walk(folder) if not e.kind and "/" not in e.relative and e.path.suffix == ".md"]
    if (os.path.lexists(meta_path) or old) and not replace:
        where = meta_path if os.path.lexists(meta_path) else old[0]
        raise UsageError([problem(where, 0, _("already exists: import would overwrite it (add --replace to do so)"))])
    return folder, meta_path, old


def _open(source: Path) -> tuple[Package, Any]:
    """The DOCX at ``source``, checked whole (:func:`.package.read_package`),
    and python-docx's document over the checked bytes."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not source.exists() and not source.is_symlink():
        raise ContentError([problem(source, 0, _("no such file"))])
    try:
        package = read_package(source)
    except BadDocx as exc:
        raise ContentError([problem(source, 0, bad_docx_message(exc))]) from None
    try:
        return package, Document(io.BytesIO(package.data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        raise ContentError(
            [problem(source, 0, _("not a Word document (.docx) that can be read: {reason}").format(reason=reason))]
        ) from None


def _title_from_heading(body: Body) -> None:
    """A document with no title paragraph whose first block is its only main
    heading, with headings below it (as LibreOffice writes a web page, and
    many municipal files are), has that heading as its title: it is taken
    out, so that the sections are split at the next level, and reported."""
    headings = [b for b in body.blocks if isinstance(b, Heading)]
    if body.titles or not body.blocks or not isinstance(body.blocks[0], Heading) or len(headings) < 2:
        return
    top = body.blocks[0].level
    if any(h.level <= top for h in headings[1:]):
        return
    text = inline_text(body.blocks[0].children)
    body.titles.append(text)
    del body.blocks[0]
    body.notices[:] = [replace(n, block=max(0, n.block - 1)) if n.block else n for n in body.notices]
    body.notices.append(
        Notice(
            0,
            0,
            _("the only main heading {text} read as the title: the sections are the headings below it").format(
                text=excerpt(text)
            ),
        )
    )


def _no_text(titles: list[str], notices: list[Notice]) -> str:
    """Why an import that found no body text writes nothing."""
    found = _("only the title {title}").format(title=excerpt(titles[0])) if titles else _("no text")
    unread = _("; not read: {values}").format(values="; ".join(n.message for n in notices[:3])) if notices else ""
    return _("the document body has {found} that import can read: nothing written{unread}").format(
        found=found, unread=unread
    )


def _notes(package: Package) -> dict[str, dict[str, Element]]:
    """Every comment, footnote and endnote element, by kind and id."""
    out: dict[str, dict[str, Element]] = {}
    for kind, tag in _NOTE_PARTS.items():
        for name in package.related(package.main, kind):
            root = package.xml(name)
            out[kind] = {str(el.get(f"{{{W}}}id")): el for el in root.iter(f"{{{W}}}{tag}")}
    return out


def _locate(notices: list[Notice], sections: list[SectionFile], folder: Path, source: Path) -> list[str]:
    """Report lines for ``notices``, each at the section file and line where
    the text around it went."""
    lines = []
    for n in notices:
        path, line = _where(n.block, sections, folder)
        para = (
            _(" (paragraph {paragraph} of {name})").format(paragraph=n.paragraph, name=source.name)
            if n.paragraph
            else ""
        )
        lines.append(str(problem(path, line, n.message + para)) if path else f"{source.name}: {n.message}{para}")
    return lines


def _where(block: int | None, sections: list[SectionFile], folder: Path) -> tuple[Path | None, int]:
    if block is None or not sections:
        return None, 0
    best: tuple[Path | None, int] = (None, 0)
    for s in sections:
        for index, line in s.block_lines.items():
            if index <= block:
                best = (folder / s.name, line)
    if best[0] is None:
        best = (folder / sections[0].name, 1)
    return best


def _placeholder_lines(files: dict[Path, bytes]) -> list[str]:
    from ..content.placeholders import find_in_text

    lines = []
    for path, data in sorted(files.items()):
        if path.suffix in (".md", ".yaml"):
            lines += [str(p) for p in find_in_text(data.decode(), path)]
    return lines


def _kept_metadata(meta_path: Path, meta: DocxMetadata) -> list[str]:
    """Report lines for metadata found in the DOCX but not written (the
    existing ``document.yaml`` keeps its own)."""
    found: list[tuple[str, Found | None]] = [
        ("title", meta.title),
        ("type", meta.doc_type),
        (_("diary number"), meta.diary_number),
        ("date", meta.date),
    ]
    return [
        str(
            problem(
                meta_path,
                0,
                _("kept as it was; the DOCX gives {what} {value} (from {source})").format(
                    what=what, value=excerpt(f.value), source=f.source
                ),
            )
        )
        for what, f in found
        if f is not None
    ]


__all__ = ["REPORT_FILE", "ImportResult", "import_docx"]
