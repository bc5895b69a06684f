"""Fixed phrases in natural officialese, as the outputs print them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx

from helpers import STEM, tool

STAGE = f"{STEM}-kh-2022-06-07-s139"
EXTRACT = f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote"
REDLINE = f"{STEM}-muutokset-kh-2022-06-07-s139-kvalt-2022-06-14-s37"


def text(pdf: Path) -> str:
    out = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out.replace("\u00a0", " "))


def test_the_extract_says_what_is_not_known(every_output: Path) -> None:
    extract = text(every_output / f"{EXTRACT}.pdf")
    assert extract.count("Kokouksen päivämäärä ja pykälä eivät ole tiedossa.") == 2
    assert "lähteissä." not in extract.split("Valitusosoitus")[0]
    assert "Pöytäkirja asetettu nähtäväksi yleiseen tietoverkkoon: ____" in extract


def test_the_history_table_reads_as_officialese(every_output: Path) -> None:
    guideline = text(every_output / f"{STEM}.pdf")
    assert "2020 (päivämäärä ei tiedossa)" in guideline and "päivä ei tiedossa" not in guideline
    assert "Hyväksyi ohjeen neljällä lisäyksellä (merkitty tekstiin)." in guideline
    assert "omin muutoksin" not in guideline
    cells = [c.text for t in docx.Document(str(every_output / f"{STEM}.docx")).tables for r in t.rows for c in r.cells]
    assert "Hyväksyi ohjeen neljällä lisäyksellä (merkitty tekstiin)." in cells


def test_a_proposal_names_the_meeting_that_made_it(every_output: Path) -> None:
    for stem in (STAGE, REDLINE):
        printed = text(every_output / f"{stem}.pdf")
        assert "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 § 139)" in printed, stem
        assert "kunnanvaltuustolle 7.6.2022" not in printed, stem


def test_the_redline_legend(every_output: Path) -> None:
    legend = text(every_output / f"{REDLINE}.pdf")
    assert "Muuttumatonta tekstiä ei ole merkitty." in legend and "merkitsemätöntä" not in legend
