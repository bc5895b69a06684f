"""Big but legitimate content: time and peak memory of whole builds.

Run by hand (not by the tests), from the repository::

    python bench/big_content.py                 # 5,000-row table, 2 MB of paragraphs
    python bench/big_content.py --rows 1000 --rows 5000

Each case is a copy of the shipped project with the content added to its
last section, built in every format (``build``) as a user runs it; the
peak is the resident memory of the build's process tree (main process and
PDF worker together, :mod:`memory`). The normal build is measured the same
way for comparison. A paragraph is at most 20,000 characters
(``someohje.content.markdown.MAX_PARAGRAPH_CHARS``): the PDF's line breaking costs
the square of a paragraph's length, so 2 MB of text is written as 100
paragraphs; a single 2 MB paragraph is a clean error, timed too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from memory import peak_memory

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LAST_SECTION = "09-voimaantulo.md"


def project_with(extra: str, into: Path, name: str) -> Path:
    """A copy of the shipped project with ``extra`` Markdown at the end of its last section."""
    root = into / name
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    section = root / "content" / "ohje" / LAST_SECTION
    section.write_text(section.read_text(encoding="utf-8") + "\n\n" + extra + "\n", encoding="utf-8")
    return root


def table(rows: int) -> str:
    body = "\n".join(f"| rivi {i} | kunnan tiedote {i} | {i * 7 % 1000} |" for i in range(rows))
    return "| Rivi | Teksti | Arvo |\n|---|---|---|\n" + body


def paragraphs(total: int, each: int = 20_000) -> str:
    words = "kunnan sosiaalisen median ohje koskee kaikkia työntekijöitä ja luottamushenkilöitä "
    text = (words * (each // len(words) + 1))[:each].rsplit(" ", 1)[0]
    return "\n\n".join([text] * max(1, total // each))


def run(label: str, project: Path, work: Path) -> None:
    seconds, peak = peak_memory(
        [PYTHON, "-m", "someohje", "build", str(project), "--out", str(work / f"out-{project.name}")], REPO
    )
    print(f"  {label:<44} {seconds:7.2f} s  peak {peak:7.1f} MiB")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cases; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="table rows (repeatable; default 5000)")
    parser.add_argument("--megabytes", type=float, default=2.0, help="paragraph text in MB (default 2)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="someohje-big-") as tmp:
        work = Path(tmp)
        print("Whole build (html, docx, pdf): wall time, peak memory of the process tree")
        run("shipped guideline", REPO, work)
        for rows in args.rows or [5000]:
            run(f"+ a table of {rows:,} rows", project_with(table(rows), work, f"table-{rows}"), work)
        size = int(args.megabytes * 1_000_000)
        run(f"+ {size:,} characters in 20,000-char paragraphs", project_with(paragraphs(size), work, "text"), work)
        one = project_with(paragraphs(size, each=size), work, "one-paragraph")
        proc = subprocess.run(
            [PYTHON, "-m", "someohje", "check", str(one), "--no-spell"], capture_output=True, text=True
        )
        print(f"  + one paragraph of {size:,} characters: exit {proc.returncode}, {proc.stderr.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
