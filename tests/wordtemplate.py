"""A municipality's Word template, written by the tests themselves: python-docx
plus raw WordprocessingML, with the style ids a Finnish Word gives
(``Normaali``, ``Otsikko1``), a logo in the page header, its own margins,
fonts and sizes, and optionally saved as ``.dotx`` (the template content
type) or converted to one by LibreOffice."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

#: the ids a Finnish Word gives the built-in styles (their w:name stays English)
FINNISH_IDS = {
    "Normal": "Normaali",
    "Title": "Otsikko",
    "Heading1": "Otsikko1",
    "Heading2": "Otsikko2",
    "Heading3": "Otsikko3",
    "BodyText": "Leipteksti",
    "Header": "Yltunniste",
    "Footer": "Alatunniste",
}
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OWN_STYLE = "Kunnan oma korostus"  #: a style only the template has
#: the template's margins and header and footer distances, mm (A4, none of them someohje's defaults)
MARGINS = {
    "top": 32.0,
    "bottom": 24.0,
    "left": 26.0,
    "right": 18.0,
    "header": 11.0,
    "footer": 9.0,
}  #: a style only the template has


@dataclass
class Layout:
    """What the template states, and so what theme-from must find."""

    margins: dict[str, float] = field(default_factory=lambda: dict(MARGINS))
    font: str = "Verdana"
    body_size: float = 10.5
    title_size: float = 18.0
    heading_sizes: tuple[float, float, float] = (15.0, 12.5, 11.5)
    accent: str = "#7a1f3d"
    text: str = "#202020"
    body_indent: float = 30.0
    page: tuple[float, float] = (210.0, 297.0)
    logo_alt: str = "Esimerkkilän kunnan vaakuna"


def png(width: int = 40, height: int = 24, rgb: tuple[int, int, int] = (122, 31, 61)) -> bytes:
    """A small one-colour PNG image, made here (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def template_docx(layout: Layout, logo: bytes | None, *, footer: bool = True) -> bytes:
    """A Word document in the municipality's layout, with Finnish style ids
    (and a page footer unless ``footer`` is false)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(layout.page[0]), Mm(layout.page[1])
    m = layout.margins
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
    section.header_distance, section.footer_distance = Mm(m["header"]), Mm(m["footer"])
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = layout.font
    normal.font.size = Pt(layout.body_size)
    _colour(normal.element, layout.text)
    styles["Title"].font.size = Pt(layout.title_size)
    for n, size in enumerate(layout.heading_sizes, 1):
        styles[f"Heading {n}"].font.size = Pt(size)
    _theme_colour(styles["Heading 1"].element, "accent2")
    styles["Body Text"].paragraph_format.left_indent = Mm(layout.body_indent)
    own = styles.add_style(OWN_STYLE, 1)
    own.base_style = styles["Normal"]
    own.font.bold = True
    document.add_paragraph("Asiakirjapohja", style="Title")
    if footer:
        section.footer.paragraphs[0].text = "Esimerkkilän kunta"
    if logo is not None:
        header = section.header
        header.paragraphs[0].add_run().add_picture(io.BytesIO(logo), width=Mm(30))
        for doc_pr in header._element.iter(qn("wp:docPr")):
            doc_pr.set("descr", layout.logo_alt)
    out = io.BytesIO()
    document.save(out)
    return finnish_ids(out.getvalue(), accent=layout.accent)


def _colour(style: object, colour: str) -> None:
    rpr = style.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_color().set(qn("w:val"), colour.lstrip("#").upper())


def _theme_colour(style: object, name: str) -> None:
    """A colour given only as a theme colour (no w:val fallback of its own
    worth reading: ``auto``), so that the theme part must be read."""
    rpr = style.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr._remove_color()
    color = rpr.get_or_add_color()
    color.set(qn("w:val"), "auto")
    color.set(qn("w:themeColor"), name)


def finnish_ids(data: bytes, accent: str) -> bytes:
    """The package with the style ids a Finnish Word writes, every reference
    renamed too, and the theme's ``accent2`` set to ``accent``."""
    members = _members(data)
    styles = members["word/styles.xml"].decode()
    for english, finnish in FINNISH_IDS.items():
        styles = styles.replace(f'w:styleId="{english}"', f'w:styleId="{finnish}"')
        styles = re.sub(rf'(<w:(?:basedOn|next|link) w:val="){english}"', rf'\g<1>{finnish}"', styles)
    members["word/styles.xml"] = styles.encode()
    for name in [n for n in members if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]:
        text = members[name].decode()
        for english, finnish in FINNISH_IDS.items():
            text = text.replace(f'<w:pStyle w:val="{english}"', f'<w:pStyle w:val="{finnish}"')
        members[name] = text.encode()
    theme = members["word/theme/theme1.xml"].decode()
    theme = re.sub(r"(<a:accent2>\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}", rf"\g<1>{accent.lstrip('#').upper()}", theme)
    members["word/theme/theme1.xml"] = theme.encode()
    return _zip(members)


def as_dotx(data: bytes) -> bytes:
    """The package as a Word template: its main part's content type a template's."""
    members = _members(data)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode()
    )
    return _zip(members)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, member in members.items():
            archive.writestr(name, member)
    return out.getvalue()


def libreoffice_dotx(soffice: str, source: Path, folder: Path) -> Path:
    """``source`` (a .docx) saved by LibreOffice as a Word template (.dotx) in ``folder``."""
    profile = folder / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "dotx:MS Word 2007 XML Template",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / (source.stem + ".dotx")
