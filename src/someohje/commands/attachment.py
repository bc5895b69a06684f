"""``attachment``: the guideline as proposed to a meeting, as its agenda attachment."""

from __future__ import annotations

import argparse
from typing import Any

from ..messages import gettext as _
from .common import add_project_args, options, session_for, write_documents

FORMATS = "pdf,docx"


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "attachment",
        help=_("build the agenda attachment of a meeting into build/"),
        description=_(
            "Build the guideline as it was proposed to a meeting (the text after the "
            "handling before it), stamped 'Liite N' and the meeting reference on every page."
        ),
    )
    add_project_args(p, FORMATS)
    p.add_argument(
        "--meeting",
        required=True,
        metavar="HANDLING_ID",
        help=_("the meeting whose agenda the attachment belongs to, e.g. kvalt-2022-06-14"),
    )
    p.add_argument("--number", type=int, default=1, metavar="N", help=_("the attachment number (default: 1)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..document.meeting import attachment

    with options(**{"--meeting": args.meeting}):
        docs = [attachment(session.document, args.meeting, args.number)]
    return write_documents(args, session, docs)
