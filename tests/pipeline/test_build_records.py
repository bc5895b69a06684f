"""The files someohje keeps in build/ are input too (issue 21): the build
record, the owner record and the staging folders are read back on the next
run, so they are read like content (a regular file, no link, bounded) and
checked against what someohje writes. A bad one is treated as absent, with
a one-line warning, and nothing is read, moved or deleted that the build
itself did not write."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import STEM
from someohje.chars import quote
from someohje.pipeline.output import COMMIT_FILE, STAGING_PREFIX

RECORD = ".someohje-build.json"
OWNER = ".someohje-project"
HTML = f"{STEM}.html"


def build(project: Path) -> tuple[int, list[str], list[str]]:
    """``build --format html`` from the project's parent, stopped after 120 s (a hang fails)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "someohje", "build", str(project), "--format", "html"],
        cwd=project.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout.splitlines(), proc.stderr.splitlines()


def tamper(project: Path, files: object) -> None:
    """Rewrite the build record's entry for the document with ``files``."""
    path = project / "build" / RECORD
    data = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = data["documents"].values()
    entry["files"] = files
    path.write_text(json.dumps(data), encoding="utf-8")


def rebuilt_with_warning(project: Path, why: str) -> list[str]:
    code, out, err = build(project)
    assert code == 0
    assert err == [f"warning: project/build/{RECORD}: {why}; every document is built again"]
    assert f"wrote project/build/{HTML} (" in "\n".join(out)
    return out


@pytest.mark.parametrize("name", ["../../salainen.html", "/etc/hostname", "/dev/zero", "../content/document.yaml"])
def test_a_record_naming_a_file_outside_build_is_not_used(built_project: Path, name: str) -> None:
    (built_project.parent / "salainen.html").write_text("ei luettava", encoding="utf-8")
    tamper(built_project, {name: "0" * 64})
    entry = "the entry of 'sosiaalisen-median-ohje' names a file that is not an output of build/"
    rebuilt_with_warning(built_project, f"it is not a build record someohje wrote ({entry})")
    # the record written now is someohje's own again: the next build is a no-op, silently
    up_to_date = "project/build is up to date: 1 document, nothing changed since the last build; nothing written"
    assert build(built_project)[1:] == ([up_to_date], [])


def test_a_record_whose_files_are_a_list_is_not_used(built_project: Path) -> None:
    tamper(built_project, [HTML])
    entry = "the entry of 'sosiaalisen-median-ohje' has no digest or no files"
    rebuilt_with_warning(built_project, f"it is not a build record someohje wrote ({entry})")


def test_a_record_that_is_not_json_is_not_used(built_project: Path) -> None:
    (built_project / "build" / RECORD).write_text("{ei json", encoding="utf-8")
    rebuilt_with_warning(built_project, "it is not JSON")


def test_a_linked_or_special_record_is_not_read(built_project: Path, tmp_path: Path) -> None:
    record = built_project / "build" / RECORD
    outside = tmp_path / "muu.json"
    outside.write_text(record.read_text(encoding="utf-8"), encoding="utf-8")
    record.unlink()
    record.symlink_to(outside)
    rebuilt_with_warning(built_project, "it is not a regular file (a symbolic link), so it is not read")
    assert outside.read_text(encoding="utf-8").startswith("{")  # replaced the link, never wrote through it
    assert not record.is_symlink()
    record.unlink()
    os.mkfifo(record)
    rebuilt_with_warning(built_project, "it is not a regular file (a named pipe), so it is not read")


def test_a_linked_owner_record_is_not_read_nor_shown(built_project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "salaisuus.txt"
    secret.write_text("/salainen/polku-1234\n", encoding="utf-8")
    owner = built_project / "build" / OWNER
    owner.unlink()
    owner.symlink_to(secret)
    (built_project / "build" / RECORD).unlink()  # so that the build writes
    code, _, err = build(built_project)
    assert code == 0
    assert err == [
        f"warning: project/build/{OWNER}: it is not a regular file (a symbolic link), so it is not read; it is replaced"
    ]
    assert "salainen" not in "\n".join(err)
    assert secret.read_text(encoding="utf-8") == "/salainen/polku-1234\n"
    assert owner.read_text(encoding="utf-8").strip() == str(built_project.resolve())


def test_an_owner_record_that_is_no_path_is_said_so(built_project: Path) -> None:
    (built_project / "build" / OWNER).write_text("mitä tahansa\x1b[31m\n", encoding="utf-8")
    (built_project / "build" / RECORD).unlink()
    code, _, err = build(built_project)
    assert (code, err) == (0, [f"warning: project/build/{OWNER}: not an owner record someohje wrote; it is replaced"])


def staging(project: Path, name: str) -> Path:
    """A staging folder in the project's build/, whose record is removed so that the next build writes."""
    (project / "build" / RECORD).unlink()
    folder = project / "build" / f"{STAGING_PREFIX}{name}"
    folder.mkdir()
    return folder


def manifest(names: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(names.items())).encode()


def test_a_tampered_manifest_moves_no_file_of_the_project(built_project: Path) -> None:
    """A committed staging folder whose manifest names a path out of it is
    left alone: the file of the project it names stays where it is."""
    section = built_project / "content/ohje/01-johdanto.md"
    text = section.read_bytes()
    folder = staging(built_project, "x")
    relative = "../../content/ohje/01-johdanto.md"
    (folder / COMMIT_FILE).write_bytes(f"{hashlib.sha256(text).hexdigest()}  {relative}\n".encode())
    code, _, err = build(built_project)
    assert code == 0
    why = (
        f"its manifest has a line someohje does not write ({quote(f'{hashlib.sha256(text).hexdigest()}  {relative}')})"
    )
    assert err == [f"warning: project/build/{STAGING_PREFIX}x: {why}; left alone"]
    assert section.read_bytes() == text
    assert not (built_project.parent / "content").exists()


def test_a_staging_folder_holding_a_link_is_left_alone(built_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ulkona.html"
    outside.write_bytes(b"<p>ulkona</p>")
    folder = staging(built_project, "y")
    (folder / HTML).symlink_to(outside)
    (folder / COMMIT_FILE).write_bytes(manifest({HTML: outside.read_bytes()}))
    code, _, err = build(built_project)
    assert code == 0
    why = f"{HTML} is not a regular file (a symbolic link), so it is not read"
    assert err == [f"warning: project/build/{STAGING_PREFIX}y: {why}; left alone"]
    assert outside.read_bytes() == b"<p>ulkona</p>" and (folder / HTML).is_symlink()
    assert not (built_project / "build" / HTML).is_symlink()


def test_a_file_swapped_into_a_committed_set_is_not_moved_in(built_project: Path) -> None:
    folder = staging(built_project, "z")
    (folder / HTML).write_bytes(b"<p>vaihdettu</p>")
    (folder / COMMIT_FILE).write_bytes(manifest({HTML: b"<p>alkuperainen</p>"}))
    before = (built_project / "build" / HTML).read_bytes()
    code, _, err = build(built_project)
    assert code == 0
    assert err == [f"warning: project/build/{STAGING_PREFIX}z: {HTML} is not the file the build wrote; left alone"]
    assert (built_project / "build" / HTML).read_bytes() == before


def test_an_uncommitted_staging_folder_with_a_link_in_a_subfolder_is_left_alone(
    built_project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "ulkona.txt"
    outside.write_text("oma", encoding="utf-8")
    folder = staging(built_project, "w")
    (folder / "kansio").mkdir()
    (folder / "kansio/tiedosto.txt").symlink_to(outside)
    code, _, err = build(built_project)
    assert code == 0
    assert err == [
        f"warning: project/build/{STAGING_PREFIX}w: it holds something other than files a build writes; left alone"
    ]
    assert (folder / "kansio/tiedosto.txt").is_symlink() and outside.read_text(encoding="utf-8") == "oma"


def test_an_uncommitted_staging_folder_with_subfolders_of_files_is_removed(built_project: Path) -> None:
    folder = staging(built_project, "v")  # as a build stopped while staging the search index leaves it
    (folder / "pagefind/fragment").mkdir(parents=True)
    (folder / "pagefind/fragment/a.pf_fragment").write_bytes(b"x")
    code, _, err = build(built_project)
    assert (code, err) == (0, [])
    assert not folder.exists()


def test_the_record_of_every_format_reads_back_as_up_to_date(built_project: Path) -> None:
    """The record the build writes for every format (the AKN's ``.akn.xml``
    too) is one the next build accepts: it says up to date, with no warning."""
    args = [sys.executable, "-m", "someohje", "build", str(built_project), "--format", "html,pdf,docx,akn"]
    first = subprocess.run(args, cwd=built_project.parent, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    record = json.loads((built_project / "build" / RECORD).read_text(encoding="utf-8"))
    (entry,) = record["documents"].values()
    assert f"{STEM}.akn.xml" in entry["files"]
    again = subprocess.run(args, cwd=built_project.parent, capture_output=True, text=True, timeout=300)
    assert (again.returncode, again.stderr) == (0, "")
    assert "is up to date" in again.stdout


def test_a_build_run_inside_the_project_writes_its_site_into_build(project: Path) -> None:
    """The README's command as a user types it: ``build`` with no folder, run
    in the project, writes into the relative ``build/`` (the search index's
    subfolder replaced whole), twice, with no traceback."""
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "someohje", "build", "--format", "html", "--force"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
    assert (project / "build" / HTML).is_file() and (project / "build/pagefind/pagefind.js").is_file()
    assert not list((project / "build").glob(f"{STAGING_PREFIX}*"))
