"""The command line: ``python -m someohje VERB``.

Each verb lives in its own module of :mod:`someohje.commands` with an
``add_parser`` and a ``run``. User errors print as ``path:line: message`` lines on stderr with exit
code 1; usage errors exit 2, as argparse does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from .commands import (
    attachment,
    build,
    check,
    diff,
    extract,
    import_changes,
    import_docx,
    new,
    new_document,
    package,
    seal,
    serve,
    theme_from,
)
from .errors import SomeohjeError, UsageError, one_line, shown_path

#: each verb and the module that adds its parser and runs it, in the order ``--help`` lists them
VERBS: dict[str, ModuleType] = {
    "build": build,
    "check": check,
    "seal": seal,
    "attachment": attachment,
    "extract": extract,
    "diff": diff,
    "package": package,
    "import": import_docx,  # ``import`` is a keyword
    "import-changes": import_changes,
    "serve": serve,
    "new": new,
    "new-document": new_document,
    "theme-from": theme_from,
}


class Parser(argparse.ArgumentParser):
    """An argument parser whose every value given on the command line is
    checked once, here: an empty value (``--as-of ''``, ``--stage ''``, an
    empty folder name) is a usage error naming its option, never taken for
    the option's absence. Options with a type of their own (``--number``,
    ``--port``) are checked by it; the verbs' parsers are made of this class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("type", None, nonempty)


def nonempty(value: str) -> str:
    """A command-line value that is not empty (a value of spaces only is
    left to the verb, which says what it expects: an organisation's name,
    a date, an id it knows)."""
    if not value:
        raise argparse.ArgumentTypeError("an empty value is not allowed; give a value or leave the option out")
    return value


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per verb."""
    top = Parser(
        prog="python -m someohje",
        description="Generate a municipality's official guideline documents (HTML, DOCX, PDF) "
        "from Markdown text and decision metadata.",
    )
    sub = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    sub.type = str  # the verb's own arguments pass through it: each is checked by the verb's parser
    for module in VERBS.values():
        module.add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    top = parser()
    args, extra = top.parse_known_args(argv)
    trailing = getattr(args, "trailing", None)  # a verb whose last positional may follow its options
    if trailing and len(extra) == 1 and not extra[0].startswith("-") and getattr(args, trailing) is None:
        if not extra[0]:
            top.error("argument PROJECT_DIR: an empty value is not allowed; give a value or leave the option out")
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
