"""The history table someohje's own DOCX ends with comes back as what it is
(issue 17): the build writes it from the handlings, so the import leaves it
out and says so, as it does the contents and the provenance note; a section
of that title with anything else in it is the author's, and kept."""

from __future__ import annotations

from pathlib import Path

import docx

from wordbuild import import_here

HEADER = ("Toimielin", "Kokous", "§", "Päätös")


def written(path: Path, *, caption: str | None, header: tuple[str, ...] | None, text: str = "") -> Path:
    """A DOCX with a chapter and then a section 'Käsittelyhistoria' holding
    ``caption``, a table with ``header`` and one row, and ``text``."""
    d = docx.Document()
    d.add_heading("Johdanto", 1)
    d.add_paragraph("Ohje koskee kaikkia kunnan työntekijöitä.")
    d.add_heading("Käsittelyhistoria", 1)
    if caption is not None:
        d.add_paragraph(caption)
    if header is not None:
        table = d.add_table(rows=2, cols=len(header))
        for cell, value in zip(table.rows[0].cells, header, strict=True):
            cell.text = value
        for cell, value in zip(
            table.rows[1].cells, ("Kunnanvaltuusto", "14.6.2022", "37", "Hyväksyi ohjeen."), strict=False
        ):
            cell.text = value
    if text:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def test_the_generated_history_table_is_left_to_the_build_and_reported(tmp_path: Path) -> None:
    source = written(tmp_path / "oma.docx", caption="Asian RauDno-2020-792 käsittelyvaiheet", header=HEADER)
    done = import_here(source)
    assert "Käsittelyhistoria" not in done.markdown and "Kunnanvaltuusto" not in done.markdown
    assert "Ohje koskee kaikkia kunnan työntekijöitä." in done.markdown
    assert sorted(p.name for p in (tmp_path / "oma" / "content" / "ohje").glob("*.md")) == ["01-johdanto.md"]
    lines = [line for line in done.report if "history table" in line]
    assert len(lines) == 1 and "”Käsittelyhistoria” not imported: the build writes it" in lines[0]
    assert not any("header row" in line for line in done.report)  # nothing said of a table that is not kept


def test_the_history_table_without_its_caption_is_known_too(tmp_path: Path) -> None:
    done = import_here(written(tmp_path / "ilman.docx", caption=None, header=HEADER))
    assert "Käsittelyhistoria" not in done.markdown


def test_a_history_section_of_the_authors_own_is_kept(tmp_path: Path) -> None:
    own_text = import_here(written(tmp_path / "teksti.docx", caption=None, header=None, text="Ohjetta on päivitetty."))
    assert "# Käsittelyhistoria" in own_text.markdown and "Ohjetta on päivitetty." in own_text.markdown
    other_table = import_here(written(tmp_path / "taulu.docx", caption=None, header=("Vuosi", "Muutos")))
    assert "# Käsittelyhistoria" in other_table.markdown and "| Vuosi | Muutos |" in other_table.markdown
    more = import_here(
        written(tmp_path / "lisaa.docx", caption=None, header=HEADER, text="Seuraava käsittely syksyllä.")
    )
    assert "# Käsittelyhistoria" in more.markdown and "Seuraava käsittely syksyllä." in more.markdown
    assert not any("history table" in line for d in (own_text, other_table, more) for line in d.report)
