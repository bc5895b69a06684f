"""Property-based tests (hypothesis): for any YAML value in any field, any
Markdown, any theme value and any command line, the only outcomes are
success or a ContentError/UsageError whose problems carry a path and a line;
never another exception, never a write outside build/.

Seeded (``derandomize``) and bounded for CI. Before a release, run longer::

    SOMEOHJE_HYPOTHESIS=release python -m pytest -q tests/test_properties.py
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import someohje
from helpers import REPO, snapshot
from someohje.cli import main
from someohje.content.project_file import load
from someohje.content.theme import load_theme
from someohje.errors import ContentError, SomeohjeError, UsageError

_COMMON: dict[str, Any] = {
    "derandomize": True,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=40, **_COMMON)
settings.register_profile("release", max_examples=1500, **_COMMON)
PROFILE = os.environ.get("SOMEOHJE_HYPOTHESIS", "ci")
BUILD_EXAMPLES = 1500 if PROFILE == "release" else 12


@contextlib.contextmanager
def fresh_project() -> Iterator[Path]:
    """A throwaway copy of the shipped project (content/ and templates/)."""
    with tempfile.TemporaryDirectory(prefix="someohje-prop-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(REPO / "content", root / "content")
        shutil.copytree(REPO / "templates", root / "templates")
        yield root


def assert_located(error: SomeohjeError) -> None:
    """Every problem names a path and, for content, a line."""
    assert error.problems
    for p in error.problems:
        assert p.path, p
        assert "\n" not in str(p), p
        if isinstance(error, ContentError) and not p.message.startswith("missing: "):
            assert p.line >= 1, p


# --- strategies ----------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["", "unknown", "none", "14.6.2022", "31.2.2022", "kh-2022-06-07", "\x01", "\ufffe", "a\nb", "9" * 5000]
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts
yaml_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=12
)


def key_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in a loaded YAML tree."""
    paths = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths.extend(key_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            paths.extend(key_paths(value, (*prefix, i)))
    return paths


def replaced(tree: Any, path: tuple[Any, ...], value: Any) -> Any:
    node = tree
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return tree


def dump(tree: Any) -> str:
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


META_TREE = yaml.safe_load((REPO / "content/document.yaml").read_text(encoding="utf-8"))
META_PATHS = key_paths(META_TREE)
THEME_TREE = yaml.safe_load((REPO / "templates/theme.yaml").read_text(encoding="utf-8"))
THEME_PATHS = key_paths(THEME_TREE)


# --- the loader ----------------------------------------------------------------------


@settings(settings.get_profile(PROFILE))
@given(path=st.sampled_from(META_PATHS), value=yaml_values)
def test_any_value_in_any_metadata_field(path: tuple[Any, ...], value: Any) -> None:
    tree = replaced(yaml.safe_load(dump(META_TREE)), path, value)
    with fresh_project() as project:
        (project / "content/document.yaml").write_text(dump(tree), encoding="utf-8")
        try:
            doc = load(project)
        except ContentError as exc:
            assert_located(exc)
            return
        for stage in doc.stage_ids():
            someohje.guideline(doc, stage)


@settings(settings.get_profile(PROFILE))
@given(path=st.sampled_from(THEME_PATHS), value=yaml_values)
def test_any_value_in_any_theme_field(path: tuple[Any, ...], value: Any) -> None:
    tree = replaced(yaml.safe_load(dump(THEME_TREE)), path, value)
    with fresh_project() as project:
        (project / "templates/theme.yaml").write_text(dump(tree), encoding="utf-8")
        try:
            session = someohje.open_session(project)
            doc = someohje.guideline(session.document)
            for fmt in ("html", "docx"):
                assert someohje.render_document(doc, session, fmt)
        except ContentError as exc:
            assert_located(exc)


# --- Markdown, through the whole build -----------------------------------------------

markdown_pieces = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "1. ",
        "*",
        "**",
        "_",
        "[",
        "](",
        "https://x.fi",
        ")",
        "![",
        "| a | b |\n|---|---|\n| ",
        "\n",
        "\n\n",
        "> ",
        "`",
        "<b>",
        "[[lisäys:",
        "lisays-1",
        "]]",
        "kuva.png",
        "\\",
        "    ",
        "&amp;",
    ]
)
markdown = st.lists(markdown_pieces | st.text(max_size=12), max_size=30).map("".join)


@settings(settings.get_profile(PROFILE), max_examples=BUILD_EXAMPLES)
@given(body=markdown)
def test_any_markdown_through_the_whole_build(body: str) -> None:
    with fresh_project() as project:
        section = project / "content/ohje/02-tavoitteet.md"
        section.write_text(section.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
        outcome = run_cli(project, ["build", str(project), "--format", "html,docx"])
        assert outcome in (0, 1)


@settings(settings.get_profile(PROFILE), max_examples=100 if PROFILE == "release" else 3)
@given(body=markdown)
def test_any_markdown_to_pdf(body: str) -> None:
    with fresh_project() as project:
        section = project / "content/ohje/02-tavoitteet.md"
        section.write_text(section.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
        try:
            session = someohje.open_session(project)
            pdf = someohje.render_document(someohje.guideline(session.document), session, "pdf")
        except ContentError as exc:
            assert_located(exc)
            return
        assert pdf.startswith(b"%PDF-")


# --- the command line ----------------------------------------------------------------

words = st.sampled_from(
    [
        "--stage",
        "--meeting",
        "--from",
        "--to",
        "--number",
        "--pdf-variant",
        "tagged",
        "kh-2022-06-07",
        "kvalt-2022-06-14",
        "kvalt-2020",
        "x",
        "0",
        "-1",
        "99999999999999999999",
        "",
        "..",
        "build",
        "\x00",
        "ä",
    ]
)


@settings(settings.get_profile(PROFILE), max_examples=BUILD_EXAMPLES)
@given(verb=st.sampled_from(["build", "attachment", "extract", "diff", "check"]), args=st.lists(words, max_size=5))
def test_any_command_line(verb: str, args: list[str]) -> None:
    with fresh_project() as project:
        formats = [] if verb == "check" else ["--format", "html,docx"]
        outcome = run_cli(project, [verb, *args, *formats])
        assert outcome in (0, 1, 2)


def run_cli(project: Path, argv: list[str]) -> int:
    """Run the CLI in this process from ``project``; return its exit code,
    after checking that nothing outside build/ changed and that stderr is
    located lines."""
    parent = project.parent
    before = {k: v for k, v in snapshot(parent).items() if "build" not in Path(k).parts}
    err = io.StringIO()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: a wrong command line
                code = int(exc.code or 0)
    finally:
        os.chdir(cwd)
    after = {k: v for k, v in snapshot(parent).items() if "build" not in Path(k).parts}
    assert after == before
    for line in err.getvalue().splitlines():
        assert "Traceback" not in line
    if code == 1:
        assert all(":" in line for line in err.getvalue().splitlines()), err.getvalue()
    return code


def test_usage_errors_are_usage_errors() -> None:
    """The library raises UsageError (not another exception) for a bad id."""
    session = someohje.open_session(REPO)
    for call in (
        lambda: someohje.guideline(session.document, "nope"),
        lambda: someohje.attachment(session.document, "nope", 1),
        lambda: someohje.extract(session.document, "nope"),
        lambda: someohje.redline(session.document, "nope", None),
    ):
        try:
            call()
        except UsageError as exc:
            assert_located(exc)
        else:
            raise AssertionError("no UsageError")


def test_a_theme_can_be_loaded_alone() -> None:
    assert load_theme(REPO / "templates/theme.yaml").body_size == 11
