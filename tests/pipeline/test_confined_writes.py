"""Nothing written outside the project (issue 21): every verb that writes
(build, package, new, new-document, seal, import, import-changes) writes
through the same confined check, so a target, or a folder on the way to
it, replaced by a symbolic link to a folder outside is refused: one line
naming the link, exit 1, and nothing outside changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from helpers import FIXTURES, REPO, Result, run_cli, snapshot


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project, with a file in it, that must stay as it is."""
    folder = tmp_path / "ulkona"
    folder.mkdir()
    (folder / "oma.txt").write_text("ei kosketa\n", encoding="utf-8")
    return folder


def untouched(outside: Path, before: dict[str, bytes], result: Result) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err and len(result.err.splitlines()) >= 1
    assert snapshot(outside) == before


def linked(path: Path, target: Path) -> None:
    """Replace ``path`` (a folder, or nothing) with a link to ``target``."""
    if path.is_dir():
        shutil.rmtree(path)
    path.symlink_to(target, target_is_directory=True)


LINK = "it would be written through a symbolic link ({link}), which is not followed"


def test_build_into_a_linked_build_folder_is_refused(project: Path, outside: Path) -> None:
    linked(project / "build", outside)
    before = snapshot(outside)
    result = run_cli("build", str(project), "--format", "html", cwd=project.parent)
    untouched(outside, before, result)
    assert result.err == f"project/build/.someohje-build.json: {LINK.format(link='project/build')}\n"


def test_build_out_to_a_link_is_refused(project: Path, outside: Path, tmp_path: Path) -> None:
    out = tmp_path / "julkaisu"
    linked(out, outside)
    before = snapshot(outside)
    result = run_cli("build", str(project), "--format", "html", "--out", str(out), cwd=tmp_path)
    untouched(outside, before, result)
    assert result.err == f"julkaisu/.someohje-build.json: {LINK.format(link='julkaisu')}\n"
    stage = run_cli(
        "build", str(project), "--stage", "kh-2022-06-07", "--format", "html", "--out", str(out), cwd=tmp_path
    )
    untouched(outside, before, stage)


def test_package_into_a_linked_meeting_folder_is_refused(project: Path, outside: Path) -> None:
    (project / "build").mkdir()
    linked(project / "build/kvalt-2022-06-14", outside)
    before = snapshot(outside)
    result = run_cli("package", str(project), "--meeting", "kvalt-2022-06-14", "--format", "html", cwd=project.parent)
    untouched(outside, before, result)
    assert LINK.format(link="project/build/kvalt-2022-06-14") in result.err


def test_new_into_a_link_is_refused(outside: Path, tmp_path: Path) -> None:
    empty = tmp_path / "tyhja"
    empty.mkdir()
    folder = tmp_path / "uusi"
    folder.symlink_to(empty, target_is_directory=True)
    result = run_cli("new", str(folder), "--organisation", "Esimerkkilän kunta", "--web", "www.esimerkkila.fi")
    assert result.code == 1 and LINK.format(link=str(folder)) in result.err
    assert list(empty.iterdir()) == []


def test_new_document_through_a_linked_content_folder_is_refused(outside: Path, tmp_path: Path) -> None:
    project = tmp_path / "kokoelma"
    shutil.copytree(FIXTURES / "esimerkkila", project)
    shutil.copytree(project / "content", outside / "content")
    shutil.rmtree(project / "content")
    (project / "content").symlink_to(outside / "content", target_is_directory=True)
    before = snapshot(outside)
    result = run_cli("new-document", str(project), "--id", "uusi", "--title", "Uusi ohje", "--type", "Ohje")
    untouched(outside, before, result)
    assert LINK.format(link=str(project / "content")) in result.err


def test_seal_through_a_linked_document_folder_is_refused(outside: Path, tmp_path: Path) -> None:
    project = tmp_path / "kokoelma"
    shutil.copytree(FIXTURES / "esimerkkila", project)
    shutil.move(project / "content/hallintosaanto", outside / "hallintosaanto")
    (project / "content/hallintosaanto").symlink_to(outside / "hallintosaanto", target_is_directory=True)
    before = snapshot(outside)
    result = run_cli("seal", str(project), "--document", "hallintosaanto", "--meeting", "kvalt-2023-06-12")
    assert result.code == 1 and "Traceback" not in result.err
    assert snapshot(outside) == before


def imported_docx(tmp_path: Path) -> Path:
    path = tmp_path / "ohje.docx"
    d = docx.Document()
    d.add_paragraph("Ohjeen otsikko", style="Title")
    d.add_heading("Yleistä", 1)
    d.add_paragraph("Teksti.")
    d.save(str(path))
    return path


def test_import_into_a_link_is_refused(outside: Path, tmp_path: Path) -> None:
    into = tmp_path / "tuotu"
    into.symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    result = run_cli("import", str(imported_docx(tmp_path)), "--into", str(into), cwd=tmp_path)
    untouched(outside, before, result)
    assert result.err == f"tuotu/content/document.yaml: {LINK.format(link='tuotu')}\n"


def test_import_replace_follows_no_link_in_the_folder_it_replaces(project: Path, outside: Path, tmp_path: Path) -> None:
    """The project's content/ohje is a link: --replace would delete and write there."""
    shutil.move(project / "content/ohje", outside / "ohje")
    (project / "content/ohje").symlink_to(outside / "ohje", target_is_directory=True)
    before = snapshot(outside)
    result = run_cli("import", str(imported_docx(tmp_path)), "--into", str(project), "--replace", cwd=tmp_path)
    untouched(outside, before, result)
    assert result.err == f"project/content/ohje/kuvat: {LINK.format(link='project/content/ohje')}\n"


def test_import_changes_through_a_linked_content_folder_is_refused(outside: Path, tmp_path: Path) -> None:
    """The document.yaml it rewrites is reached through a link: refused before any change is read."""
    project = tmp_path / "kokoelma"
    shutil.copytree(REPO / "content", outside / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    (project / "content").symlink_to(outside / "content", target_is_directory=True)
    before = snapshot(outside)
    result = run_cli("import-changes", str(imported_docx(tmp_path)), "--meeting", "kvalt-2022-06-14", str(project))
    assert result.code in (1, 2) and "Traceback" not in result.err
    assert snapshot(outside) == before
