"""``serve``: a live preview of the guideline in the browser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..messages import gettext as _


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help=_("preview the guideline in a browser, rebuilt on every save"),
        description=_(
            "Serve the guideline's HTML on 127.0.0.1, rebuild it when a file in content/ or "
            "templates/ is saved and reload the open page; errors in content show in the "
            "page as 'file:line: message'. PDF and DOCX can be downloaded from the page. "
            "Ctrl-C stops."
        ),
    )
    p.add_argument(
        "project",
        nargs="?",
        metavar="PROJECT_DIR",
        help=_("folder holding content/ (default: the working folder, or the shipped guideline)"),
    )
    p.add_argument("--port", type=int, default=8000, help=_("port to listen on (default: 8000; 0 picks a free one)"))
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("address to listen on (default: 127.0.0.1, this machine only); another address is announced"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import Problem, UsageError
    from ..serve import serve

    if not 0 <= args.port <= 65535:
        raise UsageError([Problem("", 0, _("--port {port} is not a port number (0-65535)").format(port=args.port))])
    return serve(Path(args.project) if args.project else None, args.host, args.port)
