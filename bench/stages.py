"""Each stage of one full build, timed in one process (``bench.py`` prints it).

Load (content into the model), record (the stage's text, once per build),
tree (the output document), HTML, DOCX, PDF layout (WeasyPrint's, every
pass someohje asks for) and PDF write. Each stage is run ``runs`` times on
the same input and its median kept; the first run of each is a warm-up
(imports, compiled templates) and is not counted.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _median(work: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def stage_times(project: Path, runs: int) -> list[tuple[str, float]]:
    """``(stage, median seconds)`` for each stage of a full build of ``project``."""
    sys.path.insert(0, str(REPO / "src"))
    from someohje.content.project_file import load
    from someohje.document.guideline import guideline
    from someohje.pipeline.formats import renderer
    from someohje.pipeline.session import open_session
    from someohje.record.stages import stage_texts
    from someohje.render.fetcher import ConfinedFetcher
    from someohje.render.pdf import WEASYPRINT_VARIANTS, lay_out

    found: list[tuple[str, float]] = []
    load_time, _ = _median(lambda: load(project), runs)
    found.append(("load (content -> model)", load_time))
    session = open_session(project)
    document = session.document
    record, _ = _median(lambda: stage_texts(load(project), document.final_handling()), runs)
    found.append(("record (stage texts, once)", max(0.0, record - load_time)))
    tree_time, doc = _median(lambda: guideline(document), runs)
    found.append(("tree (output document)", tree_time))
    for name in ("html", "docx"):
        found.append((name.upper(), _median(lambda name=name: renderer(name)(doc, session), runs)[0]))
    options = {"pdf_variant": WEASYPRINT_VARIANTS["tagged"]}

    def layout() -> Any:
        return lay_out(doc, session, ConfinedFetcher(session.project.resource_roots()), options, None)[0]

    layout_time, laid = _median(layout, runs)
    found.append(("PDF layout (all passes)", layout_time))
    found.append(("PDF write", _median(lambda: laid.write_pdf(**options), runs)[0]))
    return found
