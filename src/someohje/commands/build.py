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
        "--stage gives the text as it stood after an earlier handling, with its status mark (EHDOTUS, LUONNOS).",
    )
    add_project_args(p)
    p.add_argument(
        "--stage",
        metavar="HANDLING_ID",
        help="the text as it stood after this handling (default: the last one, the approved text)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..documents import guideline

    return write_documents(args, session, [guideline(session.document, args.stage)])
