"""What a municipality's Word template (``.dotx`` or ``.docx``) says about its layout.

:func:`read_template` reads the package through the one checked door
(:func:`.package.read_package`) and gives a :class:`TemplateLayout`: the
page size and margins of the body's section (``w:sectPr``: ``w:pgSz``,
``w:pgMar`` with the header and footer distances), the font, size and
colour of the Normal, Title and Heading 1-3 styles, each resolved through
its ``w:basedOn`` chain down to the document defaults (``w:docDefaults``),
with theme fonts (``w:asciiTheme``) and theme colours (``w:themeColor``)
looked up in the theme part (``word/theme/theme1.xml``), and the first
picture of the default page header, found through its relationship.

Styles are recognised by their built-in names (``Normal``, ``Title``,
``heading 1``), which Word keeps in every language while it localises the
ids (a Finnish Word writes ``Normaali``, ``Otsikko1``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.images import image_size
from ..messages import gettext as _
from .package import BadDocx, Package, read_package

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_V = "urn:schemas-microsoft-com:vml"
MM_PER_TWIP = 25.4 / 1440
#: the styles read, by their built-in names (lower case), in report order
STYLE_NAMES = ("normal", "title", "heading 1", "heading 2", "heading 3", "body text")
#: a theme colour name in ``w:themeColor`` -> its element in the theme's colour scheme
_SCHEME = {"text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2", "hyperlink": "hlink"}
_IMAGE_EXTENSIONS = {"png": "png", "jpeg": "jpg", "gif": "gif"}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{_W}}}{tag}"


@dataclass(frozen=True)
class StyleLook:
    """A style's font, size and colour as the text shows them (inherited values resolved)."""

    style_id: str  #: the id in this template (``Otsikko1`` in a Finnish Word)
    font: str  #: the Latin font family; "" when nothing says
    size: float | None  #: points; None when nothing says
    colour: str  #: ``#rrggbb``; "" for automatic or unstated
    indent_left: float | None = None  #: the paragraphs' left indent, mm; None when nothing says


@dataclass(frozen=True)
class Logo:
    """The first picture of the default page header."""

    data: bytes
    extension: str  #: ``png``, ``jpg`` or ``gif``
    alt: str  #: its alternative text (``wp:docPr/@descr``), "" when none


@dataclass
class TemplateLayout:
    """What :func:`read_template` found; lengths in millimetres."""

    page: tuple[float, float]  #: width, height
    margins: dict[str, float]  #: top, bottom, left, right, header, footer (those the template states)
    styles: dict[str, StyleLook]  #: by built-in name (:data:`STYLE_NAMES`), those the template has
    logo: Logo | None = None
    #: what could not be read, one sentence each (a picture in a format the theme cannot use)
    notes: list[str] = field(default_factory=list)
    line_spacing: str = ""  #: Normal's line spacing as Word states it ("auto 276"), "" when unstated


def read_template(path: Path) -> TemplateLayout:
    """Read the layout of the Word template at ``path``; :class:`~.package.BadDocx`
    names the part that is wrong (the package, a part that is not
    well-formed, a template with no styles part)."""
    package = read_package(path)
    styles_parts = package.related(package.main, "styles")
    if not styles_parts:
        raise BadDocx(package.main, _("has no styles part: a template without styles gives no layout"))
    sect = _section(package)
    page, margins = _page(sect)
    resolver = _StyleResolver(package.xml(styles_parts[0]), _theme(package))
    layout = TemplateLayout(page, margins, resolver.looks())
    _without_unused_distances(package, sect, layout)
    layout.line_spacing = resolver.line_spacing()
    _read_logo(package, sect, layout)
    return layout


def _section(package: Package) -> Any:
    """The body's own (last) ``w:sectPr``; None when the body has none."""
    body = package.xml(package.main).find(w("body"))
    if body is None:
        raise BadDocx(package.main, _("has no w:body"))
    return body.find(w("sectPr"))


def _page(sect: Any) -> tuple[tuple[float, float], dict[str, float]]:
    """Page width and height and the margins a section states (Word's default
    page, Letter, when it states no size: that is what Word shows then)."""
    size = sect.find(w("pgSz")) if sect is not None else None
    width = _twips(size, "w") if size is not None else None
    height = _twips(size, "h") if size is not None else None
    page = (width or 12240 * MM_PER_TWIP, height or 15840 * MM_PER_TWIP)
    mar = sect.find(w("pgMar")) if sect is not None else None
    margins: dict[str, float] = {}
    for key in ("top", "bottom", "left", "right", "header", "footer"):
        value = _twips(mar, key) if mar is not None else None
        if value is not None:
            margins[key] = abs(value)  # a negative top or bottom margin means "at least"; the size is the same
    return page, margins


def _without_unused_distances(package: Package, sect: Any, layout: TemplateLayout) -> None:
    """A header or footer distance says nothing in a template with no such
    part (LibreOffice then writes 0): it is left out, and noted."""
    for kind in ("header", "footer"):
        if kind in layout.margins and not _default_part(package, sect, kind):
            shown = layout.margins.pop(kind)
            layout.notes.append(
                _(
                    "the template has no page {kind}, so its {kind} distance ({shown:.1f} mm) says "
                    "nothing; 'page.{kind}_distance' is left as it is"
                ).format(kind=kind, shown=shown)
            )


def _twips(el: Any, attr: str) -> float | None:
    text = str(el.get(w(attr), "")).strip()
    try:
        return int(text) * MM_PER_TWIP if text and len(text) <= 9 else None
    except ValueError:
        return None


def _theme(package: Package) -> Any:
    """The theme part's root, or None."""
    names = package.related(package.main, "theme")
    return package.xml(names[0]) if names and names[0] in package.parts else None


#: built-in style names as other languages and tools write them, lower case -> Word's own
_LOCALISED = {
    "normaali": "normal",
    "standard": "normal",
    "otsikko": "title",
    "asiakirjan otsikko": "title",
    "titel": "title",
    "leipäteksti": "body text",
    "brödtext": "body text",
    "textkörper": "body text",
    "text body": "body text",
}
_HEADING = re.compile(r"(?:heading|otsikko|rubrik|überschrift)\s*([1-9])")
_DEFAULTS = {"paragraph": "normal", "character": "default paragraph font", "table": "normal table"}


def builtin_styles(root: Any) -> dict[tuple[str, str], str]:
    """The styles part ``root``'s styles by (type, Word's built-in name in
    lower case: ``heading 1``) -> style id, also where the name is written in
    another language (``Otsikko 1``, ``Normaali``) and for the default style
    of each type; a style named exactly so comes before one recognised."""
    exact: dict[tuple[str, str], str] = {}
    recognised: dict[tuple[str, str], str] = {}
    for style in root.iter(w("style")):
        kind, sid = str(style.get(w("type"), "paragraph")), str(style.get(w("styleId"), ""))
        name_el = style.find(w("name"))
        name = " ".join(str(name_el.get(w("val"), "")).split()).lower() if name_el is not None else ""
        exact.setdefault((kind, name), sid)
        heading = _HEADING.fullmatch(name)
        builtin = f"heading {heading[1]}" if heading else _LOCALISED.get(name, "")
        if builtin:
            recognised.setdefault((kind, builtin), sid)
        if style.get(w("default")) in ("1", "true", "on") and kind in _DEFAULTS:
            recognised.setdefault((kind, _DEFAULTS[kind]), sid)
    return {**recognised, **exact}


class _StyleResolver:
    """The styles part, resolving a style's run properties through its chain."""

    def __init__(self, root: Any, theme: Any) -> None:
        self.root = root
        self.theme = theme
        self.by_id = {
            str(style.get(w("styleId"), "")): style
            for style in root.iter(w("style"))
            if style.get(w("type")) == "paragraph"
        }
        self.by_name = {name: sid for (kind, name), sid in builtin_styles(root).items() if kind == "paragraph"}

    def looks(self) -> dict[str, StyleLook]:
        """The look of each built-in style the template has."""
        found = {}
        for name in STYLE_NAMES:
            sid = self.by_name.get(name)
            if sid is not None:
                found[name] = self.look(sid)
        return found

    def look(self, style_id: str) -> StyleLook:
        """Style ``style_id``'s font, size and colour, inherited values resolved."""
        chain = self._chain(style_id)
        rprs = [self._defaults_rpr(), *(s.find(w("rPr")) for s in chain)]
        font, size, colour = "", None, ""
        for rpr in (r for r in rprs if r is not None):
            font = self._font(rpr.find(w("rFonts"))) or font
            size = _half_points(rpr.find(w("sz"))) or size
            colour = self._colour(rpr.find(w("color")), colour)
        indent = None
        for ppr in (s.find(w("pPr")) for s in chain):
            ind = ppr.find(w("ind")) if ppr is not None else None
            if ind is not None:
                indent = _twips(ind, "left") if ind.get(w("left")) is not None else _twips(ind, "start")
        return StyleLook(style_id, font, size, colour, indent)

    def line_spacing(self) -> str:
        """Normal's own line spacing as Word writes it (rule and value), or ""."""
        sid = self.by_name.get("normal")
        pprs = [self.root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")]
        pprs += [s.find(w("pPr")) for s in self._chain(sid)] if sid else []
        found = ""
        for ppr in (p for p in pprs if p is not None):
            spacing = ppr.find(w("spacing"))
            if spacing is not None and spacing.get(w("line")):
                found = f"{spacing.get(w('lineRule'), 'auto')} {spacing.get(w('line'))}"
        return found

    def _chain(self, style_id: str) -> list[Any]:
        """The style and its bases, the farthest base first (a loop is cut)."""
        chain: list[Any] = []
        seen: set[str] = set()
        sid = style_id
        while sid in self.by_id and sid not in seen and len(chain) < 64:
            seen.add(sid)
            style = self.by_id[sid]
            chain.append(style)
            based = style.find(w("basedOn"))
            sid = str(based.get(w("val"), "")) if based is not None else ""
        return chain[::-1]

    def _defaults_rpr(self) -> Any:
        return self.root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def _font(self, fonts: Any) -> str:
        if fonts is None:
            return ""
        theme_font = str(fonts.get(w("asciiTheme"), "") or fonts.get(w("hAnsiTheme"), ""))
        if theme_font:
            return self._theme_font(theme_font) or str(fonts.get(w("ascii"), ""))
        return str(fonts.get(w("ascii"), "") or fonts.get(w("hAnsi"), ""))

    def _theme_font(self, name: str) -> str:
        """``minorHAnsi`` is the theme's minor (body) Latin font, ``majorHAnsi`` its major one."""
        if self.theme is None:
            return ""
        kind = "majorFont" if name.startswith("major") else "minorFont"
        latin = self.theme.find(f".//{{{_A}}}{kind}/{{{_A}}}latin")
        return str(latin.get("typeface", "")) if latin is not None else ""

    def _colour(self, el: Any, inherited: str) -> str:
        if el is None:
            return inherited
        value = str(el.get(w("val"), "")).strip()
        if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
            return f"#{value.lower()}"
        theme_colour = str(el.get(w("themeColor"), ""))
        if theme_colour:
            return self._theme_colour(theme_colour) or inherited
        return "" if value == "auto" else inherited

    def _theme_colour(self, name: str) -> str:
        if self.theme is None:
            return ""
        slot = self.theme.find(f".//{{{_A}}}clrScheme/{{{_A}}}{_SCHEME.get(name, name)}")
        if slot is None:
            return ""
        for child in slot:
            value = str(child.get("val" if child.tag == f"{{{_A}}}srgbClr" else "lastClr", ""))
            if len(value) == 6:
                return f"#{value.lower()}"
        return ""


def _half_points(el: Any) -> float | None:
    text = str(el.get(w("val"), "")) if el is not None else ""
    return int(text) / 2 if text.isascii() and text.isdigit() and len(text) <= 6 else None


def _read_logo(package: Package, sect: Any, layout: TemplateLayout) -> None:
    """The first picture of the section's default header, into ``layout``."""
    header = _default_part(package, sect, "header")
    if not header:
        return
    picture = next(package.xml(header).iter(f"{{{_A}}}blip", f"{{{_V}}}imagedata"), None)
    if picture is None:
        return
    r_id = picture.get(f"{{{_R}}}embed") or picture.get(f"{{{_R}}}id") or ""
    target = package.targets(header).get(str(r_id), "")
    if target not in package.parts:
        layout.notes.append(_("the header's picture ({header}) links to no image the file holds").format(header=header))
        return
    data = package.parts[target]
    found = image_size(data[:65536])
    if found is None or found[0] not in _IMAGE_EXTENSIONS:
        kind = posixpath.splitext(target)[1].lstrip(".").upper() or "unknown"
        layout.notes.append(
            _("the header's picture {target} is {kind}, not PNG, JPEG or GIF; convert it to PNG").format(
                target=target, kind=kind
            )
        )
        return
    layout.logo = Logo(data, _IMAGE_EXTENSIONS[found[0]], _alt_text(picture))


def _default_part(package: Package, sect: Any, kind: str) -> str:
    """The part name of the section's default ``kind`` (header, footer), or ""."""
    if sect is None:
        return ""
    for ref in sect.iter(w(f"{kind}Reference")):
        if ref.get(w("type"), "default") == "default":
            return package.targets(package.main).get(str(ref.get(f"{{{_R}}}id", "")), "")
    return ""


def _alt_text(picture: Any) -> str:
    """The alternative text of a header picture (DrawingML ``wp:docPr``, or a VML shape's ``alt``)."""
    inline = next((a for a in picture.iterancestors() if a.tag in (f"{{{_WP}}}inline", f"{{{_WP}}}anchor")), None)
    if inline is None:
        shape = picture.getparent()
        return (str(shape.get("alt", "")) if shape is not None else "").strip()
    doc_pr = inline.find(f"{{{_WP}}}docPr")
    return (str(doc_pr.get("descr", "") or doc_pr.get("title", "")) if doc_pr is not None else "").strip()
