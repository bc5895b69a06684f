"""No-op and incremental builds: only what changed is built again, to the same bytes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, Result, snapshot

TIETOTURVA, SAANTO = "esimerkkilan-kunnan-tietoturvaohje", "esimerkkilan-kunnan-hallintosaanto"
SECTION = "content/hallintosaanto/saanto/01-viestinta.md"


@pytest.fixture
def esimerkkila(tmp_path: Path, cli: Callable[..., Result]) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    first = cli("build", str(root), "--format", "html,docx")
    assert first.code == 0, first.err
    return root


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a file written again changes both."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


def edit_and_reseal(root: Path, cli: Callable[..., Result]) -> None:
    section = root / SECTION
    section.write_text(section.read_text(encoding="utf-8").replace("päätökset", "kaikki päätökset"), encoding="utf-8")
    for meeting in ("kh-2023-05-08", "kvalt-2023-06-12"):
        args = ("--document", "hallintosaanto", "--meeting", meeting, "--force", "--reason", "testi")
        assert cli("seal", str(root), *args).code == 0


def test_a_rebuild_with_nothing_changed_writes_nothing(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    before = stamps(esimerkkila / "build")
    again = cli("build", str(esimerkkila), "--format", "html,docx")
    assert (again.code, again.err) == (0, "")
    assert again.out.endswith("is up to date: 3 documents, nothing changed since the last build; nothing written\n")
    assert stamps(esimerkkila / "build") == before


def test_changing_one_document_rebuilds_it_and_the_index_only(
    esimerkkila: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = esimerkkila / "build"
    before = stamps(out)
    edit_and_reseal(esimerkkila, cli)
    result = cli("build", str(esimerkkila), "--format", "html,docx")
    assert result.code == 0, result.err
    assert "up to date, not rebuilt: tietoturvaohje" in result.out
    after = stamps(out)
    rewritten = {name for name in after if after[name] != before.get(name)}
    ours = {".someohje-build.json", ".someohje-project", ".someohje-search"}  # the records and the search cache
    site = {"index.html", "index.json", "saavutettavuusseloste.html"}  # the site's pages (and pagefind/)
    site |= {"index.sv.html", "tillganglighetsutlatande.html"}  # in Swedish too
    assert rewritten == {f"{SAANTO}.html", f"{SAANTO}.docx", *site, *ours}
    forced = cli("build", str(esimerkkila), "--format", "html,docx", "--force", "--out", str(tmp_path / "kaikki"))
    assert forced.code == 0, forced.err
    assert snapshot(out) == snapshot(tmp_path / "kaikki")  # the same bytes either way


def test_a_change_to_one_documents_metadata_rebuilds_that_document_only(
    esimerkkila: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = esimerkkila / "build"
    before = stamps(out)
    metadata = esimerkkila / "content/hallintosaanto/document.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + "# jakelu tarkistettu\n", encoding="utf-8")
    result = cli("build", str(esimerkkila), "--format", "html,docx")
    assert result.code == 0, result.err
    assert "up to date, not rebuilt: tietoturvaohje" in result.out  # of the other documents, only titles count
    after = stamps(out)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert not rewritten & {f"{TIETOTURVA}.html", f"{TIETOTURVA}.docx"}
    forced = cli("build", str(esimerkkila), "--format", "html,docx", "--force", "--out", str(tmp_path / "kaikki"))
    assert forced.code == 0, forced.err
    assert snapshot(out) == snapshot(tmp_path / "kaikki")


def test_a_changed_title_rebuilds_every_document(esimerkkila: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    metadata = esimerkkila / "content/hallintosaanto/document.yaml"
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(
        text.replace("title: Esimerkkilän kunnan hallintosääntö", "title: Esimerkkilän sääntö"), "utf-8"
    )
    result = cli("build", str(esimerkkila), "--format", "html,docx")
    assert result.code == 0, result.err
    assert "up to date" not in result.out  # a title names the files that the other documents' links point at
    assert (esimerkkila / "build" / "esimerkkilan-saanto.html").is_file()
    forced = cli("build", str(esimerkkila), "--format", "html,docx", "--force", "--out", str(tmp_path / "kaikki"))
    assert forced.code == 0, forced.err
    built = {name: data for name, data in snapshot(esimerkkila / "build").items() if SAANTO not in name}
    assert built == snapshot(tmp_path / "kaikki")  # the old title's files are the first build's, left as they were


def test_force_and_changed_options_rebuild_everything(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    forced = cli("build", str(esimerkkila), "--format", "html,docx", "--force")
    assert forced.code == 0 and f"{TIETOTURVA}.html" in forced.out and f"{SAANTO}.docx" in forced.out
    other = cli("build", str(esimerkkila), "--format", "html")
    assert other.code == 0 and "up to date" not in other.out
    record = json.loads((esimerkkila / "build/.someohje-build.json").read_text(encoding="utf-8"))
    assert sorted(record["documents"]["tietoturvaohje"]["files"]) == [f"{TIETOTURVA}.html"]


def test_a_missing_page_of_the_site_in_either_language_is_written_again(
    esimerkkila: Path, cli: Callable[..., Result]
) -> None:
    for page in ("index.sv.html", "tillganglighetsutlatande.html", "index.html"):
        (esimerkkila / "build" / page).unlink()
        again = cli("build", str(esimerkkila), "--format", "html,docx")
        assert again.code == 0 and "nothing written" not in again.out, page
        assert (esimerkkila / "build" / page).is_file() and "not rebuilt: hallintosaanto" in again.out


def test_a_template_change_or_a_missing_output_rebuilds(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    (esimerkkila / "build" / f"{TIETOTURVA}.html").unlink()
    missing = cli("build", str(esimerkkila), "--format", "html,docx")
    assert missing.code == 0 and f"{TIETOTURVA}.html" in missing.out and "not rebuilt: hallintosaanto" in missing.out
    theme = esimerkkila / "templates/theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("#7a2e0e", "#7a2e0f"), encoding="utf-8")
    changed = cli("build", str(esimerkkila), "--format", "html,docx")
    assert changed.code == 0 and "not rebuilt" not in changed.out


def _retitle(root: Path) -> None:
    metadata = root / "content/hallintosaanto/document.yaml"
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(
        text.replace("title: Esimerkkilän kunnan hallintosääntö", "title: Esimerkkilän sääntö"), "utf-8"
    )


def test_a_renamed_documents_old_files_are_removed_with_a_line_each(
    esimerkkila: Path, cli: Callable[..., Result]
) -> None:
    out = esimerkkila / "build"
    _retitle(esimerkkila)
    result = cli("build", str(esimerkkila), "--format", "html,docx")
    assert result.code == 0, result.err
    assert not any(SAANTO in p.name for p in out.iterdir())  # the old title's files are gone
    assert (out / "esimerkkilan-saanto.html").is_file() and (out / "esimerkkilan-saanto.docx").is_file()
    for ext in ("docx", "html"):
        assert f"removed {out / SAANTO}.{ext} (an earlier build's output this build no longer makes)" in result.out
    assert "esimerkkilan-saanto.html" in (out / "index.html").read_text(encoding="utf-8")
    record = json.loads((out / ".someohje-build.json").read_text(encoding="utf-8"))
    assert sorted(record["documents"]["hallintosaanto"]["files"]) == [
        "esimerkkilan-saanto.docx",
        "esimerkkilan-saanto.html",
    ]


def test_an_old_file_changed_since_or_of_a_format_not_built_is_left(
    esimerkkila: Path, cli: Callable[..., Result]
) -> None:
    out = esimerkkila / "build"
    edited = out / f"{SAANTO}.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # someone's own copy now: not the file someohje wrote
    _retitle(esimerkkila)
    result = cli("build", str(esimerkkila), "--format", "html")  # the DOCX are not this build's
    assert result.code == 0, result.err
    assert not (out / f"{SAANTO}.html").exists()
    assert edited.is_file() and (out / f"{TIETOTURVA}.docx").is_file()
    assert "removed" not in result.out.replace(f"removed {out / SAANTO}.html", "")
