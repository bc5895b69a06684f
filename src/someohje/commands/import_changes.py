"""``import-changes``: a DOCX's tracked changes become proposed amendments of a pending handling."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..messages import gettext as _
from .common import add_document_arg


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "import-changes",
        help=_("record the tracked changes of an edited DOCX as proposed amendments"),
        description=_(
            "Read the tracked changes (insertions and deletions) of a DOCX that someohje "
            "wrote (the stage build or the agenda attachment) and someone edited with Track "
            "Changes on, and add each as a proposed amendment of a pending handling to "
            "content/document.yaml, with its author and date. Changes that cannot be "
            "anchored are listed with their place and nothing is written (exit 1); "
            "formatting changes are listed and ignored."
        ),
    )
    add_document_arg(p)
    p.add_argument("docx", metavar="FILE.docx", help=_("the edited document"))
    p.add_argument(
        "--meeting",
        required=True,
        metavar="HANDLING_ID",
        help=_("the pending handling (outcome: pending) that the changes are proposed to"),
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help=_("folder holding content/ (default: the working folder)"),
    )
    p.set_defaults(run=run, trailing="project")


def run(args: argparse.Namespace) -> int:
    from ..content.project import open_project
    from ..content.project_file import load
    from ..content.yamlsource import read_text
    from ..errors import ContentError, Problem, UsageError, problem
    from ..importer.tracked import import_changes
    from ..importer.yamltext import UnknownLayout, with_amendments
    from ..model import Outcome
    from ..pipeline.output import replace_file

    doc = load(open_project(args.project).root, args.document)
    ids = [h.id for h in doc.handlings]
    pending = [h.id for h in doc.handlings if h.outcome is Outcome.PENDING]
    if args.meeting not in ids or doc.handling(args.meeting).outcome is not Outcome.PENDING:
        what = (
            _("'{meeting}' is not a handling").format(meeting=args.meeting)
            if args.meeting not in ids
            else _(
                "'{meeting}' ({meeting_ref}) is decided (outcome: {value}); tracked changes "
                "become proposals of a coming meeting"
            ).format(
                meeting=args.meeting,
                meeting_ref=doc.handling(args.meeting).meeting_ref(),
                value=doc.handling(args.meeting).outcome.value,
            )
        )
        hint = (
            _("pending handlings: {pending}").format(pending=", ".join(pending))
            if pending
            else _("add one with 'outcome: pending'")
        )
        raise UsageError([Problem("--meeting", 0, f"{what}; {hint}")])
    handling = doc.handling(args.meeting)
    path = Path(args.docx)
    if not path.exists() and not path.is_symlink():
        raise ContentError([problem(path, 0, _("no such file"))])
    result = import_changes(doc, handling, path)
    source = str(path)
    for finding in result.findings:
        if not finding.blocking:
            print("ignored: " + finding.line(source))
    blocking = [f for f in result.findings if f.blocking]
    if blocking:
        for finding in blocking:
            print(finding.line(source), file=sys.stderr)
        print(
            _(
                "{source}: nothing recorded: {count} change(s) cannot be anchored; accept or "
                "reject them in the document and import it again"
            ).format(source=source, count=len(blocking)),
            file=sys.stderr,
        )
        return 1
    if not result.amendments:
        raise ContentError([problem(path, 0, _("no text changes to record (only formatting changes)"))])
    meta = doc.metadata_path
    try:
        text = with_amendments(read_text(meta), result.amendments)
    except UnknownLayout as exc:
        raise ContentError([problem(meta, exc.line, str(exc))]) from None
    _validate(doc.root, meta, text, handling.id, doc.id)
    replace_file(meta, text.encode("utf-8"), root=doc.root)
    shown = problem(meta, 0, "").path
    print(
        _("{shown}: recorded {count} proposed amendment(s) of {meeting_ref}:").format(
            shown=shown, count=len(result.amendments), meeting_ref=handling.meeting_ref()
        )
    )
    for a in result.amendments:
        by = f", {a.proposed_by}" if a.proposed_by else ""
        print(
            _("  {id}: {value} in '{section_id}'{by}").format(
                id=a.id, value=a.kind.value, section_id=a.section_id, by=by
            )
        )
    return 0


def _validate(root: Path, meta: Path, text: str, stage: str, document: str) -> None:
    """Load a copy of the project with ``text`` as its document.yaml and
    build the stage; raises what either raises (problems named in the copy
    are shown at the real file)."""
    from ..document.guideline import guideline
    from ..errors import ContentError, Problem, problem
    from ..pipeline.session import open_session
    from ..render.docx import render

    with tempfile.TemporaryDirectory(prefix="someohje-import-") as tmp:
        copy = Path(tmp) / "project"
        for folder in ("content", "templates"):
            copy_folder(root / folder, copy / folder)
        copied = copy / meta.resolve().relative_to(root.resolve())
        copied.write_text(text, encoding="utf-8")
        try:
            session = open_session(str(copy), document=document)
            render(guideline(session.document, stage), session)
        except ContentError as exc:
            shown = problem(meta, 0, "").path  # as every message names it
            raise ContentError(
                [Problem(p.path.replace(str(copied), shown), p.line, p.message) for p in exc.problems]
            ) from None


def copy_folder(source: Path, target: Path) -> None:
    """Copy ``source`` for the trial build without reading anything outside
    it: regular files through the confined reader, a symbolic link as a link
    (so the trial build refuses it as the real one does), and nothing else
    (a named pipe, a device, a file over the size limit) at all."""
    from ..content.confine import MAX_FILE_BYTES, Refused, read_bytes, walk

    if not source.is_dir() or source.is_symlink():
        return
    target.mkdir(parents=True)
    for entry in walk(source):
        path = target / entry.relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if entry.kind == _("a symbolic link"):
            os.symlink(os.readlink(entry.path), path)
        elif not entry.kind:
            try:
                path.write_bytes(read_bytes(entry.path, MAX_FILE_BYTES))
            except Refused:
                continue
