"""One field reader: a check is written once and applies to every file that has the field.

Regression tests for the checks that ``project.yaml``'s catalogue entries
used to write again (and got wrong): the § number and the diary-number
pattern, now read by the same :class:`FieldReader` as ``document.yaml``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, snapshot
from someohje.chars import quote
from someohje.content.fields import FieldReader, parse_finnish_date, suggestion
from someohje.content.theme import load_theme
from someohje.content.yamlsource import YMap, read_yaml
from someohje.errors import ContentError

PROJECT_YAML = "project/content/project.yaml"
META = "project/content/document.yaml"
REFUSED = (
    "diary_number_pattern is refused: it repeats a part that is itself repeated, "
    "which can take exponential time; write a simpler pattern"
)


def check(project: Path) -> tuple[int, list[str]]:
    """``check`` as a user runs it, stopped after 60 s (a hang fails the test)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "someohje", "check", str(project), "--no-spell"],
        cwd=project.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stderr.splitlines()


def edit(path: Path, old: str, new: str) -> int:
    """Replace the line ``old`` of ``path`` with ``new``; returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = lines.index(old) + 1
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


@pytest.mark.parametrize(
    "written",
    ['"²"', '"¹²³"', "0", "-3", "5" * 5000, "1" * 20, '"12a"'],
    ids=["superscript-two", "superscripts", "zero", "negative", "5000-digits", "20-digits", "letters"],
)
def test_a_catalogue_paragraph_is_checked_as_a_handling_paragraph_is(project: Path, written: str) -> None:
    before = snapshot(project / "build")
    line = edit(project / "content/project.yaml", "      paragraph: 258", f"      paragraph: {written}")
    shown = quote(written.strip('"'))
    expected = f"{PROJECT_YAML}:{line}: § '{shown}' must be a whole number from 1 to 999999 or 'unknown'"
    assert check(project) == (1, [expected])
    # the same value in document.yaml gets the same message from the same check
    meta = project / "content/document.yaml"
    edit(project / "content/project.yaml", f"      paragraph: {written}", "      paragraph: 258")
    handling = edit(meta, "    paragraph: 139", f"    paragraph: {written}")
    assert check(project) == (
        1,
        [f"{META}:{handling}: § '{shown}' must be a whole number from 1 to 999999 or 'unknown'"],
    )
    assert snapshot(project / "build") == before


@pytest.mark.parametrize("pattern", ["'(a+)+$'", "'(a+)+b'", "'(\\d+)*$'"])
def test_a_backtracking_diary_pattern_in_project_yaml_is_refused_at_its_line(project: Path, pattern: str) -> None:
    path = project / "content/project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("documents:\n", f"diary_number_pattern: {pattern}\n\ndocuments:\n", 1), encoding="utf-8"
    )
    line = path.read_text(encoding="utf-8").splitlines().index(f"diary_number_pattern: {pattern}") + 1
    assert check(project) == (1, [f"{PROJECT_YAML}:{line}: {REFUSED}"])


def test_a_catalogue_diary_number_follows_the_project_pattern(project: Path) -> None:
    path = project / "content/project.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "documents:\n", "diary_number_pattern: 'RauDno-\\d{4}-\\d{1,4}'\n\ndocuments:\n", 1
    )
    path.write_text(text, encoding="utf-8")
    assert check(project)[0] == 0
    line = edit(path, "      diary_number: RauDno-2019-368", "      diary_number: Dnro 368/2019")
    expected = f"{PROJECT_YAML}:{line}: malformed diary number 'Dnro 368/2019' (expected the form RauDno-2020-792)"
    assert check(project) == (1, [expected])


def test_a_catalogue_date_is_a_real_date(project: Path) -> None:
    line = edit(project / "content/project.yaml", "      date: 4.11.2019", "      date: 31.11.2019")
    assert check(project) == (1, [f"{PROJECT_YAML}:{line}: impossible date '31.11.2019': 2019 has no day 31.11."])


def test_an_unknown_field_gets_the_same_hint_in_every_file(tmp_path: Path, project: Path) -> None:
    theme = project / "templates/theme.yaml"
    line = edit(theme, "  body_size: 11", "  body_sise: 11")
    with pytest.raises(ContentError) as caught:
        load_theme(theme)
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert (line, "unknown theme field 'fonts.body_sise' (did you mean 'body_size'?)") in messages
    meta = project / "content/document.yaml"
    line = edit(
        meta, "title: Rautalammin kunnan sosiaalisen median ohje", "titel: Rautalammin kunnan sosiaalisen median ohje"
    )
    code, err = check(project)
    assert code == 1 and f"{META}:{line}: unknown field 'titel' in document.yaml (did you mean 'title'?)" in err


def test_the_field_reader_reports_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: Bad_Id\nwhen: 30.2.2024\nparagraph: '§ 3'\nextra: 1\n", encoding="utf-8")
    root = read_yaml(path)
    assert isinstance(root, YMap)
    r = FieldReader(path)
    m = r.fields(root, "x.yaml", {"id", "when", "paragraph"}, set())
    assert m is not None
    assert (r.ident(m, "id", "thing"), r.date(m, "when"), r.paragraph(m)) == ("Bad_Id", None, None)
    assert [(p.line, p.message) for p in r.problems] == [
        (4, "unknown field 'extra' in x.yaml (allowed: id, paragraph, when)"),
        (1, "thing id 'Bad_Id' must be lower-case letters, digits and hyphens"),
        (2, "impossible date '30.2.2024': 2024 has no day 30.2."),
        (3, "§ '§ 3' must be a whole number from 1 to 999999 or 'unknown'"),
    ]


def test_dates_are_day_month_year() -> None:
    assert parse_finnish_date("14.6.2022").isoformat() == "2022-06-14"
    with pytest.raises(ValueError, match=r"^date '2022-06-14' is not of the form d\.m\.yyyy \(e\.g\. 14\.6\.2022\)$"):
        parse_finnish_date("2022-06-14", unknown=False)
    assert suggestion("titel", ["title", "type"]) == " (did you mean 'title'?)"
    assert suggestion("zzz", ["b", "a"]) == " (allowed: a, b)"


def test_the_shipped_project_still_checks() -> None:
    assert check(REPO)[0] == 0
