"""``--pdf-variant archival`` writes the archival PDF beside the tagged one,
as the README says, and the index lists both."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from helpers import REPO, STEM, Result


def test_an_archival_build_writes_the_tagged_pdf_beside_it(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "empty"
    result = cli("build", str(REPO), "--format", "pdf", "--pdf-variant", "archival", "--out", str(out))
    assert result.code == 0, result.err
    assert {p.name for p in out.glob("*.pdf")} == {f"{STEM}.pdf", f"{STEM}-arkisto.pdf"}
    listed = [
        f["file"] for f in json.loads((out / "index.json").read_text(encoding="utf-8"))["documents"][0]["outputs"]
    ]
    assert listed == [f"{STEM}.pdf", f"{STEM}-arkisto.pdf"]
    assert f'href="{STEM}.pdf"' in (out / "index.html").read_text(encoding="utf-8")
