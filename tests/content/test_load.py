"""The library API: load() gives the typed model of the shipped content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import someohje
from helpers import REPO
from someohje.model import Outcome


def test_shipped_content_loads_with_the_facts() -> None:
    doc = someohje.load(REPO)
    assert doc.title == "Rautalammin kunnan sosiaalisen median ohje"
    assert doc.diary_number == "RauDno-2020-792"
    assert doc.language == "fi-FI"
    assert [h.id for h in doc.handlings] == ["kh-2020", "kvalt-2020", "kh-2022-06-07", "kvalt-2022-06-14"]
    kh20, kv20, kh22, kv22 = doc.handlings
    assert not kh20.date.known and kh20.date.year == 2020 and kh20.paragraph is None
    assert not kv20.date.known and kv20.outcome is Outcome.RETURNED
    assert (kh22.date.date, kh22.paragraph) == (dt.date(2022, 6, 7), 139)
    assert (kv22.date.date, kv22.paragraph, kv22.outcome) == (dt.date(2022, 6, 14), 37, Outcome.APPROVED)
    assert kh22.preparer is not None and kh22.preparer.name == "Merja Koivula-Laukka"
    assert kh22.presenter is not None and kh22.presenter.title == "kunnanjohtaja"
    assert doc.distribution == ("toimialat", "kunnanhallitus", "kj", "ict-asiantuntija", "elinkeinoasiamies")
    assert [a.number for a in doc.amendments] == [1, 2, 3, 4]
    assert {a.handling.id for a in doc.amendments} == {"kvalt-2022-06-14"}


def test_recorded_texts_are_verbatim_from_the_minutes() -> None:
    minutes = (REPO / "content/sources/kvalt-2022-06-14-s37.txt").read_text(encoding="utf-8")
    flat = " ".join(minutes.split())
    doc = someohje.load(REPO)
    for h in doc.handlings:
        for text in (h.reasoning, h.proposal, h.decision):
            for para in filter(None, (" ".join(p.split()) for p in text.split("\n\n"))):
                assert para in flat, para
    for a in doc.amendments:
        assert a.decided_text in flat


def test_guideline_text_is_long_enough_to_be_real() -> None:
    doc = someohje.load(REPO)
    words = sum(len(s.markdown.split()) for s in doc.sections)
    assert words >= 1500
    assert "lorem" not in " ".join(s.markdown.lower() for s in doc.sections)


def test_load_accepts_the_content_folder_itself() -> None:
    assert someohje.load(REPO / "content").diary_number == "RauDno-2020-792"


def test_content_error_carries_path_line_and_message(project: Path) -> None:
    meta = project / "content/document.yaml"
    meta.write_text(meta.read_text().replace("paragraph: 139", "paragraph: -1"), encoding="utf-8")
    with pytest.raises(someohje.ContentError) as info:
        someohje.load(project)
    [p] = info.value.problems
    assert Path(p.path).name == "document.yaml"
    assert meta.read_text().splitlines()[p.line - 1].strip() == "paragraph: -1"
    assert p.message == "§ '-1' must be a whole number from 1 to 999999 or 'unknown'"
