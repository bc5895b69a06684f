"""``build``: every document of the collection with its index, or one
document at a given stage or date."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_project_args, options, session_for, write_documents, write_files


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "build",
        help="build the documents into build/",
        description="Build every document of the collection (HTML, DOCX, PDF) as approved, with the "
        "collection's index (index.html, index.json). --document builds one document; --stage the text "
        "as it stood after an earlier handling, with its status mark (EHDOTUS, LUONNOS); --as-of the text "
        "in force on a date.",
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
        with options(**{"--as-of": args.as_of}):
            docs = [consolidated(session.document, parse_as_of(args.as_of))]
        return write_documents(args, session, docs)
    if args.stage or args.document:
        with options(**{"--stage": args.stage}):
            docs = [guideline(session.document, args.stage)]
        return write_documents(args, session, docs)
    return _collection(args, session)


def _collection(args: argparse.Namespace, session: Any) -> int:
    """Every document's approved text, then the index over the files built."""
    from ..catalogue import INDEX_HTML, INDEX_JSON, index_html, index_json, items, with_index_link
    from ..documents import guideline
    from ..formats import parse_formats
    from ..pipeline import file_name, render_all
    from .common import out_dir, refuse_unfinished

    collection = session.all_documents()
    docs = [with_index_link(guideline(doc)) for doc in collection.documents]
    out = out_dir(args, session)
    refuse_unfinished(session, docs)
    formats = parse_formats(args.format)
    files = render_all(session, docs, formats, out)
    per_document = {
        d.document_id: {out / name: files[out / name] for name in (file_name(d, f, session.options) for f in formats)}
        for d in docs
    }
    index = items(collection, per_document)
    files[out / INDEX_JSON] = index_json(collection, index)
    files[out / INDEX_HTML] = index_html(collection, index, session.theme, session.project.template_dirs)
    return write_files(files, session.project.root)
