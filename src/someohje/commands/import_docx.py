"""``import``: a Word document (DOCX) into a project's content."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="turn a Word document (DOCX) into content/",
        description="Turn a DOCX into content: one Markdown file per top-level heading, images beside "
        "them, document.yaml with what the DOCX states and TÄYDENNÄ placeholders for the rest. "
        "Prints (and writes to import-report.txt) one line for everything that could not be mapped.",
    )
    p.add_argument("file", metavar="FILE.docx", help="the Word document to import")
    p.add_argument("--into", required=True, metavar="PROJECT_DIR", help="project folder (created when missing)")
    p.add_argument(
        "--document",
        default="ohje",
        metavar="ID",
        help="the document's id: its section files go to content/ID/ (default: ohje)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace the section files and the sections: list of a project that has them already",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import Problem, UsageError
    from ..importer import REPORT_FILE, import_docx

    if not _ID.fullmatch(args.document):
        why = f"--document '{args.document}' must be lower-case letters, digits and hyphens"
        raise UsageError([Problem("", 0, why)])
    project = Path(args.into)
    result = import_docx(Path(args.file), project, args.document, replace=args.replace)
    for written in result.written:
        print(f"wrote {written.path}")
    for path in result.removed:
        print(f"removed {path}")
    if result.report:
        print(f"Not imported as it was, or left to fill in ({len(result.report)}; also in {project / REPORT_FILE}):")
        for line in result.report:
            print(f"  {line}")
    else:
        print("Everything was imported; nothing is left to fill in.")
    print(f"Next: python -m someohje check {project}")
    return 0
