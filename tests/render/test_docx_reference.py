"""A municipality's Word template as the starting point: ``theme-from`` takes
its margins, fonts, colours and logo into ``templates/theme.yaml``, and with
``docx_reference`` the DOCX starts from the template itself (its style
definitions, numbering, theme and header part), while the PDF and the web
page follow the theme: the three agree on the margins and font sizes.

The templates are written by the tests (:mod:`wordtemplate`): one with
python-docx and raw XML (Finnish style ids, a logo in the header, a
theme colour, its own margins), one saved by LibreOffice as ``.dotx``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from helpers import REPO, STEM, Result, run_cli, tool
from someohje.content.theme import load_theme
from wordtemplate import FINNISH_IDS, OWN_STYLE, TEMPLATE_TYPE, Layout, as_dotx, libreoffice_dotx, png, template_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
PT_PER_MM = 72 / 25.4
TWIPS_PER_MM = 1440 / 25.4
LAYOUT = Layout()
LOGO = png()


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def new_project(root: Path) -> Path:
    """A copy of the shipped project (content and templates) at ``root``."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def build(project: Path, out: Path) -> Result:
    result = run_cli("build", str(project), "--format", "docx,pdf,html", "--out", str(out))
    assert result.code == 0, result.err
    return result


class Made:
    """A project whose theme came from a template, and its build."""

    def __init__(self, root: Path, template: bytes, name: str) -> None:
        self.template = template
        self.source = root / name
        self.source.write_bytes(template)
        self.project = new_project(root / "project")
        self.original_theme = (self.project / "templates" / "theme.yaml").read_text(encoding="utf-8")
        self.report = run_cli("theme-from", str(self.source), "--into", str(self.project))
        assert self.report.code == 0, self.report.err
        self.theme = load_theme(self.project / "templates" / "theme.yaml")
        self.out = root / "build"
        build(self.project, self.out)
        self.docx = members((self.out / f"{STEM}.docx").read_bytes())
        self.pdf = self.out / f"{STEM}.pdf"
        self.html = (self.out / f"{STEM}.html").read_text(encoding="utf-8")

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.docx[name])


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The python-docx template, saved as a .dotx (template content type)."""
    return Made(tmp_path_factory.mktemp("reference"), as_dotx(template_docx(LAYOUT, LOGO)), "asiakirjapohja.dotx")


# --- theme-from -----------------------------------------------------------------------------


def test_theme_from_takes_the_templates_margins_fonts_and_colours(made: Made) -> None:
    t = made.theme
    m = LAYOUT.margins
    assert (t.margin_top, t.margin_bottom, t.margin_left, t.margin_right) == (
        m["top"],
        m["bottom"],
        m["left"],
        m["right"],
    )
    assert (t.header_distance, t.footer_distance) == (m["header"], m["footer"])
    assert t.docx_family == LAYOUT.font
    assert (t.body_size, t.title_size, t.heading_sizes) == (LAYOUT.body_size, LAYOUT.title_size, LAYOUT.heading_sizes)
    assert t.accent == LAYOUT.accent  # Heading 1's theme colour accent2, read from the theme part
    assert t.text == LAYOUT.text
    assert t.body_indent == LAYOUT.body_indent
    assert t.pdf_family == "Liberation Sans"  # the PDF keeps the font someohje ships
    assert t.docx_reference == made.project / "templates" / "asiakirjapohja.dotx"
    assert t.docx_reference.read_bytes() == made.template


def test_theme_from_writes_the_headers_picture_as_the_logo(made: Made) -> None:
    assert made.theme.logo == made.project / "templates" / "logo.png"
    assert made.theme.logo.read_bytes() == LOGO
    assert made.theme.logo_alt == LAYOUT.logo_alt


def test_theme_from_keeps_the_theme_files_comments_and_order(made: Made) -> None:
    new = (made.project / "templates" / "theme.yaml").read_text(encoding="utf-8")
    comments = [line for line in made.original_theme.splitlines() if line.lstrip().startswith("#")]
    kept = [line for line in new.splitlines() if line in comments]
    assert kept == comments
    keys = [line.split(":")[0] for line in made.original_theme.splitlines() if re.match(r"^ *\w+:", line)]
    assert [line.split(":")[0] for line in new.splitlines() if re.match(r"^ *\w+:", line)][: len(keys)] == keys


def test_theme_from_reports_what_it_mapped_and_what_not(made: Made) -> None:
    out = made.report.out
    assert "page.margin_left = 26 (the template's left margin, mm)" in out
    assert "fonts.heading_sizes = [15, 12.5, 11.5]" in out
    assert "Heading 1 (Otsikko1)" in out  # found by its name, whatever its Finnish id
    not_mapped = out.split("Not mapped")[1]
    assert "font Verdana in the PDF" in not_mapped
    assert "Normal's line spacing (auto 276)" in not_mapped
    assert "Heading 2's colour #4f81bd: the theme gives it the accent colour, #7a1f3d" in not_mapped
    assert "the page number at C7 (161 mm from the margin) leaves 5.0 mm before the right margin" in not_mapped


def test_theme_from_reports_a_letter_page_and_a_size_out_of_range(tmp_path: Path) -> None:
    layout = Layout(page=(215.9, 279.4), body_size=2.0)
    made = tmp_path / "letter.docx"
    made.write_bytes(template_docx(layout, None, footer=False))
    project = new_project(tmp_path / "project")
    result = run_cli("theme-from", str(made), "--into", str(project), "--no-reference")
    assert result.code == 0, result.err
    not_mapped = result.out.split("Not mapped")[1]
    assert "page size 215.9 x 279.4 mm (Letter): someohje lays out every document on A4 portrait" in not_mapped
    assert "the size of Normal, pt: 2 is not a number from 4 to 96; 'fonts.body_size' is left as it is" in not_mapped
    assert "the template's page header has no picture" in not_mapped
    assert "the template has no page footer, so its footer distance (9.0 mm) says nothing" in not_mapped
    theme = load_theme(project / "templates" / "theme.yaml")
    assert theme.body_size == 11 and theme.margin_left == layout.margins["left"]
    assert theme.docx_reference is None and not (project / "templates" / "letter.docx").exists()


def test_theme_from_writes_a_whole_theme_into_a_project_without_one(tmp_path: Path) -> None:
    source = tmp_path / "pohja.dotx"
    source.write_bytes(as_dotx(template_docx(LAYOUT, LOGO)))
    project = tmp_path / "uusi"
    project.mkdir()
    result = run_cli("theme-from", str(source), "--into", str(project))
    assert result.code == 0, result.err
    theme = load_theme(project / "templates" / "theme.yaml")
    assert theme.margin_left == LAYOUT.margins["left"] and theme.docx_reference is not None
    text = (project / "templates" / "theme.yaml").read_text(encoding="utf-8")
    assert text.startswith("# The layout of the municipality's documents") and "Rautalammin" not in text


# --- the DOCX started from the template ------------------------------------------------------


def test_docx_is_a_document_not_a_template(made: Made) -> None:
    types = made.docx["[Content_Types].xml"].decode()
    assert "wordprocessingml.document.main+xml" in types
    assert TEMPLATE_TYPE not in types
    assert "docProps/thumbnail.jpeg" not in made.docx  # nothing of the template's own properties


def test_docx_keeps_the_templates_style_definitions(made: Made) -> None:
    template = etree.fromstring(members(made.template)["word/styles.xml"])
    styles = made.xml("word/styles.xml")

    def style(root: etree._Element, sid: str) -> etree._Element:
        found = root.find(f"w:style[@w:styleId='{sid}']", NS)
        assert found is not None, sid
        return found

    assert style(styles, "Heading1").find("w:name", NS).get(w("val")) == "heading 1"
    ours, theirs = style(styles, "Heading1"), style(template, FINNISH_IDS["Heading1"])
    assert etree.tostring(ours.find("w:pPr", NS)) == etree.tostring(theirs.find("w:pPr", NS))
    assert style(styles, "Title").find("w:pPr/w:pBdr", NS) is not None  # the template's rule under the title
    names = {s.find("w:name", NS).get(w("val")) for s in styles.iter(w("style"))}
    assert OWN_STYLE in names  # a style only the template has
    assert "Kenttänimi" in names  # someohje's own, which the template lacks, added
    ids = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    assert not ids & set(FINNISH_IDS.values())  # renamed to the ids the writer uses
    used = {
        ref.get(w("val"))
        for name, data in made.docx.items()
        if re.fullmatch(r"word/(document|header\d+|footer\d+|numbering)\.xml", name)
        for ref in etree.fromstring(data).iter(w("pStyle"), w("rStyle"), w("tblStyle"))
    }
    assert used <= ids, used - ids
    defaults = [s for s in styles.iter(w("style")) if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"]
    assert [s.get(w("styleId")) for s in defaults] == ["Normal"]


def test_docx_has_the_templates_margins_and_normal_font(made: Made) -> None:
    sect = made.xml("word/document.xml").find("w:body/w:sectPr", NS)
    mar = sect.find("w:pgMar", NS)
    for key, mm in LAYOUT.margins.items():
        assert abs(int(mar.get(w(key))) / TWIPS_PER_MM - mm) < 0.05, key
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")  # A4
    normal = made.xml("word/styles.xml").find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:rFonts", NS).get(w("ascii")) == LAYOUT.font
    assert normal.find("w:rPr/w:sz", NS).get(w("val")) == str(round(LAYOUT.body_size * 2))


def test_docx_header_is_the_identification_block_with_the_templates_logo(made: Made) -> None:
    sect = made.xml("word/document.xml").find("w:body/w:sectPr", NS)
    refs = sect.findall("w:headerReference", NS)
    assert [r.get(w("type")) for r in refs] == ["default"]
    header = next(made.xml(n) for n in made.docx if re.fullmatch(r"word/header\d+\.xml", n))
    instructions = "".join(t.text or "" for t in header.iter(w("instrText")))
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    text = "".join(t.text or "" for t in header.iter(w("t")))
    assert text.startswith("Ohje") and "14.6.2022" in text  # the type at C4, the date under it
    assert LOGO in [data for name, data in made.docx.items() if name.startswith("word/media/")]
    assert LAYOUT.logo_alt in etree.tostring(header, encoding="unicode")


def test_docx_numbering_holds_someohjes_lists_and_the_templates(made: Made) -> None:
    numbering = made.xml("word/numbering.xml")
    template = etree.fromstring(members(made.template)["word/numbering.xml"])
    abstract = [a.get(w("abstractNumId")) for a in numbering.findall("w:abstractNum", NS)]
    assert abstract[:2] == ["1", "2"]
    assert len(abstract) == 2 + len(template.findall("w:abstractNum", NS))
    assert len(set(abstract)) == len(abstract)
    known = set(abstract)
    assert all(n.find("w:abstractNumId", NS).get(w("val")) in known for n in numbering.findall("w:num", NS))


def test_docx_from_a_template_builds_to_the_same_bytes_twice(made: Made, tmp_path: Path) -> None:
    build(made.project, tmp_path / "again")
    assert (tmp_path / "again" / f"{STEM}.docx").read_bytes() == (made.out / f"{STEM}.docx").read_bytes()


# --- the three formats agree ---------------------------------------------------------------------


def pdf_left_margin(pdf: Path, page: int = 2) -> float:
    """Where the leftmost word of ``page`` starts, mm (the headings stand at the margin)."""
    xml = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return min(
        float(x) / PT_PER_MM for x, text in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]*)</word>', xml) if unescape(text)
    )


def pdf_sizes(pdf: Path, page: int = 2) -> Counter[float]:
    """The font sizes of ``page``'s text, pt, each counted by its characters."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip():
            sizes[round(size * scale, 2)] += len(text.strip())

    PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    return sizes


def css_values(html: str) -> dict[str, float]:
    """The page margins, the body size, the body indent and the heading sizes
    of the web page's (and the PDF's) stylesheet."""
    css = re.search(r"<style>(.*?)</style>", html, re.S)
    assert css is not None
    text = css.group(1)
    page = re.search(r"@page \{\s*size: A4 portrait;\s*margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm;", text)
    assert page is not None
    top, right, bottom, left = (float(v) for v in page.groups())
    body = re.search(r"html \{[^}]*font-size: ([\d.]+)pt", text)
    indent = re.search(r"--indent: ([\d.]+)mm", text)
    h2 = re.search(r"\nh2 \{ font-size: ([\d.]+)pt", text)
    assert body and indent and h2
    return {
        "top": top,
        "right": right,
        "bottom": bottom,
        "left": left,
        "body": float(body[1]),
        "indent": float(indent[1]),
        "heading 1": float(h2[1]),
    }


def docx_values(docx: dict[str, bytes]) -> dict[str, float]:
    """The same values as the DOCX states them: the section's margins, the
    size of Normal (which Body Text inherits), Body Text's indent, Heading 1's size."""
    sect = etree.fromstring(docx["word/document.xml"]).find("w:body/w:sectPr/w:pgMar", NS)
    styles = etree.fromstring(docx["word/styles.xml"])

    def style(sid: str) -> etree._Element:
        return styles.find(f"w:style[@w:styleId='{sid}']", NS)

    values = {k: int(sect.get(w(k))) / TWIPS_PER_MM for k in ("top", "right", "bottom", "left")}
    values["body"] = int(style("Normal").find("w:rPr/w:sz", NS).get(w("val"))) / 2
    assert style("BodyText").find("w:rPr/w:sz", NS) is None  # Body Text takes Normal's size
    values["indent"] = int(style("BodyText").find("w:pPr/w:ind", NS).get(w("left"))) / TWIPS_PER_MM
    values["heading 1"] = int(style("Heading1").find("w:rPr/w:sz", NS).get(w("val"))) / 2
    return values


def assert_agree(made: Made, pdf: Path) -> None:
    docx, css = docx_values(made.docx), css_values(made.html)
    for key in docx:
        tolerance = 0.5  # mm or pt
        assert abs(docx[key] - css[key]) <= tolerance, (key, docx[key], css[key])
    assert abs(pdf_left_margin(pdf) - docx["left"]) <= 0.5
    sizes = pdf_sizes(pdf)
    assert abs(sizes.most_common(1)[0][0] - docx["body"]) <= 0.5, sizes  # running text
    assert any(abs(size - docx["heading 1"]) <= 0.5 for size in sizes), sizes


def test_margins_and_font_sizes_agree_in_docx_pdf_and_html(made: Made) -> None:
    assert_agree(made, made.pdf)
    docx = docx_values(made.docx)
    expected = {**{k: LAYOUT.margins[k] for k in ("top", "right", "bottom", "left")}, "body": LAYOUT.body_size}
    assert all(abs(docx[k] - v) <= 0.05 for k, v in expected.items()), docx


def libreoffice_pdf(soffice: str, docx: Path, folder: Path) -> Path:
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{docx.stem}.pdf"


def test_libreoffice_lays_out_the_docx_on_the_templates_margins_and_sizes(made: Made, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(tool("soffice"), made.out / f"{STEM}.docx", tmp_path)
    assert abs(pdf_left_margin(pdf) - LAYOUT.margins["left"]) <= 0.5
    assert abs(pdf_sizes(pdf).most_common(1)[0][0] - LAYOUT.body_size) <= 0.5


# --- a template saved by LibreOffice ---------------------------------------------------------------


@pytest.fixture(scope="module")
def from_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The python-docx template converted to .dotx by LibreOffice headless."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice is not installed (.ci/run installs LibreOffice with apt-get)")
    root = tmp_path_factory.mktemp("lo-template")
    layout = Layout(font="Liberation Serif", body_size=12, margins={**LAYOUT.margins, "left": 31.0})
    source = root / "kunnan-pohja.docx"
    source.write_bytes(template_docx(layout, LOGO))
    dotx = libreoffice_dotx(soffice, source, root / "lo")
    return Made(root, dotx.read_bytes(), "kunnan-pohja.dotx")


def test_a_libreoffice_dotx_gives_its_margins_fonts_and_logo(from_libreoffice: Made) -> None:
    made = from_libreoffice
    assert TEMPLATE_TYPE in members(made.template)["[Content_Types].xml"].decode()  # LibreOffice wrote a template
    t = made.theme
    assert abs(t.margin_left - 31.0) <= 0.1 and abs(t.margin_top - LAYOUT.margins["top"]) <= 0.1
    assert all(
        abs(getattr(t, key) - LAYOUT.margins[word]) <= 0.1
        for word, key in (("bottom", "margin_bottom"), ("header", "header_distance"), ("footer", "footer_distance"))
    )
    assert (t.docx_family, t.body_size) == ("Liberation Serif", 12)
    assert t.logo is not None and t.logo.read_bytes() == LOGO
    assert_agree(made, made.pdf)
    normal = made.xml("word/styles.xml").find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:rFonts", NS).get(w("ascii")) == "Liberation Serif"


def test_the_theme_stays_the_one_source_when_edited_after_theme_from(made: Made, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(made.project, project, ignore=shutil.ignore_patterns("build"))
    theme = project / "templates" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  body_size: .*$", "  body_size: 12", text)
    text = re.sub(r"(?m)^  margin_left: .*$", "  margin_left: 22", text)
    theme.write_text(text, encoding="utf-8")
    build(project, tmp_path / "out")
    docx = members((tmp_path / "out" / f"{STEM}.docx").read_bytes())
    values = docx_values(docx)
    assert (values["body"], round(values["left"], 1)) == (12, 22)
    assert values == pytest.approx(css_values((tmp_path / "out" / f"{STEM}.html").read_text("utf-8")), abs=0.5)


def test_a_template_with_no_styles_or_numbering_gets_someohjes(tmp_path: Path) -> None:
    ct = "http://schemas.openxmlformats.org/package/2006/content-types"
    rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    bare = {
        "[Content_Types].xml": (
            f'<Types xmlns="{ct}"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{TEMPLATE_TYPE}"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{rel}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": f'<w:document xmlns:w="{W}"><w:body><w:p/><w:sectPr/></w:body></w:document>',
    }
    project = new_project(tmp_path / "project")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in bare.items():
            archive.writestr(name, text)
    (project / "templates" / "tyhja.dotx").write_bytes(out.getvalue())
    theme = project / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "docx_reference: tyhja.dotx\n", encoding="utf-8")
    build(project, tmp_path / "out")
    docx = members((tmp_path / "out" / f"{STEM}.docx").read_bytes())
    styles = etree.fromstring(docx["word/styles.xml"])
    ids = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    used = {ref.get(w("val")) for ref in etree.fromstring(docx["word/document.xml"]).iter(w("pStyle"), w("rStyle"))}
    assert used and used <= ids
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS).get(w("ascii")) == "Arial"
    assert etree.fromstring(docx["word/numbering.xml"]).find("w:abstractNum", NS) is not None
    assert "wordprocessingml.numbering+xml" in docx["[Content_Types].xml"].decode()


def test_theme_from_leaves_margins_that_leave_no_room_for_text(tmp_path: Path) -> None:
    layout = Layout(margins={**LAYOUT.margins, "left": 90.0, "right": 60.0})
    source = tmp_path / "leveat.docx"
    source.write_bytes(template_docx(layout, None))
    project = new_project(tmp_path / "project")
    result = run_cli("theme-from", str(source), "--into", str(project), "--no-reference")
    assert result.code == 0, result.err
    assert (
        "the template's margins: margin_left + margin_right + body_indent is 180 mm; at most 150 mm leaves room "
        "for text on A4; margin_left, margin_right, body_indent are left as they are"
    ) in result.out
    theme = load_theme(project / "templates" / "theme.yaml")
    assert (theme.margin_left, theme.margin_right, theme.body_indent) == (20, 15, 46)
    assert theme.margin_top == layout.margins["top"]


def test_built_in_styles_are_recognised_by_name_in_any_language() -> None:
    from someohje.importer.template import builtin_styles

    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W}">'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Perus"><w:name w:val="Perusteksti"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Otsikko1"><w:name w:val="Otsikko 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="Rubrik 2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Leipa"><w:name w:val="Leipäteksti"/></w:style>'
        "</w:styles>"
    )
    found = builtin_styles(styles)
    assert found[("paragraph", "normal")] == "Perus"  # the default paragraph style
    assert found[("paragraph", "heading 1")] == "Otsikko1"
    assert found[("paragraph", "heading 2")] == "H2"  # Word's own name first
    assert found[("paragraph", "body text")] == "Leipa"
