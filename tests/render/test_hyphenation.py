"""Finnish hyphenation in the PDF: the page shows hyphens, the text copies whole.

The line-end hyphen is U+002D, which text extraction rejoins, so ``pdftotext``
(and copying, searching, reading aloud) sees whole words while the page still
shows the hyphen. Break points prefer compound boundaries, leave no fragment
of two letters, never hyphenate more than two lines in a row and never touch
verbatim record text.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from helpers import STEM, tool
from someohje.content.spell import voikko
from someohje.render.hyphenation import (
    MAX_RUN,
    MIN_PART,
    SOFT_HYPHEN,
    break_points,
    hyphenate_word,
    keep_whole,
    overlong_runs,
    words_to_keep_whole,
)

EXTRACT = f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote"
LETTERS = r"[^\W\d_]+(?:-[^\W\d_]+)*"


@pytest.fixture(autouse=True)
def needs_voikko() -> None:
    if voikko() is None:
        pytest.skip("Voikko is not installed: no Finnish hyphenation points (apt-get install libvoikko1 voikko-fi)")


def source_words(html_path: Path) -> set[str]:
    """Every word of the web page the PDF was made from (tags stripped)."""
    text = unescape(re.sub(r"<[^>]+>", " ", html_path.read_text(encoding="utf-8")))
    return set(re.findall(LETTERS, text))


def lines_by_block(pdf: Path) -> list[list[list[str]]]:
    """``pdftotext -bbox-layout``: the words of each line, lines by block."""
    xml = subprocess.run(
        [tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    blocks = re.findall(r"<block[^>]*>(.*?)</block>", xml, re.S)
    lines = [re.findall(r"<line[^>]*>(.*?)</line>", block, re.S) for block in blocks]
    return [[[unescape(w) for w in re.findall(r">([^<]*)</word>", line)] for line in block] for block in lines]


def hyphenated_ends(pdf: Path) -> list[tuple[str, str, int]]:
    """``(head, tail, run)`` for each line that ends in a hyphen and the next
    line's first word; ``run`` counts the hyphenated lines in a row so far."""
    found = []
    for block in lines_by_block(pdf):
        run = 0
        for line, following in itertools.pairwise(block):
            if line and following and re.search(r"[^\W\d_]-$", line[-1]):
                run += 1
                found.append((line[-1][:-1], following[0], run))
            else:
                run = 0
    return found


def pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.pdf"))


def test_pdftotext_of_every_pdf_has_no_word_broken_by_hyphenation(every_output: Path) -> None:
    for pdf in pdfs(every_output):
        html = every_output / f"{pdf.stem.removesuffix('-arkisto')}.html"
        words = source_words(html)
        text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert SOFT_HYPHEN not in text and "\u2010" not in text
        broken = [w for w in re.findall(LETTERS, text) if w not in words]
        assert broken == [], pdf.name


def test_the_page_still_shows_the_hyphens_and_they_split_real_words(every_output: Path) -> None:
    pdf = every_output / f"{STEM}.pdf"
    words = source_words(every_output / f"{STEM}.html")
    ends = hyphenated_ends(pdf)
    assert len(ends) >= 20
    for head, tail, _ in ends:
        whole = head + re.match(r"[^\W\d_]*", tail).group(0)  # type: ignore[union-attr]
        assert whole in words, (head, tail)
        assert len(head) >= MIN_PART


def test_no_more_than_two_hyphenated_lines_in_a_row(every_output: Path) -> None:
    for pdf in pdfs(every_output):
        assert max((run for *_, run in hyphenated_ends(pdf)), default=0) <= MAX_RUN, pdf.name


def test_the_minutes_extract_is_never_hyphenated(every_output: Path) -> None:
    assert hyphenated_ends(every_output / f"{EXTRACT}.pdf") == []


def test_compounds_break_at_their_boundaries() -> None:
    assert hyphenate_word("verkkosivuille") == f"verkko{SOFT_HYPHEN}sivuille"
    assert 6 in break_points("luottamushenkilöt")  # luottamus|henkilöt... at the boundary 9
    assert 9 in break_points("luottamushenkilöt")
    for word in ("sosiaalisen", "häiriötilanteista", "mahdollisuudet", "täysimääräisesti", "viranhaltijoita"):
        points = break_points(word)
        assert points, word
        assert all(MIN_PART <= p <= len(word) - MIN_PART for p in points), (word, points)


def test_overlong_runs_names_the_word_that_breaks_a_third_line() -> None:
    s = SOFT_HYPHEN
    block = [f"aaa bbb{s}-", f"ccc ddd{s}-", f"eee vies{s}tin{s}-", "tää loppuu.", "x"]
    assert overlong_runs([block]) == {"viestintää"}
    assert overlong_runs([[*block[:2], "eee.", "fff"]]) == set()


def test_a_word_broken_across_a_page_is_kept_whole() -> None:
    s = SOFT_HYPHEN
    html = f"<p>ohje on vies{s}tin{s}nän väline ja vies{s}tin{s}nälle tärkeä</p>"
    pages = [[["ohje on"], ["aaa", f"ohje on vies{s}-"]], [[f"tin{s}nän väline"]]]
    assert words_to_keep_whole(pages, html) == {"viestinnän", "viestinnälle"}  # every word the head may start
    assert words_to_keep_whole([[["aaa", "bbb."]], [["ccc"]]], html) == set()


def test_keep_whole_touches_whole_words_only() -> None:
    s = SOFT_HYPHEN
    html = f"<p>{hyphenate_word('viestintä')} ja {hyphenate_word('viestintää')}</p>"
    assert keep_whole(html, {"viestintä"}) == f"<p>viestintä ja {hyphenate_word('viestintää')}</p>"
    assert s in keep_whole(html, {"viestintä"})
