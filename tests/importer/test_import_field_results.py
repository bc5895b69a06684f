"""A field's shown text reaches the content: HYPERLINK fields (simple,
complex, nested, with a ``\\l`` bookmark) as links or reported plain text."""

from __future__ import annotations

from pathlib import Path

from wordbuild import field, import_here, run, write

URL = "https://www.rautalampi.fi/"


def test_a_complex_hyperlink_field_keeps_its_shown_text_as_a_link(tmp_path: Path) -> None:
    source = write(
        tmp_path / "kentta.docx",
        run("Katso ") + field(f'HYPERLINK "{URL}"', run("kunnan verkkosivut")) + run(" lisätietoja varten."),
    )
    done = import_here(source)
    assert f"Katso [kunnan verkkosivut]({URL}) lisätietoja varten." in done.markdown


def test_a_field_nested_in_a_hyperlink_result_stays_inside_the_link(tmp_path: Path) -> None:
    inner = field("DOCPROPERTY Company", run("Rautalammin kunta"))
    source = write(
        tmp_path / "sisakkain.docx", run("Lue ") + field(f' HYPERLINK "{URL}" ', run("sivut: "), inner) + run(".")
    )
    done = import_here(source)
    assert f"Lue [sivut: Rautalammin kunta]({URL})." in done.markdown
    assert any("field DOCPROPERTY kept as its shown text" in line for line in done.report)


def test_a_bookmark_hyperlink_keeps_its_text_and_the_report_says_it_is_plain(tmp_path: Path) -> None:
    source = write(
        tmp_path / "kirjanmerkki.docx", run("Ks. ") + field('HYPERLINK \\l "_Toc1"', run("luku 3")) + run(" alla.")
    )
    done = import_here(source)
    assert "Ks. luku 3 alla." in done.markdown
    assert any("link ”luku 3” to #_Toc1 kept as plain text" in line for line in done.report)


def test_a_simple_hyperlink_field_is_a_link(tmp_path: Path) -> None:
    simple = f'<w:fldSimple w:instr=" HYPERLINK &quot;{URL}&quot; ">{run("etusivu")}</w:fldSimple>'
    source = write(tmp_path / "yksinkertainen.docx", run("Avaa ") + simple + run("."))
    assert f"Avaa [etusivu]({URL})." in import_here(source).markdown


def test_a_date_field_keeps_its_shown_text_and_is_reported(tmp_path: Path) -> None:
    source = write(tmp_path / "pvm.docx", run("Päivitetty ") + field(" DATE \\@ d.M.yyyy ", run("1.1.2024")) + run("."))
    done = import_here(source)
    assert "Päivitetty 1.1.2024." in done.markdown
    assert any("field DATE kept as its shown text" in line for line in done.report)
