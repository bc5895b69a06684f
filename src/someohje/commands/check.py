"""``check``: validate the content and spell-check the text; print a summary."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..pipeline import Session
    from ..tree import OutputDocument


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="validate the content and spell-check it",
        description="Validate content/ (metadata, sections, amendments), the theme and the templates, "
        "build every stage's text in memory, spell-check the guideline's own text with Voikko, and print a summary. "
        "Exit 1 with one 'path:line: problem' line per problem.",
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help="folder holding content/ (default: the working folder, or the shipped guideline)",
    )
    p.add_argument("--no-spell", action="store_true", help="skip the Voikko spell check")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..documents import guideline
    from ..errors import ContentError
    from ..report import spell_summary, summary
    from ..spell import spell_check

    session = _validated(args.project)
    doc = session.document
    stages = [guideline(doc, stage) for stage in doc.stage_ids()]  # every stage must build
    _render_templates(session, stages[-1])
    summary(doc, stages[-1])
    if args.no_spell:
        print("Spell check: skipped (--no-spell)")
        return 0
    report = spell_check(doc)
    print(spell_summary(report))
    if report.problems:
        raise ContentError(list(report.problems))
    return 0


def _validated(project_dir: str | None) -> Session:
    """Load the content and the theme, reporting the problems of both at once."""
    from ..errors import ContentError, Problem
    from ..loader import load
    from ..pipeline import Session
    from ..project import open_project
    from ..theme import load_theme

    project = open_project(project_dir)
    problems: list[Problem] = []
    doc = theme = None
    try:
        doc = load(project.root)
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        theme = load_theme(project.theme_path)
    except ContentError as exc:
        problems.extend(exc.problems)
    if problems or doc is None or theme is None:
        raise ContentError(problems)
    return Session(project, doc, theme)


def _render_templates(session: Session, doc: OutputDocument) -> None:
    """Render the web page in memory: every template and stylesheet must work."""
    from ..render.html_format import render

    render(doc, session)
