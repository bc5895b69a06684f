"""``new``: a project for another municipality, ready to build."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..messages import gettext as _


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "new",
        help=_("start a project for a municipality: content, theme, one document skeleton"),
        description=_(
            "Write a new project into DIR: content/project.yaml with the organisation and "
            "its board and council, one document skeleton (a draft for the board, built "
            "marked LUONNOS) and templates/theme.yaml with a slot for the logo. Every value "
            "still to give is a TÄYDENNÄ placeholder; check lists them."
        ),
    )
    p.add_argument("folder", metavar="DIR", help=_("the new project's folder (must not exist, or be empty)"))
    p.add_argument("--organisation", required=True, metavar="NAME", help=_("e.g. 'Esimerkkilän kunta'"))
    p.add_argument("--web", required=True, metavar="ADDRESS", help=_("the web address, e.g. www.esimerkkila.fi"))
    p.add_argument("--id", default="ohje", metavar="ID", help=_("the first document's id (default: ohje)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..collection.scaffold import new_project
    from ..pipeline.output import write_all

    folder = Path(args.folder)
    for written in write_all(new_project(folder, args.organisation, args.web, args.id), root=folder):
        print(_("wrote {path}").format(path=written.path))
    print(_("next: python -m someohje check {folder}   (lists every TÄYDENNÄ to fill in)").format(folder=folder))
    return 0
