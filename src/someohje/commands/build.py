"""``build``: the guideline, as approved or at a given stage."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_project_args, session_for, write_documents


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "build",
        help="build the guideline into build/",
        description="Build the guideline (HTML, DOCX, PDF). By default the approved text; "
        "--stage gives the text as it stood after an earlier handling, marked LUONNOS; "
        "--as-of the text in force on a date.",
    )
    add_project_args(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--stage",
        metavar="HANDLING_ID",
        help="the text as it stood after this handling (default: the last approved one)",
    )
    which.add_argument(
        "--as-of",
        metavar="D.M.YYYY",
        help="the consolidated text in force on this date (ajantasainen versio), each change with its source",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..documents import consolidated, guideline
    from ..inforce import parse_as_of

    if args.as_of:
        return write_documents(args, session, [consolidated(session.document, parse_as_of(args.as_of))])
    return write_documents(args, session, [guideline(session.document, args.stage)])
