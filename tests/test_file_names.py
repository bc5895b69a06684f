"""File names from any title: every output of every kind gets a visible,
stable ASCII name, and two documents of a collection never share one."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, Result

TITLE = "title: Rautalammin kunnan sosiaalisen median ohje"
RULE = "title: Esimerkkilän kunnan hallintosääntö"
GUIDE = "Esimerkkilän kunnan tietoturvaohje"


@pytest.fixture
def esimerkkila(tmp_path: Path) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    return root


def visible(names: list[str]) -> bool:
    return bool(names) and all(re.fullmatch(r"[a-z0-9][a-z0-9.-]*", n) for n in names)


def test_every_output_kind_of_a_japanese_title_has_a_visible_name(
    cli: Callable[..., Result], project: Path, tmp_path: Path
) -> None:
    path = project / "content/document.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(TITLE, "title: ソーシャルメディアの指針"), encoding="utf-8"
    )
    out = tmp_path / "out"
    for command in (
        ("build", "--stage", "kh-2022-06-07"),
        ("attachment", "--meeting", "kvalt-2022-06-14", "--number", "1"),
        ("extract", "--meeting", "kvalt-2022-06-14"),
        ("diff", "--from", "kh-2022-06-07", "--to", "kvalt-2022-06-14"),
        ("build", "--as-of", "1.1.2099"),
    ):
        result = cli(command[0], str(project), *command[1:], "--format", "html", "--out", str(out))
        assert result.code == 0, result.err
    names = sorted(p.name for p in out.glob("*.html"))
    assert len(names) == 5 and visible(names), names
    assert all(n.startswith("asiakirja-") for n in names)


def test_two_documents_with_one_title_get_names_of_their_own(cli: Callable[..., Result], esimerkkila: Path) -> None:
    rule = esimerkkila / "content/hallintosaanto/document.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace(RULE, f"title: {GUIDE}"), encoding="utf-8")
    out = esimerkkila / "build"
    result = cli("build", str(esimerkkila), "--format", "html,docx", "--out", str(out))
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and not p.name.startswith("index"))
    stem = "esimerkkilan-kunnan-tietoturvaohje"
    assert names == sorted(
        f"{stem}-{did}.{ext}" for did in ("tietoturvaohje", "hallintosaanto") for ext in ("html", "docx")
    )
    # and the links between them point at the right one
    page = (out / f"{stem}-hallintosaanto.html").read_text(encoding="utf-8")
    assert f'href="{stem}-tietoturvaohje.html"' in page
    with zipfile.ZipFile(out / f"{stem}-hallintosaanto.docx") as z:
        assert f'Target="{stem}-tietoturvaohje.docx"' in z.read("word/_rels/document.xml.rels").decode()


def test_a_title_of_its_own_keeps_its_plain_name(cli: Callable[..., Result], esimerkkila: Path) -> None:
    out = esimerkkila / "build"
    assert cli("build", str(esimerkkila), "--format", "html", "--out", str(out)).code == 0
    assert {p.name for p in out.glob("esimerkkilan-*.html")} == {
        "esimerkkilan-kunnan-tietoturvaohje.html",
        "esimerkkilan-kunnan-hallintosaanto.html",
    }
