"""``extract``: the minutes extract (pöytäkirjanote) of a meeting's item,
signed with ``--sign`` (:mod:`someohje.render.signature`)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError
from ..messages import gettext as _
from .attachment import FORMATS
from .common import add_project_args, options, out_dir, refuse_unfinished, session_for, write_files


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "extract",
        help=_("build the minutes extract of a meeting into build/"),
        description=_(
            "Build the minutes extract (pöytäkirjanote) of the guideline's item at a "
            "meeting: every earlier handling under its own heading, then the meeting's own, "
            "the record quoted verbatim. Its PDF has an empty signature field in the "
            "certification; --sign signs it (PAdES)."
        ),
    )
    add_project_args(p, FORMATS)
    p.add_argument("--meeting", required=True, metavar="HANDLING_ID", help=_("the meeting, e.g. kvalt-2022-06-14"))
    p.add_argument(
        "--sign",
        metavar="FILE.p12",
        help=_(
            "sign the PDF as the certifier (PAdES B-B) with this PKCS#12 file; its password "
            "from SOMEOHJE_SIGN_PASSWORD or a prompt. The name and title certified come from "
            "its certificate"
        ),
    )
    p.add_argument(
        "--timestamp",
        metavar="URL",
        help=_("with --sign: a signature timestamp from this RFC 3161 server (PAdES B-T)"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    credential, now = _credential(args)
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..document.meeting import extract

    document = session.document
    if credential is not None:
        from ..render.signature import certified

        document = certified(document, credential, now)
    with options(**{"--meeting": args.meeting}):
        docs = [extract(document, args.meeting)]
    from ..pipeline.batch import render_all
    from ..pipeline.formats import parse_formats

    refuse_unfinished(session, docs)
    out = out_dir(args)
    files = render_all(session, docs, parse_formats(args.format), out)
    if credential is not None:
        from ..render.signature import sign_pdf

        for path in [p for p in files if p.suffix == ".pdf"]:
            files[path] = sign_pdf(files[path], credential, now, args.timestamp, docs[0].words)
    return write_files(files, session.project.root, out, session=session)


def _credential(args: argparse.Namespace) -> tuple[Any, dt.datetime]:
    """The certifier's checked credential (``None`` without ``--sign``) and
    the moment of signing: opened before anything is rendered."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    if args.timestamp and not args.sign:
        raise UsageError([Problem("--timestamp", 0, _("a timestamp is for a signature: give --sign FILE.p12 too"))])
    if not args.sign:
        return None, now
    from ..pipeline.formats import parse_formats
    from ..render.signature import load_credential, password

    if "pdf" not in parse_formats(args.format):
        raise UsageError([Problem("--sign", 0, _("signs the PDF: --format must include pdf"))])
    path = Path(args.sign)
    if not path.is_file():
        load_credential(path, b"", now)  # names the missing file
    return load_credential(path, password(), now), now
