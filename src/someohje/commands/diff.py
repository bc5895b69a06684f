"""``diff``: a redline of the guideline between two stages."""

from __future__ import annotations

import argparse
from typing import Any

from ..messages import gettext as _
from ..pipeline.formats import PAGE_FORMATS
from .common import add_project_args, options, session_for, write_documents


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "diff",
        help=_("build a redline between two stages into build/"),
        description=_(
            "Build the guideline with the changes between two stages marked: inserted and "
            "deleted text in the PDF and HTML, native tracked changes in the DOCX."
        ),
    )
    add_project_args(p, ",".join(PAGE_FORMATS))
    p.add_argument(
        "--from", dest="before", metavar="HANDLING_ID", help=_("the earlier stage (default: the stage before --to)")
    )
    p.add_argument(
        "--to",
        dest="after",
        metavar="HANDLING_ID",
        help=_("the later stage (default: the last handling, the approved text)"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..document.redline import redline

    with options(**{"--to": args.after, "--from": args.before}):
        docs = [redline(session.document, args.before, args.after)]
    return write_documents(args, session, docs)
