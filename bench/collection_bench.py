"""How a build of a big collection scales: a synthetic collection of many
documents, made here from the fictional Esimerkkilä fixture (never shipped
as content).

    python bench/collection_bench.py                # 200 documents
    python bench/collection_bench.py --documents 50

The collection is the fixture's two documents with text plus ``--documents``
copies of its administrative rule, each with its own title and diary
number. The script times, each as a whole process the way a user runs it:

- one document built alone (``build --document``), for a sample of them:
  the sum of the single builds is the median times the number of documents
  with text (they are copies: the same work each);
- the cold build of the whole collection into an empty folder, against
  that sum (issue 20's target: at most 0.6x, both cores busy);
- the rebuild after one document's ``document.yaml`` changed (a comment
  added: its inputs' digest changes, its outputs do not), against that
  document's own build (target: at most 1.2x).

It prints the figures and where the index page is, to be looked at at 360 px.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench import run_once

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "esimerkkila"
RULE = "hallintosaanto"


def synthetic_collection(count: int, into: Path) -> tuple[Path, list[str]]:
    """The fixture with ``count`` copies of its administrative rule; the
    project and the ids of the copies."""
    root = into / f"collection-{count}"
    shutil.copytree(FIXTURE, root)
    content = root / "content"
    metadata = (content / RULE / "document.yaml").read_text(encoding="utf-8")
    ids = []
    listing = []
    for n in range(1, count + 1):
        ident = f"saanto-{n:03d}"
        folder = content / ident
        shutil.copytree(content / RULE, folder)
        text = metadata.replace("Esimerkkilän kunnan hallintosääntö", f"Esimerkkilän kunnan sääntö {n:03d}")
        text = text.replace("ESIM/7/2023", f"ESIM/{1000 + n}/2023")
        (folder / "document.yaml").write_text(text, encoding="utf-8")
        ids.append(ident)
        listing.append(f"  - id: {ident}\n    folder: {ident}\n")
    project = content / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "".join(listing), encoding="utf-8")
    return root, ids


def run(command: Sequence[str], cwd: Path) -> float:
    """Seconds ``python -m someohje COMMAND`` took; exits when it fails."""
    return run_once(f"someohje {' '.join(command)}", [sys.executable, "-m", "someohje", *command], cwd)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the synthetic collection and print how its builds scale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200, help="copies of the rule (default 200)")
    parser.add_argument("--sample", type=int, default=5, help="single builds timed (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic collection and its build")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="someohje-collection-"))
    try:
        root, ids = synthetic_collection(args.documents, work)
        texts = len(ids) + 2  # the copies, the fixture's guideline and its rule
        run(["build", str(root), "--document", ids[0], "--out", str(work / "warm")], root)  # warm-up
        singles = [
            run(["build", str(root), "--document", ident, "--out", str(work / f"single-{ident}")], root)
            for ident in ids[1 : args.sample + 1]
        ]
        single = statistics.median(singles)
        summed = single * texts
        out = root / "build"
        cold = run(["build", str(root)], root)
        changed = root / "content" / ids[len(ids) // 2] / "document.yaml"
        changed.write_text(changed.read_text(encoding="utf-8") + "# muutettu\n", encoding="utf-8")
        again = run(["build", str(root)], root)
        print(f"Synthetic collection: {texts} documents with text (plus a catalogue entry), {os.cpu_count()} cores")
        print(f"  one document built alone          {single:7.2f} s  (median of {len(singles)})")
        print(f"  sum of the single builds          {summed:7.2f} s  ({texts} x the median)")
        verdict = "met" if cold <= 0.6 * summed else "NOT met"
        print(f"  cold build of the collection      {cold:7.2f} s  {cold / summed:5.2f}x the sum (<= 0.6x: {verdict})")
        verdict = "met" if again <= 1.2 * single else "NOT met"
        print(
            f"  rebuild, one document changed     {again:7.2f} s  {again / single:5.2f}x its own build"
            f" (<= 1.2x: {verdict})"
        )
        print(f"  the index page: {out / 'index.html'}" if args.keep else "  (--keep keeps the index page)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
