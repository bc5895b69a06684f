"""The collection site a municipality may publish: the accessibility
statement (laki 306/2019) on every page, and a static Pagefind search.

The search is driven in headless Chromium (Selenium) against the built site
served by a plain static HTTP server on 127.0.0.1 that the test starts and
stops; axe-core and the Nu HTML checker check the pages as
``render/test_validators.py`` does.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from helpers import AXE_JS, FIXTURES, REPO, STEM, Result, finnish_in, finnish_only, run_cli, snapshot

STATEMENT = "saavutettavuusseloste.html"
SV_INDEX = "index.sv.html"  #: the bilingual collection's index in Swedish
SV_STATEMENT = "tillganglighetsutlatande.html"  #: and its accessibility statement
SV_TIETOTURVA = "esimerkkila-kommuns-anvisning-om-informationssakerhet"
TIETOTURVA = "esimerkkilan-kunnan-tietoturvaohje"
SAANTO = "esimerkkilan-kunnan-hallintosaanto"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WAIT = 20.0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site") / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    result = run_cli("build", str(root), "--format", "html,pdf")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].startswith(f"wrote {root / 'build' / 'pagefind'}/ (search index: ")
    return root / "build"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site on a static web server on 127.0.0.1 (no someohje in it)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def links(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))


# --- the accessibility statement --------------------------------------------------------


def test_every_page_of_the_site_links_the_statement(site: Path) -> None:
    for name in ("index.html", f"{TIETOTURVA}.html", f"{SAANTO}.html"):
        assert STATEMENT in links(site / name), name
        assert SV_STATEMENT not in links(site / name), name
    assert "index.html" in links(site / STATEMENT)


def test_a_bilingual_site_has_its_index_and_statement_in_both_languages_each_linking_the_other(site: Path) -> None:
    """The Swedish pages link the Swedish ones, and each page names its
    other-language page both for search engines (hreflang) and for people."""
    for name in (f"{SV_TIETOTURVA}.html", SV_INDEX):
        assert SV_STATEMENT in links(site / name) and STATEMENT not in links(site / name), name
    assert SV_INDEX in links(site / SV_STATEMENT) and SV_INDEX in links(site / f"{SV_TIETOTURVA}.html")
    pairs = (("index.html", SV_INDEX), (STATEMENT, SV_STATEMENT))
    for fi, sv in pairs:
        for page, other, lang, words in ((fi, sv, "sv-FI", "På svenska"), (sv, fi, "fi-FI", "Suomeksi")):
            html = (site / page).read_text(encoding="utf-8")
            assert f'<link rel="alternate" hreflang="{lang}" href="{other}">' in html, page
            assert f'<link rel="alternate" hreflang="{lang[:2]}-FI" href="{other}">' in html
            assert f'<a href="{other}" hreflang="{lang}" lang="{lang}">{words}</a>' in html, page
    assert '<html lang="sv-FI">' in (site / SV_INDEX).read_text(encoding="utf-8")
    assert '<html lang="sv-FI">' in (site / SV_STATEMENT).read_text(encoding="utf-8")


def test_the_swedish_index_tells_the_same_history_in_swedish(site: Path) -> None:
    html = (site / SV_INDEX).read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    # grouped as the Finnish index groups them, each group named in Swedish where a version names it
    assert "<h1>Stadgor och anvisningar</h1>" in html and "<caption>Anvisning: 3 handlingar</caption>" in html
    assert "Godkänd: Kommunfullmäktige 12.6.2023 § 18" in text and "Fge 10.6.2024 § 22" in text
    assert "Ändrad 10.6.2024 · i kraft från 1.8.2024" in text
    # the Swedish version first in the Swedish index, the Finnish one after it, its title marked Finnish
    assert html.index('<tr id="tietoturvaohje.sv-FI">') < html.index('<tr id="tietoturvaohje" lang="fi-FI">')
    assert '<h2 id="ryhma-2" lang="fi-FI">Hallintosääntö</h2>' in html  # no Swedish version: its own type
    assert '<tr id="hankintaohje" lang="fi-FI">' in html  # a catalogue entry is in the site's first language


def test_the_swedish_pages_hold_no_unmarked_finnish(site: Path) -> None:
    """What is Finnish on a Swedish page (a title, a catalogue entry's
    note) is marked ``lang="fi-FI"``; everything else holds no Finnish
    generated text."""
    from lxml import html as lxml_html

    for name in (SV_INDEX, SV_STATEMENT):
        tree = lxml_html.fromstring((site / name).read_bytes())
        for node in tree.xpath("//script | //style | //*[@lang][starts-with(@lang, 'fi')]"):
            node.drop_tree()
        text = " ".join(tree.text_content().split())
        assert len(text) > 500, name
        assert finnish_in(text) == [], name


def test_the_swedish_statement_uses_its_own_facts_and_marks_the_finnish_ones_standing_in(tmp_path: Path) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    project = root / "content/project.yaml"
    before = project.read_text(encoding="utf-8")
    facts = "accessibility:\n  feedback: saavutettavuus@esimerkkila.invalid\n  supervisor: Valvoja (testi)\n"
    project.write_text(before + facts, encoding="utf-8")
    assert run_cli("build", str(root), "--format", "html").code == 0
    sv = (root / "build" / SV_STATEMENT).read_text(encoding="utf-8")
    assert 'tillsynsmyndigheten: <span lang="fi-FI">Valvoja (testi)</span></p>' in sv  # not given in Swedish
    assert "KOMPLETTERA" not in sv
    project.write_text(before + facts + "  sv:\n    supervisor: Tillsynaren (test)\n", encoding="utf-8")
    assert run_cli("build", str(root), "--format", "html").code == 0
    sv = (root / "build" / SV_STATEMENT).read_text(encoding="utf-8")
    fi = (root / "build" / STATEMENT).read_text(encoding="utf-8")
    assert "tillsynsmyndigheten: Tillsynaren (test)</p>" in sv and "Tillsynaren" not in fi
    assert "valvontaviranomaiselle: Valvoja (testi)</p>" in fi


def test_the_swedish_statement_says_what_is_missing_in_swedish(site: Path) -> None:
    text = (site / SV_STATEMENT).read_text(encoding="utf-8")
    assert "KOMPLETTERA: kanal för respons (project.yaml, accessibility: sv: feedback)" in text
    assert "KOMPLETTERA: tillsynsmyndigheten med kontaktuppgifter (project.yaml, accessibility: sv: supervisor)" in text
    assert "lagen om tillhandahållande av digitala tjänster (306/2019)" in text
    assert "<p>10.6.2024 (dagen för samlingens senaste beslut;" in text


def test_the_statement_says_what_the_site_covers_and_how_it_was_checked(site: Path) -> None:
    text = (site / STATEMENT).read_text(encoding="utf-8")
    assert "laki digitaalisten palvelujen tarjoamisesta (306/2019)" in text
    assert f'<a href="{TIETOTURVA}.html">Esimerkkilän kunnan tietoturvaohje</a>' in text
    assert "Esimerkkilän kunnan hankintaohje" in text  # a catalogue entry: metadata only
    assert "WCAG 2.1 -ohjeiston AA-tason vaatimukset <strong>osittain</strong>" in text
    for tool in ("axe-core", "Nu HTML Checker", "PDF/UA-1"):
        assert tool in text
    assert "ruudunlukuohjelmilla" in text and "Haku toimii JavaScriptillä" in text
    assert "rekonstruktio" not in text  # the fictional texts are approved originals


def test_what_the_data_does_not_give_is_a_placeholder_and_the_date_is_the_last_decision(site: Path) -> None:
    text = (site / STATEMENT).read_text(encoding="utf-8")
    assert "TÄYDENNÄ: palautekanava (project.yaml, accessibility: feedback)" in text
    assert "TÄYDENNÄ: valvontaviranomainen yhteystietoineen (project.yaml, accessibility: supervisor)" in text
    assert "<p>10.6.2024 (kokoelman viimeisimmän päätöksen päivä;" in text  # never the clock


def test_the_shipped_statement_names_the_reconstruction(built: Path) -> None:
    text = (built / STATEMENT).read_text(encoding="utf-8")
    assert "Rautalammin kunnan sosiaalisen median ohje: teksti on jälkikäteen päätösasiakirjoista laadittu" in text
    assert "<p>14.6.2022 (kokoelman viimeisimmän päätöksen päivä;" in text
    assert "omia sivupohjia" not in text  # the shipped templates are someohje's own, which the checks cover


def test_the_municipality_fills_in_the_facts_in_project_yaml(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    project = root / "content" / "project.yaml"
    facts = "accessibility:\n  feedback: saavutettavuus@esimerkkila.invalid\n  supervisor: Valvoja (testi)\n"
    project.write_text(project.read_text(encoding="utf-8") + facts + "  date: 1.9.2025\n", encoding="utf-8")
    result = cli("build", str(root), "--format", "html")
    assert result.code == 0, result.err
    text = (root / "build" / STATEMENT).read_text(encoding="utf-8")
    assert "Kerro siitä meille: saavutettavuus@esimerkkila.invalid" in text and "Valvoja (testi)" in text
    assert "<p>1.9.2025</p>" in text and "TÄYDENNÄ" not in text


def test_a_bad_accessibility_field_names_its_line(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    project = root / "content" / "project.yaml"
    before = project.read_text(encoding="utf-8")
    project.write_text(before + "accessibility:\n  feedbak: x\n  date: 31.2.2025\n", encoding="utf-8")
    line = len(before.splitlines()) + 2
    result = cli("build", str(root), "--format", "html", cwd=root.parent)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        f"esimerkkila/content/project.yaml:{line}: unknown field 'feedbak' in accessibility (did you mean 'feedback'?)",
        f"esimerkkila/content/project.yaml:{line + 1}: " + result.err.splitlines()[1].split(": ", 1)[1],
    ]
    assert "31.2.2025" in result.err.splitlines()[1]
    assert not (root / "build").exists()


def test_a_language_block_the_site_has_no_use_for_names_its_line(tmp_path: Path, cli: Callable[..., Result]) -> None:
    """``fi:`` on a site whose first language is Finnish, or ``sv:`` on a
    site with no Swedish document, would be silently unused: each is a problem."""
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    project = root / "content" / "project.yaml"
    before = project.read_text(encoding="utf-8")
    project.write_text(before + "accessibility:\n  fi:\n    feedback: x\n  sv:\n    feedback: y\n", encoding="utf-8")
    line = len(before.splitlines()) + 2
    result = cli("check", str(root), "--no-spell", cwd=root.parent)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        f"esimerkkila/content/project.yaml:{line}: 'accessibility: fi' is the language of the site's first page: "
        "give its fields directly under 'accessibility:'",
    ]
    finnish_only(root)
    project.write_text(before + "accessibility:\n  sv:\n    feedback: y\n", encoding="utf-8")
    result = cli("check", str(root), "--no-spell", cwd=root.parent)
    assert result.err.splitlines() == [
        f"esimerkkila/content/project.yaml:{line}: 'accessibility: sv': no document of the collection is in this "
        "language"
    ]


def test_a_projects_own_templates_are_named_as_unchecked(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    page = (REPO / "templates" / "document.html.j2").read_text(encoding="utf-8")
    (root / "templates" / "document.html.j2").write_text(page.replace("<main", "<main class='oma'"), encoding="utf-8")
    assert cli("build", str(root), "--format", "html").code == 0
    text = (root / "build" / STATEMENT).read_text(encoding="utf-8")
    assert "Sivusto käyttää omia sivupohjia (document.html.j2), joita edellä mainitut tarkistukset eivät kata" in text


# --- the search ---------------------------------------------------------------------------


def test_the_search_index_is_pagefinds_over_the_web_pages_and_rebuilds_byte_identical(
    site: Path, tmp_path: Path
) -> None:
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fi-fi", "sv-fi"]  # the pages' lang: Finnish and Swedish stemming
    assert entry["languages"]["fi-fi"]["page_count"] == 3  # two documents and the statement, not the index
    assert entry["languages"]["sv-fi"]["page_count"] == 2  # the guideline's Swedish version and the statement
    assert list(bundle.glob("pagefind-ui*")) == []  # index.html has its own search box
    again = tmp_path / "again"
    root = site.parent
    assert run_cli("build", str(root), "--format", "html,pdf", "--force", "--out", str(again)).code == 0
    assert snapshot(again / "pagefind") == snapshot(bundle)


def test_a_rebuild_replaces_the_search_index_whole_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    assert run_cli("build", str(root), "--format", "html").code == 0
    out = root / "build"
    old = out / "pagefind" / "fragment" / "fi-fi_0000000.pf_fragment"  # an earlier index's
    old.write_bytes(b"old")
    mine = out / "muistiinpanot" / "oma.txt"  # not the build's: left alone
    mine.parent.mkdir()
    mine.write_bytes(b"oma")
    assert run_cli("build", str(root), "--format", "html", "--force").code == 0
    assert not old.exists() and mine.read_bytes() == b"oma"
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def search(browser: Any, url: str, word: str, page: str = "index.html") -> list[str]:
    """Type ``word`` into the search box of the index ``page``; the links it lists."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url + page)
    WebDriverWait(browser, WAIT).until(lambda b: b.find_element(By.ID, "haku").is_displayed())
    field = browser.find_element(By.ID, "hakusana")
    field.clear()
    field.send_keys(word)
    WebDriverWait(browser, WAIT).until(lambda b: b.find_element(By.ID, "hakutila").text)
    return [a.get_attribute("href")[len(url) :] for a in browser.find_elements(By.CSS_SELECTOR, "#hakutulokset a")]


def test_typing_a_word_finds_the_document_and_its_section(browser: Any, served: str) -> None:
    found = search(browser, served, "verkkolevylle")
    assert found[0] == f"{TIETOTURVA}.html" and f"{TIETOTURVA}.html#laitteet" in found
    assert not any(SAANTO in link for link in found)
    assert browser.find_element("id", "hakutila").text == "Osumia: 1 asiakirja"


def test_finnish_stemming_finds_another_form_of_the_word(browser: Any, served: str) -> None:
    found = search(browser, served, "laitteista")  # the heading says "Laitteet ja tallennus"
    assert f"{TIETOTURVA}.html#laitteet" in found
    assert search(browser, served, "qwertyzxcv") == []
    assert browser.find_element("id", "hakutila").text == "Ei osumia."


def test_the_swedish_index_searches_the_swedish_pages_with_swedish_stemming(browser: Any, served: str) -> None:
    found = search(browser, served, "arbetsstationen", SV_INDEX)  # the text says "Arbetsstationerna"
    assert found and all(link.startswith(SV_TIETOTURVA) for link in found), found
    assert browser.find_element("id", "hakutila").text == "Träffar: 1 handling"
    assert search(browser, served, "laitteista", SV_INDEX) == []  # the Finnish pages are the Finnish index's
    assert browser.find_element("id", "hakutila").text == "Inga träffar."


def test_without_javascript_or_a_server_the_list_is_the_way_in(browser: Any, site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<section id="haku" class="search" aria-labelledby="haku-otsikko" hidden>' in page  # until the script runs
    browser.get((site / "index.html").as_uri())  # file://: the index cannot load, the box stays hidden
    time.sleep(1)
    assert not browser.find_element("id", "haku").is_displayed()
    assert browser.find_element("id", "tietoturvaohje").is_displayed()


# --- validators on the site's own pages --------------------------------------------------


def test_the_index_with_its_search_and_the_statement_pass_axe_core(browser: Any, served: str) -> None:
    for name in ("index.html", STATEMENT, SV_INDEX, SV_STATEMENT):
        if name.startswith("index"):
            search(browser, served, "tallennus" if name == "index.html" else "lagring", name)  # with results
        else:
            browser.get(served + name)
        browser.execute_script(AXE_JS.read_text(encoding="utf-8"))
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(done, e => done({error: String(e)}));",
            WCAG_21_AA,
        )
        assert "error" not in result and result["passes"], result
        assert [v["id"] for v in result["violations"]] == [], name


@pytest.mark.parametrize("width", [320, 360])
def test_every_site_page_reflows_on_a_phone(browser: Any, site: Path, width: int) -> None:
    """WCAG 2.1 1.4.10 Reflow: at 320 CSS px no page scrolls sideways, not
    even the statement whose heading is one long word."""
    browser.set_window_size(width, 900)
    for name in ("index.html", STATEMENT, SV_INDEX, SV_STATEMENT):
        browser.get((site / name).as_uri())
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth;"), name


def test_the_site_pages_have_no_nu_checker_errors(site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker needs java (apt-get install default-jre-headless) and npm install")
    pages = [site / name for name in ("index.html", STATEMENT, SV_INDEX, SV_STATEMENT)]
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(proc.stderr)["messages"]
    assert [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_a_build_without_web_pages_has_no_search_box(tmp_path: Path) -> None:
    result = run_cli("build", str(REPO), "--format", "akn", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert not (tmp_path / "pagefind").exists() and (tmp_path / STATEMENT).is_file()
    assert 'id="haku"' not in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f"{STEM}.akn.xml" in (tmp_path / "index.html").read_text(encoding="utf-8")
