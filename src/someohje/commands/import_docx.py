"""``import``: a Word document (DOCX) into a project's content."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from ..messages import gettext as _

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help=_("turn a Word document (DOCX) into content/"),
        description=_(
            "Turn a DOCX into content: one Markdown file per top-level heading, images "
            "beside them, document.yaml with what the DOCX states and TÄYDENNÄ placeholders "
            "for the rest. Prints (and writes to import-report.txt) one line for everything "
            "that could not be mapped."
        ),
    )
    p.add_argument("file", metavar="FILE.docx", help=_("the Word document to import"))
    p.add_argument("--into", required=True, metavar="PROJECT_DIR", help=_("project folder (created when missing)"))
    p.add_argument(
        "--document",
        default="ohje",
        metavar="ID",
        help=_("the document's id: its section files go to content/ID/ (default: ohje)"),
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the section files and the sections: list of a project that has them already"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import Problem, UsageError
    from ..importer import REPORT_FILE, import_docx

    if not _ID.fullmatch(args.document):
        why = _("--document '{document}' must be lower-case letters, digits and hyphens").format(document=args.document)
        raise UsageError([Problem("", 0, why)])
    project = Path(args.into)
    result = import_docx(Path(args.file), project, args.document, replace=args.replace)
    for written in result.written:
        print(_("wrote {path}").format(path=written.path))
    for path in result.removed:
        print(_("removed {path}").format(path=path))
    if result.report:
        print(
            _("Not imported as it was, or left to fill in ({count}; also in {value}):").format(
                count=len(result.report), value=project / REPORT_FILE
            )
        )
        for line in result.report:
            print(f"  {line}")
    else:
        print(_("Everything was imported; nothing is left to fill in."))
    print(_("Next: python -m someohje check {project}").format(project=project))
    return 0
