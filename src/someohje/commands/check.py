"""``check``: validate the content and spell-check the text; print a summary."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..messages import gettext as _

if TYPE_CHECKING:
    from ..errors import Problem
    from ..pipeline.session import Session
    from ..tree import OutputDocument

from .common import add_document_arg


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help=_("validate the content and spell-check it"),
        description=_(
            "Validate content/ (metadata, sections, amendments, the recorded texts against "
            "their source, the sealed stages), the theme and the templates, build every "
            "stage's text in memory, spell-check the guideline's own text with Voikko, and "
            "print a summary. Exit 1 with one 'path:line: problem' line per problem."
        ),
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help=_("folder holding content/ (default: the working folder, or the shipped guideline)"),
    )
    p.add_argument("--no-spell", action="store_true", help=_("skip the Voikko spell check"))
    add_document_arg(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..content.placeholders import with_placeholders
    from ..content.spell import spell_check
    from ..document.guideline import guideline
    from ..errors import ContentError
    from ..record.seals import check_seals
    from .summary import catalogue_summary, spell_summary, summary

    session, gaps = _validated(args.project)
    collection = session.all_documents()
    try:
        docs = [collection.pick(args.document)] if args.document else list(collection.documents)
        stages = [{stage: guideline(doc, stage) for stage in doc.stage_ids()} for doc in docs]  # all must build
        if not gaps:  # an unfinished text is sealed once it is filled in
            check_seals(*docs)
    except ContentError as exc:
        raise ContentError(with_placeholders(gaps, exc.problems)) from None
    _render_templates(session, stages[0][docs[0].final_handling().id])
    problems: list[Problem] = list(gaps)
    for doc, built in zip(docs, stages, strict=True):
        summary(doc, built[doc.final_handling().id])
        if args.no_spell:
            print(_("Spell check: skipped (--no-spell)"))
            continue
        report = spell_check(doc)
        print(spell_summary(report, doc.metadata_path.name))  # a language version's is version.yaml
        problems.extend(report.problems)
    catalogue_summary(collection)
    if problems:
        raise ContentError(problems)
    return 0


def _validated(project_dir: str | None) -> tuple[Session, list[Problem]]:
    """Load the collection and the theme, reporting the problems of both at
    once (placeholders first, and no error repeated on a placeholder's line);
    the session and the placeholders left to fill in."""
    from ..content.placeholders import find_in_content, with_placeholders
    from ..content.project import open_project
    from ..content.project_file import load_collection
    from ..content.theme import load_theme
    from ..errors import ContentError
    from ..pipeline.session import Session

    project = open_project(project_dir)
    gaps = find_in_content(project.content)  # left by `import` or `new`
    problems: list[Problem] = []
    collection = theme = None
    try:
        collection = load_collection(project.root)
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        theme = load_theme(project.theme_path)
    except ContentError as exc:
        problems.extend(exc.problems)
    if problems or collection is None or theme is None:
        raise ContentError(with_placeholders(gaps, problems))
    return Session(project, collection.documents[0], theme, collection=collection), gaps


def _render_templates(session: Session, doc: OutputDocument) -> None:
    """Render the web page in memory: every template and stylesheet must work."""
    from ..render.html_format import render

    render(doc, session)
