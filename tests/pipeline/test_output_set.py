"""Outputs replace the previous build as one set: a build killed at any step
of writing leaves the old set, or a committed set that the next run
completes; never a mix, never a temporary file in sight."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from helpers import Result, snapshot
from someohje.pipeline.output import COMMIT_FILE, STAGING_PREFIX, recover

#: runs the CLI, killing the process (as ``kill -9`` would: no cleanup at
#: all) just before its Nth file-system step (an fsync or a rename)
KILLER = """
import os, sys
limit, count = int(sys.argv[1]), 0
def killing(real):
    def step(*args, **kwargs):
        global count
        count += 1
        if count == limit:
            os._exit(137)
        return real(*args, **kwargs)
    return step
os.fsync, os.replace = killing(os.fsync), killing(os.replace)
from someohje.cli import main
sys.exit(main(sys.argv[2:]))
"""


def visible(folder: Path) -> dict[str, bytes]:
    """What a reader of the output folder sees: the files not hidden."""
    return {k: v for k, v in snapshot(folder).items() if not k.startswith(".")}


def restore(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def test_a_build_killed_at_any_step_leaves_one_whole_set(
    cli: Callable[..., Result], project: Path, tmp_path: Path
) -> None:
    out = project / "build"
    args = ["build", str(project), "--format", "html,docx"]
    assert cli(*args).code == 0
    old_all = snapshot(out)
    old = visible(out)
    text = (project / "content/document.yaml").read_text(encoding="utf-8")
    (project / "content/document.yaml").write_text(text.replace("type: Ohje", "type: Uusi ohje"), encoding="utf-8")
    assert cli(*args, "--out", str(tmp_path / "new")).code == 0
    new = visible(tmp_path / "new")
    pages = {k for k in old if "/" not in k}  # beside pagefind/, whose fragments are named by their content
    assert pages == {k for k in new if "/" not in k} and len(pages) == 5
    assert all(old[k] != new[k] for k in pages - {"saavutettavuusseloste.html"})

    outcomes: set[str] = set()
    for step in range(1, 100):
        restore(out, old_all)
        proc = subprocess.run([sys.executable, "-c", KILLER, str(step), *args], capture_output=True, text=True)
        if proc.returncode == 0:
            break
        assert proc.returncode == 137, proc.stderr
        seen = visible(out)
        committed = any((p / COMMIT_FILE).is_file() for p in out.glob(f"{STAGING_PREFIX}*"))
        assert seen.keys() <= old.keys() | new.keys()  # never a temporary name in sight
        assert all(seen[k] in (old.get(k), new.get(k)) for k in seen)  # never a half-written file
        assert seen == old or committed  # a mix only while a committed set waits
        recover(out)  # what the next run does first
        after = visible(out)
        assert after in (old, new)
        assert list(out.glob(f"{STAGING_PREFIX}*")) == []
        outcomes.add("new" if after == new else "old")
    else:
        raise AssertionError("the build never finished")
    assert visible(out) == new
    assert outcomes == {"old", "new"}  # the kill landed both before and after the commit


def test_a_stale_staging_folder_is_removed_by_the_next_build(cli: Callable[..., Result], project: Path) -> None:
    stale = project / "build" / f"{STAGING_PREFIX}dead"
    stale.mkdir(parents=True)
    (stale / "half.html").write_bytes(b"<html")
    assert cli("build", str(project), "--format", "html").code == 0
    assert not stale.exists()
    assert sorted(k for k in visible(project / "build") if not k.startswith("pagefind/")) == [
        "index.html",
        "index.json",
        "rautalammin-kunnan-sosiaalisen-median-ohje.html",
        "saavutettavuusseloste.html",
    ]


def test_a_build_that_removes_a_renamed_documents_files_killed_at_any_step_leaves_one_whole_set(
    cli: Callable[..., Result], project: Path, tmp_path: Path
) -> None:
    """The old title's page goes with the commit, never before it: a kill
    before leaves the old set, a kill after is completed by the next run."""
    out = project / "build"
    args = ["build", str(project), "--format", "html"]
    assert cli(*args).code == 0
    first = tmp_path / "first"
    shutil.copytree(out, first, symlinks=True)  # with its build record: the old page is known as someohje's
    old = visible(out)
    text = (project / "content/document.yaml").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    (project / "content/document.yaml").write_text(text.replace(title, "title: Somen käytön ohje"), encoding="utf-8")
    assert cli(*args, "--out", str(tmp_path / "new")).code == 0
    new = visible(tmp_path / "new")
    (old_page,) = {k for k in old if k.endswith(".html") and "/" not in k} - set(new)
    assert "somen-kayton-ohje.html" in new
    outcomes: set[str] = set()
    for step in range(1, 100):
        shutil.rmtree(out)
        shutil.copytree(first, out, symlinks=True)
        proc = subprocess.run([sys.executable, "-c", KILLER, str(step), *args], capture_output=True, text=True)
        if proc.returncode == 0:
            break
        assert proc.returncode == 137, proc.stderr
        recover(out)
        after = visible(out)
        assert after in (old, new), (step, sorted(set(after) ^ set(new))[:3])
        outcomes.add("new" if after == new else "old")
    else:
        raise AssertionError("the build never finished")
    assert visible(out) == new and not (out / old_page).exists() and outcomes == {"old", "new"}
