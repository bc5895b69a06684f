"""Special files and files too big (issue 21): a named pipe or a device where
someohje expects a file is refused before it is opened (it would block the
build forever, or never end), a file far over the size limit is refused by
its size before a byte of it is read, and a whole-folder scan (check's
placeholder scan, the build's digests, import-changes' working copy) follows
no symbolic link and opens no special file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import INTRO, THEME, append, edit, snapshot

#: no case here may take long: a blocked read is a failure, not a wait
LIMIT = 120


def run(project: Path, *args: str) -> tuple[int, list[str], str]:
    """The CLI from the project's parent folder, stopped after LIMIT seconds (a hang fails)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "someohje", *args],
        cwd=project.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=LIMIT,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stderr.splitlines(), proc.stdout


def refused(project: Path, *expected: str) -> None:
    """build and check both fail with exactly ``expected``, build/ untouched."""
    before = snapshot(project / "build")
    assert run(project, "build", str(project), "--format", "html")[:2] == (1, list(expected))
    assert run(project, "check", str(project), "--no-spell")[:2] == (1, list(expected))
    assert snapshot(project / "build") == before


def test_a_named_pipe_as_a_section_is_refused_unopened(built_project: Path) -> None:
    section = built_project / "content/ohje/03-kayttajat.md"
    section.unlink()
    os.mkfifo(section)
    line = (built_project / "content/document.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(line, 1) if "03-kayttajat.md" in text)
    why = "section file 'ohje/03-kayttajat.md' is not a regular file (a named pipe)"
    refused(built_project, f"project/content/document.yaml:{number}: {why}")


def test_a_named_pipe_as_an_image_is_refused_unopened(built_project: Path) -> None:
    os.mkfifo(built_project / "content/ohje/kuva.png")
    line = append(built_project / "content/ohje/01-johdanto.md", "\n![Kuva](kuva.png)\n") + 1
    refused(built_project, f"{INTRO}:{line}: image 'kuva.png' is not a regular file (a named pipe)")


def test_a_named_pipe_as_the_logo_is_refused_unopened(built_project: Path) -> None:
    os.mkfifo(built_project / "templates/logo.png")
    line = edit(built_project / "templates/theme.yaml", "logo: null", "logo: logo.png")
    edit(built_project / "templates/theme.yaml", 'logo_alt: ""', 'logo_alt: "Vaakuna"')
    refused(built_project, f"{THEME}:{line}: logo 'logo.png' is not a regular file (a named pipe)")


def test_a_named_pipe_as_a_template_is_refused_unopened(built_project: Path) -> None:
    template = built_project / "templates/style.css.j2"
    template.unlink()
    os.mkfifo(template)
    why = "template 'style.css.j2' is not a regular file (a named pipe)"
    refused(built_project, f"project/templates/style.css.j2:1: {why}")


def test_an_unreferenced_named_pipe_in_content_changes_nothing(built_project: Path) -> None:
    """Not read by anything: the build's digests and check's scan pass it by."""
    os.mkfifo(built_project / "content/ohje/muistiinpanot.md")
    os.mkfifo(built_project / "content/putki")
    code, err, out = run(built_project, "build", str(built_project), "--format", "html")
    assert (code, err) == (0, []) and "wrote" in out  # a new file in the folder: a change, built again
    assert run(built_project, "build", str(built_project), "--format", "html")[2].endswith("nothing written\n")
    assert run(built_project, "check", str(built_project), "--no-spell")[:2] == (0, [])


def test_a_device_where_a_section_is_expected_is_refused(built_project: Path) -> None:
    section = built_project / "content/ohje/03-kayttajat.md"
    section.unlink()
    try:
        os.mknod(section, 0o600 | 0o020000, os.makedev(1, 5))  # a character device like /dev/zero
    except (PermissionError, OSError):
        pytest.skip("this machine does not let the tests make a device file")
    lines = (built_project / "content/document.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines, 1) if "03-kayttajat.md" in text)
    why = "section file 'ohje/03-kayttajat.md' is not a regular file (a device)"
    refused(built_project, f"project/content/document.yaml:{number}: {why}")


def test_a_section_far_over_the_limit_is_refused_by_its_size(built_project: Path) -> None:
    section = built_project / "content/ohje/03-kayttajat.md"
    with section.open("r+b") as handle:  # sparse: 5 GB that take no room, and would take 5 GB to read
        handle.truncate(5 * 1024**3)
    size = section.stat().st_size
    why = f"the file is too big ({size:,} bytes; the limit is 8,000,000)"
    refused(built_project, f"{INTRO.replace('01-johdanto', '03-kayttajat')}:1: {why}")


def test_an_unreferenced_huge_file_in_content_is_never_read(built_project: Path) -> None:
    with (built_project / "content/ohje/valtava.md").open("wb") as handle:
        handle.truncate(5 * 1024**3)
    code, err, _ = run(built_project, "check", str(built_project), "--no-spell")
    assert (code, err) == (0, [])
    assert run(built_project, "build", str(built_project), "--format", "html")[:2] == (0, [])


def test_the_placeholder_scan_follows_no_link_out_of_the_project(built_project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "salainen.md"
    secret.write_text("TÄYDENNÄ: salainen-tunnus-1234\n", encoding="utf-8")
    (built_project / "content/ohje/linkki.md").symlink_to(secret)
    (built_project / "content/linkattu").symlink_to(tmp_path, target_is_directory=True)
    code, err, out = run(built_project, "check", str(built_project), "--no-spell")
    assert (code, err) == (0, [])
    assert "salainen-tunnus" not in out


def test_import_changes_copies_no_link_target_into_its_working_copy(tmp_path: Path) -> None:
    """Its trial build reads a copy of content/: a link is copied as a link,
    never the file it points to, and a named pipe is not opened."""
    from someohje.commands.import_changes import copy_folder

    source = tmp_path / "content"
    (source / "ohje").mkdir(parents=True)
    (source / "ohje/teksti.md").write_text("# Otsikko\n", encoding="utf-8")
    outside = tmp_path / "ulkona.txt"
    outside.write_text("salaista", encoding="utf-8")
    (source / "ohje/linkki.md").symlink_to(outside)
    os.mkfifo(source / "ohje/putki.md")
    copy = tmp_path / "kopio" / "content"
    copy_folder(source, copy)
    assert (copy / "ohje/teksti.md").read_text(encoding="utf-8") == "# Otsikko\n"
    assert (copy / "ohje/linkki.md").is_symlink() and os.readlink(copy / "ohje/linkki.md") == str(outside)
    assert not (copy / "ohje/putki.md").exists()
