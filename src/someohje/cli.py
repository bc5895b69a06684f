"""The command line: ``python -m someohje VERB``.

Each verb lives in ``someohje.commands.<verb>`` with an ``add_parser`` and a
``run``. User errors print as ``path:line: message`` lines on stderr with exit
code 1; usage errors exit 2, as argparse does.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import SomeohjeError, UsageError, one_line, shown_path

VERBS = (
    "build",
    "check",
    "seal",
    "attachment",
    "extract",
    "diff",
    "package",
    "import",
    "import-changes",
    "serve",
    "new",
    "new-document",
)
_MODULES = {"import": "import_docx"}  #: verbs whose module name differs (``import`` is a keyword)


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per verb."""
    top = argparse.ArgumentParser(
        prog="python -m someohje",
        description="Generate a municipality's official guideline documents (HTML, DOCX, PDF) "
        "from Markdown text and decision metadata.",
    )
    sub = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb in VERBS:
        module = importlib.import_module(f"someohje.commands.{_MODULES.get(verb, verb.replace('-', '_'))}")
        module.add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    top = parser()
    args, extra = top.parse_known_args(argv)
    trailing = getattr(args, "trailing", None)  # a verb whose last positional may follow its options
    if trailing and len(extra) == 1 and not extra[0].startswith("-") and getattr(args, trailing) is None:
        setattr(args, trailing, extra.pop())
    if extra:
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        code: int = args.run(args)
    except UsageError as exc:
        for p in exc.problems:
            print(f"error: {p.path}: {p.message}" if p.path else f"error: {p.message}", file=sys.stderr)
        return 2
    except SomeohjeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. an output folder that cannot be written
        where = shown_path(Path(exc.filename)) if isinstance(exc.filename, str) else "someohje"
        print(one_line(f"{where}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code
