"""Hyphenation for the PDF: soft hyphens where a word may break.

WeasyPrint has no Finnish patterns of its own; it breaks a line at a soft
hyphen and draws the stylesheet's ``hyphenate-character`` there. Voikko (the
library of the spell check) knows both the syllables and the compound
boundaries of a word, and the rules here choose among them. A document in
another language (Swedish: ``sv-FI``) is hyphenated by the TeX patterns of
its language that Pyphen ships with WeasyPrint (:func:`pattern_points`),
under the same rules of at least :data:`MIN_PART` letters a side, runs and
page ends; Voikko's Finnish rules never touch it.

- a compound breaks at its boundaries (``verkko-sivuille``, never
  ``verk-kosivuille``): a syllable point closer than :data:`MIN_PART`
  letters to a boundary or to either end of the word is dropped, so no
  fragment of two letters stands alone;
- no more than :data:`MAX_RUN` lines in a row end in a hyphen, and no page
  ends in one: the PDF renderer lays the document out, asks
  :func:`words_to_keep_whole` which words broke that, and lays it out again
  with those words whole (:func:`keep_whole`);
- headings, table cells, links, addresses and numbers are never hyphenated;
- neither is verbatim record text (a paragraph or list whose role is
  ``record``, and the whole minutes extract): the record is quoted as it is.

Without Voikko installed a Finnish document is left as it is, and so is a
document in a language Pyphen has no patterns for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from .. import tree
from ..content.languages import is_finnish
from ..content.spell import voikko

SOFT_HYPHEN = "\u00ad"
MIN_PART = 3  #: fewest letters left on either side of a break, and between a syllable break and a compound boundary
MAX_RUN = 2  #: most hyphenated lines in a row
VERBATIM = "record"  #: the block role of text quoted from the minutes
_WORD = re.compile(r"[^\W\d_]{7,}")
_NOT_PROSE = re.compile(r"[@/:]|www\.|\d")


def hyphenated(doc: tree.OutputDocument) -> tree.OutputDocument:
    """``doc`` with soft hyphens at the chosen break points of its running
    text (paragraphs, lists, notes), by the rules of its language; a minutes
    extract is left whole."""
    language = hyphenation_language(doc.metadata.language)
    if not language or doc.kind == "extract":
        return doc
    return replace(doc, blocks=tuple(_blocks(doc.blocks, language)), lead=tuple(_blocks(doc.lead, language)))


def hyphenation_language(tag: str) -> str:
    """Whose rules hyphenate text in ``tag``: ``fi`` (Voikko, when installed),
    the Pyphen patterns' name for another language (``sv``), or ``""`` for
    none."""
    if is_finnish(tag):
        return "fi" if _hyphenator() is not None else ""
    return _patterns_name(tag)


@cache
def _patterns_name(tag: str) -> str:
    import pyphen  # type: ignore[import-untyped]  # WeasyPrint's own dependency: installed wherever a PDF is made

    return pyphen.language_fallback(tag.replace("-", "_")) or ""


@cache
def _patterns(name: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=name, left=MIN_PART, right=MIN_PART)


def pattern_points(word: str, name: str) -> list[int]:
    """The indices before which ``word`` may break by the hyphenation
    patterns ``name`` (Pyphen's, e.g. ``sv``), at least :data:`MIN_PART`
    letters from either end."""
    return list(_patterns(name).positions(word))


@cache
def _hyphenator() -> Any | None:
    checker = voikko()
    if checker is not None:
        checker.setNoUglyHyphenation(True)
        checker.setHyphenateUnknownWords(False)
    return checker


def compound_boundaries(word: str) -> set[int]:
    """Where the parts of a compound meet (``{6}`` for *verkkosivuille*), as
    every analysis of the word agrees; empty for a simple or unknown word."""
    checker = _hyphenator()
    analyses = checker.analyze(word) if checker is not None else []
    found: set[int] | None = None
    for analysis in analyses:
        structure = analysis.get("STRUCTURE", "")
        marks, letters = set(), 0
        for char in structure:
            if char == "=":
                marks.add(letters)
            else:
                letters += 1
        marks -= {0, len(word)}
        found = marks if found is None else found & marks
    return found or set()


def break_points(word: str) -> list[int]:
    """The indices before which ``word`` may break at a line end."""
    checker = _hyphenator()
    if checker is None:
        return []
    pattern: str = checker.getHyphenationPattern(word)
    syllables = {i for i, mark in enumerate(pattern) if mark == "-"}
    boundaries = compound_boundaries(word)
    fixed = {0, len(word), *boundaries}
    chosen = {i for i in syllables if all(abs(i - f) >= MIN_PART for f in fixed)}
    chosen |= {b for b in boundaries if MIN_PART <= b <= len(word) - MIN_PART}
    return sorted(chosen)


@cache
def hyphenate_word(word: str, language: str = "fi") -> str:
    """``word`` with a soft hyphen at each of its break points: Finnish
    (``fi``) by :func:`break_points`, another language by its patterns
    (:func:`pattern_points`). Asked once per word in a process: a
    document's vocabulary is small, and each layout pass and stage asks again."""
    points = set(break_points(word) if language == "fi" else pattern_points(word, language))
    return "".join((SOFT_HYPHEN if i in points else "") + char for i, char in enumerate(word))


@lru_cache(maxsize=65536)
def hyphenate_text(text: str, language: str = "fi") -> str:
    """Soft-hyphenate every long word of ``text``, leaving alone tokens that
    are not prose (addresses, identifiers, numbers); once per text run (the
    PDF's HTML is prepared with and without its contents)."""
    return re.sub(r"\S+", lambda m: _token(m, language), text)


def _token(match: re.Match[str], language: str) -> str:
    token = match.group(0)
    if _NOT_PROSE.search(token):
        return token
    return _WORD.sub(lambda m: hyphenate_word(m.group(0), language), token)


def _blocks(blocks: tuple[tree.Block, ...], language: str) -> Iterator[tree.Block]:
    for block in blocks:
        yield _block(block, language)


def _block(block: tree.Block, language: str) -> tree.Block:
    if getattr(block, "role", "") == VERBATIM:
        return block
    if isinstance(block, tree.Paragraph):
        return replace(block, children=_inlines(block.children, language))
    if isinstance(block, tree.ListBlock):
        items = tuple(replace(i, blocks=tuple(_blocks(i.blocks, language))) for i in block.items)
        return replace(block, items=items)
    if isinstance(block, tree.Note):
        return replace(block, blocks=tuple(_blocks(block.blocks, language)))
    return block  # headings stay whole; so do table cells (narrow columns
    # would break at every hyphenation point and lose their minimum width)


def _inlines(items: tuple[tree.Inline, ...], language: str) -> tuple[tree.Inline, ...]:
    out: list[tree.Inline] = []
    for item in items:
        if isinstance(item, tree.Text):
            out.append(tree.Text(hyphenate_text(item.text, language)))
        elif isinstance(item, tree.Emph | tree.Strong | tree.Change):
            out.append(replace(item, children=_inlines(item.children, language)))
        else:
            out.append(item)  # links, source references, images; and a passage in another
            # language, which the document's rules would break wrongly (the page's CSS
            # hyphenates it by its lang, with the patterns of that language)
    return tuple(out)


def keep_whole(html: str, words: set[str], language: str = "fi") -> str:
    """``html`` with the soft hyphens taken out of each of ``words`` (whole
    words only, longest first: the result does not depend on set order), as
    :func:`hyphenate_word` put them there for ``language``."""
    if not language:
        return html  # nothing was hyphenated
    for word in sorted(words, key=lambda w: (-len(w), w)):
        hyphenated_word = re.escape(hyphenate_word(word, language))
        pattern = rf"(?<![^\W\d_]|{SOFT_HYPHEN}){hyphenated_word}(?![^\W\d_]|{SOFT_HYPHEN})"
        html = re.sub(pattern, word, html)
    return html


def words_to_keep_whole(pages: list[list[list[str]]], html: str) -> set[str]:
    """The words a layout must not break: those that end a line beyond
    :data:`MAX_RUN` hyphenated lines in a row (:func:`overlong_runs`), and
    those broken across a page (a reader turns the page mid-word, and text
    extraction joins the head to the footer). ``pages`` are the laid-out
    lines, page by page and block by block; ``html`` the text laid out."""
    words = overlong_runs([block for page in pages for block in page])
    for page in pages:
        last = page[-1][-1] if page and page[-1] else ""
        head = _HYPHENATED_END.search(last)
        if head:
            words |= _words_starting(html, head.group(1))
    return words


def _words_starting(html: str, head: str) -> set[str]:
    """Every word of ``html`` that begins with the soft-hyphenated ``head``."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(head)}{SOFT_HYPHEN}(?:[^\W\d_]|{SOFT_HYPHEN})+")
    return {m.group(0).replace(SOFT_HYPHEN, "") for m in pattern.finditer(html)}


def overlong_runs(lines: list[list[str]]) -> set[str]:
    """The words that end a line beyond :data:`MAX_RUN` hyphenated lines in
    a row. ``lines`` are the laid-out lines of each block, each line the text
    as drawn (a hyphenated line ends in a soft hyphen and the hyphen drawn)."""
    words: set[str] = set()
    for block in lines:
        run = 0
        for i, line in enumerate(block):
            run = run + 1 if _HYPHENATED_END.search(line) and i + 1 < len(block) else 0
            if run > MAX_RUN:
                head = _HYPHENATED_END.search(line)
                tail = re.match(r"(?:[^\W\d_]|\u00ad)*", block[i + 1])
                assert head is not None and tail is not None
                words.add((head.group(1) + tail.group(0)).replace(SOFT_HYPHEN, ""))
                run = 0
    return words


_HYPHENATED_END = re.compile(r"([^\W\d_]+(?:\u00ad[^\W\d_]+)*)\u00ad\S?$")
