"""A document in Swedish (``language: sv-FI``) comes out wholly in Swedish.

The fixture ``tests/fixtures/exempelby`` is a fictional bilingual
municipality's Swedish guideline. Built in every format, its outputs carry
the Swedish language mark, pass the validators the Finnish ones pass, are
hyphenated by Swedish patterns, and hold no Finnish generated text: every
Finnish entry of the table of generated texts is looked for in the text of
each PDF, DOCX and HTML, the minutes extract and the agenda attachment too.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from helpers import FIXTURES, Result, append, edit, fails, finnish_in, reseal, run_cli, tool
from someohje.content.checkers import checker
from someohje.content.texts import TEXTS, fields_of
from someohje.render.hyphenation import SOFT_HYPHEN, hyphenate_word, pattern_points
from test_validators import VNU_JAR, axe_violations, page_failures

STEM = "exempelby-kommuns-dataskyddsanvisning"
MEETING = "fge-2023-05-15"


@pytest.fixture(scope="module")
def swedish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's every output (guideline, stage, attachment, extract,
    redline) in HTML, DOCX and PDF, and the guideline's AKN, in one folder."""
    root = tmp_path_factory.mktemp("sv") / "exempelby"
    shutil.copytree(FIXTURES / "exempelby", root)
    out = root / "build"
    for command in (
        ("build",),
        ("build", "--stage", "kst-2023-04-03", "--format", "html,docx,pdf"),
        ("attachment", "--meeting", MEETING),
        ("extract", "--meeting", MEETING),
        ("diff",),
    ):
        result = run_cli(command[0], str(root), *command[1:], "--out", str(out))
        assert result.code == 0, result.err
    return out


def pdf_text(path: Path, *args: str) -> str:
    command = [tool("pdftotext"), *args, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def docx_text(path: Path) -> str:
    """The text of every part a reader sees: body, header, footer, the
    document properties (custom property names included) and the styles' names."""
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.endswith(".xml")]
        xml = {n: z.read(n).decode("utf-8") for n in parts}
    runs = [t for n, x in xml.items() if n.startswith("word/") for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)<", x)]
    runs += re.findall(r'<w:name w:val="([^"]*)"', xml.get("word/styles.xml", ""))  # the style list Word shows
    props = [
        re.sub(r"<[^>]+>", " ", x) + " ".join(re.findall(r'name="([^"]*)"', x))
        for n, x in xml.items()
        if "docProps" in n
    ]
    return " ".join([*runs, *props])


def html_text(path: Path) -> str:
    """The page's text with its labels for screen readers (aria-label, title, alt)."""
    tree = lxml_html.fromstring(path.read_bytes())
    labels = [v for attr in ("aria-label", "title", "alt") for v in tree.xpath(f"//@{attr}")]
    return " ".join([tree.text_content(), *map(str, labels)])


def flat(text: str) -> str:
    """``text`` as running words: a line-end hyphen rejoined, whitespace one space."""
    return " ".join(re.sub(r"-\n(?=\w)", "", text.replace(SOFT_HYPHEN, "")).split())


def outputs(folder: Path, suffix: str) -> list[Path]:
    found = sorted(folder.glob(f"*{suffix}"))
    assert len(found) >= 4, found  # guideline, attachment, extract, redline (the stage is in stage/)
    return found


def test_every_output_is_built_with_swedish_file_names(swedish: Path) -> None:
    names = {p.name for p in swedish.iterdir()}
    for name in (
        f"{STEM}.pdf",
        f"{STEM}.docx",
        f"{STEM}.html",
        f"{STEM}.akn.xml",
        f"{STEM}-{MEETING}-s12-bilaga-1.pdf",
        f"{STEM}-{MEETING}-s12-protokollsutdrag.pdf",
        f"{STEM}-kst-2023-04-03-s31.pdf",
        f"{STEM}-andringar-kst-2023-04-03-s31-{MEETING}-s12.pdf",
    ):
        assert name in names, sorted(names)


def test_no_finnish_generated_text_in_a_swedish_output(swedish: Path) -> None:
    texts = {p.name: flat(pdf_text(p)) for p in outputs(swedish, ".pdf")}
    texts |= {p.name: flat(docx_text(p)) for p in outputs(swedish, ".docx")}
    texts |= {p.name: flat(html_text(p)) for p in outputs(swedish, ".html")}  # the site's own pages too
    assert len(texts) >= 13  # five PDFs and DOCX files, the pages of the guideline, the stage, the redline
    assert {name: finnish_in(text) for name, text in texts.items() if finnish_in(text)} == {}
    guideline = texts[f"{STEM}.pdf"]
    assert "Godkänd: Kommunfullmäktige 15.5.2023 § 12" in guideline
    assert "Behandlingshistorik" in guideline and "Godkände texten med två tillägg" in guideline
    assert "(Fge 15.5.2023 § 12, tillägg 1)" in guideline
    extract = texts[f"{STEM}-{MEETING}-s12-protokollsutdrag.pdf"]
    for words in ("Protokollsutdrag", "Tidigare behandling", "Besvärsanvisning", "kommunalbesvär"):
        assert words in extract
    assert "Protokollsutdragets riktighet intygar" in extract
    assert "UTKAST" not in guideline and "FÖRSLAG" in texts[f"{STEM}-{MEETING}-s12-bilaga-1.pdf"]
    assert "Bilaga 1" in texts[f"{STEM}-{MEETING}-s12-bilaga-1.pdf"]


def test_a_swedish_collections_site_is_swedish(swedish: Path) -> None:
    """A collection in Swedish alone has a Swedish index as its entry and
    a Swedish accessibility statement, and no Finnish page."""
    names = {p.name for p in swedish.iterdir()}
    assert {"index.html", "tillganglighetsutlatande.html"} <= names
    assert not names & {"saavutettavuusseloste.html", "index.sv.html"}
    index = (swedish / "index.html").read_text(encoding="utf-8")
    statement = (swedish / "tillganglighetsutlatande.html").read_text(encoding="utf-8")
    assert '<html lang="sv-FI">' in index and '<html lang="sv-FI">' in statement
    assert "hreflang" not in index  # one language: no others
    assert "<h1>Exempelby kommuns stadgor och anvisningar</h1>" in index  # theme.yaml: texts: sv: site.heading
    assert '<a href="tillganglighetsutlatande.html">Tillgänglighetsutlåtande</a>' in index
    assert "<h1>Tillgänglighetsutlåtande</h1>" in statement
    assert "KOMPLETTERA: kanal för respons (project.yaml, accessibility: feedback)" in statement
    page = (swedish / f"{STEM}.html").read_text(encoding="utf-8")
    assert '<a href="index.html">Alla stadgor och anvisningar</a>' in page
    assert '<a href="tillganglighetsutlatande.html">Tillgänglighetsutlåtande</a>' in page


def test_the_site_texts_have_the_same_fields_in_both_languages() -> None:
    """The site's pages place a link or a mark where an entry has its field
    (``{index}``, ``{partly}``): both columns have it, once."""
    site = {k: v for k, v in TEXTS.items() if k.startswith(("site.", "statement."))}
    assert len(site) > 50
    assert [key for key, (fi, sv) in site.items() if fields_of(fi) != fields_of(sv)] == []
    assert [key for key, (fi, sv) in TEXTS.items() if not fi.strip() or not sv.strip()] == []


def test_the_finnish_check_finds_finnish(swedish: Path) -> None:
    """The check above would see a Finnish generated word."""
    assert finnish_in("Hyväksytty: Kunnanvaltuusto 14.6.2022 § 37") == ["Hyväksytty", "Kunnanvaltuusto"]
    assert "Pöytäkirjanotteen oikeaksi todistaa" in finnish_in("x Pöytäkirjanotteen oikeaksi todistaa y")


def test_a_theme_override_of_a_swedish_text_shows(swedish: Path) -> None:
    extract = flat(pdf_text(swedish / f"{STEM}-{MEETING}-s12-protokollsutdrag.pdf"))
    assert "Delges för kännedom" in extract  # templates/theme.yaml: texts: sv: extract.distribution
    assert "För kännedom" not in extract.replace("Delges för kännedom", "")


def test_the_archival_pdfs_metadata_describes_its_dates_in_swedish(exempelby: Path) -> None:
    """PDF/A declares the date terms it uses in an extension schema, with a
    description of each: in the document's language."""
    import pikepdf

    out = exempelby / "build"
    result = run_cli("build", str(exempelby), "--format", "pdf", "--pdf-variant", "archival", "--out", str(out))
    assert result.code == 0, result.err
    with pikepdf.open(out / f"{STEM}-arkiv.pdf") as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfaProperty:name>dateAccepted</pdfaProperty:name>" in xmp
    assert "Beslutsdag: organet godkände texten" in xmp and finnish_in(xmp) == []
    assert "Päätöspäivä" not in xmp


def test_a_swedish_pages_footnotes_have_swedish_anchors(exempelby: Path) -> None:
    section = sorted((exempelby / "content/text").glob("*.md"))[0]
    text = section.read_text(encoding="utf-8")
    first = text.split("\n\n")[1]  # the first paragraph after the heading
    section.write_text(text.replace(first, first + "[^1]", 1) + "\n[^1]: Se dataskyddslagen.\n", encoding="utf-8")
    reseal(exempelby)
    out = exempelby / "build"
    assert run_cli("build", str(exempelby), "--format", "html", "--out", str(out)).code == 0
    page = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert '<a class="footnote-ref" href="#fotnot-1" id="fotnotshanvisning-1" role="doc-noteref">' in page
    assert '<h2 id="fotnoter">Fotnoter</h2>' in page and '<li id="fotnot-1">' in page
    assert "alaviite" not in page


def test_every_format_marks_the_language_swedish(swedish: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(swedish / f"{STEM}.pdf") as pdf:
        assert str(pdf.Root.Lang) == "sv-FI"
    assert '<html lang="sv-FI">' in (swedish / f"{STEM}.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(swedish / f"{STEM}.docx") as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8")
    assert 'w:lang w:val="sv-FI"' in styles and 'w:val="fi-FI"' not in styles
    assert "<dc:language>sv-FI</dc:language>" in core
    akn = (swedish / f"{STEM}.akn.xml").read_text(encoding="utf-8")
    assert '<FRBRlanguage language="swe"/>' in akn and 'xml:lang="sv-FI"' in akn


def test_the_pdf_is_hyphenated_by_swedish_patterns(swedish: Path) -> None:
    lines = [line.strip() for line in pdf_text(swedish / f"{STEM}.pdf", "-layout").splitlines()]
    broken = [
        (head.group(1), tail.group(0))
        for line, following in itertools.pairwise(lines)
        if (head := re.search(r"(\w+)-$", line)) and (tail := re.match(r"\w+", following))
    ]
    assert broken, "no word of the Swedish guideline was hyphenated"
    for head, tail in broken:
        assert len(head) in pattern_points(head + tail, "sv"), (head, tail)
    word = "informationssäkerhetsprinciper"
    assert ("informationssäker", "hetsprinciper") in broken  # Pyphen sv: informations-sä-ker-hets-prin-ci-per
    assert SOFT_HYPHEN not in hyphenate_word(word, "fi")  # Voikko's Finnish rules would not break it


def test_every_swedish_pdf_passes_pdf_ua_1(swedish: Path) -> None:
    for pdf in outputs(swedish, ".pdf"):
        assert page_failures(pdf, "ua1") == [], pdf.name


def test_every_swedish_html_page_has_no_nu_checker_errors(swedish: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker needs java (apt-get install default-jre-headless) and npm install")
    pages = outputs(swedish, ".html")  # the documents' pages and the site's index and statement
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_every_swedish_html_page_has_no_wcag_21_aa_violations(swedish: Path, browser: Any) -> None:
    for page in outputs(swedish, ".html"):
        assert axe_violations(browser, page) == [], page.name


@pytest.fixture
def exempelby(tmp_path: Path) -> Path:
    root = tmp_path / "exempelby"
    shutil.copytree(FIXTURES / "exempelby", root)
    return root


def test_an_unknown_text_key_in_the_theme_names_file_and_line(exempelby: Path, cli: Callable[..., Result]) -> None:
    line = append(exempelby / "templates/theme.yaml", "    extract.distributon: Delges\n")
    fails(
        cli,
        exempelby,
        f"exempelby/templates/theme.yaml:{line}: unknown text 'extract.distributon' in texts sv "
        "(did you mean 'extract.distribution'?)",
    )


def test_a_text_override_with_a_field_the_entry_lacks_is_an_error(exempelby: Path, cli: Callable[..., Result]) -> None:
    line = append(exempelby / "templates/theme.yaml", "    approval.approved: 'Godkänd {date}'\n")
    fails(
        cli,
        exempelby,
        f"exempelby/templates/theme.yaml:{line}: text 'approval.approved' in texts sv may use only the fields "
        "{body}, {when}, as the entry does",
    )


def test_a_swedish_document_needs_the_bodies_swedish_forms(exempelby: Path, cli: Callable[..., Result]) -> None:
    project = exempelby / "content/project.yaml"
    text = project.read_text(encoding="utf-8")
    start = text.index("    sv:\n      name: Kommunfullmäktige")
    project.write_text(text[:start] + text[text.index("documents:") :], encoding="utf-8")
    line = text[: text.index("  fge:")].count("\n") + 2
    language = edit(exempelby / "content/document.yaml", "language: sv-FI", "language: sv-FI")
    fails(
        cli,
        exempelby,
        f"exempelby/content/project.yaml:{line}: body 'fge' has no Swedish forms, which a document in sv-FI needs "
        f"(exempelby/content/document.yaml:{language}): add 'sv:' with name, abbreviation, genitive and allative",
    )


def test_check_spell_checks_swedish_with_hunspell_and_names_a_misspelt_word(
    exempelby: Path, cli: Callable[..., Result]
) -> None:
    result = cli("check", str(exempelby), cwd=exempelby.parent)
    assert result.code == 0, result.err
    if checker("sv") is None:
        assert "Spell check: skipped, the document's language is sv-FI" in result.out
        assert "apt-get install hunspell-sv" in result.out
        pytest.skip("Hunspell's sv_FI is not installed (apt-get install hunspell-sv): the skip line said so")
    assert re.search(r"Spell check: \d+ words checked with Hunspell's Swedish dictionary \(sv_FI;", result.out)
    section = next(p for p in sorted((exempelby / "content/text").glob("*.md")) if "personuppgifter" in p.read_text())
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("personuppgifter", "personuppgiter", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(section.read_text("utf-8").splitlines(), 1) if "personuppgiter" in t)
    reseal(exempelby)
    result = cli("check", str(exempelby), cwd=exempelby.parent)
    assert result.code == 1
    shown = f"exempelby/content/text/{section.name}:{line}: unknown word 'personuppgiter' (suggestions: "
    assert shown in result.err and "personuppgifter" in result.err.split(shown)[1].split("\n")[0]
    assert "1 unknown" in result.out


def test_the_summary_says_how_to_install_the_swedish_dictionary_when_it_is_missing() -> None:
    from someohje.commands.summary import spell_summary
    from someohje.content.spell import SpellReport

    line = spell_summary(SpellReport(True, 0, (), "sv-FI", swedish_available=False), "document.yaml")
    assert line.startswith("Spell check: skipped, the document's language is sv-FI (document.yaml: language) and ")
    assert "apt-get install hunspell-sv && pip install chunspell" in line


# --- esimerkkilä's Swedish version: a bilingual municipality's guideline ------------------------

SV_VERSION = "tietoturvaohje.sv-FI"
SV_STEM = "esimerkkila-kommuns-anvisning-om-informationssakerhet"
PENDING = (
    "  - id: kh-2025-04-07\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
    "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
)


@pytest.fixture(scope="module")
def version(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Swedish version's text, and the package of a board meeting that
    handles the guideline again, in HTML, DOCX and PDF, in one folder."""
    root = tmp_path_factory.mktemp("version") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    meta = root / "content/document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", PENDING + "text_stage:"), encoding="utf-8")
    out = root / "build"
    for command in (("build",), ("package", "--meeting", "kh-2025-04-07")):
        result = run_cli(command[0], str(root), *command[1:], "--document", SV_VERSION, "--format", "html,docx,pdf")
        assert result.code == 0, result.err
    return out


def test_the_swedish_version_of_a_finnish_document_holds_no_finnish_generated_text(version: Path) -> None:
    files = [p for p in [*version.iterdir(), *(version / "kh-2025-04-07").iterdir()] if p.name.startswith(SV_STEM)]
    name = {p: str(p.relative_to(version)) for p in files}
    texts = {name[p]: flat(pdf_text(p)) for p in files if p.suffix == ".pdf"}
    texts |= {name[p]: flat(docx_text(p)) for p in files if p.suffix == ".docx"}
    texts |= {name[p]: flat(html_text(p)) for p in files if p.suffix == ".html"}
    assert len(texts) >= 12, sorted(texts)  # the text, the attachment, the proposal and the redline, in three formats
    assert {name: finnish_in(text) for name, text in texts.items() if finnish_in(text)} == {}
    guideline = texts[f"{SV_STEM}.pdf"].replace("\u00a0", " ")
    assert "Godkänd: Kommunfullmäktige 12.6.2023 § 18" in guideline and "Esimerkkilä kommun" in guideline
    assert "efter två minuter. (Ändrat Fge 10.6.2024 § 22)" in guideline  # the amendment, in Swedish, cited so
    assert "Esimerkkilän kunta" not in " ".join(texts.values())
