"""The collection site's accessibility statement (*saavutettavuusseloste*).

Public-sector web content in Finland must have one (laki digitaalisten
palvelujen tarjoamisesta 306/2019). ``build`` writes
``saavutettavuusseloste.html`` from the project's data, nothing from the
clock and nothing guessed:

- what the site covers: the index, this statement and every document of the
  collection (its web page, PDF, DOCX and Akoma Ntoso files), the catalogue
  entries as metadata only;
- its conformance to WCAG 2.1 AA as far as someohje's own checks establish
  it (axe-core and the Nu HTML checker on every web page, page-validation's
  PDF/UA-1 on every PDF): *partly* conformant, since automated checks cover
  only part of the criteria;
- the known exceptions, from the data: a reconstructed text, no testing with
  screen readers, the DOCX files checked for structure only, the search
  needing JavaScript and a web server, the project's own templates if it
  has any (the checks do not cover them);
- the feedback channel and the supervising authority from ``accessibility:``
  in ``project.yaml``, a visible ``TÄYDENNÄ`` placeholder until given;
- its date: ``accessibility: date``, else the collection's latest decision
  date, saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.confine import Refused, confined
from ..content.languages import same_language
from ..content.project import Project, defaults_root
from ..content.shared import organisation_in
from ..content.texts import FINNISH, Words
from ..content.theme import Theme
from ..finnish import finnish_date
from ..messages import gettext as _
from ..model import Collection, TextOrigin
from .catalogue import INDEX_HTML, STATEMENT_HTML, Item
from .site_languages import FINNISH_SITE, SiteLanguage, alternates

__all__ = ["STATEMENT_HTML", "Statement", "own_templates", "statement", "statement_html"]
TEMPLATE = "saavutettavuusseloste.html.j2"

#: what someohje's own checks establish for the pages and files it writes (its test suite runs them)
CHECKS = ("statement.check_axe", "statement.check_nu", "statement.check_pdf")


@dataclass(frozen=True)
class Page:
    """A document of the statement's scope, with its web page if it has one."""

    title: str
    href: str  #: its web page; ``""`` for a catalogue entry or a build without HTML
    language: str = ""  #: its title's language when it is not the statement's


@dataclass(frozen=True)
class Given:
    """A fact the municipality gives: its text, and the language it is
    in when that is not the statement's (the first language's value stands in)."""

    text: str
    language: str = ""


@dataclass(frozen=True)
class Statement:
    """Everything the statement page shows, in its language."""

    organisation: str
    web: str
    documents: tuple[Page, ...]
    catalogue: tuple[str, ...]
    checks: tuple[str, ...]
    exceptions: tuple[str, ...]
    feedback: Given
    supervisor: Given
    date_text: str
    date_note: str
    index_href: str = INDEX_HTML
    language: str = "fi-FI"  #: the BCP 47 tag of its language
    words: Words = FINNISH  #: the table of texts in its language
    #: the statement in the site's other languages: (tag, file, the link's words)
    alternates: tuple[tuple[str, str, str], ...] = ()
    href: str = STATEMENT_HTML  #: its own file
    catalogue_language: str = ""  #: the catalogue entries' language when it is not the statement's


def statement(
    collection: Collection,
    index: Sequence[Item],
    project: Project,
    *,
    search: bool,
    site: Sequence[SiteLanguage] = (),
    language: SiteLanguage | None = None,
) -> Statement:
    """The statement of the collection as ``index`` lists its built files,
    in ``language`` (one of ``site``; none given, Finnish, the only one);
    ``search`` says whether the site has its search index."""
    here = language or FINNISH_SITE
    w, tag = here.words, here.pages.language
    pages = []
    for item in index:
        if item.status != "catalogue":
            html = next((f.file for f in item.outputs if f.format == "html"), "")
            pages.append(Page(item.title, html, "" if same_language(item.language, tag) else item.language))
    first = site[0].pages.language if site else tag
    date_text, date_note = _date(collection, w)
    return Statement(
        organisation=organisation_in(collection.organisation, w).name,
        web=collection.organisation.web,
        documents=tuple(pages),
        catalogue=tuple(i.title for i in index if i.status == "catalogue"),
        checks=tuple(w(key) for key in CHECKS),
        exceptions=tuple(_exceptions(collection, project, w, search=search)),
        **_given(collection, here, first),
        date_text=date_text,
        date_note=date_note,
        index_href=here.pages.index,
        language=tag,
        words=w,
        alternates=tuple(alternates(here, site, "statement")),
        href=here.pages.statement,
        catalogue_language="" if same_language(first, tag) else first,
    )


def _given(collection: Collection, here: SiteLanguage, first: str) -> dict[str, Given]:
    """The feedback channel and the supervisor in the statement's language:
    its own (``accessibility: sv:``) in the site's other language, else the
    first language's marked as such, else a placeholder to fill in."""
    facts, w = collection.accessibility, here.words
    in_first = same_language(first, here.pages.language)
    own = ("", "") if in_first else facts.in_language(w.code)
    block = "" if in_first else f"{w.code}: "
    out = {}
    for name, mine, main in (("feedback", own[0], facts.feedback), ("supervisor", own[1], facts.supervisor)):
        if mine or (main and in_first):
            out[name] = Given(mine or main)
        elif main:
            out[name] = Given(main, first)
        else:
            out[name] = Given(w("statement.missing", what=w(f"statement.missing_{name}", block=block)))
    return out


def _date(collection: Collection, w: Words) -> tuple[str, str]:
    """The statement's date and what it is: given, or the latest decision."""
    if collection.accessibility.date is not None:
        return finnish_date(collection.accessibility.date), ""
    days = [h.date.date for d in collection.documents for h in d.handlings if h.decided and h.date.date]
    if not days:
        return w("statement.missing", what=w("statement.missing_date")), ""
    return finnish_date(max(days)), w("statement.date_note")


def _exceptions(collection: Collection, project: Project, w: Words, *, search: bool) -> list[str]:
    out = [
        w("statement.gap_reconstruction", title=d.title)
        for d in collection.documents
        if d.text_origin is TextOrigin.RECONSTRUCTION
    ]
    out.append(w("statement.gap_screen_readers"))
    out.append(w("statement.gap_docx"))
    out.append(w("statement.gap_akn"))
    if search:
        out.append(w("statement.gap_search"))
    own = own_templates(project)
    if own:
        out.append(w("statement.gap_templates", templates=", ".join(own)))
    return out


def own_templates(project: Project) -> list[str]:
    """The project's templates that are not someohje's own (the checks
    cover someohje's): those with no shipped file of the name, or other bytes."""
    shipped = (defaults_root() / "templates").resolve()
    folder = project.template_dirs[0]
    if folder.resolve() == shipped:
        return []
    out: list[str] = []
    for path in sorted(folder.glob("*.j2")):
        try:
            mine = confined(folder, path.name, what=_("template")).read_bytes()
        except Refused:
            out.append(path.name)
            continue
        default = shipped / path.name
        if not default.is_file() or default.read_bytes() != mine:
            out.append(path.name)
    return out


def statement_html(page: Statement, theme: Theme, template_dirs: Sequence[Path]) -> bytes:
    """The statement page (``saavutettavuusseloste.html.j2``): accessible,
    no JavaScript, relative links."""
    from ..render.html import environment, render_template

    context = {"s": page, "law": page.words("statement.law"), "w": page.words, "t": theme, "theme": theme}
    return render_template(environment(template_dirs), TEMPLATE, context, template_dirs).encode("utf-8")
