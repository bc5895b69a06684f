"""Arguments and steps shared by the verbs that write documents."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, UsageError
from ..messages import gettext as _
from ..pipeline import workers
from ..pipeline.formats import DEFAULT_FORMATS, PDF_VARIANTS, parse_formats, warm_pdf

SEARCH_FOLDER = "pagefind"  #: the site's search index (someohje.collection.search.FOLDER)

if TYPE_CHECKING:  # the modules below load YAML and Markdown: imported after the PDF worker forks
    from ..pipeline.session import Session
    from ..tree import OutputDocument


def add_project_args(p: argparse.ArgumentParser, formats: str = ",".join(DEFAULT_FORMATS)) -> None:
    """``PROJECT_DIR``, ``--out``, ``--format`` (defaulting to ``formats``) and ``--pdf-variant``."""
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help=_("folder holding content/ (default: the working folder, or the shipped guideline)"),
    )
    add_document_arg(p)
    p.add_argument("--out", metavar="DIR", help=_("output folder (default: PROJECT_DIR/build)"))
    p.add_argument(
        "--format",
        default=formats,
        metavar="LIST",
        help=_("comma-separated formats: html, docx, pdf, akn (Akoma Ntoso XML) (default: {formats})").format(
            formats=formats
        ),
    )
    p.add_argument(
        "--pdf-variant",
        choices=PDF_VARIANTS,
        default="tagged",
        help=_(
            "tagged: accessible PDF/UA-1 (default); archival: PDF/A-3a (tagged) with the "
            "decision metadata embedded as metadata.json; plain: untagged"
        ),
    )


def add_document_arg(p: argparse.ArgumentParser) -> None:
    """``--document ID``: which document of a collection (default: its first)."""
    p.add_argument(
        "--document",
        metavar="ID",
        help=_("the document of a collection to work on (default: the first in content/project.yaml)"),
    )


def start_pdf_worker(args: argparse.Namespace) -> None:
    """Start the PDF worker if a PDF is wanted: it imports WeasyPrint while
    this process loads the content (once only; a worker never given a job
    is ended when the command ends)."""
    if "pdf" in parse_formats(args.format):
        workers.prestart("pdf", warm_pdf)


def session_for(args: argparse.Namespace) -> Session:
    """Start the PDF worker if a PDF is wanted (:func:`start_pdf_worker`),
    then open the project."""
    start_pdf_worker(args)
    from ..pipeline.session import Options, open_session
    from ..render.layoutcache import FOLDER, LayoutCache

    announce_default_project(args)
    session = open_session(args.project, Options(pdf_variant=args.pdf_variant), document=args.document)
    session.layout_cache = LayoutCache(Path(os.path.abspath(out_dir(args))) / FOLDER)
    return session


@contextmanager
def options(**values: str | None) -> Iterator[None]:
    """Name the command-line option behind a :class:`UsageError` raised in
    the block (a wrong stage or meeting id): ``options(**{"--stage": id})``.
    A problem goes to the option whose value it quotes, else the first; one
    with no path names its options in its message already."""
    try:
        yield
    except UsageError as exc:
        names = list(values)
        relabelled = [
            p
            if not p.path or p.path.startswith("--")  # already names its options
            else Problem(
                next((n for n in names if values[n] and f"'{values[n]}'" in p.message), names[0]), 0, p.message
            )
            for p in exc.problems
        ]
        raise UsageError(relabelled) from None


def announce_default_project(args: argparse.Namespace) -> None:
    """Outside any project, say in one line what is built and where."""
    if args.project is None and not (Path.cwd() / "content").is_dir():
        where = Path(args.out) if args.out else Path("build")
        print(
            _("no content/ folder here: building the example guideline shipped with someohje into {where}/").format(
                where=where
            )
        )


def out_dir(args: argparse.Namespace) -> Path:
    """The output folder: ``--out``, else ``PROJECT_DIR/build`` (outside any
    project: ``build/`` in the working folder)."""
    if args.out:
        return Path(args.out)
    return (Path(args.project) if args.project else Path.cwd()) / "build"


def write_root(out: Path, project: Path) -> Path:
    """The folder everything written into ``out`` must stay in, reached
    without a symbolic link: the project when ``out`` lies in it, else
    ``out`` itself (which may then not be a link either)."""
    return project if Path(os.path.abspath(out)).is_relative_to(project) else out


def write_documents(args: argparse.Namespace, session: Session, docs: Sequence[OutputDocument]) -> int:
    """Render every document in every requested format, then write them all."""
    from ..pipeline.batch import render_all

    formats = parse_formats(args.format)
    refuse_unfinished(session, docs)
    out = out_dir(args)
    return write_files(render_all(session, docs, formats, out), session.project.root, out, session=session)


def refuse_unfinished(session: Session, docs: Sequence[OutputDocument]) -> None:
    """Raise :class:`ContentError` listing every placeholder of a document
    whose output shows an approved text: nothing unfinished is published as
    approved (a draft or a proposal may still have gaps, and shows them)."""
    from ..content.placeholders import find_in_files
    from ..errors import ContentError
    from ..model import Outcome

    gaps = []
    for out in docs:
        doc = session.document_of(out)
        if out.stage and doc.handling(out.stage).outcome is Outcome.APPROVED:
            files = [doc.metadata_path, *(s.path for s in doc.sections), session.project.content / "project.yaml"]
            gaps += find_in_files(p for p in dict.fromkeys(files) if p.is_file())
    if gaps:
        raise ContentError(gaps)


def write_files(
    files: dict[Path, bytes],
    owner: Path,
    out: Path,
    whole: tuple[str, ...] = (),
    session: Session | None = None,
    gone: dict[Path, str] | None = None,
) -> int:
    """Write rendered files as one set (all or nothing) into ``out`` for the
    project at ``owner``, and say what was written; nothing goes through a
    symbolic link (:func:`write_root`); ``whole`` names subfolders the set
    replaces whole (the search index); ``gone`` earlier outputs the set
    removes (by their SHA-256, :func:`someohje.pipeline.output.write_all`),
    each said too. The layout decisions ``session``'s layout cache holds are
    written in the same set, unannounced, and the cache is then pruned to
    its bounds."""
    from ..pipeline.output import write_all

    cache = session.layout_cache if session is not None else None
    kept = cache.entries() if cache is not None else {}
    folded: dict[Path, list[int]] = {}  # the search index's many small files: one line for the folder
    root = write_root(out, owner)
    for written in write_all({**kept, **files}, owner=str(owner), root=root, whole=whole, gone=gone):
        if written.path in kept or written.path.name.startswith("."):  # someohje's own records
            continue
        bundle = next(
            (p for p in written.path.parents if p.name == SEARCH_FOLDER and p.parent / "index.html" in files), None
        )
        if bundle is not None:
            folded.setdefault(bundle, []).append(written.size)
            continue
        print(
            _("wrote {shown_output} ({size:,} bytes)")
            .format(shown_output=shown_output(written.path), size=written.size)
            .replace(",", "\u202f")
        )
    for folder, sizes in folded.items():
        size = f"{sum(sizes):,}".replace(",", "\u202f")
        print(
            _("wrote {shown_output}/ (search index: {count} files, {size} bytes)").format(
                shown_output=shown_output(folder), count=len(sizes), size=size
            )
        )
    for path in sorted(gone or {}):
        if not path.exists():
            print(
                _("removed {shown_output} (an earlier build's output this build no longer makes)").format(
                    shown_output=shown_output(path)
                )
            )
    if cache is not None and kept:
        cache.prune()  # the folder stays bounded: the least recently used entries go
    sys.stdout.flush()
    return 0


def shown_output(path: Path) -> str:
    """An output path as the "wrote ..." and "... is up to date" lines name
    it: relative to the working folder when its real place (symbolic links
    resolved) is below the working folder's, else as given.
    :func:`someohje.errors.shown_path`, for problems, differs for a path
    through a symbolic link (it names the link relative to the working
    folder) and when the working folder is gone."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
