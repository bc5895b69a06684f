"""``check``: validation summary and the Finnish spell check."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import someohje
from helpers import REPO, Result, reseal
from someohje.content.spell import voikko


def test_check_summarises_the_shipped_guideline(cli: Callable[..., Result]) -> None:
    result = cli("check")
    assert result.code == 0, result.err
    assert result.err == ""
    out = result.out
    assert "RauDno-2020-792" in out
    assert "kh-2022-06-07" in out and "7.6.2022" in out and "§\u00a0139" in out
    assert "2020 (päivämäärä ei tiedossa)" in out and "§ ei tiedossa" in out
    assert "lisays-2   insert   Kvalt 14.6.2022 §\u00a037     -> virheiden-oikaiseminen" in out
    assert "Sections: 9," in out
    origin = re.search(r"^Text origin: reconstruction; words by origin: drafted (\d+), amendment (\d+) \(", out, re.M)
    assert origin, out
    document = someohje.load(REPO)
    assert int(origin[2]) == sum(len(a.wording.split()) for a in document.amendments)
    assert 2000 < int(origin[1]) < 2600
    assert "Sealed stages: Kh 7.6.2022 §\u00a0139, Kvalt 14.6.2022 §\u00a037" in out


needs_voikko = pytest.mark.skipif(voikko() is None, reason="Voikko is not installed (.ci/run installs it)")


@needs_voikko
def test_shipped_text_has_no_unknown_words(cli: Callable[..., Result]) -> None:
    result = cli("check")
    assert result.code == 0
    assert ", 0 unknown" in result.out
    checked = int(result.out.split("Spell check: ")[1].split()[0])
    assert checked > 1500


@needs_voikko
def test_misspelling_is_reported_with_file_line_and_suggestions(project: Path, cli: Callable[..., Result]) -> None:
    section = project / "content/ohje/02-tavoitteet.md"
    lines = section.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "Kunta viestii avoimesti ja poisiivisesti.")
    section.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reseal(project)
    result = cli("check", str(project), cwd=project.parent)
    assert result.code == 1
    [line] = result.err.splitlines()
    assert line.startswith("project/content/ohje/02-tavoitteet.md:3: unknown word 'poisiivisesti' (suggestions: ")


@needs_voikko
def test_recorded_minutes_text_is_not_spell_checked(cli: Callable[..., Result]) -> None:
    # the record's own typing errors ("poisiivista", "oikaistaa") stay and are not reported
    result = cli("check")
    assert "poisiivista" not in result.err and result.code == 0


def test_check_says_how_to_install_voikko_when_it_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import REPO
    from someohje import cli
    from someohje.content import checkers

    monkeypatch.setattr(checkers, "voikko", lambda: None)
    assert cli.main(["check", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert "Spell check: skipped, Voikko is not installed" in out
    assert "apt-get install libvoikko1 voikko-fi" in out and "pip install libvoikko" in out


@needs_voikko
def test_a_document_in_another_language_is_not_spell_checked_and_check_says_so(
    project: Path, cli: Callable[..., Result]
) -> None:
    meta = project / "content/document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("language: fi-FI", "language: en-GB"), encoding="utf-8")
    section = project / "content/ohje/02-tavoitteet.md"
    english = "\nThe municipality communicates openly.\n"
    section.write_text(section.read_text(encoding="utf-8") + english, encoding="utf-8")
    reseal(project)
    result = cli("check", str(project), cwd=project.parent)
    assert result.code == 0, result.err
    assert "unknown word" not in result.err
    assert (
        "Spell check: skipped, the document's language is en-GB (document.yaml: language) and someohje checks "
        "Finnish (Voikko) and Swedish (Hunspell)" in result.out
    )
