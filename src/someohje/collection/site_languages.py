"""The languages of the collection's site, and the names of its own pages in each.

The site speaks every language its documents are in, as far as the table of
generated texts (:mod:`someohje.content.texts`) holds it: Finnish and
Swedish. Its first language is its first document's: that language's index
is ``index.html``, the site's entry; another language's is
``index.<code>.html`` (``index.sv.html``). Each language has its own
accessibility statement, named in that language (``saavutettavuusseloste.html``,
``tillganglighetsutlatande.html``). A monolingual Finnish collection has
exactly the pages it always had, and a Swedish one a Swedish ``index.html``.

:func:`site_pages` needs only the documents' language tags, so that a
build with nothing to do can tell whether every page is in place without
loading the collection.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..content.languages import version_link
from ..content.texts import FINNISH, LANGUAGES, Words, column
from ..model import Collection
from ..slug import INDEX_STEM, STATEMENT_STEMS


@dataclass(frozen=True)
class SitePages:
    """One language of the site: its tag and the names of its two pages."""

    code: str  #: ``fi`` or ``sv``: the column of the table of texts
    language: str  #: the BCP 47 tag its pages carry: its first document's (``sv-FI``)
    index: str  #: ``index.html`` (the first language), ``index.sv.html``
    statement: str  #: ``saavutettavuusseloste.html``, ``tillganglighetsutlatande.html``


def site_pages(languages: Iterable[str]) -> list[SitePages]:
    """The site's languages, its first first, from its documents' language
    tags in the collection's order (``""``: Finnish, the default)."""
    tags: dict[str, str] = {}
    for tag in languages:
        code = LANGUAGES[column(tag or "fi-FI")]  # a language the table does not hold is written in Finnish
        if code not in tags:
            tags[code] = tag if tag.split("-")[0].lower() == code else f"{code}-FI"
    out = []
    for number, (code, tag) in enumerate(tags.items()):
        index = f"{INDEX_STEM}.html" if number == 0 else f"{INDEX_STEM}.{code}.html"
        out.append(SitePages(code, tag, index, f"{STATEMENT_STEMS[code]}.html"))
    return out or [SitePages("fi", "fi-FI", f"{INDEX_STEM}.html", f"{STATEMENT_STEMS['fi']}.html")]


@dataclass(frozen=True)
class SiteLanguage:
    """A language of the site with the texts its pages are written in."""

    pages: SitePages
    words: Words  #: the table in that language, with the theme's overrides


#: the site of a Finnish collection: what a page is made in when no site is given
FINNISH_SITE = SiteLanguage(site_pages([])[0], FINNISH)


def site_languages(collection: Collection) -> list[SiteLanguage]:
    """The languages of ``collection``'s site, each with its documents'
    table of texts (the theme's overrides included)."""
    out = []
    for pages in site_pages(d.language for d in collection.documents):
        words = next((d.words for d in collection.documents if d.words.code == pages.code), None)
        out.append(SiteLanguage(pages, words or Words(pages.language)))
    return out


def pages_for(language: str, site: Sequence[SiteLanguage]) -> SitePages:
    """The pages a document in ``language`` links back to: those of its
    language, else of the site's first."""
    code = LANGUAGES[column(language or "fi-FI")]
    return next((s.pages for s in site if s.pages.code == code), site[0].pages)


def alternates(here: SiteLanguage, site: Sequence[SiteLanguage], page: str) -> list[tuple[str, str, str]]:
    """The site's other languages as (tag, their ``page``: ``index`` or
    ``statement``, the link's words in that language: ``På svenska``)."""
    return [
        (s.pages.language, getattr(s.pages, page), version_link(s.pages.language))
        for s in site
        if s.pages != here.pages
    ]
