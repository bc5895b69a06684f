"""``package``: everything one meeting needs, in one process, into build/<meeting>/."""

from __future__ import annotations

import argparse
from typing import Any

from ..messages import gettext as _
from ..pipeline.formats import PAGE_FORMATS
from .common import add_project_args, session_for, write_files


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "package",
        help=_("write a meeting's documents (attachments, proposals, redlines, extract) with a manifest and a zip"),
        description=_(
            "For every document handled at the meeting: the agenda attachment, the text as "
            "proposed and its redline; once decided, the minutes extract, the decided text "
            "and what the decision changed. Writes build/<meeting>/ with manifest.json "
            "(file, role, SHA-256) and one zip. PDFs lay out in parallel, one worker per "
            "core."
        ),
    )
    add_project_args(p, ",".join(PAGE_FORMATS))
    p.add_argument("--meeting", required=True, metavar="HANDLING_ID", help=_("the meeting (a handling id)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = session_for(args)
    from ..collection.package import MANIFEST, folder_name, manifest, package_parts, unique_stems, zipped
    from ..pipeline.batch import render_all
    from ..pipeline.formats import parse_formats
    from .common import out_dir, refuse_unfinished

    collection = session.all_documents()
    parts = unique_stems(package_parts(collection, args.meeting, args.document))
    docs = [part.output for part in parts]
    refuse_unfinished(session, docs)
    name = folder_name(collection, args.meeting)
    out = out_dir(args)
    folder = out / name
    files = render_all(session, docs, parse_formats(args.format), folder)
    files[folder / MANIFEST] = manifest(args.meeting, parts, files)
    files[folder / f"{name}.zip"] = zipped(files)
    return write_files(files, session.project.root, out, session=session)
