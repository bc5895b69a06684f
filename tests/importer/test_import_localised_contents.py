"""A Word table of contents is left out (the build writes its own) by its
styles' names, whatever the ids a localised Word gave them."""

from __future__ import annotations

from pathlib import Path

import docx

from wordbuild import import_here, run, xml


def _finnish_contents(path: Path) -> Path:
    """Contents styled as a Finnish Word does: localised ids, built-in names."""
    d = docx.Document()
    for style_id, name in (("Sisllysluettelonotsikko", "TOC Heading"), ("Sisluet1", "toc 1")):
        d.styles.element.append(
            xml(f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/></w:style>')
        )
    body = d.element.body
    for style_id, text in (("Sisllysluettelonotsikko", "Sisällys"), ("Sisluet1", "Yleistä 3")):
        body.insert(len(body) - 1, xml(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{run(text)}</w:p>'))
    d.add_heading("Yleistä", 1)
    d.add_paragraph("Teksti.")
    d.save(str(path))
    return path


def test_finnish_words_contents_styles_are_recognised_by_name(tmp_path: Path) -> None:
    done = import_here(_finnish_contents(tmp_path / "sisallys.docx"))
    assert done.markdown == "# Yleistä\n\nTeksti.\n"
    assert any("table of contents not imported: the build writes its own" in line for line in done.report)
