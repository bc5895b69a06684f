"""``build``: every document of the collection with its index, or one
document at a given stage or date."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..messages import gettext as _
from ..messages import ngettext
from .common import add_project_args, options, session_for, shown_output, start_pdf_worker, write_documents, write_files


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "build",
        help=_("build the documents into build/"),
        description=_(
            "Build every document of the collection (HTML, DOCX, PDF) as approved, with the "
            "collection's index (index.html, index.json). --document builds one document; "
            "--stage the text as it stood after an earlier handling, with its status mark "
            "(EHDOTUS, LUONNOS); --as-of the text in force on a date."
        ),
    )
    add_project_args(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--stage",
        metavar="HANDLING_ID",
        help=_("the text as it stood after this handling (default: the last approved one)"),
    )
    which.add_argument(
        "--as-of",
        metavar="D.M.YYYY",
        help=_("the consolidated text in force on this date (ajantasainen versio), each change with its source"),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=_("rebuild every document, even those whose inputs did not change since the last build"),
    )
    p.set_defaults(run=run, plan=None)


def run(args: argparse.Namespace) -> int:
    whole = not (args.as_of or args.stage or args.document)
    start_pdf_worker(args)  # first: its import of WeasyPrint is the long pole of a build
    if whole and _up_to_date(args):
        return 0
    session = session_for(args)  # before the import below: the PDF worker forks lighter
    from ..document.guideline import consolidated, guideline
    from ..record.inforce import parse_as_of

    if args.as_of:
        with options(**{"--as-of": args.as_of}):
            docs = [consolidated(session.document, parse_as_of(args.as_of))]
        return write_documents(args, session, docs)
    if args.stage or args.document:
        with options(**{"--stage": args.stage}):
            docs = [guideline(session.document, args.stage)]
        return write_documents(args, session, docs)
    return _collection(args, session)


def _up_to_date(args: argparse.Namespace) -> bool:
    """Whether every document's outputs in the output folder were built from
    the inputs as they are now (then say so, and write nothing); keeps the
    plan on ``args`` for the build otherwise."""
    from ..collection.incremental import RECORD_FILE
    from ..content.folders import document_folders
    from ..content.project import open_project
    from ..pipeline.output import check_targets
    from .common import announce_default_project, out_dir, write_root

    project = open_project(args.project)
    folders = document_folders(project.content)
    if folders is None:  # the project file has problems: the full load reports them
        return False
    out = out_dir(args)
    check_targets(write_root(out, project.root), [out / RECORD_FILE])  # no record is read through a link
    args.plan = _planned(project, folders, args, out)
    if not args.plan.up_to_date or not _site_in_place(args, out, folders):
        return False
    announce_default_project(args)
    count = ngettext("{n} document", "{n} documents", len(folders)).format(n=len(folders))
    print(
        _("{shown_output} is up to date: {count}, nothing changed since the last build; nothing written").format(
            shown_output=shown_output(out), count=count
        )
    )
    return True


def _site_in_place(args: argparse.Namespace, out: Any, folders: dict[str, Any]) -> bool:
    """Whether the site's own files are there too: the index and the
    accessibility statement in each of its languages, and the search index
    when the build writes web pages."""
    from ..collection.search import FOLDER
    from ..collection.site_languages import site_pages
    from ..content.folders import document_languages
    from ..pipeline.formats import parse_formats

    search = "html" not in parse_formats(args.format) or (out / FOLDER / "pagefind-entry.json").is_file()
    pages = site_pages(document_languages(folders))
    return search and all((out / p.index).is_file() and (out / p.statement).is_file() for p in pages)


def _planned(project: Any, folders: dict[str, Any], args: argparse.Namespace, out: Any) -> Any:
    """The build's plan against the record in ``out``; a record that cannot
    be used is said in one line on stderr (then everything is built)."""
    from ..collection.incremental import RECORD_FILE, plan
    from ..errors import shown_path

    todo = plan(project, folders, _option_words(args), out, force=args.force)
    if todo.record.problem:
        where = shown_path(out / RECORD_FILE)
        print(
            _("warning: {where}: {problem}; every document is built again").format(
                where=where, problem=todo.record.problem
            ),
            file=sys.stderr,
        )
    return todo


def _option_words(args: argparse.Namespace) -> list[str]:
    """The options that change the outputs, for the inputs' digest."""
    from ..pipeline.formats import parse_formats

    return [f"format={','.join(parse_formats(args.format))}", f"pdf_variant={args.pdf_variant}"]


def _collection(args: argparse.Namespace, session: Any) -> int:
    """The approved text of every document whose inputs changed, then the
    index over every document's files and the build record."""
    from ..collection.catalogue import with_index_link
    from ..collection.incremental import RECORD_FILE, no_longer_made, record_bytes, recorded_files
    from ..collection.search import FOLDER as SEARCH_FOLDER
    from ..collection.search import web_pages
    from ..collection.site import site_files
    from ..collection.site_languages import site_languages
    from ..document.guideline import guideline
    from ..pipeline.batch import render_all
    from ..pipeline.formats import file_names, parse_formats
    from .common import out_dir, refuse_unfinished

    collection = session.all_documents()
    out = out_dir(args)
    folders = {d.id: d.metadata_path.parent for d in collection.documents}
    todo = args.plan or _planned(session.project, folders, args, out)
    site = site_languages(collection)
    docs = [with_index_link(guideline(doc), site) for doc in collection.documents]
    stale = [d for d in docs if d.document_id in todo.stale]
    refuse_unfinished(session, stale)
    formats = parse_formats(args.format)
    files = render_all(session, stale, formats, out)
    built = {
        d.document_id: {out / name: files[out / name] for f in formats for name in file_names(d, f, session.options)}
        for d in stale
    }
    unchanged = {d.document_id: recorded_files(todo, d.document_id, out) for d in docs if d not in stale}
    pages = web_pages(
        {path: data for outputs in (*built.values(), *unchanged.values()) for path, data in outputs.items()}
    )
    files.update(site_files(collection, {**built, **unchanged}, session, out, pages, site))  # index, statement, search
    by_name = {did: {p.name: data for p, data in outputs.items()} for did, outputs in built.items()}
    files[out / RECORD_FILE] = record_bytes(todo, by_name, out)
    if unchanged:
        print(_("up to date, not rebuilt: {sorted}").format(sorted=", ".join(sorted(unchanged))))
    made = {p.name for p in files if p.parent == out} | {p.name for kept in unchanged.values() for p in kept}
    gone = no_longer_made(todo, made, formats, out)
    whole = (SEARCH_FOLDER,) if pages else ()
    return write_files(files, session.project.root, out, whole=whole, session=session, gone=gone)
