"""Lists Markdown cannot show as Word shows them are kept as lists and
reported: lettered numbering, a list that starts below the first level, and
list items that carry an outline level of their own."""

from __future__ import annotations

from pathlib import Path

from wordbuild import import_here, item, numbering, run, write


def test_a_lettered_list_is_kept_as_a_numbered_list_and_reported_once(tmp_path: Path) -> None:
    items = [item(text) for text in ("Ensimmäinen kohta", "Toinen kohta", "Kolmas kohta")]
    done = import_here(write(tmp_path / "kirjaimet.docx", *items, lists=numbering("lowerLetter")))
    assert "1. Ensimmäinen kohta\n2. Toinen kohta\n3. Kolmas kohta" in done.markdown
    lines = [line for line in done.report if "list numbered a, b, c, … imported as numbered 1, 2, 3, …" in line]
    assert len(lines) == 1, done.report


def test_decimal_and_bulleted_lists_are_not_reported(tmp_path: Path) -> None:
    items = [item("Yksi"), item("Kaksi"), item("Alakohta", 1)]
    done = import_here(write(tmp_path / "numerot.docx", *items, lists=numbering("decimal", "bullet")))
    assert "1. Yksi\n2. Kaksi\n" in done.markdown
    assert "- Alakohta" in done.markdown
    assert not [line for line in done.report if ": list " in line or "of list item" in line], done.report


def test_a_list_that_starts_at_the_second_level_is_kept_and_reported(tmp_path: Path) -> None:
    items = [run("Johdanto."), item("Sisennetty kohta", 1), item("Toinen sisennetty", 1)]
    done = import_here(write(tmp_path / "taso2.docx", *items, lists=numbering("decimal", "decimal")))
    assert "1. Sisennetty kohta\n2. Toinen sisennetty" in done.markdown
    assert any("list starting at level 2 imported as a list at the first level" in line for line in done.report)


def test_an_outline_level_on_list_items_keeps_them_in_one_list_and_one_section(tmp_path: Path) -> None:
    level = '<w:outlineLvl w:val="0"/>'
    items = [item(f"Kohta {n}", ppr=level) for n in range(1, 7)]
    source = write(tmp_path / "tasot.docx", run("Ohjeen kohdat:"), *items, lists=numbering("decimal"))
    done = import_here(source)
    assert "\n".join(f"{n}. Kohta {n}" for n in range(1, 7)) in done.markdown
    assert len(list((source.with_suffix("") / "content" / "ohje").glob("*.md"))) == 1
    lines = [line for line in done.report if "outline level 1 of list item" in line]
    assert len(lines) == 6 and "”Kohta 1” not imported: the item stays in its list" in lines[0], done.report
