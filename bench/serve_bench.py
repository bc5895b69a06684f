"""Time the live preview as a writer sees it: save a file, see the result.

Run by hand (not by the tests), from the repository::

    python bench/serve_bench.py            # 9 saves, 9 PDF downloads
    python bench/serve_bench.py --runs 15

Starts ``python -m someohje serve`` on an ephemeral port of 127.0.0.1 over a
temporary copy of the shipped guideline, then, each run:

- **save → HTML**: writes a new sentence into a section file and measures
  until the page served at ``/`` contains it (the event stream announces the
  build; the time includes the file watcher, the rebuild and the fetch);
- **PDF**: after a save, measures the download of ``/download/NAME.pdf``
  (rendered on request; the server is warm, WeasyPrint imported).

Targets (issue 20): save → new HTML at most 0.15 s, PDF at most 0.5 s.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HTML_TARGET, PDF_TARGET = 0.15, 0.5
STEM = "rautalammin-kunnan-sosiaalisen-median-ohje"
LIMIT = 30.0  #: seconds any wait may take


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=LIMIT) as response:
        data: bytes = response.read()
        return data


def start(root: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "someohje", "serve", "--port", "0"],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("Serving the preview at "):
            return proc, line.split(" at ", 1)[1].split(" ", 1)[0]
    proc.kill()
    raise SystemExit("serve did not start")


def save_to_html(url: str, section: Path, original: str, n: int) -> float:
    """Seconds from writing sentence ``n`` to the page serving it."""
    sentence = f"Mittauslause numero {n} näkyy esikatselussa."
    version = int(fetch(url + "version"))
    start = time.perf_counter()
    section.write_text(original.replace("# Johdanto\n", f"# Johdanto\n\n{sentence}\n", 1), encoding="utf-8")
    with urllib.request.urlopen(f"{url}events?since={version}", timeout=LIMIT) as events:
        while not events.readline().startswith(b"data:"):
            pass
    page = fetch(url).decode()
    elapsed = time.perf_counter() - start
    if sentence not in page:
        raise SystemExit("the new sentence is not in the page")
    return elapsed


def pdf_after_save(url: str, section: Path, original: str, n: int) -> float:
    save_to_html(url, section, original, 1000 + n)
    start = time.perf_counter()
    pdf = fetch(f"{url}download/{STEM}.pdf")
    elapsed = time.perf_counter() - start
    if not pdf.startswith(b"%PDF-"):
        raise SystemExit("the download is not a PDF")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="someohje-serve-bench-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "content", root / "content")
        shutil.copytree(REPO / "templates", root / "templates")
        section = root / "content" / "ohje" / "01-johdanto.md"
        original = section.read_text(encoding="utf-8")
        proc, url = start(root)
        try:
            fetch(f"{url}download/{STEM}.pdf")  # warm: WeasyPrint imported, fonts loaded
            html = [save_to_html(url, section, original, n) for n in range(args.runs)]
            pdf = [pdf_after_save(url, section, original, n) for n in range(args.runs)]
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=LIMIT)
    for label, times, target in (("save -> new HTML", html, HTML_TARGET), ("PDF download", pdf, PDF_TARGET)):
        median = statistics.median(times)
        verdict = "ok" if median <= target else "OVER TARGET"
        print(f"{label:<18} median {median:.3f} s  min {min(times):.3f} s  target {target} s  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
