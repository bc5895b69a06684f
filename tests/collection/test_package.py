"""``package``: a meeting's documents in one process, with a manifest and a zip."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import BOOKKEEPING, FIXTURES, REPO, STEM, Result, run_cli, snapshot

MEETING = "kvalt-2022-06-14"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("package")
    result = run_cli("package", str(REPO), "--meeting", MEETING, "--out", str(out))
    assert result.code == 0, result.err
    return out / MEETING


def test_the_councils_package_holds_every_document_of_the_meeting(package: Path) -> None:
    data = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    roles = [(f["role"], f["format"]) for f in data["files"]]
    expected = ["attachment", "proposal", "extract", "decided-text", "decision-changes"]
    assert roles == [(role, fmt) for role in expected for fmt in ("docx", "html", "pdf")]
    names = {f["file"] for f in data["files"]}
    assert f"{STEM}-kvalt-2022-06-14-s37-liite-1.pdf" in names
    assert f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote.pdf" in names
    assert f"{STEM}.pdf" in names  # the decided text under its own stable name
    for f in data["files"]:
        content = (package / f["file"]).read_bytes()
        assert (f["size"], f["sha256"], f["document"]) == (
            len(content),
            hashlib.sha256(content).hexdigest(),
            "sosiaalisen-median-ohje",
        )


def test_the_zip_holds_every_file_and_the_manifest(package: Path) -> None:
    with zipfile.ZipFile(io.BytesIO((package / f"{MEETING}.zip").read_bytes())) as z:
        members = {info.filename: z.read(info) for info in z.infolist()}
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    on_disk = {p.name: p.read_bytes() for p in package.iterdir() if p.suffix != ".zip" and p.name not in BOOKKEEPING}
    assert members == on_disk


def test_the_package_files_are_the_single_commands_bytes(package: Path, tmp_path: Path) -> None:
    assert run_cli("extract", str(REPO), "--meeting", MEETING, "--out", str(tmp_path)).code == 0
    assert run_cli("attachment", str(REPO), "--meeting", MEETING, "--number", "1", "--out", str(tmp_path)).code == 0
    for path in (p for p in tmp_path.iterdir() if p.name not in BOOKKEEPING):
        assert path.read_bytes() == (package / path.name).read_bytes(), path.name


def test_a_package_rebuilds_byte_identical(package: Path, tmp_path: Path) -> None:
    result = run_cli("package", str(REPO), "--meeting", MEETING, "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert snapshot(tmp_path / MEETING) == snapshot(package)


def test_a_board_meeting_before_its_decision_is_recorded_has_no_extract(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    meta = root / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    pending = (
        "  - id: kh-2025-04-07\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    meta.write_text(text.replace("text_stage:", pending + "text_stage:"), encoding="utf-8")
    result = cli("package", str(root), "--meeting", "kh-2025-04-07", "--format", "html")
    assert result.code == 0, result.err
    data = json.loads((root / "build/kh-2025-04-07/manifest.json").read_text(encoding="utf-8"))
    roles = [(f["document"], f["role"]) for f in data["files"]]
    assert roles == [
        (d, r) for d in ("tietoturvaohje", "tietoturvaohje.sv-FI") for r in ("attachment", "proposal", "redline")
    ]
    attachments = [f["file"] for f in data["files"] if f["role"] == "attachment"]
    assert attachments == [  # one attachment, in its two languages
        "esimerkkilan-kunnan-tietoturvaohje-kh-2025-04-07-liite-1.html",
        "esimerkkila-kommuns-anvisning-om-informationssakerhet-kst-2025-04-07-bilaga-1.html",
    ]


def test_an_unknown_meeting_is_a_usage_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("package", str(REPO), "--meeting", "kvalt-2099", "--out", str(tmp_path))
    assert (result.code, result.err) == (
        2,
        "error: --meeting: no document was handled at 'kvalt-2099'; meetings: kh-2020, kvalt-2020, kh-2022-06-07, "
        "kvalt-2022-06-14\n",
    )
    assert list(tmp_path.iterdir()) == []
