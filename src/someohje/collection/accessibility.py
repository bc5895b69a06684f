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
from ..content.placeholders import placeholder
from ..content.project import Project, defaults_root
from ..content.theme import Theme
from ..finnish import finnish_date
from ..model import Collection, TextOrigin
from .catalogue import INDEX_HTML, STATEMENT_HTML, Item

__all__ = ["STATEMENT_HTML", "Statement", "own_templates", "statement", "statement_html"]
TEMPLATE = "saavutettavuusseloste.html.j2"
LAW = "laki digitaalisten palvelujen tarjoamisesta (306/2019)"

#: what someohje's own checks establish for the pages and files it writes (its test suite runs them)
CHECKS = (
    "axe-core (WCAG 2.1 A- ja AA-tason säännöt) Chromium-selaimessa: ei havaittuja virheitä verkkosivuilla",
    "Nu HTML Checker: ei virheitä verkkosivujen HTML-koodissa",
    "page-validation: PDF-tiedostot täyttävät PDF/UA-1-vaatimukset, arkistoversiot myös PDF/A-3a-vaatimukset",
)


@dataclass(frozen=True)
class Page:
    """A document of the statement's scope, with its web page if it has one."""

    title: str
    href: str  #: its web page; ``""`` for a catalogue entry or a build without HTML


@dataclass(frozen=True)
class Statement:
    """Everything the statement page shows."""

    organisation: str
    web: str
    documents: tuple[Page, ...]
    catalogue: tuple[str, ...]
    checks: tuple[str, ...]
    exceptions: tuple[str, ...]
    feedback: str
    supervisor: str
    date_text: str
    date_note: str
    index_href: str = INDEX_HTML


def statement(collection: Collection, index: Sequence[Item], project: Project, *, search: bool) -> Statement:
    """The statement of the collection as ``index`` lists its built files;
    ``search`` says whether the site has its search index."""
    pages = []
    for item in index:
        if item.status != "catalogue":
            html = next((f.file for f in item.outputs if f.format == "html"), "")
            pages.append(Page(item.title, html))
    facts = collection.accessibility
    date_text, date_note = _date(collection)
    return Statement(
        organisation=collection.organisation.name,
        web=collection.organisation.web,
        documents=tuple(pages),
        catalogue=tuple(i.title for i in index if i.status == "catalogue"),
        checks=CHECKS,
        exceptions=tuple(_exceptions(collection, project, search=search)),
        feedback=facts.feedback or placeholder("palautekanava (project.yaml, accessibility: feedback)"),
        supervisor=facts.supervisor
        or placeholder("valvontaviranomainen yhteystietoineen (project.yaml, accessibility: supervisor)"),
        date_text=date_text,
        date_note=date_note,
    )


def _date(collection: Collection) -> tuple[str, str]:
    """The statement's date and what it is: given, or the latest decision."""
    if collection.accessibility.date is not None:
        return finnish_date(collection.accessibility.date), ""
    days = [h.date.date for d in collection.documents for h in d.handlings if h.decided and h.date.date]
    if not days:
        return placeholder("selosteen päivämäärä (project.yaml, accessibility: date)"), ""
    note = "kokoelman viimeisimmän päätöksen päivä; seloste kuvaa sivuston sellaisena kuin päätökset sen antavat"
    return finnish_date(max(days)), note


def _exceptions(collection: Collection, project: Project, *, search: bool) -> list[str]:
    out = [
        f"{d.title}: teksti on jälkikäteen päätösasiakirjoista laadittu rekonstruktio, ei toimielimen hyväksymä "
        "sanamuoto (asiakirja kertoo tämän alussa)."
        for d in collection.documents
        if d.text_origin is TextOrigin.RECONSTRUCTION
    ]
    out.append("Sivustoa ja sen tiedostoja ei ole testattu ruudunlukuohjelmilla; tarkistukset ovat automaattisia.")
    out.append(
        "DOCX-tiedostoista tarkistetaan rakenne (otsikko- ja luettelotyylit, kieli), ei saavutettavuutta "
        "saavutettavuustyökalulla."
    )
    out.append("Akoma Ntoso -tiedostot (XML) ovat tietojärjestelmiä varten; sama sisältö on verkkosivuna.")
    if search:
        out.append(
            "Haku toimii JavaScriptillä, kun sivusto on verkkopalvelimella; ilman niitä asiakirjat löytyvät "
            "hakemistosivun luettelosta."
        )
    own = own_templates(project)
    if own:
        out.append(
            f"Sivusto käyttää omia sivupohjia ({', '.join(own)}), joita edellä mainitut tarkistukset eivät kata: "
            "ne on tarkistettava erikseen."
        )
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
            mine = confined(folder, path.name, what="template").read_bytes()
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

    context = {"s": page, "law": LAW, "t": theme, "theme": theme}
    return render_template(environment(template_dirs), TEMPLATE, context, template_dirs).encode("utf-8")
