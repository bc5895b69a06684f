"""``new-document``: add a document to a project's collection."""

from __future__ import annotations

import argparse
from typing import Any

from ..messages import gettext as _


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "new-document",
        help=_("add a document skeleton to the collection"),
        description=_(
            "Add content/ID/ (document.yaml and one section, a draft for the board) and list "
            "it in content/project.yaml."
        ),
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help=_("folder holding content/ (default: the working folder)"),
    )
    p.add_argument(
        "--id", required=True, metavar="ID", help=_("the document's id: lower-case letters, digits, hyphens")
    )
    p.add_argument("--title", required=True, metavar="TITLE", help=_("e.g. 'Esimerkkilän kunnan hankintaohje'"))
    p.add_argument("--type", required=True, metavar="TYPE", help=_("the document type, e.g. Ohje, Sääntö"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..collection.scaffold import add_document
    from ..content.project import open_project
    from ..pipeline.output import write_all

    project = open_project(args.project)
    for written in write_all(add_document(project.content, args.id, args.title, args.type), root=project.root):
        print(_("wrote {path}").format(path=written.path))
    return 0
