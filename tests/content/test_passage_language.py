"""A passage in another language (``[text]{lang=en}``): read into the tree
with its language, every bad span a ``file:line:`` error, existing
brackets and braces untouched, its words sealed but not its mark, and the
spell check skipping it and saying so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, edit, finnish_only, reseal, run_cli
from someohje.content.checkers import checker
from someohje.content.languages import language_tag
from someohje.content.markdown import parse_blocks, parse_inline, visible_passages
from someohje.content.spell import voikko
from someohje.errors import ContentError
from someohje.render.hyphenation import SOFT_HYPHEN, hyphenated
from someohje.textual import block_texts, inline_text
from someohje.tree import Emph, Heading, Link, ListBlock, Paragraph, Passage, Table, Text

SECTION = "content/teksti/yleista.md"
SENTENCE = "koskee *kaikkia* työntekijöitä."
QUOTED = "koskee *kaikkia* työntekijöitä, [Security is everyone's responsibility]{lang=en}."


def paragraph(text: str, tmp_path: Path) -> Paragraph:
    (block,) = parse_blocks(text, tmp_path / "x.md", tmp_path)
    assert isinstance(block, Paragraph)
    return block


def test_a_span_with_lang_is_a_passage_in_that_language(tmp_path: Path) -> None:
    block = paragraph("Periaate: [Security is *everyone's*]{lang=en-gb} ja [säkerhet]{lang=sv-FI}.", tmp_path)
    assert block.children == (
        Text("Periaate: "),
        Passage((Text("Security is "), Emph((Text("everyone's"),))), "en-GB"),
        Text(" ja "),
        Passage((Text("säkerhet"),), "sv-FI"),
        Text("."),
    )
    assert inline_text(block.children) == "Periaate: Security is everyone's ja säkerhet."
    assert block_texts([block]) == ["Periaate: Security is everyone's ja säkerhet."]


def test_a_passage_holds_a_link_and_a_footnote(tmp_path: Path) -> None:
    block = paragraph("Katso [[the guide](https://example.invalid/en) here[^a]]{lang=en}.\n\n[^a]: Huom.\n", tmp_path)
    passage = block.children[1]
    assert isinstance(passage, Passage) and passage.language == "en"
    assert isinstance(passage.children[0], Link) and inline_text(passage.children) == "the guide here"


def test_an_amendments_wording_may_hold_a_passage(tmp_path: Path) -> None:
    assert parse_inline("lisätään [cloud]{lang=en}", tmp_path / "x.md", tmp_path, 4) == (
        Text("lisätään "),
        Passage((Text("cloud"),), "en"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Viittaus [[lisäys:lisays-1]] ja [linkki](https://example.invalid) {ei mitään}.",
        "Hakasulkeet \\[x\\]{lang=en} ovat tekstiä.",
        "Linkin [jälkeen](https://example.invalid)\\{aaltosulkeet\\} ovat tekstiä.",
        "Joukko {a, b} ja väli [1, 2] jäävät tekstiksi.",
        "Alaviite[^1] ja [viite][r].\n\n[^1]: Teksti.\n\n[r]: https://example.invalid/r",
    ],
)
def test_text_with_brackets_and_braces_reads_as_before(tmp_path: Path, text: str) -> None:
    blocks = parse_blocks(text, tmp_path / "x.md", tmp_path)
    assert not any(isinstance(i, Passage) for b in blocks if isinstance(b, Paragraph) for i in b.children)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eka rivi.\nToka [word]{lang=en .quote}.", "1: a passage takes only lang= ([text]{lang=en}); a class"),
        ("[word]{#ankkuri lang=en}", "1: a passage takes only lang= ([text]{lang=en}); an id ('#ankkuri') is"),
        ("[word]{lang=en style=x}", "1: a passage takes only lang= ([text]{lang=en}); 'style=x' is not allowed"),
        ("[word]{}", "1: a passage needs its language: write [text]{lang=en}"),
        ("[word]{lang=english_uk}", "1: 'english_uk' is not a language tag (BCP 47); write e.g. lang=en"),
        ("[word]{lang=e}", "1: 'e' is not a language tag (BCP 47)"),
        ("[]{lang=en}", "1: a passage in en has no text"),
        ("Teksti [word]{lang=en", "1: a passage in another language is written [text]{lang=en}, braces closed"),
        ("[linkki](https://example.invalid){lang=en}", "1: braces '{lang=en}' must follow a passage's brackets"),
        ("[a]{lang=en}{lang=sv}", "1: braces '{lang=sv}' must follow a passage's brackets"),
        ("[r]{lang=en}\n\n[r]: https://example.invalid", "1: a passage in another language is written"),
    ],
)
def test_a_bad_passage_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_blocks(text, tmp_path / "x.md", tmp_path)
    messages = [f"{p.line}: {p.message}" for p in caught.value.problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_a_fenced_div_makes_each_of_its_units_a_passage(tmp_path: Path) -> None:
    text = (
        "Suomea.\n\n::: {lang=sv-FI}\n## Rubrik\n\nDetta är\nsvenska.\n\n- en punkt\n\n"
        "| A | B |\n| - | - |\n| c | d |\n:::\n\nTaas."
    )
    first, heading, swedish, items, table, last = parse_blocks(text, tmp_path / "x.md", tmp_path)
    assert first == Paragraph((Text("Suomea."),)) and last == Paragraph((Text("Taas."),))
    assert isinstance(heading, Heading) and heading.children == (Passage((Text("Rubrik"),), "sv-FI"),)
    assert swedish == Paragraph((Passage((Text("Detta är svenska."),), "sv-FI"),))
    assert isinstance(items, ListBlock) and items.items[0].blocks == (
        Paragraph((Passage((Text("en punkt"),), "sv-FI"),)),
    )
    assert isinstance(table, Table) and table.rows == (
        ((Passage((Text("c"),), "sv-FI"),), (Passage((Text("d"),), "sv-FI"),)),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eka.\n\n::: note\nx\n:::", "3: a fenced div marks blocks in another language: write ::: {lang=sv-FI}"),
        (":::\nx\n:::", "1: a fenced div marks blocks in another language"),
        ("::: {lang=sv} ja muuta\nx\n:::", "1: a fenced div marks blocks in another language"),
        (
            "::: {lang=sv .laatikko}\nx\n:::",
            "1: a fenced div takes only lang= (::: {lang=sv-FI}); a class ('.laatikko')",
        ),
        ("::: {lang=ruotsi_FI}\nx\n:::", "1: 'ruotsi_FI' is not a language tag (BCP 47)"),
    ],
)
def test_a_bad_fenced_div_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_blocks(text, tmp_path / "x.md", tmp_path)
    messages = [f"{p.line}: {p.message}" for p in caught.value.problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_language_tags_are_checked_and_written_in_their_usual_case() -> None:
    assert language_tag("EN-gb") == "en-GB"
    assert language_tag("sr-latn-rs") == "sr-Latn-RS"
    assert language_tag("sv-FI") == "sv-FI"
    assert language_tag("es-419") == "es-419"
    for bad in ("en_US", "english", "e", "en-", "-en", "en-GB-x", "fi FI"):
        assert language_tag(bad) is None, bad


def test_visible_text_knows_the_language_of_each_piece() -> None:
    pieces = list(visible_passages("Suomea [English *words*]{lang=en} taas.\n[svenska]{lang=sv}"))
    assert pieces == [
        (1, "Suomea ", ""),
        (1, "English ", "en"),
        (1, "words", "en"),
        (1, " taas.", ""),
        (2, "svenska", "sv"),
    ]


def test_a_passage_is_not_hyphenated_with_finnish_rules(tmp_path: Path) -> None:
    if voikko() is None:
        pytest.skip("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
    from someohje.tree import Metadata, OutputDocument

    block = paragraph("Tietoturvallisuusohjeistus [informationssäkerhetsanvisningar]{lang=sv}", tmp_path)
    meta = Metadata("t", "a", "s", (), "fi-FI", "", None)
    doc = OutputDocument("guideline", "o", "w", "t", "d", "n", "t", "a", (block,), meta, "stem")
    (done,) = hyphenated(doc).blocks
    assert isinstance(done, Paragraph)
    finnish, passage = done.children
    assert isinstance(finnish, Text) and SOFT_HYPHEN in finnish.text
    assert passage == Passage((Text("informationssäkerhetsanvisningar"),), "sv")


# --- the project: check, seals, spell check -----------------------------------------------


@pytest.fixture
def quoting(tmp_path: Path) -> Path:
    """The fictional collection whose first section quotes an English sentence, resealed."""
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    edit(root / SECTION, SENTENCE, QUOTED)
    reseal(root)
    return root


def test_check_reports_a_bad_passage_as_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    line = edit(root / SECTION, SENTENCE, "koskee [kaikkia]{lang=en data=x} työntekijöitä.")
    result = run_cli("check", str(root), "--no-spell")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{SECTION}:{line}: a passage takes only lang= ([text]{{lang=en}}); 'data=x' is not allowed" in result.err


def test_marking_a_passage_keeps_the_seal_but_changing_its_words_does_not(quoting: Path) -> None:
    edit(quoting / SECTION, "[Security is everyone's responsibility]{lang=en}", "Security is everyone's responsibility")
    assert run_cli("check", str(quoting), "--no-spell").code == 0  # the language mark is no wording
    edit(quoting / SECTION, "Security is everyone's responsibility", "[Security is nobody's responsibility]{lang=en}")
    result = run_cli("check", str(quoting), "--no-spell")
    assert result.code == 1 and "has changed" in result.err


def test_the_spell_check_skips_a_passage_and_says_where(quoting: Path) -> None:
    if voikko() is None:
        pytest.skip("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
    line = edit(quoting / SECTION, "työntekijöitä,", "työntekijöitä, kirjoitusvirhhe,")
    reseal(quoting)
    result = run_cli("check", str(quoting), cwd=quoting.parent)
    assert result.code == 1
    assert "esimerkkila/content/teksti/yleista.md:3: unknown word 'kirjoitusvirhhe'" in result.err
    for english in ("Security", "everyone", "responsibility"):
        assert f"'{english}'" not in result.err  # Finnish Voikko would call each unknown
    skip = f"esimerkkila/{SECTION}:{line}: skipped 4 words in en (no spell checker for it installed)"
    assert skip in result.out.splitlines()
    assert ", 1 unknown, 4 in other languages skipped" in result.out


def test_a_fenced_div_over_lines_is_one_skip_line(quoting: Path) -> None:
    if voikko() is None:
        pytest.skip("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
    section = quoting / SECTION
    text = section.read_text(encoding="utf-8")
    section.write_text(text + "\n::: {lang=en-GB}\nThis guideline applies\nto everyone.\n:::\n", encoding="utf-8")
    first = len(text.splitlines()) + 3
    reseal(quoting)
    result = run_cli("check", str(quoting), cwd=quoting.parent)
    assert result.code == 0, result.err
    skip = f"esimerkkila/{SECTION}:{first}: skipped 5 words in en-GB (lines {first}–{first + 1}, no spell checker"
    assert any(line.startswith(skip) for line in result.out.splitlines()), result.out


def test_a_swedish_passage_is_checked_with_the_swedish_dictionary(quoting: Path) -> None:
    if voikko() is None or checker("sv") is None:
        pytest.skip("Voikko or Hunspell's sv_FI is not installed (apt-get install voikko-fi hunspell-sv)")
    section = quoting / SECTION
    text = section.read_text(encoding="utf-8")
    swedish = "\n::: {lang=sv-FI}\nDenna anvisning gäller\nalla anstälda.\n:::\n"  # anställda, misspelt
    section.write_text(text + swedish, encoding="utf-8")
    second = len(text.splitlines()) + 4
    reseal(quoting)
    result = run_cli("check", str(quoting), cwd=quoting.parent)
    assert result.code == 1
    assert f"esimerkkila/{SECTION}:{second}: unknown word 'anstälda' (suggestions: anställda" in result.err
    assert "gäller" not in result.err and "Denna" not in result.err  # Swedish, not Finnish, rules them
    assert ", 5 words in Swedish passages checked with Hunspell, 1 unknown" in result.out
    assert "in sv-FI" not in result.out  # no line skipping it


def test_a_project_with_no_passage_prints_no_skip_lines(tmp_path: Path) -> None:
    if voikko() is None:
        pytest.skip("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    finnish_only(root)  # a Swedish version is skipped whole, and says so
    result = run_cli("check", str(root))
    assert result.code == 0, result.err
    assert "skipped" not in result.out and "in other languages" not in result.out


def test_an_english_document_checks_only_its_finnish_passages(quoting: Path) -> None:
    if voikko() is None:
        pytest.skip("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
    meta = quoting / "content/document.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "language: fi-FI" in text
    meta.write_text(text.replace("language: fi-FI", "language: en-GB"), encoding="utf-8")
    edit(quoting / SECTION, "Ääkköset,", "[Ääkköset ja virhhe]{lang=fi},")
    reseal(quoting)
    result = run_cli("check", str(quoting), "--document", "tietoturvaohje", cwd=quoting.parent)
    assert "unknown word 'virhhe'" in result.err
    assert "koskee" not in result.err  # the English document's own text is not checked
    assert (
        "Spell check: skipped, the document's language is en-GB (document.yaml: language) and someohje checks "
        "Finnish (Voikko) and Swedish (Hunspell); 3 words in Finnish passages checked, 1 unknown" in result.out
    )
