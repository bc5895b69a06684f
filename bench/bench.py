"""Time someohje as a user runs it, against the floor of its stack.

Run by hand (not by the tests), from the repository::

    python bench/bench.py               # the shipped guideline, 7 runs each
    python bench/bench.py --runs 11
    python bench/bench.py --pages 60    # also a synthetic ~60-page document

Every command is timed as a whole process (interpreter start, imports, work,
writing), several times, each run paired with a run of the raw WeasyPrint
command (alternating which goes first, so the machine's load hits both
alike); the median is reported with the minimum, and the ratio is the
median of the pairs' ratios to the raw ``weasyprint --pdf-variant pdf/ua-1`` command
rendering the very HTML someohje lays the PDF out from (written to a
temporary file with its fonts as ``file:`` URLs and the content folder as the
base URL, so the command finds everything it needs). Targets (DESIGN.md): a
full build within 1.15x of that command; ``check`` under 0.3 s and without
importing WeasyPrint or python-docx. The peak memory of the full build (both
processes summed, :mod:`memory`) is reported too, and each stage of one
build timed in one process (:mod:`stages`); big content is measured
by ``bench/big_content.py``.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from memory import peak_memory
from stages import stage_times

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BUILD_TARGET = 1.15
CHECK_TARGET = 0.3
NOOP_TARGET = 0.15  #: a rebuild with nothing changed (seconds; issue 20)
PACKAGE_TARGET = 1.5  #: the meeting package, as a multiple of one full build (issue 20)
HTML_TARGET = 0.4  #: the web page alone, layout decisions taken from build/ (seconds; issue 20)
MEETING = "kvalt-2022-06-14"


@dataclass(frozen=True)
class Timing:
    """The wall-clock times of one command over several runs."""

    label: str
    times: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)


#: the raw WeasyPrint command of this run, set by :func:`measure`: every
#: command is timed in pairs with it, alternating (noise hits both alike)
RAW: list[str] = []


#: the environment every timed command runs in: as a user's, so Python may
#: keep its compiled modules (a PYTHONDONTWRITEBYTECODE in the caller's
#: environment would have every run compile someohje's sources again)
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_once(label: str, command: Sequence[str], cwd: Path) -> float:
    """Seconds one run of ``command`` took; exits naming ``label`` when it fails."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{label} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def timed(label: str, command: Sequence[str], runs: int, cwd: Path) -> Timing:
    """Run ``command`` ``runs`` times (after one warm-up run), each run paired
    with one of the raw WeasyPrint command (alternating which goes first);
    the ratios of the pairs are kept in :data:`RATIOS`. Fail loudly."""
    times: list[float] = []
    ratios: list[float] = []
    for i in range(runs + 1):
        first_raw = bool(i % 2) and bool(RAW)
        raw = run_once("raw weasyprint", RAW, cwd) if first_raw else 0.0
        elapsed = run_once(label, command, cwd)
        if RAW and not first_raw:
            raw = run_once("raw weasyprint", RAW, cwd)
        if i:  # the first run warms the disk cache
            times.append(elapsed)
            ratios.append(elapsed / raw if raw else 1.0)
    RATIOS[label] = statistics.median(ratios)
    return Timing(label, tuple(times))


RATIOS: dict[str, float] = {}  #: label -> median of its pairs' ratios to the raw render


def pdf_html(project: Path, out: Path) -> tuple[Path, str]:
    """Write the HTML someohje renders the PDF from; return it and its base URL."""
    sys.path.insert(0, str(REPO / "src"))
    from someohje.document.guideline import guideline
    from someohje.pipeline.session import open_session
    from someohje.render.pdf import prepare

    session = open_session(project)
    path = out / "guideline.html"
    path.write_bytes(prepare(guideline(session.document), session))
    return path, session.project.content.as_uri() + "/"


def synthetic_project(pages: int, base_pages: int, into: Path) -> Path:
    """A copy of the shipped project whose sections repeat their own text
    until the guideline runs to about ``pages`` pages."""
    root = into / f"synthetic-{pages}"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    copies = max(0, math.ceil(pages / base_pages) - 1)
    for md in sorted((root / "content" / "ohje").glob("*.md")):
        lines = md.read_text(encoding="utf-8").splitlines()
        body = [line for line in lines[1:] if not line.startswith("[[")]  # no amendment markers twice
        extra = [f"\n## Lisäosa {n}\n" + "\n".join(body).replace("\n## ", "\n### ") for n in range(1, copies + 1)]
        md.write_text("\n".join(lines) + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
    return root


def page_count(pdf: Path) -> int:
    """Pages of a PDF (pdfinfo if installed, else pypdf)."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def check_imports(project: Path) -> list[str]:
    """Which heavy renderers ``check`` imports (it should import none)."""
    proc = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "someohje", "check", str(project)], capture_output=True, text=True, cwd=REPO
    )
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    return sorted(name for name in ("weasyprint", "docx") if name in imported)


def measure(project: Path, runs: int, work: Path, with_pandoc: bool) -> tuple[list[Timing], int]:
    """Time every command on ``project``; return the timings and its page count."""
    out = work / f"out-{project.name}"
    html, base = pdf_html(project, work)
    weasyprint = Path(PYTHON).with_name("weasyprint")
    raw = [str(weasyprint)] if weasyprint.exists() else [PYTHON, "-m", "weasyprint"]
    someohje = [PYTHON, "-m", "someohje"]
    RAW[:] = [*raw, "-q", "--pdf-variant", "pdf/ua-1", "-u", base, str(html), str(work / "raw-pair.pdf")]
    timings = [
        timed(
            "weasyprint --pdf-variant pdf/ua-1 (raw, same HTML)",
            [*raw, "-q", "--pdf-variant", "pdf/ua-1", "-u", base, str(html), str(work / "raw.pdf")],
            runs,
            REPO,
        ),
        timed(
            "someohje build (html, docx, pdf)",
            [*someohje, "build", str(project), "--force", "--out", str(out)],
            runs,
            REPO,
        ),
        timed(
            "someohje build --format pdf",
            [*someohje, "build", str(project), "--format", "pdf", "--force", "--out", str(out / "pdf")],
            runs,
            REPO,
        ),
        timed(
            "someohje build --format html (layout decisions from build/)",
            [*someohje, "build", str(project), "--format", "html", "--force", "--out", str(out)],
            runs,
            REPO,
        ),
        timed("someohje check", [*someohje, "check", str(project)], runs, REPO),
        timed("python -c 'import weasyprint' (the import alone)", [PYTHON, "-c", "import weasyprint"], runs, REPO),
        timed(
            "someohje build, nothing changed (no-op)", [*someohje, "build", str(project), "--out", str(out)], runs, REPO
        ),
        timed(
            f"someohje package --meeting {MEETING}",
            [*someohje, "package", str(project), "--meeting", MEETING, "--out", str(out / "package")],
            runs,
            REPO,
        ),
    ]
    if with_pandoc:
        import pypandoc

        sections = sorted(str(p) for p in (project / "content" / "ohje").glob("*.md"))
        timings.append(
            timed(
                "pandoc Markdown -> DOCX (the section files)",
                [
                    pypandoc.get_pandoc_path(),
                    "-f",
                    "markdown",
                    "-t",
                    "docx",
                    "-o",
                    str(work / "pandoc.docx"),
                    *sections,
                ],
                runs,
                REPO,
            )
        )
    pdfs = sorted(out.glob("*.pdf"))
    return timings, page_count(pdfs[0])


def report(title: str, timings: list[Timing], pages: int) -> None:
    """Print medians, minima and ratios to the raw WeasyPrint render."""
    floor = timings[0].median
    print(f"\n{title}: {pages} pages, median (min) of {len(timings[0].times)} runs")
    for t in timings:
        ratio = RATIOS.get(t.label, t.median / floor)
        print(f"  {t.label:<52} {t.median:6.3f} s ({t.best:5.3f})  {ratio:5.2f}x")
    by = {t.label.split(" (")[0]: t for t in timings}  # each figure by its command, never by its row
    build = RATIOS.get(by["someohje build"].label, by["someohje build"].median / floor)
    html = by["someohje build --format html"].median
    check = by["someohje check"].median
    noop = by["someohje build, nothing changed"].median
    package = by[f"someohje package --meeting {MEETING}"].median / by["someohje build"].median
    for what, value, target, met in (
        ("full build / raw weasyprint", f"{build:.2f}x", f"<= {BUILD_TARGET}x", build <= BUILD_TARGET),
        ("web page alone", f"{html:.3f} s", f"<= {HTML_TARGET} s", html <= HTML_TARGET),
        ("check", f"{check:.3f} s", f"<= {CHECK_TARGET} s", check <= CHECK_TARGET),
        ("no-op rebuild", f"{noop:.3f} s", f"<= {NOOP_TARGET} s", noop <= NOOP_TARGET),
        ("package / full build", f"{package:.2f}x", f"<= {PACKAGE_TARGET}x", package <= PACKAGE_TARGET),
    ):
        print(f"  {what} = {value} (target {target}: {'met' if met else 'NOT met'})")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    parser.add_argument("--pages", type=int, help="also time a synthetic document of about this many pages")
    parser.add_argument("--no-pandoc", action="store_true", help="skip the pandoc comparison")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="someohje-bench-") as tmp:
        work = Path(tmp)
        timings, pages = measure(REPO, args.runs, work, not args.no_pandoc)
        report("Shipped guideline", timings, pages)
        print(f"\n  stages of one full build, in one process (median of {args.runs}), against the raw render:")
        for stage, seconds in stage_times(REPO, args.runs):
            print(f"  {stage:<52} {seconds:6.3f} s         {seconds / timings[0].median:5.2f}x")
        heavy = check_imports(REPO)
        print(f"  check imports: {', '.join(heavy) if heavy else 'neither weasyprint nor docx'}")
        _, peak = peak_memory([PYTHON, "-m", "someohje", "build", str(REPO), "--out", str(work / "peak")], REPO)
        print(f"  peak memory of the full build (main process and PDF worker together): {peak:.0f} MiB")
        if args.pages:
            project = synthetic_project(args.pages, pages, work)
            long_timings, long_pages = measure(project, args.runs, work, False)
            report(f"Synthetic document (--pages {args.pages})", long_timings, long_pages)
            for short, long in zip(timings[:3], long_timings[:3], strict=True):
                per_page = (long.median - short.median) / max(1, long_pages - pages)
                print(f"  {short.label:<52} +{per_page * 1000:5.1f} ms per extra page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
