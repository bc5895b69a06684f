"""A document whose title is its only Heading 1 (no Title paragraph) is split
at its Heading 2s, with that heading as the document's title."""

from __future__ import annotations

from pathlib import Path

import docx
import yaml

from wordbuild import import_here


def test_the_only_main_heading_is_the_title_and_the_next_level_splits_the_sections(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Rautalammin kunnan some-ohje", 1)
    d.add_heading("Yleistä", 2)
    d.add_paragraph("Ensimmäinen luku.")
    d.add_heading("Vastuut", 2)
    d.add_heading("Viestintä", 3)
    d.add_paragraph("Toinen luku.")
    d.save(str(tmp_path / "otsikko.docx"))
    done = import_here(tmp_path / "otsikko.docx")
    folder = tmp_path / "otsikko" / "content" / "ohje"
    assert sorted(p.name for p in folder.glob("*.md")) == ["01-yleista.md", "02-vastuut.md"]
    assert (folder / "02-vastuut.md").read_text(encoding="utf-8") == "# Vastuut\n\n## Viestintä\n\nToinen luku.\n"
    meta = yaml.safe_load((tmp_path / "otsikko" / "content" / "document.yaml").read_text(encoding="utf-8"))
    assert "Rautalammin kunnan some-ohje" in str(meta)
    assert any("the only main heading ”Rautalammin kunnan some-ohje” read as the title" in line for line in done.report)
