"""The HTML document: complete, accessible, faithful to the content."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import someohje
from helpers import REPO, STEM, Result, reseal
from someohje.document.guideline import guideline
from someohje.pipeline.session import open_session
from someohje.render.html_format import render
from someohje.textual import inline_text
from someohje.tree import Heading


class Outline(HTMLParser):
    """Collects headings, table header cells and the <html lang>."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: list[tuple[str, str]] = []
        self.th: list[str] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if re.fullmatch(r"h[1-6]|th", tag):
            self._open, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = " ".join("".join(self._text).split())
            (self.th.append(text) if tag == "th" else self.headings.append((tag, text)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def page() -> tuple[str, someohje.Document]:
    session = open_session(REPO)
    return render(guideline(session.document), session).decode("utf-8"), session.document


def plain(markup: str) -> str:
    """Visible text with ASCII whitespace collapsed (no-break spaces kept)."""
    body = markup.split("<body", 1)[1]
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def test_html_is_a_complete_finnish_document() -> None:
    markup, doc = page()
    outline = Outline()
    outline.feed(markup)
    assert markup.startswith("<!DOCTYPE html>")
    assert outline.lang == "fi-FI"
    assert f"<title>{doc.title}</title>" in markup
    assert outline.headings[0] == ("h1", doc.title)


def test_every_section_heading_appears_as_a_heading() -> None:
    markup, doc = page()
    outline = Outline()
    outline.feed(markup)
    expected = [inline_text(b.children) for b in guideline(doc).blocks if isinstance(b, Heading)]
    assert len(expected) >= 10
    assert [text for _, text in outline.headings[1:]] == [" ".join(e.split()) for e in expected]
    sections = [text for tag, text in outline.headings if tag == "h2"]
    assert len(sections) == len(doc.sections) + 1  # + Käsittelyhistoria


def test_identification_and_approval_line() -> None:
    markup, doc = page()
    text = plain(markup)
    assert doc.diary_number == "RauDno-2020-792"
    ident = re.findall(r"<dd[^>]*>(.*?)</dd>", markup)
    assert ident == ["Ohje", "14.6.2022", "RauDno-2020-792"]
    assert "Hyväksytty: Kunnanvaltuusto 14.6.2022 §\u00a037" in text
    assert "LUONNOS" not in text


def test_each_addition_is_traceable_to_the_council_decision() -> None:
    markup, doc = page()
    text = plain(markup)
    assert len(doc.amendments) == 4
    for a in doc.amendments:
        assert f"{a.wording} ({a.handling.meeting_ref()}, lisäys {a.number}" in text
        assert a.handling.meeting_ref() == "Kvalt 14.6.2022 §\u00a037"
    assert markup.count('class="amendment"') == 4


def test_history_table_lists_all_handlings_with_unknowns_shown() -> None:
    markup, doc = page()
    outline = Outline()
    outline.feed(markup)
    assert outline.th == ["Toimielin", "Kokous", "§", "Päätös"]
    unheld = re.sub(r'<span class="nobr">(.*?)</span>', r"\1", markup)  # a date is held on one line
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", unheld)
    assert rows == [
        ("Kunnanhallitus", "2020 (päivämäärä ei tiedossa)", "ei tiedossa"),
        ("Kunnanvaltuusto", "2020 (päivämäärä ei tiedossa)", "ei tiedossa"),
        ("Kunnanhallitus", "7.6.2022", "139"),
        ("Kunnanvaltuusto", "14.6.2022", "37"),
    ]
    assert [(h.body.name, h.date.finnish()) for h in doc.handlings] == [(r[0], r[1]) for r in rows]


def test_board_proposal_stage_has_no_additions_and_a_proposal_mark() -> None:
    session = open_session(REPO)
    out = guideline(session.document, "kh-2022-06-07")
    text = plain(render(out, session).decode())
    assert out.draft_mark == "EHDOTUS"
    assert "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 §\u00a0139)" in text
    for a in session.document.amendments:
        assert a.wording not in text
    assert out.file_stem == f"{STEM}-kh-2022-06-07-s139"


def test_content_text_is_escaped(project: Path, cli: Callable[..., Result]) -> None:
    section = project / "content/ohje/01-johdanto.md"
    section.write_text(section.read_text() + '\nVertailu: 1 < 2 & "lainaus" *tärkeä*.\n', encoding="utf-8")
    reseal(project)
    result = cli("build", str(project), "--format", "html")
    assert result.code == 0, result.err
    markup = (project / f"build/{STEM}.html").read_text(encoding="utf-8")
    assert "Vertailu: 1 &lt; 2 &amp; \u201dlainaus\u201d <em>tärkeä</em>." in markup


def test_rebuild_is_byte_identical(project: Path, cli: Callable[..., Result]) -> None:
    first = cli("build", str(project), "--format", "html", "--out", str(project / "a"))
    second = cli("build", str(project), "--format", "html", "--out", str(project / "b"))
    assert first.code == second.code == 0
    a, b = (project / d / f"{STEM}.html" for d in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()
    assert f"wrote {project / 'a'}" in first.out or f"{STEM}.html" in first.out
