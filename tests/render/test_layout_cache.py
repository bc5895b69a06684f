"""The PDF's layout decisions kept in build/.someohje-layout/ (issue 20): the
outputs are the same bytes with the cache, without it and with a bad one; a
build of the web page or the DOCX alone takes the decisions from it and lays
nothing out; an entry whose files changed, or that is not one someohje
wrote, is ignored and written afresh."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import helpers
from helpers import STEM, Result
from someohje import caches
from someohje.render import layoutcache

FORMATS = "html,docx,pdf"
OUTPUTS = [f"{STEM}.{ext}" for ext in ("html", "docx", "pdf")]


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def entry(out: Path) -> Path:
    (found,) = (out / layoutcache.FOLDER).iterdir()
    return found


@pytest.fixture
def cold(cli: Callable[..., Result], project: Path) -> tuple[Path, dict[str, bytes]]:
    """The project built once into an empty build/, and its outputs."""
    result = cli("build", str(project), "--format", FORMATS)
    assert result.code == 0, result.err
    return project, outputs(project / "build")


def rebuild(cli: Callable[..., Result], project: Path, formats: str = FORMATS) -> None:
    result = cli("build", str(project), "--format", formats, "--force")
    assert (result.code, result.err) == (0, ""), result.err


def test_the_first_build_keeps_the_layout_decisions(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]]
) -> None:
    project, _ = cold
    layout = layoutcache.LayoutCache(project / "build" / layoutcache.FOLDER).load(entry(project / "build").name)
    assert layout is not None and layout.contents  # the guideline runs to more than three pages
    assert (
        layout.pages["sisallys"] == 1
        and layout.pages["tavoitteet"] == 2
        and layout.pages["kasittelyhistoria"] > layout.pages["voimaantulo"]
    )
    assert any(path.endswith("LiberationSans-Regular.ttf") for path in layout.files)  # what the layout read


def test_outputs_are_the_same_bytes_with_the_cache_and_without(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]]
) -> None:
    project, first = cold
    rebuild(cli, project)  # every document laid out once, from the entry
    assert outputs(project / "build") == first
    shutil.rmtree(project / "build" / layoutcache.FOLDER)
    rebuild(cli, project, "html,docx")  # laid out the whole way again
    assert outputs(project / "build") == first


def test_the_web_page_and_the_docx_alone_lay_nothing_out(
    cold: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from someohje.collection.catalogue import with_index_link
    from someohje.document.guideline import guideline
    from someohje.pipeline.batch import render_all
    from someohje.pipeline.session import open_session
    from someohje.render import pdf

    project, first = cold

    def no_layout(*args: object, **kwargs: object) -> None:
        raise AssertionError("laid out although the cache holds the layout")

    monkeypatch.setattr(pdf, "_layout", no_layout)
    session = open_session(project)
    out = project / "build"
    session.layout_cache = layoutcache.LayoutCache(out / layoutcache.FOLDER)
    doc = with_index_link(guideline(session.document))  # as build makes it
    files = render_all(session, [doc], ["html", "docx"], out)
    assert files == {out / name: first[name] for name in OUTPUTS[:2]}
    with pytest.raises(AssertionError):  # and without the cache it would have laid out
        render_all(replace(session, layout_cache=layoutcache.LayoutCache(out / "elsewhere")), [doc], ["html"], out)


def _resealed(payload: dict[str, object]) -> bytes:
    return caches.seal(layoutcache._header(), json.dumps(payload).encode())


def _with_other_digests(sealed: bytes) -> dict[str, object]:
    payload: dict[str, object] = json.loads(sealed.split(b"\n", 2)[2])
    files = payload["files"]
    assert isinstance(files, dict) and files
    return {**payload, "files": {path: "0" * 64 for path in files}}


def _with_shifted_pages(sealed: bytes) -> dict[str, object]:
    """The entry saying every heading falls a page later than it does: a
    sound entry whose layout does not come out as it says."""
    payload: dict[str, object] = json.loads(sealed.split(b"\n", 2)[2])
    pages = payload["pages"]
    assert isinstance(pages, dict) and pages
    return {**payload, "pages": {anchor: page + 1 for anchor, page in pages.items()}}


BAD_ENTRIES: dict[str, Callable[[Path], None]] = {
    "one byte changed": lambda p: p.write_bytes(p.read_bytes()[:-3] + b"X" + p.read_bytes()[-2:]),
    "torn": lambda p: p.write_bytes(p.read_bytes()[:40]),
    "another version": lambda p: p.write_bytes(p.read_bytes().replace(b"someohje-layout ", b"someohje-layout 9", 1)),
    "empty": lambda p: p.write_bytes(b""),
    "a link to a device": lambda p: (p.unlink(), p.symlink_to("/dev/zero")),
    "pages that are not numbers": lambda p: p.write_bytes(
        _resealed({"contents": True, "pages": {"johdanto": "2"}, "whole": [], "files": {}})
    ),
    "a file it read has changed": lambda p: p.write_bytes(_resealed(_with_other_digests(p.read_bytes()))),
    # the web page and the DOCX render from the entry while the PDF lays out, then again from the layout
    "pages that are not the layout's": lambda p: p.write_bytes(_resealed(_with_shifted_pages(p.read_bytes()))),
}


@pytest.mark.parametrize("damage", list(BAD_ENTRIES))
def test_a_bad_entry_is_ignored_and_written_afresh(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]], damage: str
) -> None:
    project, first = cold
    path = entry(project / "build")
    sound = path.read_bytes()
    BAD_ENTRIES[damage](path)
    taken = layoutcache.LayoutCache(path.parent).load(path.name)
    assert (taken is not None) == (damage == "pages that are not the layout's")  # that one is sound, and wrong
    rebuild(cli, project)
    assert outputs(project / "build") == first
    assert not path.is_symlink() and path.read_bytes() == sound


def test_a_cache_folder_that_is_a_link_is_not_used(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project, first = cold
    elsewhere = tmp_path / "elsewhere"
    (project / "build" / layoutcache.FOLDER).rename(elsewhere)
    (project / "build" / layoutcache.FOLDER).symlink_to(elsewhere)
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    rebuild(cli, project)
    assert outputs(project / "build") == first
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before


def test_the_entries_are_written_with_the_outputs_and_not_announced(cli: Callable[..., Result], project: Path) -> None:
    result = cli("build", str(project), "--format", FORMATS)
    assert result.code == 0, result.err
    assert "someohje-layout" not in result.out + result.err
    assert all(line.startswith(f"wrote {project / 'build'}/") for line in result.out.splitlines())
    assert all(name in result.out for name in OUTPUTS)
    assert len(list((project / "build" / layoutcache.FOLDER).iterdir())) == 1


def test_a_build_that_cannot_write_its_outputs_leaves_no_entry(cli: Callable[..., Result], project: Path) -> None:
    (project / "build" / f"{STEM}.docx").mkdir(parents=True)  # in the way of the DOCX: nothing may be written
    result = cli("build", str(project), "--format", FORMATS)
    assert result.code != 0 and "Traceback" not in result.err
    assert sorted(p.name for p in (project / "build").iterdir()) == [f"{STEM}.docx"]


def test_the_tests_know_the_cache_folder_by_its_name() -> None:
    assert helpers.LAYOUT_FOLDER == layoutcache.FOLDER  # the listings of build/ leave it out


def _old_entries(folder: Path, count: int, size: int = 600) -> list[Path]:
    """``count`` entries that look like someohje's (hexadecimal names), each
    ``size`` bytes (sparse), used long ago: the first is the oldest."""
    made = []
    for i in range(count):
        path = folder / f"{i:064x}"
        with path.open("wb") as handle:
            handle.truncate(size)
        os.utime(path, (1_000_000_000 + i, 1_000_000_000 + i))
        made.append(path)
    return made


def test_the_folder_keeps_only_the_most_recently_used_entries(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]]
) -> None:
    project, _ = cold
    folder = project / "build" / layoutcache.FOLDER
    entry(project / "build").unlink()  # so the rebuild lays the text out and writes its entry afresh
    old = _old_entries(folder, layoutcache.MAX_ENTRIES + 10)
    other = folder / "README"  # not an entry: never pruned
    other.write_text("mine\n")
    os.utime(other, (1, 1))
    rebuild(cli, project, "pdf")
    names = {p.name for p in folder.iterdir()}
    assert len(names) == layoutcache.MAX_ENTRIES + 1 and "README" in names
    assert not any(p.exists() for p in old[:11]) and all(p.exists() for p in old[11:])  # the 11 oldest went
    assert layoutcache.LayoutCache(folder).load(max(names - {p.name for p in old} - {"README"})) is not None


def test_an_entry_read_is_marked_used_and_nothing_is_pruned_when_nothing_is_written(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]]
) -> None:
    project, first = cold
    folder = project / "build" / layoutcache.FOLDER
    taken = entry(project / "build")
    os.utime(taken, (999_999_000, 999_999_000))  # older than every other entry
    old = _old_entries(folder, layoutcache.MAX_ENTRIES + 5)
    rebuild(cli, project, "html,docx")  # read from the entry, nothing new to write
    assert taken.stat().st_mtime > old[-1].stat().st_mtime  # now the most recently used
    assert all(p.exists() for p in old)
    assert outputs(project / "build") == first


def test_the_folder_keeps_at_most_max_bytes_of_entries(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes]]
) -> None:
    project, _ = cold
    folder = project / "build" / layoutcache.FOLDER
    entry(project / "build").unlink()
    old = _old_entries(folder, 3, size=layoutcache.MAX_BYTES // 2)
    rebuild(cli, project, "pdf")
    assert [p.exists() for p in old] == [False, False, True]  # the newest half fits beside the new entry
    assert len(list(folder.iterdir())) == 2


NO_WEASYPRINT = """
import sys
from someohje.cli import main
code = main(sys.argv[1:])
sys.exit(3 if "weasyprint" in sys.modules else code)
"""


@pytest.mark.parametrize("args", [("build", "--format", "html,docx", "--force"), ("check",)])
def test_the_web_page_docx_and_check_never_import_weasyprint(
    cold: tuple[Path, dict[str, bytes]], args: tuple[str, ...]
) -> None:
    """WeasyPrint's import is a third of a PDF's time: a build of the other
    formats after a full one, and check, must not pay it (no module they
    import may import WeasyPrint at its top)."""
    import subprocess
    import sys

    project, _ = cold
    proc = subprocess.run(
        [sys.executable, "-c", NO_WEASYPRINT, args[0], str(project), *args[1:]], capture_output=True, text=True
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
