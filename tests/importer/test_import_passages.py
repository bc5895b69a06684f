"""Words Word marks with another language than the document's (``w:lang`` on
the run, its character style or its paragraph style) import as passages,
``[text]{lang=en-GB}``, and read back as the same passages."""

from __future__ import annotations

from pathlib import Path

from someohje.content.markdown import parse_blocks
from someohje.tree import Paragraph, Passage, Strong, Text
from wordbuild import import_here, run, styled, write

FI = '<w:lang w:val="fi-FI"/>'
EN = '<w:lang w:val="en-GB"/>'
SV = '<w:lang w:val="sv-SE"/>'


def finnish(text: str) -> str:
    return styled(FI, text)


def english(text: str, props: str = "") -> str:
    return styled(props + EN, text)


def test_english_runs_in_a_finnish_paragraph_become_one_passage(tmp_path: Path) -> None:
    paragraph = (
        finnish("Kunnan periaate on ")
        + english("Security ")
        + english("is", "<w:b/>")
        + english(" everyone's responsibility")
        + finnish(" eli tietoturva kuuluu kaikille.")
    )
    imported = import_here(write(tmp_path / "lainaus.docx", paragraph, finnish("Toinen kappale suomeksi.")))
    assert (
        "Kunnan periaate on [Security **is** everyone's responsibility]{lang=en-GB} eli tietoturva kuuluu kaikille."
        in imported.markdown
    )
    assert not any("lang" in line or "language" in line for line in imported.report), imported.report


def test_spaces_and_punctuation_neither_split_nor_make_a_passage(tmp_path: Path) -> None:
    paragraph = (
        finnish("Sanat ")
        + english("cloud")
        + finnish(", ")
        + english("service")
        + finnish(" ja")
        + english(" – ")  # a dash typed with the English keyboard: no words, no passage
        + finnish("loppu.")
    )
    imported = import_here(write(tmp_path / "valit.docx", paragraph))
    assert "Sanat [cloud, service]{lang=en-GB} ja – loppu." in imported.markdown


def test_a_paragraph_in_swedish_is_one_passage_and_a_character_style_gives_a_language(tmp_path: Path) -> None:
    style = '<w:rStyle w:val="Englanti"/>'
    imported = import_here(
        write(
            tmp_path / "ruotsi.docx",
            styled(SV, "Detta är svenska."),
            finnish("Sana ") + styled(style, "feedback") + finnish(" on lainattu."),
            finnish("Tämä kappale on suomea, samoin seuraava lause."),
            styles=f'<w:style w:type="character" w:styleId="Englanti"><w:name w:val="Englanti"/>'
            f"<w:rPr>{EN}</w:rPr></w:style>",
        )
    )
    assert "[Detta är svenska.]{lang=sv-SE}" in imported.markdown
    assert "Sana [feedback]{lang=en-GB} on lainattu." in imported.markdown


def test_runs_of_the_documents_language_in_another_region_are_no_passage(tmp_path: Path) -> None:
    imported = import_here(
        write(tmp_path / "alue.docx", finnish("Suomea ") + styled('<w:lang w:val="fi"/>', "myös tämä") + run("."))
    )
    assert "lang=" not in imported.markdown


def test_the_imported_passage_reads_back_as_the_same_passage(tmp_path: Path) -> None:
    paragraph = finnish("Lainaus: ") + english("Keep it ") + english("short", "<w:b/>") + finnish(".")
    source = write(tmp_path / "takaisin.docx", paragraph, finnish("Toinen kappale suomeksi ja pidempi."))
    imported = import_here(source)
    path = source.with_suffix("") / "content/ohje/01-luku.md"
    blocks = parse_blocks(path.read_text(encoding="utf-8"), path, path.parent.parent)
    quoted = next(b for b in blocks if isinstance(b, Paragraph) and "Lainaus" in str(b))
    assert quoted.children == (
        Text("Lainaus: "),
        Passage((Text("Keep it "), Strong((Text("short"),))), "en-GB"),
        Text("."),
    ), imported.markdown
