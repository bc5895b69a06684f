"""Shared helpers of the tests: the repository's paths, the CLI in a fresh
process, snapshots of an output folder, resealing, external tools.

Tests import them (``from helpers import run_cli``); ``conftest.py`` keeps
only the fixtures (pytest advises against importing a conftest). In pytest's
default ``prepend`` import mode the folder of a ``conftest.py`` that is not
in a package goes on ``sys.path``, and this folder holds the top-level one:
so the tests in the sub-folders import this module by the same name.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from someohje.content.texts import TEXTS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"  #: npm install (.ci/run does)
STEM = "rautalammin-kunnan-sosiaalisen-median-ohje"


@dataclass
class Result:
    code: int
    out: str
    err: str


#: the variables that choose the language of someohje's messages (someohje.messages.LOCALE_VARIABLES)
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def english_messages() -> None:
    """Have someohje speak English in this process and every process it
    starts, whatever the machine's locale (the suite asserts English
    messages): ``LC_MESSAGES`` goes before ``LANG``, and ``LC_ALL``, when
    set, before both. The rest of the locale (``LC_CTYPE``, what LibreOffice
    reads) is left as it is."""
    os.environ["LC_MESSAGES"] = "C.UTF-8"
    if os.environ.get("LC_ALL"):
        os.environ["LC_ALL"] = "C.UTF-8"


def run_cli(*args: str, cwd: Path | None = None, locale: dict[str, str] | None = None) -> Result:
    """Run ``python -m someohje ARGS`` as a user would, in a fresh process;
    ``locale`` (e.g. ``{"LANG": "fi_FI.UTF-8"}``) replaces the variables
    that choose the language of the messages (English otherwise)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if locale is not None:
        env = {k: v for k, v in env.items() if k not in LOCALE_VARIABLES} | locale
    proc = subprocess.run(
        [sys.executable, "-m", "someohje", *args], cwd=cwd or REPO, capture_output=True, text=True, env=env
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def reseal(project: Path) -> None:
    """Reseal every sealed stage of ``project`` after a test edited its text
    (a test that is about something else than sealing)."""
    for meeting in re.findall(r"^([a-z0-9-]+):$", (project / "content/seals.yaml").read_text(), re.M):
        result = run_cli("seal", str(project), "--meeting", meeting, "--force", "--reason", "test edit")
        assert result.code == 0, result.err


def finnish_only(project: Path) -> None:
    """Take the Swedish version out of a copy of esimerkkilä (its
    ``versions`` block and folder), for a test of one language's amendments:
    a version must word every amendment of its document."""
    meta = project / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    block = re.search(r"^# The municipality is bilingual.*\n(?:#.*\n)*versions:\n(?:  .*\n)+", text, re.M)
    assert block is not None, "esimerkkilä has no versions block"
    meta.write_text(text.replace(block[0], ""), encoding="utf-8")
    shutil.rmtree(project / "content/svenska")


#: the one file someohje keeps in an output folder besides the outputs: the
#: project that wrote it last (someohje.pipeline.output.OWNER_FILE)
OWNER_FILE = ".someohje-project"
#: where the output folder keeps the PDF's layout decisions (someohje.render.layoutcache.FOLDER)
LAYOUT_FOLDER = ".someohje-layout"
#: where the output folder keeps the last search index made (someohje.collection.searchcache.CACHE_FILE)
SEARCH_CACHE = ".someohje-search"
#: what someohje keeps in an output folder beside the outputs: the owner record, the build record
#: (someohje.collection.incremental.RECORD_FILE), the layout cache and the search index cache
BOOKKEEPING = {OWNER_FILE, ".someohje-build.json", LAYOUT_FOLDER, SEARCH_CACHE}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (to prove nothing changed),
    less someohje's own records there (:data:`BOOKKEEPING`)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in BOOKKEEPING and LAYOUT_FOLDER not in p.relative_to(folder).parts
    }


def tool(name: str) -> str:
    """The path of an external tool, or skip the test saying how to get it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it with apt-get)")
    return path


#: Every command that writes a document of the shipped project, all formats.
EVERY_OUTPUT = (
    ("build",),
    ("build", "--stage", "kh-2022-06-07"),
    ("attachment", "--meeting", "kvalt-2022-06-14", "--number", "1"),
    ("extract", "--meeting", "kvalt-2022-06-14"),
    ("diff", "--from", "kh-2022-06-07", "--to", "kvalt-2022-06-14"),
)


# --- breaking a copy of the shipped project ------------------------------------------

#: files of the ``project`` fixture as a problem names them, the CLI run from
#: the project's parent folder (as :func:`fails` runs it)
META = "project/content/document.yaml"
THEME = "project/templates/theme.yaml"
INTRO = "project/content/ohje/01-johdanto.md"
DOC_TEMPLATE = "project/templates/document.html.j2"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path`` with ``new``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def append(path: Path, text: str) -> int:
    """Append ``text`` to ``path``; return the line its first line lands on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def fails(cli: Callable[..., Result], project: Path, *expected: str, verb: str = "build", code: int = 1) -> Result:
    """``verb`` fails with exactly ``expected`` on stderr and exit ``code``,
    no traceback, build/ untouched; ``check`` reports the same. Returns the
    result of ``verb``."""
    before = snapshot(project / "build")
    args = [verb, str(project)] + (["--format", "html"] if verb == "build" else ["--no-spell"])
    result = cli(*args, cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (code, list(expected)), result
    assert "Traceback" not in result.err
    assert snapshot(project / "build") == before
    if verb == "build" and code == 1:
        fails(cli, project, *expected, verb="check")
    return result


# --- Swedish outputs ---------------------------------------------------------------------

#: the Finnish names of the fixture's bodies (project.yaml): a Swedish document uses their sv: forms
FINNISH_NAMES = ("Kunnanhallitus", "Kunnanvaltuusto", "Kunnanhallituksen", "Kunnanvaltuuston", "Kvalt")


def finnish_fragments() -> set[str]:
    """The literal pieces of every Finnish entry of the table (the parts between
    its ``{fields}``) that are words: a Swedish output must hold none."""
    pieces: set[str] = set()
    for finnish, swedish in TEXTS.values():
        if finnish == swedish:
            continue
        for piece in re.split(r"\{[a-z_]*\}", finnish):
            words = piece.strip(" ;:,.()\u201d–")
            if len(re.sub(r"[^\w]", "", words)) >= 3 and words not in swedish:  # not a field name both give
                pieces.add(words)
    numbers = TEXTS["numbers.cardinal"][0].split() + TEXTS["numbers.with"][0].split()
    return (pieces - {TEXTS["numbers.cardinal"][0], TEXTS["numbers.with"][0]}) | set(numbers)


def finnish_in(text: str) -> list[str]:
    found = [f for f in sorted(finnish_fragments()) if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
    return found + [name for name in FINNISH_NAMES if re.search(rf"(?<!\w){name}(?!\w)", text)]
