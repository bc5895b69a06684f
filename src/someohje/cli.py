"""The command line: ``python -m someohje VERB``.

Each verb lives in its own module of :mod:`someohje.commands` with an
``add_parser`` and a ``run``. User errors print as ``path:line: message`` lines on stderr with exit
code 1; usage errors exit 2, as argparse does. Messages and ``--help`` are in
the language ``--lang`` names, else the environment's (:mod:`someohje.messages`);
argparse's own words too.
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
from .messages import LANGUAGES, gettext, ngettext, os_error, set_language
from .messages import gettext as _

LANG_OPTION = "--lang"

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
        raise argparse.ArgumentTypeError(_("an empty value is not allowed; give a value or leave the option out"))
    return value


def translate_argparse() -> None:
    """Have argparse look up its own words (``usage:``, ``options``, its
    errors) in someohje's catalogue: argparse calls its module's ``_`` and
    ``ngettext`` (gettext's, at the moment of use), which become ours."""
    setattr(argparse, "_", gettext)  # noqa: B010 (a name the stubs do not show)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010


def take_language(argv: list[str]) -> tuple[str | None, str]:
    """Take every ``--lang X`` / ``--lang=X`` out of ``argv`` (before a
    ``--``), wherever it stands: the language must be known before the
    parsers are made, their help being written in it. Gives the last value
    (``None`` when none) and, when a value is wrong, the error to report."""
    value: str | None = None
    i = 0
    while i < len(argv) and argv[i] != "--":
        arg = argv[i]
        if arg == LANG_OPTION or arg.startswith(LANG_OPTION + "="):
            given = arg.partition("=")[2] if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else None)
            del argv[i : i + (1 if "=" in arg or given is None else 2)]
            if given is None:
                return None, _("argument {option}: expected one argument").format(option=LANG_OPTION)
            if given not in LANGUAGES:
                why = _("argument {option}: invalid choice: '{value}' (choose from {choices})")
                return None, why.format(option=LANG_OPTION, value=given, choices=", ".join(LANGUAGES))
            value = given
            continue
        i += 1
    return value, ""


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per verb."""
    top = Parser(
        prog="python -m someohje",
        description=_(
            "Generate a municipality's official guideline documents (HTML, DOCX, PDF) "
            "from Markdown text and decision metadata."
        ),
    )
    top.add_argument(
        LANG_OPTION,
        choices=LANGUAGES,
        help=_(
            "language of the messages and the help: fi (Finnish) or en (English); may stand anywhere "
            "on the command line (default: from LC_ALL, LC_MESSAGES or LANG, Finnish for fi_FI)"
        ),
    )
    sub = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    sub.type = str  # the verb's own arguments pass through it: each is checked by the verb's parser
    for module in VERBS.values():
        module.add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(None)
    translate_argparse()
    lang, wrong = take_language(argv)
    set_language(lang)
    top = parser()
    if wrong:
        top.error(wrong)
    args, extra = top.parse_known_args(argv)
    trailing = getattr(args, "trailing", None)  # a verb whose last positional may follow its options
    if trailing and len(extra) == 1 and not extra[0].startswith("-") and getattr(args, trailing) is None:
        if not extra[0]:
            top.error(_("argument PROJECT_DIR: an empty value is not allowed; give a value or leave the option out"))
        setattr(args, trailing, extra.pop())
    if extra:
        top.error(_("unrecognized arguments: {arguments}").format(arguments=" ".join(extra)))
    try:
        code: int = args.run(args)
    except UsageError as exc:
        for p in exc.problems:
            where = f"{p.path}: " if p.path else ""
            print(_("error: {message}").format(message=where + p.message), file=sys.stderr)
        return 2
    except SomeohjeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. an output folder that cannot be written
        where = shown_path(Path(exc.filename)) if isinstance(exc.filename, str) else "someohje"
        print(one_line(f"{where}: {os_error(exc)}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code
