"""The CLI speaks the user's language: Finnish under a Finnish locale or
``--lang fi``, English otherwise; the ``file:line:`` prefixes, ids, field
names and quoted text stay as they are, so tools that parse the lines keep
working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, run_cli, snapshot

FINNISH = {"LANG": "fi_FI.UTF-8"}
ENGLISH_LINE = "content/document.yaml:15: malformed diary number 'RauDno 2020' (expected the form RauDno-2020-792)"
FINNISH_LINE = "content/document.yaml:15: virheellinen diaarinumero 'RauDno 2020' (odotettiin muotoa RauDno-2020-792)"


@pytest.fixture
def broken(project: Path) -> Path:
    """The shipped project with a malformed diary number on line 15 of document.yaml."""
    meta = project / "content" / "document.yaml"
    text = meta.read_text(encoding="utf-8")
    assert text.splitlines()[14] == "diary_number: RauDno-2020-792"
    meta.write_text(text.replace("diary_number: RauDno-2020-792", "diary_number: RauDno 2020", 1), encoding="utf-8")
    return project


def test_the_readme_shows_the_same_line_in_both_languages() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{ENGLISH_LINE}\n{FINNISH_LINE}\n" in readme
    assert "LANG=fi_FI.UTF-8 python -m someohje check" in readme and "--lang en" in readme


def test_finnish_locale_gives_finnish_error_lines_with_the_same_prefix(broken: Path) -> None:
    before = snapshot(broken / "build")
    result = run_cli("check", "--no-spell", cwd=broken, locale=FINNISH)
    assert result.code == 1
    assert result.err.splitlines() == [FINNISH_LINE]
    assert snapshot(broken / "build") == before


def test_the_first_locale_variable_set_wins_in_posix_order(broken: Path) -> None:
    result = run_cli("check", "--no-spell", cwd=broken, locale={"LC_ALL": "", "LC_MESSAGES": "fi_FI", "LANG": "C"})
    assert result.err.splitlines() == [FINNISH_LINE]
    result = run_cli("check", "--no-spell", cwd=broken, locale={"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"})
    assert result.err.splitlines() == [ENGLISH_LINE]


def test_lang_fi_gives_finnish_in_an_english_environment(broken: Path) -> None:
    result = run_cli("--lang", "fi", "check", "--no-spell", cwd=broken)
    assert (result.code, result.err.splitlines()) == (1, [FINNISH_LINE])


def test_lang_may_follow_the_verb(broken: Path) -> None:
    result = run_cli("check", "--no-spell", "--lang=fi", cwd=broken)
    assert (result.code, result.err.splitlines()) == (1, [FINNISH_LINE])


def test_lang_en_overrides_a_finnish_locale(broken: Path) -> None:
    result = run_cli("--lang", "en", "check", "--no-spell", cwd=broken, locale=FINNISH)
    assert (result.code, result.err.splitlines()) == (1, [ENGLISH_LINE])


def test_unknown_lang_is_one_clear_usage_error() -> None:
    result = run_cli("--lang", "xx", "check")
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "python -m someohje: error: argument --lang: invalid choice: 'xx' (choose from en, fi)"
    )
    assert "Traceback" not in result.err
    finnish = run_cli("--lang", "xx", "check", locale=FINNISH)
    assert finnish.err.splitlines()[-1] == (
        "python -m someohje: virhe: argumentti --lang: virheellinen valinta: 'xx' (valitse jokin näistä: en, fi)"
    )


def test_lang_without_a_value_is_a_usage_error() -> None:
    result = run_cli("check", "--lang")
    assert result.code == 2
    assert result.err.splitlines()[-1] == "python -m someohje: error: argument --lang: expected one argument"


def test_finnish_help_has_argparse_words_in_finnish_too() -> None:
    result = run_cli("check", "--help", locale=FINNISH)
    assert result.code == 0
    out = result.out
    assert out.startswith("käyttö: python -m someohje check [-h] [--no-spell] [--document ID]")
    for words in ("sijaintiargumentit:", "valitsimet:", "-h, --help     näytä tämä ohje ja lopeta", "oikoluku"):
        assert words in out, words
    for english in ("usage:", "options:", "positional arguments", "show this help", "spell-check"):
        assert english not in out, english
    top = run_cli("--lang", "fi", "--help")
    assert "--lang {en,fi}" in top.out and "viestien ja ohjeiden kieli" in top.out


def test_english_help_stays_english_under_lang_en() -> None:
    result = run_cli("--lang", "en", "check", "--help", locale=FINNISH)
    assert result.out.startswith("usage: python -m someohje check")
    assert "options:" in result.out and "show this help message and exit" in result.out


def test_argparse_errors_are_finnish_under_fi() -> None:
    result = run_cli("--lang", "fi", "seal")
    assert result.code == 2
    assert result.err.splitlines()[-1] == ("python -m someohje seal: virhe: seuraavat argumentit puuttuvat: --meeting")
    result = run_cli("--lang", "fi", "build", "--pdf-variant", "kaunis")
    assert "virheellinen valinta: 'kaunis' (valitse jokin näistä: 'tagged', 'archival', 'plain')" in result.err
    result = run_cli("--lang", "fi", "rakenna")
    assert "virhe: argumentti VERB: virheellinen valinta: 'rakenna'" in result.err


def test_usage_errors_of_our_own_say_virhe_under_fi() -> None:
    result = run_cli("--lang", "fi", "serve", "--port", "70000")
    assert result.code == 2
    assert result.err.splitlines() == ["virhe: --port 70000 ei ole porttinumero (0–65535)"]


def test_a_library_user_gets_the_environments_language(broken: Path) -> None:
    code = "import someohje\ntry:\n    someohje.load('.')\nexcept someohje.ContentError as exc:\n    print(exc)\n"
    env = {"PATH": "/usr/bin:/bin", "LANG": "fi_FI.UTF-8", "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-c", code], cwd=broken, env=env, capture_output=True, text=True)
    assert proc.stdout.splitlines() == [FINNISH_LINE], proc.stderr


def test_messages_never_import_babel(broken: Path) -> None:
    """The catalogues are read with the standard library: Babel is for the
    maintainers, and check must stay quick."""
    code = (
        "import sys\n"
        "from someohje.cli import main\n"
        "code = main(['--lang', 'fi', 'check', '--no-spell'])\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'babel'], 'babel imported'\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=broken, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [FINNISH_LINE]


@pytest.mark.parametrize(
    ("line", "english", "finnish"),
    [
        (
            "title: Ohje: luonnos",
            "YAML syntax error: mapping values are not allowed here",
            "YAML-syntaksivirhe: kaksoispiste ei käy tässä kohdassa (lainaa arvo, jossa on ': ', tai korjaa sisennys)",
        ),
        (
            'title: "Ohje \\q"',
            "YAML syntax error: found unknown escape character 'q'",
            "YAML-syntaksivirhe: tuntematon kenoviivamerkintä 'q' lainausmerkkien sisällä",
        ),
        (
            "title: @Ohje",
            "YAML syntax error: found character '@' that cannot start any token",
            "YAML-syntaksivirhe: merkki '@', jolla mikään ei voi alkaa (sisennä välilyönneillä, lainaa arvo)",
        ),
    ],
)
def test_the_yaml_parsers_words_are_in_the_users_language(project: Path, line: str, english: str, finnish: str) -> None:
    """What a secretary's edit most often gets wrong in YAML is said in
    Finnish too, at its line; the file:line prefix stays."""
    meta = project / "content" / "document.yaml"
    text = meta.read_text(encoding="utf-8")
    title = next(t for t in text.splitlines() if t.startswith("title: "))
    meta.write_text(text.replace(title, line, 1), encoding="utf-8")
    number = text.splitlines().index(title) + 1
    for lang, words in (("en", english), ("fi", finnish)):
        result = run_cli("--lang", lang, "check", "--no-spell", cwd=project)
        assert result.code == 1 and "Traceback" not in result.err
        assert f"content/document.yaml:{number}: {words}" in result.err.splitlines(), result.err
