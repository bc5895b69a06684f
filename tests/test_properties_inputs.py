"""Property-based tests (hypothesis) of the inputs issue 21 added: any
value in any ``project.yaml`` field, any amendment anchor (and kind and
wording), any bytes in any part of a DOCX given to ``import`` or
``import-changes``. The only outcomes allowed are success or a
ContentError/UsageError whose problems each name a file (and, for
content, a line) on one line; never another exception, never a write
outside the target.

Seeded (``derandomize``) and bounded; ``SOMEOHJE_HYPOTHESIS=release`` runs
them longer, as for ``test_properties.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import someohje
from helpers import FIXTURES, REPO, snapshot
from someohje.content.project_file import load_collection
from someohje.errors import ContentError, SomeohjeError, UsageError
from someohje.importer import import_docx
from someohje.importer.package import BadDocx
from someohje.importer.wordml import read_docx

_COMMON: dict[str, Any] = {
    "derandomize": True,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
RELEASE = os.environ.get("SOMEOHJE_HYPOTHESIS", "ci") == "release"
EXAMPLES = settings(max_examples=1500 if RELEASE else 25, **_COMMON)
FEW = settings(max_examples=300 if RELEASE else 10, **_COMMON)


def assert_located(error: SomeohjeError, *, lines: bool = True) -> None:
    assert error.problems
    for p in error.problems:
        assert p.path and "\n" not in str(p), p
        if lines and isinstance(error, ContentError) and not p.message.startswith("missing: "):
            assert p.line >= 1, p


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["", "²", "¹²³", "0", "-1", "9" * 5000, "1" * 20, "unknown", "(a+)+b", "(\\d+)*$", "14.6.2022", "31.2.2022", "."]
)
scalars = st.none() | st.booleans() | st.integers() | texts
yaml_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3), max_leaves=8
)


def key_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths.extend(key_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            paths.extend(key_paths(value, (*prefix, i)))
    return paths


def dump(tree: Any) -> str:
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


@contextlib.contextmanager
def copy_of(source: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="someohje-prop-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(source, root)
        yield root


PROJECT_TREE = yaml.safe_load((FIXTURES / "esimerkkila/content/project.yaml").read_text(encoding="utf-8"))
PROJECT_PATHS = key_paths(PROJECT_TREE)


# --- project.yaml -------------------------------------------------------------------------


@EXAMPLES
@given(path=st.sampled_from(PROJECT_PATHS), value=yaml_values)
def test_any_value_in_any_project_yaml_field(path: tuple[Any, ...], value: Any) -> None:
    tree = yaml.safe_load(dump(PROJECT_TREE))
    node = tree
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    with copy_of(FIXTURES / "esimerkkila") as project:
        (project / "content/project.yaml").write_text(dump(tree), encoding="utf-8")
        try:
            collection = load_collection(project)
        except ContentError as exc:
            assert_located(exc)
            return
        for doc in collection.documents:
            someohje.guideline(doc)
        assert len({d.stem for d in collection.documents}) == len(collection.documents)


# --- amendment anchors ----------------------------------------------------------------------

PENDING = "kh-2025-04-07"
SECTION_WORDS = (FIXTURES / "esimerkkila/content/teksti/yleista.md").read_text(encoding="utf-8").split()
anchor_pieces = st.sampled_from(
    [*SECTION_WORDS, "tekijöitä", "\ufffc", "[[lisäys:muutos-3]]", "\\[\\[lisäys:x\\]\\]", "**", "](", "linkki", " "]
)
anchors = st.lists(anchor_pieces | st.text(max_size=6), min_size=1, max_size=6).map(" ".join)


@EXAMPLES
@given(
    kind=st.sampled_from(["insert", "replace", "delete"]),
    anchor=anchors,
    wording=st.none() | anchors,
    section=st.sampled_from(["yleista", "laitteet"]),
)
def test_any_amendment_anchor(kind: str, anchor: str, wording: str | None, section: str) -> None:
    with copy_of(FIXTURES / "esimerkkila") as project:
        meta = project / "content/document.yaml"
        pending = (
            f"  - id: {PENDING}\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
            "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
        )
        text = meta.read_text(encoding="utf-8").replace("text_stage:", pending + "text_stage:")
        amendment = {"id": "ehdotus-1", "decided_by": PENDING, "section": section, "kind": kind, "anchor": anchor}
        if wording is not None:
            amendment["wording"] = wording
        entry = dump([amendment]).replace("\n", "\n  ")
        at = text.index("distribution:")
        meta.write_text(text[:at] + "  " + entry.rstrip() + "\n" + text[at:], encoding="utf-8")
        try:
            doc = someohje.load(project)
            out = someohje.guideline(doc, PENDING)
        except (ContentError, UsageError) as exc:
            assert_located(exc)
            return
        assert "[[lisäys:" not in str(out.blocks)  # a marker is never text


# --- DOCX parts -------------------------------------------------------------------------------


def base_parts() -> dict[str, bytes]:
    d = docx.Document()
    d.add_paragraph("Ohjeen otsikko", style="Title")
    d.add_heading("Yleistä", 1)
    d.add_paragraph("Teksti, jossa on ").add_run("lihavointia").bold = True
    d.add_paragraph("Kohta", style="List Number")
    d.sections[0].header.paragraphs[0].text = "Kunta\tOhje\t1 (1)"
    buffer = io.BytesIO()
    d.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {n: z.read(n) for n in z.namelist()}


BASE = base_parts()
XML_PARTS = sorted(n for n in BASE if n.endswith((".xml", ".rels")))
mutations = st.sampled_from(["truncate", "splice", "doctype", "replace-tag", "empty", "utf16"])


def mutated(data: bytes, how: str, at: int, junk: bytes) -> bytes:
    cut = at % (len(data) + 1)
    if how == "truncate":
        return data[:cut]
    if how == "splice":
        return data[:cut] + junk + data[cut:]
    if how == "doctype":
        return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "' + junk + b'">]>' + data.split(b"?>", 1)[-1]
    if how == "replace-tag":
        return data.replace(b"w:", junk[:3] or b"x:", 1 + at % 5)
    if how == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16")
    return b""


@FEW
@given(part=st.sampled_from(XML_PARTS), how=mutations, at=st.integers(0, 1 << 16), junk=st.binary(max_size=24))
def test_any_bytes_in_any_part_of_a_docx(part: str, how: str, at: int, junk: bytes) -> None:
    parts = dict(BASE)
    parts[part] = mutated(parts[part], how, at, junk)
    with tempfile.TemporaryDirectory(prefix="someohje-prop-") as tmp:
        source = Path(tmp) / "tuotava.docx"
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
        into = Path(tmp) / "tuotu"
        before = {k: v for k, v in snapshot(Path(tmp)).items() if not k.startswith("tuotu")}
        try:
            import_docx(source, into)
        except (ContentError, UsageError) as exc:
            assert_located(exc, lines=False)
            assert not into.exists()
        try:
            read_docx(source)
        except BadDocx as exc:
            assert str(exc) and "\n" not in str(exc)
        after = {k: v for k, v in snapshot(Path(tmp)).items() if not k.startswith("tuotu")}
        assert after == before


def test_the_shipped_project_is_still_one_the_properties_start_from() -> None:
    assert load_collection(REPO).documents
