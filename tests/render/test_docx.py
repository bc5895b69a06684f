"""The DOCX renderer: the structure Word, LibreOffice and pandoc rely on,
the municipal page header, metadata, tracked changes, reproducible bytes,
and the same text as the HTML."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from helpers import FIXTURES, REPO, STEM, run_cli, snapshot, tool
from someohje.document.guideline import guideline
from someohje.errors import ContentError
from someohje.pipeline.batch import laid_out
from someohje.pipeline.session import Session, open_session
from someohje.render.docx import render, render_docx
from someohje.render.html import render_html
from someohje.textual import inline_text
from someohje.tree import (
    Block,
    Change,
    Emph,
    Heading,
    Image,
    Link,
    ListBlock,
    ListItem,
    Note,
    OutputDocument,
    Paragraph,
    SourceRef,
    Strong,
    Table,
    Text,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def norm(text: str) -> str:
    return " ".join(text.split())


# --- fixtures and helpers ------------------------------------------------------------


@pytest.fixture(scope="module")
def session() -> Session:
    return open_session(REPO)


@pytest.fixture(scope="module")
def doc(session: Session) -> OutputDocument:
    return laid_out(guideline(session.document), session)  # as the build renders it


@pytest.fixture(scope="module")
def data(doc: OutputDocument, session: Session) -> bytes:
    return render(doc, session)


@pytest.fixture(scope="module")
def docx_file(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / f"{STEM}.docx"
    path.write_bytes(data)
    return path


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def part(data: bytes, name: str) -> Any:
    return etree.fromstring(members(data)[name])


def related_part(data: bytes, r_id: str) -> Any:
    """The part the main document's relationship ``r_id`` points at."""
    rels = part(data, "word/_rels/document.xml.rels")
    target = rels.xpath("//*[@Id=$id]/@Target", id=r_id)[0]
    return part(data, f"word/{target}")


def paragraph_text(p: Any) -> str:
    """Visible text of a ``w:p``, deleted text included, each field shown as
    ``{NAME}`` (a ``w:fldSimple`` or a ``w:fldChar`` complex field)."""
    out: list[str] = []
    in_result = False
    tags = (w("fldSimple"), w("fldChar"), w("instrText"), w("t"), w("delText"), w("tab"), w("noBreakHyphen"))
    for el in p.iter(*tags):
        if el.tag == w("fldSimple"):
            out.append("{" + el.get(w("instr")).split()[0] + "}")
        elif el.tag == w("fldChar"):
            kind = el.get(w("fldCharType"))
            in_result = kind == "separate"
        elif el.tag == w("instrText"):
            out.append("{" + (el.text or "").split()[0] + "}")
        elif in_result or el.getparent().tag == w("tabs") or any(a.tag == w("fldSimple") for a in el.iterancestors()):
            continue  # a field's cached result, or a tab stop (not a tab)
        else:
            out.append({w("tab"): "\t", w("noBreakHyphen"): "-"}.get(el.tag, el.text or ""))  # Word reads it as -
    return "".join(out)


def body_texts(data: bytes) -> list[str]:
    """One string per body paragraph and per table row (cells joined), read
    through python-docx, in document order, empty ones dropped."""
    document = docx.Document(io.BytesIO(data))
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == w("p"):
            out.append(norm(paragraph_text(child)))
        elif child.tag == w("tbl"):
            for tr in child.iterchildren(w("tr")):
                cells = [" ".join(paragraph_text(p) for p in tc.iter(w("p"))) for tc in tr.iterchildren(w("tc"))]
                out.append(norm(" ".join(cells)))
    return [t for t in out if t]


def walk(blocks: tuple[Block, ...] | list[Block]) -> Iterator[Block]:
    """Every block, nested ones included, in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from walk(item.blocks)
        elif isinstance(block, Note):
            yield from walk(block.blocks)


def hand_built(session: Session, *blocks: Block, **fields: Any) -> OutputDocument:
    """The guideline's identification data around the given blocks."""
    return replace(guideline(session.document), blocks=tuple(blocks), **{"lead": (), **fields})


# --- build: where the file goes, and the same bytes every time ----------------------


def test_build_writes_the_docx_beside_the_html_and_pdf(built: Path, data: bytes) -> None:
    assert {p.name for p in built.iterdir()} >= {f"{STEM}.{ext}" for ext in ("html", "docx", "pdf")}
    assert (built / f"{STEM}.docx").read_bytes() == data


def test_format_docx_alone_builds_twice_to_the_same_bytes(tmp_path: Path, data: bytes) -> None:
    outputs = []
    for name in ("one", "two"):
        result = run_cli("build", str(REPO), "--format", "docx", "--out", str(tmp_path / name))
        assert result.code == 0, result.err
        outputs.append(snapshot(tmp_path / name))
    assert outputs[0] == outputs[1]
    assert (
        sorted(outputs[0]) == ["index.html", "index.json", f"{STEM}.docx", "saavutettavuusseloste.html"]
        and outputs[0][f"{STEM}.docx"] == data
    )


def test_rendering_twice_in_process_gives_the_same_bytes(doc: OutputDocument, session: Session, data: bytes) -> None:
    assert render(doc, session) == data


def test_zip_is_stamped_1980_and_ordered_with_content_types_first(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


# --- the page: header on every page, fields, first page, footer ---------------------


def header_paragraphs(data: bytes) -> list[str]:
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    refs = sect.findall("w:headerReference", NS)
    assert [r.get(w("type")) for r in refs] == ["default"]
    assert sect.find("w:titlePg", NS) is None  # the first page has the same header
    header = related_part(data, refs[0].get(f"{{{R}}}id"))
    return [t for t in (paragraph_text(p) for p in header.iter(w("p"))) if t]


def test_header_has_organisation_ident_block_and_page_fields(data: bytes, doc: OutputDocument) -> None:
    """SFS 2487: organisation, type and page number on the first line, one
    tab apart; the date and the diary number under the type."""
    assert header_paragraphs(data) == [
        f"{doc.organisation}\t{doc.doc_type}\t{{PAGE}} ({{NUMPAGES}})",
        f"\t{doc.date_text}",
        f"\t{doc.diary_number}",
    ]


def test_page_number_is_real_page_and_numpages_fields(data: bytes) -> None:
    xml = members(data)
    header = next(v for k, v in xml.items() if k.startswith("word/header"))
    root = etree.fromstring(header)
    instructions = [" ".join((i.text or "").split()) for i in root.iter(w("instrText"))]
    instructions += [" ".join(f.get(w("instr")).split()) for f in root.iter(w("fldSimple"))]
    assert sorted(instructions) == ["NUMPAGES", "PAGE"]
    assert b"{PAGE}" not in header


def test_header_shows_stamp_and_draft_mark(session: Session) -> None:
    stamped = hand_built(
        session, Paragraph((Text("Teksti."),)), draft_mark="LUONNOS", stamp=("Liite 1", "Kvalt 14.6.2022 § 37")
    )
    data = render(stamped, session)
    assert header_paragraphs(data) == [
        f"{stamped.organisation}\t{stamped.doc_type}\t{{PAGE}} ({{NUMPAGES}})",
        f"\t{stamped.date_text}",
        f"\t{stamped.diary_number}",
        "\tLiite 1",
        "\tKvalt 14.6.2022 § 37",
        "\tLUONNOS",
    ]
    header = next(etree.fromstring(v) for k, v in members(data).items() if k.startswith("word/header"))
    runs = {paragraph_text(r): r for r in header.iter(w("r")) if paragraph_text(r)}
    for stamp in (*stamped.stamp, stamped.doc_type):
        assert runs[stamp].find("w:rPr/w:b", NS) is not None
    for plain in (stamped.date_text, stamped.diary_number):
        assert runs[plain].find("w:rPr/w:b", NS) is None
    draft = runs["LUONNOS"]
    assert draft.find("w:rPr/w:b", NS) is not None
    assert draft.find("w:rPr/w:color", NS).get(w("val")) == session.theme.deleted.lstrip("#").upper()
    # and above the title, the stamps as content (the header is not read aloud)
    assert body_texts(data)[:3] == ["Liite 1, Kvalt 14.6.2022 § 37", "LUONNOS", stamped.title]


def test_theme_logo_goes_top_left_with_its_alt_text(project: Path) -> None:
    from PIL import Image as Picture

    Picture.new("RGB", (60, 30), "navy").save(project / "templates" / "logo.png")
    theme = project / "templates" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert "logo: null" in text and 'logo_alt: ""' in text
    theme.write_text(
        text.replace("logo: null", "logo: logo.png").replace('logo_alt: ""', 'logo_alt: "Kunnan logo"'),
        encoding="utf-8",
    )
    session = open_session(project)
    data = render(guideline(session.document), session)
    header_name = next(n for n in members(data) if n.startswith("word/header"))
    header = part(data, header_name)
    first_line = header.find("w:p", NS)
    assert first_line.xpath(".//*[local-name()='docPr']/@descr") == ["Kunnan logo"]  # the logo stands for the name
    rels = part(data, header_name.replace("word/", "word/_rels/") + ".rels")
    assert [t for t in rels.xpath("//@Target") if t.startswith("media/")] == ["media/image1.png"]


def _pdf_image_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each image's shown (width, height) in mm in ``pdf``, by ``pdfimages -list``."""
    listing = subprocess.run([tool("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True)
    sizes = []
    for line in listing.stdout.splitlines()[2:]:
        cols = line.split()
        if cols[2] == "image":  # not a soft mask
            width, height, x_ppi, y_ppi = int(cols[3]), int(cols[4]), float(cols[12]), float(cols[13])
            sizes.append((width / x_ppi * 25.4, height / y_ppi * 25.4))
    return sizes


def test_pictures_have_the_size_the_pdf_gives_them_whatever_dpi_the_file_states(project: Path) -> None:
    from PIL import Image as Picture

    Picture.new("RGB", (96, 48), "navy").save(project / "templates" / "logo.png", dpi=(300, 300))
    theme = project / "templates" / "theme.yaml"
    theme.write_text(
        theme.read_text(encoding="utf-8")
        .replace("logo: null", "logo: logo.png")
        .replace('logo_alt: ""', 'logo_alt: "L"'),
        encoding="utf-8",
    )
    result = run_cli("build", str(project), "--format", "docx,pdf")
    assert result.code == 0, result.err
    data = (project / "build" / f"{STEM}.docx").read_bytes()
    header_name = next(n for n in members(data) if n.startswith("word/header"))
    (extent,) = part(data, header_name).xpath("//*[local-name()='extent']")
    shown = (int(extent.get("cx")) / 36000, int(extent.get("cy")) / 36000)  # EMU -> mm
    assert shown == pytest.approx((25.4, 12.7), abs=0.05)  # 96 x 48 CSS pixels, under the 18 mm max-height
    pdf_sizes = _pdf_image_sizes(project / "build" / f"{STEM}.pdf")
    assert pdf_sizes and all(abs(a - b) <= 0.5 for a, b in zip(pdf_sizes[0], shown, strict=True)), pdf_sizes


def test_a_picture_in_the_text_has_its_css_size_in_the_docx_as_in_the_pdf(tmp_path: Path) -> None:
    import shutil

    from PIL import Image as Picture

    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    Picture.new("RGB", (192, 96), "navy").save(root / "content/teksti/kuva.png", dpi=(300, 300))
    result = run_cli("build", str(root), "--format", "docx,pdf", "--document", "tietoturvaohje")
    assert result.code == 0, result.err
    stem = "esimerkkilan-kunnan-tietoturvaohje"
    data = (root / "build" / f"{stem}.docx").read_bytes()
    (extent,) = part(data, "word/document.xml").xpath("//*[local-name()='extent']")
    shown = (int(extent.get("cx")) / 36000, int(extent.get("cy")) / 36000)
    assert shown == pytest.approx((50.8, 25.4), abs=0.05)  # 192 x 96 CSS pixels, not 300 dpi's 16 x 8 mm
    (pdf_size,) = _pdf_image_sizes(root / "build" / f"{stem}.pdf")
    assert all(abs(a - b) <= 0.5 for a, b in zip(pdf_size, shown, strict=True)), pdf_size


def test_first_page_has_title_and_approval_line(data: bytes, doc: OutputDocument) -> None:
    document = docx.Document(io.BytesIO(data))
    first, second = document.paragraphs[:2]
    assert (first.style.name, first.text) == ("Title", doc.title)
    assert second.text == doc.approval_line


def test_footer_names_organisation_and_web_address(data: bytes, doc: OutputDocument) -> None:
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    ref = sect.find("w:footerReference", NS)
    footer = related_part(data, ref.get(f"{{{R}}}id"))
    assert [paragraph_text(p) for p in footer.iter(w("p"))] == [f"{doc.organisation} · {doc.web}"]


def test_page_is_a4_with_theme_margins_and_body_on_the_grid(data: bytes, session: Session) -> None:
    t = session.theme
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (int(size.get(w("w"))), int(size.get(w("h")))) == (11906, 16838)  # 210 x 297 mm

    def twips(mm: float) -> int:
        return round(mm / 25.4 * 1440)

    for side, mm in (
        ("top", t.margin_top),
        ("left", t.margin_left),
        ("right", t.margin_right),
        ("bottom", t.margin_bottom),
        ("header", t.header_distance),
    ):
        assert int(margins.get(w(side))) == twips(mm)
    styles = part(data, "word/styles.xml")
    body = styles.find("w:style[@w:styleId='BodyText']", NS)
    assert int(body.find("w:pPr/w:ind", NS).get(w("left"))) == twips(t.body_indent)
    assert styles.find("w:style[@w:styleId='Heading1']/w:pPr/w:ind", NS) is None  # at the margin
    fonts = {f.get(w("ascii")) for f in styles.iter(w("rFonts"))}
    assert fonts == {t.docx_family}


# --- structure: headings, lists, table, roles, inlines ----------------------------------


def test_headings_use_word_heading_styles(data: bytes, doc: OutputDocument) -> None:
    document = docx.Document(io.BytesIO(data))
    found = [(p.style.name, norm(p.text)) for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = [
        (f"Heading {b.level}", norm(inline_text(b.children))) for b in walk(doc.blocks) if isinstance(b, Heading)
    ]
    assert found == expected
    assert {level for level, _ in found} == {"Heading 1", "Heading 2"}
    styles = part(data, "word/styles.xml")
    for level in (1, 2, 3):
        style = styles.find(f"w:style[@w:styleId='Heading{level}']", NS)
        assert style.find("w:name", NS).get(w("val")) == f"heading {level}"
        assert style.find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)


def list_items(blocks: tuple[Block, ...] | list[Block]) -> Iterator[tuple[ListBlock, str]]:
    """(list, text of the item's first paragraph) for every item, nested too."""
    for block in walk(blocks):
        if isinstance(block, ListBlock):
            for item in block.items:
                first = next(b for b in item.blocks if isinstance(b, Paragraph))
                yield block, norm(inline_text(first.children))


def numbered_paragraphs(data: bytes) -> list[tuple[int, str, int | None, str]]:
    """(numId, numFmt, startOverride, text) of every paragraph with ``w:numPr``."""
    numbering = part(data, "word/numbering.xml")
    formats = {
        a.get(w("abstractNumId")): [lvl.find("w:numFmt", NS).get(w("val")) for lvl in a.findall("w:lvl", NS)]
        for a in numbering.findall("w:abstractNum", NS)
    }
    nums = {n.get(w("numId")): n for n in numbering.findall("w:num", NS)}
    out = []
    for p in part(data, "word/document.xml").iter(w("p")):
        num_pr = p.find("w:pPr/w:numPr", NS)
        if num_pr is None:
            continue
        num_id = num_pr.find("w:numId", NS).get(w("val"))
        level = int(num_pr.find("w:ilvl", NS).get(w("val")))
        num = nums[num_id]
        fmt = formats[num.find("w:abstractNumId", NS).get(w("val"))][level]
        start = num.find(f"w:lvlOverride[@w:ilvl='{level}']/w:startOverride", NS)
        out.append((int(num_id), fmt, None if start is None else int(start.get(w("val"))), norm(paragraph_text(p))))
    return out


def test_lists_use_numbering_definitions_and_numbered_lists_restart(data: bytes, doc: OutputDocument) -> None:
    found = numbered_paragraphs(data)
    expected = list(list_items(doc.blocks))
    assert [text for *_, text in found] == [text for _, text in expected]
    ordered_ids: dict[int, int] = {}
    for (num_id, fmt, start, _), (block, _) in zip(found, expected, strict=True):
        assert fmt == ("decimal" if block.ordered else "bullet")
        if block.ordered:
            assert start == block.start  # every numbered list begins anew
            assert ordered_ids.setdefault(id(block), num_id) == num_id
    assert len(set(ordered_ids.values())) == len(ordered_ids) > 1
    assert not any(text[:1] in "•-–*" for *_, text in found)  # no typed bullets


def test_a_second_numbered_list_restarts_at_one(session: Session) -> None:
    def numbered(*texts: str, start: int = 1) -> ListBlock:
        return ListBlock(tuple(ListItem((Paragraph((Text(t),)),)) for t in texts), ordered=True, start=start)

    data = render(
        hand_built(session, numbered("a", "b"), Paragraph((Text("väli"),)), numbered("c"), numbered("d", start=3)),
        session,
    )
    found = numbered_paragraphs(data)
    assert [(start, text) for _, _, start, text in found] == [(1, "a"), (1, "b"), (1, "c"), (3, "d")]
    assert len({num_id for num_id, *_ in found}) == 3
    inner = ListBlock((ListItem((Paragraph((Text("alakohta"),)),)),))
    levels = ListBlock((ListItem((Paragraph((Text("yksi"),)), inner)),))
    nested = part(render(hand_built(session, levels), session), "word/document.xml")
    items = [(p.find("w:pPr/w:numPr/w:ilvl", NS), paragraph_text(p)) for p in nested.iter(w("p"))]
    found_levels = [(ilvl.get(w("val")), text) for ilvl, text in items if ilvl is not None]
    assert found_levels == [("0", "yksi"), ("1", "alakohta")]


def test_history_table_repeats_its_header_row_and_has_borders(data: bytes, doc: OutputDocument) -> None:
    table = next(b for b in doc.blocks if isinstance(b, Table))
    document = docx.Document(io.BytesIO(data))
    found = document.tables[-1]
    assert found.style.name == "Table Grid"
    rows = found._tbl.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert [[c.text for c in row.cells] for row in found.rows] == [
        [inline_text(c) for c in row] for row in (table.header, *table.rows)
    ]
    style = part(data, "word/styles.xml").find("w:style[@w:styleId='TableGrid']", NS)
    borders = style.find("w:tblPr/w:tblBorders", NS)
    assert {etree.QName(b).localname: b.get(w("val")) for b in borders} == {
        side: "single" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    }
    caption = document.paragraphs[[p._p for p in document.paragraphs].index(found._tbl.getprevious())]
    assert (caption.style.name, caption.text) == ("Caption", table.caption)


def test_amendments_are_marked_and_show_their_source(data: bytes, doc: OutputDocument, session: Session) -> None:
    amendments = [b for b in walk(doc.blocks) if isinstance(b, Paragraph) and b.role == "amendment"]
    labels = [i.label for a in amendments for i in a.children if isinstance(i, SourceRef)]
    assert len(labels) == len(amendments) == 4
    document = docx.Document(io.BytesIO(data))
    marked = [p for p in document.paragraphs if p.style.name == "Lisäys"]
    assert [norm(p.text) for p in marked] == [norm(inline_text(a.children)) for a in amendments]
    refs = [norm(r.text) for p in marked for r in p.runs if r.style.name == "Lähdeviite"]
    assert refs == [norm(label) for label in labels]
    styles = part(data, "word/styles.xml")
    border = styles.find("w:style[@w:styleId='Lisays']/w:pPr/w:pBdr/w:left", NS)
    assert border.get(w("color")) == session.theme.accent.lstrip("#").upper()
    ref_style = styles.find("w:style[@w:styleId='Lahdeviite']/w:rPr", NS)
    assert float(ref_style.find("w:sz", NS).get(w("val"))) / 2 == session.theme.small_size


def test_roles_inlines_links_and_notes(session: Session) -> None:
    link = Link("https://www.rautalampi.fi", (Text("kunnan verkkosivut"),))
    data = render(
        hand_built(
            session,
            Paragraph((Text("Valmistelija"),), role="label"),
            Paragraph(
                (
                    Text("Tekstiä "),
                    Emph((Text("kursiivi"),)),
                    Text(" ja "),
                    Strong((Text("lihava"),)),
                    Text(", katso "),
                    link,
                    Text("."),
                ),
                role="record",
            ),
            Paragraph((Text("Perustelut"),), role="label"),
            ListBlock((ListItem((Paragraph((Text("Kohta."),)),)),)),
            Note((Paragraph((Text("Huomautus."),)),)),
        ),
        session,
    )
    document = docx.Document(io.BytesIO(data))
    record, label, item, note = document.paragraphs[2:6]
    assert [r.text for r in record.runs[:2]] == ["Valmistelija", "\n"]  # the field name, a line break (w:br)
    assert {r.style.name for r in record.runs[:2]} == {"Kenttänimi Char"}
    assert (label.text, label.style.name, item.style.name) == ("Perustelut", "Kenttänimi", "List Paragraph")
    assert (record.style.name, note.style.name) == ("Pöytäkirjateksti", "Huomautus")
    styles = part(data, "word/styles.xml")
    for style_id in ("Kenttanimi", "KenttanimiChar"):
        assert styles.find(f"w:style[@w:styleId='{style_id}']/w:rPr/w:b", NS) is not None
    assert styles.find("w:style[@w:styleId='Kenttanimi']/w:pPr/w:keepNext", NS) is not None
    assert len(styles.find("w:style[@w:styleId='Huomautus']/w:pPr/w:pBdr", NS)) == 4
    runs = {r.text: r for r in record.runs}
    assert runs["kursiivi"].italic and runs["lihava"].bold
    anchor = record._p.find("w:hyperlink", NS)
    assert paragraph_text(anchor) == "kunnan verkkosivut"
    assert document.part.rels[anchor.get(f"{{{R}}}id")].target_ref == "https://www.rautalampi.fi"
    assert norm(paragraph_text(record._p)) == "ValmistelijaTekstiä kursiivi ja lihava, katso kunnan verkkosivut."


def test_images_come_from_the_content_folder_with_alt_text(session: Session, tmp_path: Path) -> None:
    from PIL import Image as Picture

    Picture.new("RGB", (40, 20), "white").save(tmp_path / "kuva.png")
    doc = hand_built(session, Paragraph((Image("kuva.png", "Kunnan vaakuna"),)))
    data = render_docx(doc, session.theme, tmp_path)
    assert "word/media/image1.png" in members(data)
    assert part(data, "word/document.xml").xpath("//*[local-name()='docPr']/@descr") == ["Kunnan vaakuna"]
    outside = hand_built(session, Paragraph((Image("../kuva.png", "x"),)))
    with pytest.raises(ContentError, match="points outside the sisältö folder"):
        render_docx(outside, session.theme, tmp_path / "sisältö")


# --- tracked changes -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def redline_data(session: Session) -> bytes:
    doc = hand_built(
        session,
        Heading(1, (Text("1 Muutokset"),)),
        Paragraph(
            (
                Text("Alku "),
                Change("ins", (Text("lisätty"),)),
                Text(" ja "),
                Change("del", (Text("poistettu"),)),
                Text(" loppu."),
            )
        ),
        Paragraph((Text("Kokonaan uusi kappale."),), change="ins"),
        Paragraph((Text("Kokonaan poistettu kappale."),), change="del"),
        ListBlock((ListItem((Paragraph((Text("Uusi kohta"),), change="ins"),), change="ins"),)),
        kind="redline",
        change_author="Kunnanvaltuusto",
        change_date=dt.date(2022, 6, 14),
    )
    return render(doc, session)


def test_changes_are_tracked_insertions_and_deletions(redline_data: bytes) -> None:
    body = part(redline_data, "word/document.xml")
    marks = body.xpath("//w:ins | //w:del", namespaces=NS)
    assert {(m.get(w("author")), m.get(w("date"))) for m in marks} == {("Kunnanvaltuusto", "2022-06-14T00:00:00Z")}
    ids = [m.get(w("id")) for m in marks]
    assert len(ids) == len(set(ids))
    for deleted in body.iter(w("del")):
        assert deleted.find(".//w:t", NS) is None
    assert "poistettu" in [t.text for t in body.iter(w("delText"))]
    assert "poistettu" not in [t.text for t in body.iter(w("t"))]
    marked = {norm(paragraph_text(p)): p.find("w:pPr/w:rPr/*", NS) for p in body.iter(w("p"))}
    assert etree.QName(marked["Kokonaan uusi kappale."]).localname == "ins"
    assert etree.QName(marked["Kokonaan poistettu kappale."]).localname == "del"
    assert etree.QName(marked["Uusi kohta"]).localname == "ins"
    assert marked["Alku lisätty ja poistettu loppu."] is None


def test_pandoc_accepts_and_rejects_the_tracked_changes(redline_data: bytes, tmp_path: Path) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    path = tmp_path / "muutokset.docx"
    path.write_bytes(redline_data)
    accepted, rejected = (
        norm(pypandoc.convert_file(str(path), "plain", format="docx", extra_args=[f"--track-changes={m}"]))
        for m in ("accept", "reject")
    )
    assert "Alku lisätty ja loppu." in accepted and "Kokonaan uusi kappale." in accepted
    assert "poistettu" not in accepted
    assert "Alku ja poistettu loppu." in rejected and "Kokonaan poistettu kappale." in rejected
    assert "lisätty" not in rejected and "Uusi kohta" not in rejected


def libreoffice(source: Path, target: str, out: Path) -> Path:
    """Convert ``source`` with headless LibreOffice (its own throwaway profile,
    so it runs as root and beside other conversions)."""
    profile = f"-env:UserInstallation={(out / 'lo-profile').as_uri()}"
    result = subprocess.run(
        [tool("soffice"), profile, "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = out / f"{source.stem}.{target}"
    assert result.returncode == 0 and converted.is_file(), result.stderr
    return converted


def test_libreoffice_reads_them_as_tracked_changes(redline_data: bytes, tmp_path: Path) -> None:
    source = tmp_path / "muutokset.docx"
    source.write_bytes(redline_data)
    flat = etree.parse(str(libreoffice(source, "fodt", tmp_path)))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "dc": "http://purl.org/dc/elements/1.1/"}
    regions = flat.findall(".//text:tracked-changes/text:changed-region", ns)
    kinds = [etree.QName(r[0]).localname for r in regions]
    assert "insertion" in kinds and "deletion" in kinds
    assert {c.text for c in flat.findall(".//text:changed-region//dc:creator", ns)} == {"Kunnanvaltuusto"}
    assert {c.text[:10] for c in flat.findall(".//text:changed-region//dc:date", ns)} == {"2022-06-14"}


# --- language and metadata -----------------------------------------------------------------


def test_language_is_finnish_everywhere(data: bytes, doc: OutputDocument) -> None:
    lang = doc.metadata.language
    assert lang == "fi-FI"
    styles = part(data, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(w("val")) == lang
    for style in styles.findall("w:style[@w:type='paragraph']", NS):
        assert style.find("w:rPr/w:lang", NS).get(w("val")) == lang, style.get(w("styleId"))
    assert {e.get(w("val")) for e in styles.iter(w("lang"))} == {lang}
    assert part(data, "word/settings.xml").find("w:themeFontLang", NS).get(w("val")) == lang


def test_core_properties_come_from_the_document(data: bytes, doc: OutputDocument) -> None:
    meta = doc.metadata
    props = docx.Document(io.BytesIO(data)).core_properties
    assert (props.title, props.subject, props.author, props.last_modified_by) == (
        meta.title,
        meta.subject,
        meta.author,
        meta.author,
    )
    assert meta.author == doc.organisation
    assert props.keywords.split("; ") == list(meta.keywords)
    assert doc.diary_number in props.keywords.split("; ")
    assert (props.language, props.identifier, props.revision) == (meta.language, meta.identifier, 1)
    assert props.created is None and props.modified is None  # no file dates: the decision's is a custom property
    core = members(data)["docProps/core.xml"].decode()
    assert core.count(f">{meta.date.isoformat()}T00:00:00Z<") == 0


def test_no_leftovers_of_python_docx_default_template(data: bytes, doc: OutputDocument) -> None:
    files = members(data)
    assert not [n for n in files if n.startswith(("customXml", "docProps/thumbnail", "word/stylesWithEffects"))]
    for name, content in files.items():
        for leftover in (b"python-docx", b"Macintosh", b"Calibri", b"Cambria", b"2013-12-23"):
            assert leftover not in content, (name, leftover)
    app = etree.fromstring(files["docProps/app.xml"])
    values = {etree.QName(e).localname: e.text for e in app}
    assert values["Application"] == "someohje" and values["Company"] == doc.organisation
    assert "Pages" not in values and "Words" not in values  # no statistics that would be stale
    core = etree.fromstring(files["docProps/core.xml"])
    description = core.find("{http://purl.org/dc/elements/1.1/}description")  # the provenance note, no sample
    assert description is not None and description.text == doc.metadata.description
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == doc.title  # no sample text


# --- real clients: LibreOffice, pandoc -----------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_pdf(docx_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return libreoffice(docx_file, "pdf", tmp_path_factory.mktemp("lo"))


def pdf_pages(path: Path) -> int:
    info = subprocess.run([tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_libreoffice_converts_it_and_shows_every_heading(libreoffice_pdf: Path, doc: OutputDocument) -> None:
    text = subprocess.run(
        [tool("pdftotext"), str(libreoffice_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = norm(text)
    headings = [norm(inline_text(b.children)) for b in walk(doc.blocks) if isinstance(b, Heading)]
    assert [h for h in [doc.title, *headings] if h not in flat] == []
    pages = text.split("\f")[:-1]
    assert len(pages) == pdf_pages(libreoffice_pdf) > 1
    for number, page in enumerate(pages, 1):  # the header block and "x (y)" on every page
        assert f"{number} ({len(pages)})" in page and doc.diary_number in page and doc.organisation in page


def test_libreoffice_paginates_like_our_pdf(libreoffice_pdf: Path, built: Path) -> None:
    if importlib.util.find_spec("someohje.render.pdf") is None:
        pytest.skip("the PDF renderer (someohje.render.pdf) is not written yet")
    ours = built / f"{STEM}.pdf"
    if not ours.is_file():
        pytest.skip(f"the build made no {ours.name}")
    assert abs(pdf_pages(libreoffice_pdf) - pdf_pages(ours)) <= 1


def pandoc_text(inlines: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout"):
            out.append(pandoc_text(content))
        elif kind in ("Span", "Link"):
            out.append(pandoc_text(content[1]))
    return "".join(out)


def pandoc_blocks(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        yield block
        if block["t"] in ("BulletList", "OrderedList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in items:
                yield from pandoc_blocks(item)
        elif block["t"] in ("Div", "BlockQuote"):
            yield from pandoc_blocks(block["c"][-1] if block["t"] == "Div" else block["c"])


def test_pandoc_sees_headings_and_lists(docx_file: Path, doc: OutputDocument) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    ast = json.loads(pypandoc.convert_file(str(docx_file), "json", format="docx"))
    found = list(pandoc_blocks(ast["blocks"]))
    headers = [(b["c"][0], norm(pandoc_text(b["c"][2]))) for b in found if b["t"] == "Header"]
    assert headers == [(b.level, norm(inline_text(b.children))) for b in walk(doc.blocks) if isinstance(b, Heading)]
    lists = [b["t"] for b in found if b["t"] in ("BulletList", "OrderedList")]
    expected = [("OrderedList" if b.ordered else "BulletList") for b in walk(doc.blocks) if isinstance(b, ListBlock)]
    assert lists == expected


# --- parity with the HTML ----------------------------------------------------------------


class _HtmlBlocks(HTMLParser):
    """Text of h1-h4, p, li, caption and tr in document order, outside the
    page header and footer; text goes to the innermost such element."""

    COLLECT = frozenset({"h1", "h2", "h3", "h4", "p", "li", "caption", "tr"})
    SKIP = frozenset({"header", "footer", "head", "style", "script"})

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[list[str]] = []
        self.open: list[tuple[str, int]] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.COLLECT and not self.skipping:
            self.texts.append([])
            self.open.append((tag, len(self.texts) - 1))
        elif tag in ("td", "th") and self.open and self.open[-1][0] == "tr":
            self.texts[self.open[-1][1]].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping -= 1
        elif self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and not self.skipping:
            self.texts[self.open[-1][1]].append(data)


def html_texts(html: bytes) -> list[str]:
    parser = _HtmlBlocks()
    parser.feed(html.decode("utf-8"))
    return [t for t in (norm("".join(parts)) for parts in parser.texts) if t]


@pytest.mark.parametrize("variant", ["approved", "draft"])
def test_docx_and_html_carry_the_same_text_in_the_same_order(session: Session, variant: str) -> None:
    doc = guideline(session.document)
    if variant == "draft":
        doc = replace(doc, draft_mark="LUONNOS", stamp=("Liite 1",))
    html = render_html(doc, session.theme, session.project.template_dirs)
    assert body_texts(render(doc, session)) == html_texts(html)


def test_short_history_table_is_kept_on_one_page(data: bytes) -> None:
    body = part(data, "word/document.xml")
    [table] = body.findall(".//w:tbl", NS)
    rows = table.findall("w:tr", NS)
    keeps = [all(p.find("w:pPr/w:keepNext", NS) is not None for p in tr.findall(".//w:p", NS)) for tr in rows]
    assert keeps == [True] * (len(rows) - 1) + [False]  # every row but the last keeps with the next


def test_css_size_scales_down_in_proportion_never_up() -> None:
    from PIL import Image as Picture

    from someohje.render.docx_header import css_size

    out = io.BytesIO()
    Picture.new("RGB", (400, 200), "navy").save(out, format="PNG", dpi=(72, 72))
    mm = 36000  # EMU
    assert css_size(out.getvalue()) == (400 * 9525, 200 * 9525)
    width, height = css_size(out.getvalue(), max_height=18 * mm)
    assert (width / mm, height / mm) == pytest.approx((36.0, 18.0))
    assert css_size(out.getvalue(), max_width=500 * 9525) == (400 * 9525, 200 * 9525)
