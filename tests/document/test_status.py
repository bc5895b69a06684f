"""One status per text: the same mark, and the same title, in every format."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import docx
import pikepdf
import pytest

from helpers import REPO, STEM
from someohje.content.project_file import load
from someohje.document.status import Status, status_of, titled
from someohje.model import Outcome

#: file stem -> the status its text must carry
EXPECTED = {
    STEM: Status.APPROVED,
    f"{STEM}-kh-2022-06-07-s139": Status.PROPOSAL,
    f"{STEM}-kvalt-2022-06-14-s37-liite-1": Status.PROPOSAL,
    f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote": Status.APPROVED,
    f"{STEM}-muutokset-kh-2022-06-07-s139-kvalt-2022-06-14-s37": Status.APPROVED,
}


def titles(folder: Path, stem: str) -> dict[str, str]:
    """The title as each format states it."""
    html = (folder / f"{stem}.html").read_text(encoding="utf-8")
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    with pikepdf.open(folder / f"{stem}.pdf") as pdf:
        info = str(pdf.docinfo["/Title"])
        xmp = str(pdf.open_metadata()["dc:title"])
    return {
        "html": unescape(match.group(1)),
        "docx": docx.Document(str(folder / f"{stem}.docx")).core_properties.title,
        "pdf-info": info,
        "pdf-xmp": xmp,
    }


@pytest.mark.parametrize("stem", EXPECTED)
def test_every_format_of_a_text_has_the_same_title_with_its_status(every_output: Path, stem: str) -> None:
    got = titles(every_output, stem)
    assert len(set(got.values())) == 1, got
    title = got["html"]
    mark = EXPECTED[stem].mark
    if mark:
        assert title.endswith(f", {mark})") or title.endswith(f" ({mark})"), title
    assert "LUONNOS" not in title and ")(" not in title and ") (" not in title
    assert title.startswith(("Rautalammin kunnan sosiaalisen median ohje", "Pöytäkirjanote: "))


def test_the_attachment_and_the_stage_it_shows_carry_one_mark(every_output: Path) -> None:
    """The board's proposal is EHDOTUS as a stage and as the council's attachment alike."""
    stage = titles(every_output, f"{STEM}-kh-2022-06-07-s139")["html"]
    liite = titles(every_output, f"{STEM}-kvalt-2022-06-14-s37-liite-1")["html"]
    assert stage == "Rautalammin kunnan sosiaalisen median ohje (EHDOTUS)"
    assert liite == "Rautalammin kunnan sosiaalisen median ohje (liite 1, Kvalt 14.6.2022 §\u00a037, EHDOTUS)"
    page = (every_output / f"{STEM}-kvalt-2022-06-14-s37-liite-1.html").read_text(encoding="utf-8")
    assert 'class="draft-mark">EHDOTUS<' in page


def test_status_follows_the_handling() -> None:
    doc = load(REPO)
    board, council = doc.handling("kh-2022-06-07"), doc.handling("kvalt-2022-06-14")
    assert (status_of(board), status_of(council)) == (Status.PROPOSAL, Status.APPROVED)
    returned = replace(board, outcome=Outcome.RETURNED, proposed_to=None)
    assert status_of(returned) is Status.DRAFT and Status.DRAFT.mark == "LUONNOS"


def test_titled_puts_details_and_mark_in_one_bracket() -> None:
    assert titled("Ohje", Status.APPROVED) == "Ohje"
    assert titled("Ohje", Status.DRAFT) == "Ohje (LUONNOS)"
    assert titled("Ohje", Status.PROPOSAL, "liite 2") == "Ohje (liite 2, EHDOTUS)"
    assert titled("Ohje", Status.APPROVED, "liite 2", "") == "Ohje (liite 2)"
