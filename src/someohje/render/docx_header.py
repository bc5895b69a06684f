"""The DOCX page header and footer: the identification block of SFS 2487.

The header of every page is the identification block
(:func:`~someohje.document.ident.ident_block`) on the theme's tab stops:
the organisation (its logo, or its name) at the margin (C0), the document
type in bold at the block's column (C4) and the page number ``x (y)`` from
real PAGE and NUMPAGES fields at C7, then the date, the diary number, the
stamps and the status mark at C4, one line each. The footer names the
organisation and links its web address.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from ..content.confine import Refused, read_bytes
from ..content.images import MAX_IMAGE_BYTES
from ..content.theme import Theme
from ..document.ident import IdentLine, ident_block
from ..errors import ContentError, problem
from ..tree import OutputDocument
from .docx_styles import FOOTER, HEADER, HYPERLINK, em
from .oxml.element import Element, el
from .oxml.fields import add_field
from .oxml.links import hyperlink
from .oxml.paragraph import set_right_indent, set_tabs
from .oxml.run import RunFormat, run, tab

#: the logo's largest height, as the stylesheet's ``.page-header .logo { max-height: 18mm }``
LOGO_MAX_HEIGHT_MM = 18
EMU_PER_CSS_PX = 9525  #: 914400 EMU to the inch, 96 CSS pixels to the inch

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


def header_and_footer(document: DocxDocument, doc: OutputDocument, theme: Theme) -> None:
    """The identification block on every page, on the SFS 2487 grid: the
    organisation at the margin (C0), then a tab to the block's column
    (C4, bold document type) and one to the page number's (C7); each
    further line of the block at C4. Tab stops come from the theme."""
    section = document.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    tabs = (theme.ident_at, theme.page_at)
    first, *rest = ident_block(doc)
    p = header.paragraphs[0]._p
    p.get_or_add_pPr().style = HEADER
    set_tabs(p, tabs)
    if theme.page_number_overhang:  # as the PDF, where the page number runs on into the margin
        set_right_indent(p, -theme.page_number_overhang)
    _header_org(p, header, doc, theme)
    p.append(tab())
    p.append(run(first.text, RunFormat(bold=True)))
    p.append(tab())
    add_field(p, "PAGE")  # "x (y)" from real fields
    p.append(run(" ("))
    add_field(p, "NUMPAGES")
    p.append(run(")"))
    for line in rest:
        p = header.add_paragraph()._p
        p.get_or_add_pPr().style = HEADER
        set_tabs(p, tabs)
        p.append(tab())
        p.append(run(line.text, _ident_format(line, theme)))
    _footer(section.footer, doc)


def _ident_format(line: IdentLine, theme: Theme) -> RunFormat:
    if line.role == "stamp":
        return RunFormat(bold=True, colour=theme.accent)
    if line.role == "status":
        spacing = em(theme, theme.spacing.header_draft_letter_spacing_em, theme.small_size)
        return RunFormat(bold=True, colour=theme.deleted, spacing=spacing)
    return RunFormat(bold=line.bold)


def _header_org(p: Element, header: Any, doc: OutputDocument, theme: Theme) -> None:
    if theme.logo is None:
        p.append(run(doc.organisation, RunFormat(bold=True, size=theme.heading_sizes[0])))
        return
    inline = picture_inline(header.part, theme.logo, max_height=Mm(LOGO_MAX_HEIGHT_MM))
    inline.docPr.set("descr", theme.logo_alt)
    r = el("w:r")
    r.add_drawing(inline)
    p.append(r)


def picture_inline(part: Any, path: Path, *, max_width: int | None = None, max_height: int | None = None) -> Any:
    """A ``wp:inline`` picture of the image file ``path`` in ``part``, its
    bytes read through :func:`~someohje.content.confine.read_bytes` (a
    regular file of image size; checked at load time, and again here, so a
    file swapped for a named pipe since cannot block the render).

    Its size is the one the PDF and the web page give it: one pixel is a CSS
    pixel (1/96 inch, whatever resolution the file states), scaled down,
    never up, to ``max_width`` and ``max_height`` (EMU) as CSS ``max-width``
    and ``max-height`` do."""
    try:
        data = read_bytes(path, MAX_IMAGE_BYTES, what=f"image '{path.name}'")
    except Refused as exc:
        raise ContentError([problem(path, 1, str(exc))]) from None
    width, height = css_size(data, max_width, max_height)
    inline = part.new_pic_inline(io.BytesIO(data), width=width, height=height)
    for name in inline.iter(qn("pic:cNvPr")):
        name.set("name", path.name)
    return inline


def css_size(data: bytes, max_width: int | None = None, max_height: int | None = None) -> tuple[int, int]:
    """The image ``data``'s width and height in EMU as CSS lays it out: its
    pixels at 96 to the inch, scaled down in proportion to fit the bounds."""
    image = DocxImage.from_blob(data)
    width, height = image.px_width * EMU_PER_CSS_PX, image.px_height * EMU_PER_CSS_PX
    scale = min([1.0, *(bound / size for bound, size in ((max_width, width), (max_height, height)) if bound and size)])
    return round(width * scale), round(height * scale)


def _footer(footer: Any, doc: OutputDocument) -> None:
    """The organisation and its web address, a link."""
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]._p
    para.get_or_add_pPr().style = FOOTER
    para.append(run(doc.organisation + (" · " if doc.web else "")))
    if doc.web:
        r_id = footer.part.relate_to(f"https://{doc.web}", RT.HYPERLINK, is_external=True)
        link = hyperlink(r_id)
        link.append(run(doc.web, RunFormat(style=HYPERLINK)))
        para.append(link)
