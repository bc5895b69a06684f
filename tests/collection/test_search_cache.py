"""The search index kept in build/.someohje-search (issue 20): a rebuild of
unchanged web pages takes Pagefind's bundle from it and runs no Pagefind,
the bundle is the same bytes with the cache and without it, a changed page
runs Pagefind again, and a cache file that is not one someohje wrote for
these pages is ignored and written afresh, never trusted."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import helpers
from helpers import Result, snapshot
from someohje import caches
from someohje.collection import searchcache


@pytest.fixture
def cold(cli: Callable[..., Result], project: Path) -> tuple[Path, dict[str, bytes], bytes]:
    """The project built once for the web into an empty build/: the project,
    its search index and the cache file."""
    result = cli("build", str(project), "--format", "html")
    assert result.code == 0, result.err
    out = project / "build"
    return project, snapshot(out / "pagefind"), (out / searchcache.CACHE_FILE).read_bytes()


def no_pagefind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every build from here on finds no Pagefind binary: one that needs to
    run Pagefind fails."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))


def test_an_unchanged_site_takes_its_index_from_the_cache(
    cli: Callable[..., Result],
    cold: tuple[Path, dict[str, bytes], bytes],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    project, bundle, kept = cold
    out = project / "build"
    no_pagefind(monkeypatch, tmp_path)
    result = cli("build", str(project), "--format", "html", "--force")
    assert (result.code, result.err) == (0, "")
    assert snapshot(out / "pagefind") == bundle and (out / searchcache.CACHE_FILE).read_bytes() == kept
    assert searchcache.CACHE_FILE not in result.out  # kept quietly, as the build record is
    (out / searchcache.CACHE_FILE).unlink()
    result = cli("build", str(project), "--format", "html", "--force")
    assert result.code == 1 and "Pagefind" in result.err  # without the cache it runs Pagefind
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    assert cli("build", str(project), "--format", "html", "--force").code == 0
    assert snapshot(out / "pagefind") == bundle and (out / searchcache.CACHE_FILE).read_bytes() == kept


def test_a_changed_page_is_indexed_again(
    cli: Callable[..., Result],
    cold: tuple[Path, dict[str, bytes], bytes],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    project, _, _ = cold
    section = sorted((project / "content" / "ohje").rglob("*.md"))[0]  # a section of the guideline
    section.write_text(section.read_text(encoding="utf-8") + "\nUusi lause hakua varten.\n", encoding="utf-8")
    helpers.reseal(project)
    no_pagefind(monkeypatch, tmp_path)
    result = cli("build", str(project), "--format", "html")
    assert result.code == 1 and "Pagefind" in result.err  # the kept index is not these pages'


def _resealed(payload: object) -> bytes:
    return caches.seal(searchcache._header(), json.dumps(payload).encode())


def _payload(sealed: bytes) -> dict[str, object]:
    data: dict[str, object] = json.loads(sealed.split(b"\n", 2)[2])
    return data


BAD_CACHES: dict[str, Callable[[Path], None]] = {
    "one byte changed": lambda p: p.write_bytes(p.read_bytes()[:-3] + b"X" + p.read_bytes()[-2:]),
    "torn": lambda p: p.write_bytes(p.read_bytes()[:60]),
    "another version": lambda p: p.write_bytes(p.read_bytes().replace(b"someohje-search ", b"someohje-search 9", 1)),
    "empty": lambda p: p.write_bytes(b""),
    "a link to a device": lambda p: (p.unlink(), p.symlink_to("/dev/zero")),
    "a folder": lambda p: (p.unlink(), p.mkdir()),
    "other pages": lambda p: p.write_bytes(_resealed({**_payload(p.read_bytes()), "pages": "0" * 64})),
    "a file outside pagefind/": lambda p: p.write_bytes(
        _resealed(
            {
                **_payload(p.read_bytes()),
                "files": {"pagefind/../../escaped.txt": base64.b64encode(b"x").decode("ascii")},
            }
        )
    ),
    "not base64": lambda p: p.write_bytes(
        _resealed({**_payload(p.read_bytes()), "files": {"pagefind/pagefind.js": "***"}})
    ),
}


@pytest.mark.parametrize("damage", list(BAD_CACHES))
def test_a_bad_cache_is_ignored_and_written_afresh(
    cli: Callable[..., Result], cold: tuple[Path, dict[str, bytes], bytes], damage: str
) -> None:
    project, bundle, kept = cold
    out = project / "build"
    path = out / searchcache.CACHE_FILE
    indexed = {p.name: p.read_bytes() for p in out.glob("*.html") if p.name != "index.html"}
    assert searchcache.cached_bundle(out, indexed) is not None  # the sound one is taken
    BAD_CACHES[damage](path)
    assert searchcache.cached_bundle(out, indexed) is None
    result = cli("build", str(project), "--format", "html", "--force")
    if damage == "a folder":  # not ours to remove: the build goes on without keeping its index
        assert result.code == 0 and path.is_dir()
    else:
        assert (result.code, result.err) == (0, "")
        assert not path.is_symlink() and path.read_bytes() == kept
    assert snapshot(out / "pagefind") == bundle
    assert not (project / "escaped.txt").exists() and not (out / "escaped.txt").exists()


def test_the_tests_know_the_cache_file_by_its_name() -> None:
    assert helpers.SEARCH_CACHE == searchcache.CACHE_FILE  # the listings of build/ leave it out
