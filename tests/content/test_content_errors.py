"""Bad input: one line per problem naming file and line, exit 1, no
traceback, and build/ left exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import Result, snapshot


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path`` with ``new``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.fixture
def built_project(project: Path, cli: Callable[..., Result]) -> Path:
    """A project with a previous good HTML build in build/."""
    result = cli("build", str(project), "--format", "html")
    assert result.code == 0, result.err
    return project


def fails_with(cli: Callable[..., Result], project: Path, *expected: str, verb: str = "build") -> Result:
    """Run ``verb`` and assert exit 1, exactly the expected stderr lines, and
    an untouched build/ folder."""
    before = snapshot(project / "build")
    args = [verb, str(project)] + (["--format", "html"] if verb == "build" else ["--no-spell"])
    result = cli(*args, cwd=project.parent)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert result.err.splitlines() == list(expected)
    assert snapshot(project / "build") == before
    return result


META = "project/content/document.yaml"


def test_yaml_syntax_error_names_file_and_line(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "type: Ohje", "type: [Ohje")
    result = cli("build", str(built_project), "--format", "html", cwd=built_project.parent)
    assert result.code == 1
    [message] = result.err.splitlines()
    assert message.startswith(f"{META}:") and "YAML syntax error" in message
    reported = int(message.split(":")[1])
    assert line <= reported <= line + 2  # the parser notices at or just after the bracket


def test_missing_required_field_is_named(cli: Callable[..., Result], built_project: Path) -> None:
    text = (built_project / "content/document.yaml").read_text(encoding="utf-8")
    edit(built_project / "content/document.yaml", "type: Ohje\n", "")
    first = next(i for i, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#"))
    fails_with(cli, built_project, f"{META}:{first}: missing required field 'type' in document.yaml")


def test_unknown_field_suggests_the_right_name(cli: Callable[..., Result], built_project: Path) -> None:
    text = (built_project / "content/document.yaml").read_text(encoding="utf-8")
    first = next(i for i, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#"))
    line = edit(built_project / "content/document.yaml", "diary_number:", "diary_numbr:")
    fails_with(
        cli,
        built_project,
        f"{META}:{first}: missing required field 'diary_number' in document.yaml",
        f"{META}:{line}: unknown field 'diary_numbr' in document.yaml (did you mean 'diary_number'?)",
    )


def test_impossible_date(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "date: 14.6.2022", "date: 31.2.2022")
    # 31.2.2022 is also no longer after 7.6.2022, but an impossible date is not compared
    fails_with(cli, built_project, f"{META}:{line}: impossible date '31.2.2022': 2022 has no day 31.2.")


def test_handlings_out_of_chronological_order(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "date: 14.6.2022", "date: 1.6.2022")
    fails_with(
        cli,
        built_project,
        f"{META}:{line}: handlings out of chronological order: 'kvalt-2022-06-14' (1.6.2022) "
        "comes after 'kh-2022-06-07' (7.6.2022)",
    )


def test_malformed_diary_number(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(
        built_project / "content/document.yaml", "diary_number: RauDno-2020-792", "diary_number: RauDno 2020/792"
    )
    fails_with(
        cli,
        built_project,
        f"{META}:{line}: malformed diary number 'RauDno 2020/792' (expected the form RauDno-2020-792)",
    )


@pytest.mark.parametrize("value", ["0", "-37", "37a", "3.5"])
def test_paragraph_must_be_a_positive_integer(cli: Callable[..., Result], built_project: Path, value: str) -> None:
    line = edit(built_project / "content/document.yaml", "paragraph: 37", f"paragraph: {value}")
    fails_with(cli, built_project, f"{META}:{line}: § '{value}' must be a whole number from 1 to 999999 or 'unknown'")


def test_amendment_target_section_must_exist(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(
        built_project / "content/document.yaml", "section: virheiden-oikaiseminen", "section: virheiden-korjaus"
    )
    marker_file = built_project / "content/ohje/08-virheiden-oikaiseminen.md"
    marker_line = next(i for i, ln in enumerate(marker_file.read_text().splitlines(), 1) if "[[lisäys:lisays-2]]" in ln)
    fails_with(
        cli,
        built_project,
        f"{META}:{line}: amendment 'lisays-2' targets section 'virheiden-korjaus', which does not exist "
        "(did you mean 'virheiden-oikaiseminen'?)",
        f"project/content/ohje/08-virheiden-oikaiseminen.md:{marker_line}: amendment 'lisays-2' targets "
        "section 'virheiden-korjaus', not 'virheiden-oikaiseminen'",
    )


def test_duplicate_section_ids(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "id: tavoitteet", "id: johdanto")
    fails_with(cli, built_project, f"{META}:{line}: duplicate section id 'johdanto'")


def test_empty_section(cli: Callable[..., Result], built_project: Path) -> None:
    (built_project / "content/ohje/09-voimaantulo.md").write_text("\n  \n", encoding="utf-8")
    fails_with(cli, built_project, "project/content/ohje/09-voimaantulo.md:1: section 'voimaantulo' is empty")


def test_file_that_is_not_utf8(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/02-tavoitteet.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("ä", "\xe4").encode("latin-1", "replace").decode("latin-1")
    path.write_bytes("".join(lines[:2]).encode() + "".join(lines[2:]).encode("latin-1", "replace"))
    fails_with(
        cli,
        built_project,
        "project/content/ohje/02-tavoitteet.md:3: not UTF-8 text (byte 0xe4); save the file as UTF-8",
    )


def test_missing_content_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("build", "empty", cwd=tmp_path)
    assert (result.code, result.err) == (1, "empty/content: missing content folder (expected content/document.yaml)\n")
    assert not (tmp_path / "empty/build").exists()


def test_empty_content_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "p/content").mkdir(parents=True)
    result = cli("check", "p", cwd=tmp_path)
    assert (result.code, result.err) == (
        1,
        "p/content/document.yaml: missing: the content folder has no document.yaml\n",
    )


def test_every_problem_is_reported_not_only_the_first(cli: Callable[..., Result], built_project: Path) -> None:
    meta = built_project / "content/document.yaml"
    a = edit(meta, "date: 7.6.2022", "date: 30.2.2022")
    b = edit(meta, "paragraph: 139", "paragraph: §139")
    c = edit(meta, "language: fi-FI", "language: suomi")
    result = fails_with(
        cli,
        built_project,
        f"{META}:{c}: language 'suomi' must be a language tag such as fi-FI",
        f"{META}:{a}: impossible date '30.2.2022': 2022 has no day 30.2.",
        f"{META}:{b}: § '§139' must be a whole number from 1 to 999999 or 'unknown'",
    )
    assert len(result.err.splitlines()) == 3


def test_marker_naming_an_unknown_amendment(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/01-johdanto.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[lisäys:lisays-9]]\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    fails_with(
        cli, built_project, f"project/content/ohje/01-johdanto.md:{line}: marker names unknown amendment 'lisays-9'"
    )


def test_raw_html_in_markdown_is_refused(cli: Callable[..., Result], built_project: Path) -> None:
    path = built_project / "content/ohje/01-johdanto.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    fails_with(
        cli,
        built_project,
        f"project/content/ohje/01-johdanto.md:{line}: raw HTML is not allowed in content; use Markdown",
    )


def test_check_reports_the_same_problems(cli: Callable[..., Result], built_project: Path) -> None:
    line = edit(built_project / "content/document.yaml", "paragraph: 37", "paragraph: x")
    fails_with(
        cli, built_project, f"{META}:{line}: § 'x' must be a whole number from 1 to 999999 or 'unknown'", verb="check"
    )


def test_unknown_stage_lists_valid_ids(cli: Callable[..., Result], project: Path) -> None:
    result = cli("build", str(project), "--stage", "kh-2099", "--format", "html")
    assert result.code == 2
    assert result.err.strip().endswith("unknown stage 'kh-2099'; valid stages: kh-2022-06-07, kvalt-2022-06-14")
    assert len(result.err.splitlines()) == 1


def test_unwritable_output_folder_is_a_one_line_error(cli: Callable[..., Result], project: Path) -> None:
    blocker = project / "not-a-folder"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = cli("build", str(project), "--format", "html", "--out", str(blocker / "build"))
    assert result.code == 1
    [line] = result.err.splitlines()
    assert line.startswith(str(blocker)) and line.endswith(": Not a directory")
    assert blocker.read_text(encoding="utf-8") == "a file where the output folder should be"
