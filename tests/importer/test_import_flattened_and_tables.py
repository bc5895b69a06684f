"""What Markdown cannot hold is kept another way or reported: raised and
lowered text, small caps, line breaks where Markdown holds one line (a
heading, a table cell; elsewhere they are kept as hard breaks); a cell merged across columns keeps
the columns after it in place; a table in a cell keeps its text."""

from __future__ import annotations

from pathlib import Path

from wordbuild import cell, import_here, item, numbering, run, styled, write


def test_superscript_and_subscript_become_unicode_or_are_reported(tmp_path: Path) -> None:
    sup = '<w:vertAlign w:val="superscript"/>'
    sub = '<w:vertAlign w:val="subscript"/>'
    para = run("Ala 20 m") + styled(sup, "2") + run(", kaava CO") + styled(sub, "2") + run(" ja ") + styled(sup, "TM")
    done = import_here(write(tmp_path / "nosto.docx", para))
    assert "Ala 20 m², kaava CO₂ ja TM" in done.markdown
    assert any("formatting not imported: superscript in" in line for line in done.report)


BREAK = "<w:r><w:br/></w:r>"


def test_a_line_break_is_kept_as_a_hard_break_and_small_caps_are_reported(tmp_path: Path) -> None:
    para = run("Rivi yksi ") + BREAK + run(" rivi kaksi ") + styled("<w:smallCaps/>", "Kunta") + BREAK
    done = import_here(write(tmp_path / "rivit.docx", para))
    assert "Rivi yksi\\\nrivi kaksi Kunta\n" in done.markdown  # no spaces kept at the break, none at the end
    assert not any("line break" in line for line in done.report)
    assert any("formatting not imported: small caps in" in line for line in done.report)


def test_a_line_after_a_break_that_would_start_a_block_is_escaped_and_indented_in_a_list(tmp_path: Path) -> None:
    para = item("Kohta") + BREAK + run("- jatkuu") + BREAK + run("1. yhä")
    done = import_here(write(tmp_path / "kohta.docx", f"{para}", lists=numbering("bullet")))
    assert "- Kohta\\\n  \\- jatkuu\\\n  1\\. yhä\n" in done.markdown


def test_a_break_in_a_heading_or_a_cell_becomes_a_space_and_a_page_break_is_reported(tmp_path: Path) -> None:
    heading = '<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>' + run("Otsikon") + BREAK + run("jatko")
    table = "<w:tbl><w:tr>" + f"<w:tc><w:p>{run('Solu')}{BREAK}{run('kaksi')}</w:p></w:tc>" + "</w:tr></w:tbl>"
    page = run("Ennen") + '<w:r><w:br w:type="page"/></w:r>' + run("jälkeen")
    done = import_here(write(tmp_path / "otsikko.docx", heading, table, page))
    assert "# Otsikon jatko\n" in done.markdown
    assert "| Solu kaksi |" in done.markdown
    assert "Ennen jälkeen" in done.markdown
    assert any("line break in a heading ”Otsikon jatko” imported as a space" in line for line in done.report)
    assert any("line break in a table cell ”Solu kaksi” imported as a space" in line for line in done.report)
    assert any("manual page break not imported" in line for line in done.report)


def test_a_cell_merged_across_columns_keeps_the_next_cells_in_their_columns(tmp_path: Path) -> None:
    header = "<w:tr>" + cell("A") + cell("B") + cell("C") + "</w:tr>"
    row = "<w:tr>" + cell("Yhdistetty", '<w:gridSpan w:val="2"/>') + cell("Oikea") + "</w:tr>"
    done = import_here(write(tmp_path / "yhdistetty.docx", f"<w:tbl>{header}{row}</w:tbl>"))
    assert "| A | B | C |\n| --- | --- | --- |\n| Yhdistetty |   | Oikea |\n" in done.markdown
    assert any("table cell ”Yhdistetty” merged across 2 columns imported as 2 cells" in line for line in done.report)


def test_a_table_inside_a_cell_keeps_its_text(tmp_path: Path) -> None:
    inner = "<w:tbl><w:tr>" + cell("Sisä 1") + cell("Sisä 2") + "</w:tr></w:tbl>"
    holder = f"<w:tc><w:p>{run('Ulompi')}</w:p>{inner}<w:p/></w:tc>"
    outer = f"<w:tbl><w:tr>{cell('Otsake')}</w:tr><w:tr>{holder}</w:tr></w:tbl>"
    done = import_here(write(tmp_path / "sisakkain.docx", outer))
    assert "| Ulompi Sisä 1 Sisä 2 |" in done.markdown
    assert any("table inside a table cell ”Sisä 1 Sisä 2” imported as the cell's text" in line for line in done.report)
