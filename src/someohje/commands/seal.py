"""``seal``: record the digest of a decided stage's text in ``content/seals.yaml``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..messages import gettext as _
from .common import add_document_arg


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "seal",
        help=_("seal the text a meeting decided, so that it cannot change silently"),
        description=_(
            "Write the digest of the text as it stood after a decided handling into "
            "content/seals.yaml. check and build then refuse any edit that changes it. A "
            "handling that is sealed already is resealed only with --force and a --reason, "
            "which is recorded."
        ),
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help=_("folder holding content/ (default: the working folder)"),
    )
    add_document_arg(p)
    p.add_argument("--meeting", required=True, metavar="HANDLING_ID", help=_("the decided handling to seal"))
    p.add_argument("--force", action="store_true", help=_("reseal a handling that is sealed already"))
    p.add_argument("--reason", metavar="TEXT", help=_("why a sealed text is resealed (required with --force)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..content.project import open_project
    from ..content.project_file import load_collection
    from ..content.seals_file import SEALS_FILE, seals_text
    from ..errors import ContentError, Problem, UsageError, problem
    from ..model import Reseal
    from ..pipeline.output import replace_file
    from ..record.seals import stage_seal
    from ..record.stages import stage_texts

    if args.force and not (args.reason or "").strip():
        raise UsageError([Problem("", 0, _("--force needs --reason: say why the sealed text is resealed"))])
    doc = load_collection(open_project(args.project).root).pick(args.document)
    valid = [h for h in doc.stage_ids() if doc.handling(h).decided]
    if args.meeting not in valid:
        raise UsageError(
            [
                Problem(
                    "--meeting",
                    0,
                    _("cannot seal '{meeting}'; decided handlings the content holds: {valid}").format(
                        meeting=args.meeting, valid=", ".join(valid)
                    ),
                )
            ]
        )
    handling = doc.handling(args.meeting)
    new = stage_seal(handling, stage_texts(doc, handling))
    old = doc.seal(handling.id)
    path = doc.metadata_path.parent / SEALS_FILE
    if old is not None and old.digest == new.digest:
        print(
            _("{meeting_ref}: sealed already, the text is unchanged ({digest})").format(
                meeting_ref=handling.meeting_ref(), digest=old.digest
            )
        )
        return 0
    if old is not None and not args.force:
        raise ContentError(
            [
                problem(
                    path,
                    old.line,
                    _(
                        "'{id}' ({meeting_ref}) is sealed already and its text has changed; to reseal it "
                        "give --force and --reason"
                    ).format(id=handling.id, meeting_ref=handling.meeting_ref()),
                )
            ]
        )
    if old is not None:
        reseal = Reseal(old.digest, " ".join(args.reason.split()), dt.date.today())
        new = type(new)(new.handling_id, new.digest, new.blocks, (*old.reseals, reseal))
    seals = [s for s in doc.seals if s.handling_id != handling.id] + [new]
    replace_file(path, seals_text(doc, seals).encode("utf-8"), root=doc.root)
    print(
        _("{meeting_ref}: sealed {digest}").format(meeting_ref=handling.meeting_ref(), digest=new.digest)
        + (_(" (resealed)") if old else "")
    )
    return 0
