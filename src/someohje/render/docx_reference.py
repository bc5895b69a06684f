"""The DOCX started from the municipality's own Word template (``docx_reference``).

Like pandoc's ``--reference-doc``: :func:`reference_package` takes the
template's package (read and checked by
:func:`someohje.importer.package.read_package`) and keeps its style
definitions, numbering, theme part, font table, settings and its default
header and footer parts; it empties the body (keeping its section), makes
the main part a document's (a ``.dotx`` is a template), and replaces the
package properties with the document's own. Then:

- the template's built-in styles are found by their names (``heading 1``,
  ``Normal``), whatever language gave them their ids (``Otsikko1``,
  ``Normaali``), and renamed to the ids the writer uses
  (:mod:`.docx_styles`), in every reference to them; someohje's styles the
  template lacks are added from the theme, so every style the writer names
  exists;
- the theme's values are written over the template's where the theme holds
  them, so the DOCX, the PDF and the web page agree: the page (A4) and its
  margins, and the font, size and colour of Normal, Title and Heading 1-3
  (and Normal's line height), the size of the header and footer (and no
  tab stops of their own: the identification block sets the grid's), and the left indent of Body Text (the grid's
  ``body_indent``); everything else of those styles (spacing,
  borders, numbering) stays the template's;
- someohje's two list definitions join the template's numbering (the
  template's own are renumbered after them);
- the first-page and even-page headers and footers are dropped: the
  identification block stands on every page (:mod:`.docx_header` writes it
  into the template's default header, replacing what was there).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from ..content.texts import Words
from ..content.theme import Theme
from ..errors import ContentError, problem
from .docx_styles import BODY, FOOTER, HEADER, NORMAL, TITLE, em, list_definitions, theme_styles
from .oxml.coreprops import core_xml
from .oxml.element import el, serialise
from .oxml.ns import CT_NS, OD_REL, PKG_REL_NS
from .oxml.parts import app_xml
from .oxml.styles import StyleSpec, style_element, styles_xml
from .oxml.units import hex_colour, pt_twips, twips

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
MAIN_TYPE = f"{_WML}.document.main+xml"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_PROPERTY_TYPES = {
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}
#: elements whose ``w:val`` names a style
_STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link")
#: the document's relationships that the emptied body no longer needs
_BODY_ONLY = {"image", "hyperlink", "oleObject", "package", "chart", "footnotes", "endnotes", "comments"}
#: where someohje's list definitions start; the template's own follow from here
_TEMPLATE_ABSTRACT_START = 10


def reference_package(
    reference: Path, theme: Theme, language: str, organisation: str, custom: bytes, words: Words | None = None
) -> bytes:
    """The starting package (zip bytes) made from the Word template at
    ``reference`` (the theme's ``docx_reference``; see the module docs), for
    python-docx to open; ``custom`` is the custom-properties part (empty for
    none), ``organisation`` the company of the extended properties."""
    from ..importer.package import BadDocx, bad_docx_message, read_package  # only a build with a template pays

    try:
        package = read_package(reference)
    except BadDocx as exc:  # checked when the theme was read: changed since
        raise ContentError([problem(reference, 0, bad_docx_message(exc))]) from None
    parts, main = dict(package.parts), package.main
    rels_name = _rels_of(main)
    doc_rels = parse_xml(parts[rels_name]) if rels_name in parts else _new_rels()
    kinds = {str(r.get("Id")): str(r.get("Type", "")).rsplit("/", 1)[-1] for r in doc_rels}
    by_kind = {kinds[str(r.get("Id"))]: _joined(main, str(r.get("Target", ""))) for r in doc_rels}
    added: dict[str, str] = {}
    for kind in ("styles", "numbering"):
        if by_kind.get(kind) not in parts:  # someohje's own, as in the skeleton
            by_kind[kind] = _add_part(parts, doc_rels, main, kind)
            added[f"/{by_kind[kind]}"] = f"{_WML}.{kind}+xml"
    if not parts[by_kind["styles"]]:  # a template with no styles: someohje's, with its document defaults
        parts[by_kind["styles"]] = styles_xml(*theme_styles(theme, language, words))
    styles = parse_xml(parts[by_kind["styles"]])
    renames = _style_renames(styles, theme, language)
    document = _renamed(_emptied_document(parse_xml(parts[main]), theme, kinds), renames)
    folder = posixpath.dirname(main)
    for name in [n for n in parts if posixpath.dirname(n) == folder and n.endswith(".xml") and parts[n]]:
        if name != main:
            parts[name] = serialise(_renamed(parse_xml(parts[name]), renames))
    parts[main] = serialise(document)
    _drop_unused(doc_rels, document)
    parts[by_kind["styles"]] = _merged_styles(_renamed(styles, renames), theme, language, words)
    parts[by_kind["numbering"]] = _merged_numbering(parts[by_kind["numbering"]], theme)
    if by_kind.get("settings") in parts:
        parts[by_kind["settings"]] = _cleaned_settings(parse_xml(parts[by_kind["settings"]]))
        parts.pop(_rels_of(by_kind["settings"]), None)  # the attached template's path on someone's disk
    parts[rels_name] = serialise(doc_rels)
    _package_properties(parts, main, organisation, custom, added)
    return _zipped(parts)


def _empty(root: str) -> Any:
    """An empty part's root element, ``w:ROOT`` (``w:numbering``)."""
    return parse_xml(f'<w:{root} xmlns:w="{_W_NS}"/>'.encode())


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _joined(source: str, target: str) -> str:
    """The part a relationship of ``source`` leads to (a target relative to its folder)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _new_rels() -> Any:
    return parse_xml(f'<Relationships xmlns="{PKG_REL_NS}"/>'.encode())


# --- the body and its section -------------------------------------------------------------


def _emptied_document(root: Any, theme: Theme, kinds: dict[str, str]) -> Any:
    """The template's ``w:document`` with an empty body and its one section on A4
    with the theme's margins, headed by its default header and footer only."""
    body = root.find(qn("w:body"))
    if body is None:
        body = etree.SubElement(root, qn("w:body"))
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    if sect is None:
        sect = etree.SubElement(body, qn("w:sectPr"))
    for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
        if ref.get(qn("w:type"), "default") != "default" or kinds.get(str(ref.get(qn("r:id")))) is None:
            sect.remove(ref)
    for tag in ("w:titlePg", "w:pgSz", "w:pgMar"):
        for old in sect.findall(qn(tag)):
            sect.remove(old)
    _set_page(sect, theme)
    return root


def _set_page(sect: Any, theme: Theme) -> None:
    """``w:pgSz`` (A4 portrait, 210 x 297 mm, as SFS 2487 lays out) and ``w:pgMar`` (the theme's) at their place
    in the section: after the header and footer references and the
    footnote and endnote properties and the section type."""
    size = etree.Element(qn("w:pgSz"), {qn("w:w"): str(twips(210.0)), qn("w:h"): str(twips(297.0))})
    mar = etree.Element(qn("w:pgMar"), {qn(f"w:{k}"): str(twips(v)) for k, v in theme.page_margins.items()})
    mar.set(qn("w:gutter"), "0")
    before = {qn(f"w:{t}") for t in ("headerReference", "footerReference", "footnotePr", "endnotePr", "type")}
    at = sum(1 for child in sect if child.tag in before)
    sect.insert(at, size)
    sect.insert(at + 1, mar)


def _drop_unused(rels: Any, document: Any) -> None:
    """Drop the relationships only the emptied body used (its pictures, links,
    notes, first-page and even-page headers)."""
    used = {str(v) for el in document.iter() for k, v in el.attrib.items() if k.startswith(f"{{{_R_NS}}}")}
    for rel in list(rels):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        if (kind in _BODY_ONLY or kind in ("header", "footer")) and str(rel.get("Id")) not in used:
            rels.remove(rel)


def _add_part(parts: dict[str, bytes], rels: Any, main: str, kind: str) -> str:
    """Relate a new, still empty part ``KIND.xml`` beside the main part to it; its name."""
    target = f"{kind}.xml"
    ids = {str(r.get("Id")) for r in rels}
    n = len(ids) + 1
    while f"rId{n}" in ids:
        n += 1
    etree.SubElement(
        rels, f"{{{PKG_REL_NS}}}Relationship", {"Id": f"rId{n}", "Type": f"{OD_REL}/{kind}", "Target": target}
    )
    name = _joined(main, target)
    parts[name] = b""
    return name


# --- styles -------------------------------------------------------------------------------


def _builtin_names(theme: Theme, language: str) -> dict[tuple[str, str], str]:
    """(type, lower-case name) -> the id the writer uses, for every style of :mod:`.docx_styles`."""
    _, specs = theme_styles(theme, language)
    return {(spec.kind, spec.name.lower()): spec.style_id for spec in specs}


def _style_renames(styles: Any, theme: Theme, language: str) -> dict[str, str]:
    """Template style id -> the id the writer uses for the same built-in style
    (by its name in any language, or the template's default style of its
    type: :func:`someohje.importer.template.builtin_styles`); a template
    style that holds one of those ids for something else moves aside."""
    from ..importer.template import builtin_styles

    found = builtin_styles(styles)
    renames = {found[key]: sid for key, sid in _builtin_names(theme, language).items() if key in found}
    taken = set(renames.values())
    for style in styles.iter(qn("w:style")):
        sid = str(style.get(qn("w:styleId"), ""))
        if sid in taken and sid not in renames:
            renames[sid] = f"{sid}Pohja"
    return {old: new for old, new in renames.items() if old != new}


def _renamed(root: Any, renames: dict[str, str]) -> Any:
    """``root`` with every style id and reference to one renamed."""
    if not renames:
        return root
    for style in root.iter(qn("w:style")):
        sid = str(style.get(qn("w:styleId"), ""))
        style.set(qn("w:styleId"), renames.get(sid, sid))
    for tag in _STYLE_REFERENCES:
        for ref in root.iter(qn(f"w:{tag}")):
            value = str(ref.get(qn("w:val"), ""))
            if value in renames:
                ref.set(qn("w:val"), renames[value])
    return root


def _merged_styles(styles: Any, theme: Theme, language: str, words: Words | None = None) -> bytes:
    """The template's styles with the theme's values over Normal, Title and
    Heading 1-3, and someohje's styles the template lacks added (named in ``words``' language)."""
    _, specs = theme_styles(theme, language, words)
    have = {str(s.get(qn("w:styleId"))) for s in styles.iter(qn("w:style"))}
    looks = {
        NORMAL: (theme.body_size, theme.text),
        TITLE: (theme.title_size, theme.text),
        **{f"Heading{n}": (size, theme.accent) for n, size in enumerate(theme.heading_sizes, 1)},
        HEADER: (theme.small_size, ""),
        FOOTER: (theme.small_size, ""),
    }
    for style in styles.iter(qn("w:style")):
        sid = str(style.get(qn("w:styleId")))
        if sid in looks:
            _overlay(style, *looks[sid], family=theme.docx_family if sid == NORMAL else "")
        if sid in (HEADER, FOOTER):  # the identification block sets its tab stops on the grid
            for tabs in style.findall(f"{qn('w:pPr')}/{qn('w:tabs')}"):
                tabs.getparent().remove(tabs)
        if sid == BODY:  # running text on the theme's grid, as in the PDF
            ind = style.get_or_add_pPr().get_or_add_ind()
            for attr in ("start", "hanging", "firstLine"):
                ind.attrib.pop(qn(f"w:{attr}"), None)
            ind.set(qn("w:left"), str(twips(theme.body_indent)))
        if sid == NORMAL:
            line = pt_twips(em(theme, theme.line_height))
            spacing = style.get_or_add_pPr().get_or_add_spacing()
            spacing.set(qn("w:line"), str(line))
            spacing.set(qn("w:lineRule"), "atLeast")
    for spec in specs:
        if spec.style_id not in have:
            styles.append(style_element(_without_default(spec)))
    return serialise(styles)


def _without_default(spec: StyleSpec) -> StyleSpec:
    """``spec`` as an added style: never the default of its type (the template's is)."""
    from dataclasses import replace

    return replace(spec, default=False) if spec.default else spec


def _overlay(style: Any, size: float, colour: str, *, family: str) -> None:
    """Set a style's size, and its colour and font ``family`` when given, in schema order."""
    rpr = style.get_or_add_rPr()
    if family:
        fonts = rpr.get_or_add_rFonts()
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), family)
    if colour:
        for old in rpr.findall(qn("w:color")):  # a theme colour's attributes go with it
            rpr.remove(old)
        rpr.get_or_add_color().set(qn("w:val"), hex_colour(colour))
    rpr.get_or_add_sz().set(qn("w:val"), str(round(size * 2)))
    for old in rpr.findall(qn("w:szCs")):
        old.set(qn("w:val"), str(round(size * 2)))


# --- numbering, settings, package properties ----------------------------------------------


def _merged_numbering(data: bytes | None, theme: Theme) -> bytes:
    """The template's list definitions renumbered after someohje's two, which go first."""
    root = parse_xml(data) if data else _empty("numbering")
    renumber: dict[str, str] = {}
    for n, abstract in enumerate(root.findall(qn("w:abstractNum")), _TEMPLATE_ABSTRACT_START):
        renumber[str(abstract.get(qn("w:abstractNumId")))] = str(n)
        abstract.set(qn("w:abstractNumId"), str(n))
    for ref in root.iter(qn("w:abstractNumId")):
        value = str(ref.get(qn("w:val"), ""))
        ref.set(qn("w:val"), renumber.get(value, value))
    pictures = len(root.findall(qn("w:numPicBullet")))
    for offset, definition in enumerate(list_definitions(theme)):
        root.insert(pictures + offset, definition)
    return serialise(root)


def _cleaned_settings(root: Any) -> bytes:
    """The template's settings without what no longer holds: the attached
    template (a path on the author's disk), even-page headers, a template's
    protection (the document is for editing), and the separators of notes
    the template had (the build makes its own)."""
    for tag in ("w:attachedTemplate", "w:evenAndOddHeaders", "w:writeProtection", "w:documentProtection"):
        for old in root.findall(qn(tag)):
            root.remove(old)
    for tag, note in (("w:footnotePr", "w:footnote"), ("w:endnotePr", "w:endnote")):
        for pr in root.findall(qn(tag)):
            for old in pr.findall(qn(note)):
                pr.remove(old)
    return serialise(root)


def _package_properties(
    parts: dict[str, bytes], main: str, organisation: str, custom: bytes, added: dict[str, str]
) -> None:
    """The package's own relationships and properties: the document's, none of
    the template's (its author, dates, thumbnail); the main part a document's;
    the content types of the ``added`` parts (part name -> type)."""
    for name in list(parts):
        if name.startswith("docProps/"):
            del parts[name]
    parts["docProps/core.xml"] = core_xml()
    parts["docProps/app.xml"] = app_xml(organisation)
    if custom:
        parts["docProps/custom.xml"] = custom
    rels = _new_rels()
    targets = [
        (f"{OD_REL}/officeDocument", main),
        (_CORE_REL, "docProps/core.xml"),
        (f"{OD_REL}/extended-properties", "docProps/app.xml"),
        *([(f"{OD_REL}/custom-properties", "docProps/custom.xml")] if custom else []),
    ]
    for n, (kind, target) in enumerate(targets, 1):
        etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship", {"Id": f"rId{n}", "Type": kind, "Target": target})
    parts["_rels/.rels"] = serialise(rels)
    types = parse_xml(parts["[Content_Types].xml"])
    overrides = {
        f"/{main}": MAIN_TYPE,
        **added,
        **{f"/{k}": v for k, v in _PROPERTY_TYPES.items() if k in parts},
    }
    for old in types.findall(f"{{{CT_NS}}}Override"):
        if str(old.get("PartName")) in overrides or str(old.get("PartName", "")).startswith("/docProps/"):
            types.remove(old)
    for part, kind in overrides.items():
        etree.SubElement(types, f"{{{CT_NS}}}Override", {"PartName": part, "ContentType": kind})
    parts["[Content_Types].xml"] = serialise(types)


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def empty_header_and_footer(document: Any) -> None:
    """Empty the default header and footer the template brought (the
    identification block and the footer are written into them afresh), each
    left with one paragraph in someohje's header or footer style."""
    section = document.sections[0]
    for story, style in ((section.header, HEADER), (section.footer, FOOTER)):
        if story.is_linked_to_previous:
            continue
        root = story._element
        for child in list(root):
            root.remove(child)
        p = el("w:p")
        p.get_or_add_pPr().style = style
        root.append(p)
