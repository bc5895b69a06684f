"""File names: every output of every kind gets a visible, stable ASCII
name from any title (issue 16), and they are unique in a collection (issue
21): two documents with the same title, or a document titled "Index", never
write to the same file; the later one is named by its id, a collision that
remains is an error naming both documents, and a folder listed twice is an
error."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, Result, run_cli, snapshot

PROJECT_YAML = "kokoelma/content/project.yaml"
FIRST = "esimerkkilan-kunnan-tietoturvaohje"
SWEDISH = "esimerkkila-kommuns-anvisning-om-informationssakerhet.html"  #: the guideline's Swedish version
TITLE = "title: Rautalammin kunnan sosiaalisen median ohje"


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    root = tmp_path / "kokoelma"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    return root


def retitle(root: Path, title: str) -> None:
    meta = root / "content/hallintosaanto/document.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("title: Esimerkkilän kunnan hallintosääntö", f"title: {title}", 1), encoding="utf-8")


def build(root: Path) -> Result:
    return run_cli("build", str(root), "--format", "html", cwd=root.parent)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_two_documents_of_the_same_title_get_a_file_each(collection: Path) -> None:
    retitle(collection, "Esimerkkilän kunnan tietoturvaohje")
    result = build(collection)
    assert result.code == 0, result.err
    names = sorted(p.name for p in (collection / "build").glob("*.html"))
    site = ["index.html", "index.sv.html", "saavutettavuusseloste.html", "tillganglighetsutlatande.html"]
    assert names == sorted([SWEDISH, f"{FIRST}.html", "hallintosaanto.html", *site])
    index = json.loads((collection / "build/index.json").read_text(encoding="utf-8"))
    files = {d["id"]: [o["file"] for o in d["outputs"]] for d in index["documents"]}
    assert files == {
        "tietoturvaohje": [f"{FIRST}.html"],
        "tietoturvaohje.sv-FI": [SWEDISH],
        "hallintosaanto": ["hallintosaanto.html"],
        "hankintaohje": [],
    }


def test_links_between_two_documents_of_one_title_point_at_the_right_file(collection: Path) -> None:
    retitle(collection, "Esimerkkilän kunnan tietoturvaohje")
    out = collection / "build"
    result = run_cli("build", str(collection), "--format", "html,docx", cwd=collection.parent)
    assert result.code == 0, result.err
    page = (out / "hallintosaanto.html").read_text(encoding="utf-8")
    assert f'href="{FIRST}.html"' in page
    with zipfile.ZipFile(out / "hallintosaanto.docx") as z:
        assert f'Target="{FIRST}.docx"' in z.read("word/_rels/document.xml.rels").decode()


@pytest.mark.parametrize(
    ("title", "page", "own"),
    [
        ("Index", "index.html", "Säännöt ja ohjeet"),
        ("Saavutettavuusseloste", "saavutettavuusseloste.html", "Saavutettavuusseloste"),
    ],
)
def test_a_document_titled_as_a_site_file_never_replaces_it(collection: Path, title: str, page: str, own: str) -> None:
    retitle(collection, title)
    result = build(collection)
    assert result.code == 0, result.err
    index = (collection / "build/index.html").read_text(encoding="utf-8")
    assert "hallintosaanto.html" in index  # the index links the document by its id
    assert (collection / "build/hallintosaanto.html").is_file()
    assert f"<h1>{own}" in (collection / "build" / page).read_text(encoding="utf-8")  # the site's own page stays


def test_a_collision_that_remains_names_both_documents(collection: Path) -> None:
    retitle(collection, "Esimerkkilän kunnan tietoturvaohje")
    project = collection / "content/project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("id: hallintosaanto", f"id: {FIRST}", 1), encoding="utf-8"
    )
    line = line_of(project, f"  - id: {FIRST}")
    before = snapshot(collection / "build")
    result = build(collection)
    message = (
        f"the files of document 'tietoturvaohje' and of document '{FIRST}' would have the same name "
        f"('{FIRST}'): give document '{FIRST}' another title or id"
    )
    assert (result.code, result.err.splitlines()) == (1, [f"{PROJECT_YAML}:{line}: {message}"])
    assert snapshot(collection / "build") == before
    assert run_cli("check", str(collection), "--no-spell", cwd=collection.parent).err.splitlines() == [
        f"{PROJECT_YAML}:{line}: {message}"
    ]


def test_the_one_document_of_a_project_titled_index_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "yksi"
    shutil.copytree(REPO / "content", root / "content")
    shared = (root / "content/project.yaml").read_text(encoding="utf-8")
    shared = shared[shared.index("organisation:") : shared.index("documents:")]  # what the one document states itself
    (root / "content/project.yaml").unlink()
    meta = root / "content/document.yaml"
    text = meta.read_text(encoding="utf-8").replace("title: Rautalammin kunnan sosiaalisen median ohje", "title: Index")
    meta.write_text(shared + text, "utf-8")
    line = line_of(meta, "title: Index")
    result = run_cli("check", str(root), "--no-spell", cwd=tmp_path)
    message = (
        "the files of the collection's index (index.html, index.json) and of document 'index' would have the "
        "same name ('index'): give document 'index' another title or id"
    )
    assert (result.code, result.err.splitlines()) == (1, [f"yksi/content/document.yaml:{line}: {message}"])


def test_a_folder_listed_twice_is_an_error(collection: Path) -> None:
    project = collection / "content/project.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(
        text.replace("  - id: hankintaohje\n", "  - id: kopio\n    folder: hallintosaanto\n  - id: hankintaohje\n", 1),
        encoding="utf-8",
    )
    line = second_line(project, "    folder: hallintosaanto")
    result = build(collection)
    message = (
        "document 'kopio' is in folder 'hallintosaanto', as document 'hallintosaanto' is: "
        "a folder holds one document, listed once"
    )
    assert (result.code, result.err.splitlines()) == (1, [f"{PROJECT_YAML}:{line}: {message}"])
    assert not (collection / "build").exists()


def second_line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if line == text][1]


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


def test_a_title_of_its_own_keeps_its_plain_name(cli: Callable[..., Result], collection: Path) -> None:
    out = collection / "build"
    assert cli("build", str(collection), "--format", "html", "--out", str(out)).code == 0
    assert {p.name for p in out.glob("esimerkkilan-*.html")} == {
        "esimerkkilan-kunnan-tietoturvaohje.html",
        "esimerkkilan-kunnan-hallintosaanto.html",
    }
