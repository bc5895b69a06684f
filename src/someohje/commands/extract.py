"""``extract``: the minutes extract (pöytäkirjanote) of a meeting's item."""

from __future__ import annotations

import argparse
from typing import Any

from .attachment import FORMATS
from .common import add_project_args, options, session_for, write_documents


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "extract",
        help="build the minutes extract of a meeting into build/",
        description="Build the minutes extract (pöytäkirjanote) of the guideline's item at a meeting: "
        "every earlier handling under its own heading, then the meeting's own, the record quoted verbatim.",
    )
    add_project_args(p, FORMATS)
    p.add_argument("--meeting", required=True, metavar="HANDLING_ID", help="the meeting, e.g. kvalt-2022-06-14")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..document.meeting import extract

    with options(**{"--meeting": args.meeting}):
        docs = [extract(session.document, args.meeting)]
    return write_documents(args, session, docs)
