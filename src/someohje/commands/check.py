"""``check``: validate the content and spell-check the text; print a summary."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="validate the content and spell-check it",
        description="Validate content/ (metadata, sections, amendments), build every stage's text "
        "in memory, spell-check the guideline's own text with Voikko, and print a summary. "
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
    from ..loader import load
    from ..placeholders import find_in_content, with_placeholders
    from ..project import open_project
    from ..report import spell_summary, summary
    from ..spell import spell_check

    project = open_project(args.project)
    gaps = find_in_content(project.content)  # left by `import`: reported first, as path:line
    try:
        doc = load(project.root)
        stages = [guideline(doc, stage) for stage in doc.stage_ids()]  # every stage must build
    except ContentError as exc:
        raise ContentError(with_placeholders(gaps, exc.problems)) from None
    summary(doc, stages[-1])
    if gaps:
        raise ContentError(gaps)
    if args.no_spell:
        print("Spell check: skipped (--no-spell)")
        return 0
    report = spell_check(doc)
    print(spell_summary(report))
    if report.problems:
        raise ContentError(list(report.problems))
    return 0
