"""The imported document's language is the one its text is marked with:
runs' own ``w:lang`` over the styles' and the defaults'."""

from __future__ import annotations

import re
from pathlib import Path

from wordbuild import import_here, run, styled, write


def _language(source: Path) -> str:
    import_here(source)
    meta = (source.with_suffix("") / "content" / "document.yaml").read_text(encoding="utf-8")
    match = re.search(r"^language: (\S+)$", meta, re.M)
    assert match, meta
    return match.group(1)


def test_text_typed_in_english_makes_an_english_document(tmp_path: Path) -> None:
    english = '<w:lang w:val="en-GB"/>'
    paragraphs = [styled(english, "This guideline is written in English for the staff."), run("Lyhyt.")]
    assert _language(write(tmp_path / "en.docx", *paragraphs)) == "en-GB"


def test_a_few_english_words_leave_a_finnish_document_finnish(tmp_path: Path) -> None:
    finnish = '<w:lang w:val="fi-FI"/>'
    text = styled(finnish, "Kunnan viestintä noudattaa tätä ohjetta kaikissa kanavissa.")
    assert _language(write(tmp_path / "fi.docx", text + styled('<w:lang w:val="en-US"/>', "Facebook"))) == "fi-FI"
