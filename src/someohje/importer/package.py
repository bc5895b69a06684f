"""The one door for reading a DOCX: a bounded zip and one bounded XML parser.

Both ``import`` and ``import-changes`` read a Word file through
:func:`read_package`, which checks the whole package before anything else
looks at it:

- the file is a regular file of at most :data:`MAX_DOCX_BYTES` (a named pipe
  or a device is refused before it is opened);
- the zip holds at most :data:`MAX_ENTRIES` entries, none encrypted or
  compressed in a way Word does not write, none inflating to more than
  :data:`MAX_PART_BYTES` or by more than :data:`MAX_RATIO` times its
  compressed size, and all together to at most :data:`MAX_TOTAL_BYTES`:
  the sizes the zip declares are checked before a byte is inflated, and no
  entry is ever read past what it declared (a zip bomb is refused, never
  unpacked);
- every XML part is parsed by :func:`parse_part` (entities never resolved,
  no DTD loaded, nothing fetched from the network, libxml2's own depth and
  size bounds kept) and refused if it declares a document type, which a
  Word document never has;
- each part a relationship leads to has the content type and the root
  element that relationship means (the styles part is a styles part), and
  header and footer references lead to headers and footers.

A Strict Open XML package is read under its Transitional names
(:mod:`.strict`), checked the same way.

Each problem is one :class:`BadDocx` naming the part.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..content.confine import Refused, read_bytes
from ..messages import gettext as _
from .strict import as_transitional, is_strict, zipped

MAX_DOCX_BYTES = 50_000_000  #: the Word file itself
MAX_ENTRIES = 2_000  #: entries in its zip
MAX_PART_BYTES = 25_000_000  #: one part, inflated (an image is at most 20 MB)
MAX_TOTAL_BYTES = 100_000_000  #: every part together, inflated
MAX_RATIO = 100  #: how many times its compressed size a part may inflate to ...
RATIO_GRACE = 1_000_000  #: ... once it is bigger than this

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
MAIN_TYPE = f"{_WML}.document.main+xml"
#: the main part of a Word template (.dotx): the same document, a template's content type
TEMPLATE_TYPE = f"{_WML}.template.main+xml"
#: a macro-enabled document or template (.docm, .dotm): refused, someohje runs no macros
_MACRO_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
#: relationship type (last word) -> (content type, root element) of the part it leads to
EXPECTED = {
    "officeDocument": (MAIN_TYPE, f"{{{_W}}}document"),
    "styles": (f"{_WML}.styles+xml", f"{{{_W}}}styles"),
    "numbering": (f"{_WML}.numbering+xml", f"{{{_W}}}numbering"),
    "settings": (f"{_WML}.settings+xml", f"{{{_W}}}settings"),
    "comments": (f"{_WML}.comments+xml", f"{{{_W}}}comments"),
    "footnotes": (f"{_WML}.footnotes+xml", f"{{{_W}}}footnotes"),
    "endnotes": (f"{_WML}.endnotes+xml", f"{{{_W}}}endnotes"),
    "header": (f"{_WML}.header+xml", f"{{{_W}}}hdr"),
    "footer": (f"{_WML}.footer+xml", f"{{{_W}}}ftr"),
    "core-properties": (
        "application/vnd.openxmlformats-package.core-properties+xml",
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
    ),
}
_SINGLE = {"officeDocument", "styles", "numbering", "settings", "comments", "footnotes", "endnotes", "core-properties"}
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


class BadDocx(Exception):
    """A DOCX that is not read: ``part`` names the part ("" for the file as a whole)."""

    def __init__(self, part: str, message: str) -> None:
        self.part = part
        self.message = message
        super().__init__(f"{part}: {message}" if part else message)


@dataclass
class Package:
    """A checked DOCX: its bytes, its parts and their content types."""

    data: bytes  #: the file, for python-docx
    parts: dict[str, bytes]  #: zip entry name -> inflated bytes
    types: dict[str, str]  #: zip entry name -> content type
    main: str  #: the main document part's entry name
    rels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  #: part -> (type, target part)
    _xml: dict[str, Any] = field(default_factory=dict)

    def xml(self, name: str) -> Any:
        """The root element of XML part ``name`` (parsed by :func:`parse_part` once)."""
        if name not in self._xml:
            self._xml[name] = parse_part(name, self.parts[name])
        return self._xml[name]

    def targets(self, source: str) -> dict[str, str]:
        """``source``'s internal relationships: relationship id -> target part."""
        rels_name = _rels_of(source)
        if rels_name not in self.parts:
            return {}
        out = {}
        for rel in self.xml(rels_name).iter(f"{{{_PR}}}Relationship"):
            if rel.get("TargetMode") != "External":
                target = posixpath.join(posixpath.dirname(source), str(rel.get("Target", "")))
                out[str(rel.get("Id", ""))] = posixpath.normpath(target).lstrip("/")
        return out

    def related(self, source: str, kind: str) -> list[str]:
        """The parts ``source`` relates to by relationship type ``kind`` (its last word)."""
        return [target for rel, target in self.rels.get(source, []) if rel == kind]


def bad_docx_message(exc: BadDocx, prefix: str = "") -> str:
    """The one-line message for ``exc``: the part and what is wrong with it,
    or (for the file as a whole) ``prefix`` (by default: not a Word
    document that can be read) and why."""
    prefix = prefix or _("not a Word document (.docx) that can be read")
    return f"{exc.part}: {exc.message}" if exc.part else f"{prefix}: {exc.message}"


def parse_part(name: str, data: bytes) -> Any:
    """Parse XML part ``name`` with the one bounded parser: no entity is
    resolved, no DTD loaded, nothing fetched; a part that is not well-formed
    or declares a document type is a :class:`BadDocx` naming it."""
    if _declares_doctype(_prolog(data)):  # refused before libxml2 reads a declaration
        raise BadDocx(name, _("declares a document type (<!DOCTYPE>, entities), which a Word document never has"))
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise BadDocx(name, _("not well-formed XML ({one_line})").format(one_line=_one_line(str(exc)))) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise BadDocx(name, _("declares a document type (<!DOCTYPE>, entities), which a Word document never has"))
    return root


def _prolog(data: bytes) -> str:
    """The start of an XML part as text, whatever its encoding (UTF-16 by
    its byte-order mark; else read as ASCII-compatible)."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace").lstrip("\ufeff")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _declares_doctype(text: str) -> bool:
    """Whether ``text`` starts with a document type declaration after what
    may come before it (the XML declaration, instructions, comments), read
    in one pass."""
    at = 0
    while True:
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
        for start, end in (("<?", "?>"), ("<!--", "-->")):
            if text.startswith(start, at):
                close = text.find(end, at + len(start))
                if close < 0:
                    return False
                at = close + len(end)
                break
        else:
            return text.startswith("<!DOCTYPE", at)


def read_package(path: Path) -> Package:
    """Read and check the DOCX at ``path`` (see the module docs); :class:`BadDocx` says what is wrong."""
    try:
        data = read_bytes(path, MAX_DOCX_BYTES, what=_("the file"))
    except Refused as exc:
        raise BadDocx("", str(exc)) from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BadDocx(
            "", _one_line(str(exc)) or _("not a zip package ({name})").format(name=type(exc).__name__)
        ) from None
    with archive:
        parts = _inflate(archive, _checked_entries(archive))
    if is_strict(parts):  # Word's Strict Open XML: the same document under other names
        parts = as_transitional(parts)
        data = zipped(parts)
    types = _content_types(parts)
    package = Package(data, parts, types, "")
    for name in parts:
        if name.endswith((".xml", ".rels")) or types.get(name, "").endswith("xml"):
            package.xml(name)
    package.main = _relations(package, "", "_rels/.rels", {"officeDocument", "core-properties"})
    if not package.main:
        raise BadDocx("_rels/.rels", _("names no main document part"))
    _relations(package, package.main, _rels_of(package.main), set(EXPECTED) - {"officeDocument", "core-properties"})
    _check_references(package)
    return package


def _checked_entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's entries, every bound checked on what the zip declares, before anything is inflated."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BadDocx(
            "",
            _("the zip holds {count:,} entries; the limit is {MAX_ENTRIES:,}").format(
                count=len(infos), MAX_ENTRIES=MAX_ENTRIES
            ),
        )
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name in seen or name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise BadDocx(name, _("is not a usable part name (repeated, absolute or with '..')"))
        seen.add(name)
        if info.flag_bits & 0x1:
            raise BadDocx(name, _("is encrypted; save the document without a password and import it again"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BadDocx(name, _("is compressed with a method Word does not use"))
        if info.file_size > MAX_PART_BYTES:
            raise BadDocx(
                name,
                _("inflates to {file_size:,} bytes; the limit is {MAX_PART_BYTES:,}").format(
                    file_size=info.file_size, MAX_PART_BYTES=MAX_PART_BYTES
                ),
            )
        if info.file_size > RATIO_GRACE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise BadDocx(
                name,
                _("inflates {ratio:,} times its size (a zip bomb?); the limit is {MAX_RATIO}").format(
                    ratio=ratio, MAX_RATIO=MAX_RATIO
                ),
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise BadDocx(
                "",
                _("the parts inflate to more than {MAX_TOTAL_BYTES:,} bytes together").format(
                    MAX_TOTAL_BYTES=MAX_TOTAL_BYTES
                ),
            )
    return infos


def _inflate(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Every entry's bytes, never read past the size the zip declares for it."""
    parts: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        try:
            with archive.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
            raise BadDocx(
                info.filename, _("is damaged ({value})").format(value=_one_line(str(exc)) or type(exc).__name__)
            ) from None
        if len(data) != info.file_size:
            raise BadDocx(info.filename, _("is not the size the zip declares for it"))
        parts[info.filename] = data
    return parts


def _content_types(parts: dict[str, bytes]) -> dict[str, str]:
    name = "[Content_Types].xml"
    if name not in parts:
        raise BadDocx("", _("has no [Content_Types].xml: not a Word document"))
    root = parse_part(name, parts[name])
    defaults = {
        str(el.get("Extension", "")).lower(): str(el.get("ContentType", "")) for el in root.iter(f"{{{_CT}}}Default")
    }
    overrides = {
        str(el.get("PartName", "")).lstrip("/"): str(el.get("ContentType", ""))
        for el in root.iter(f"{{{_CT}}}Override")
    }
    types = {}
    for part in parts:
        ext = posixpath.splitext(part)[1].lstrip(".").lower()
        kind = overrides.get(part) or defaults.get(ext)
        if kind:
            types[part] = kind
    return types


def _ct(tag: str) -> str:
    return f"{{{_CT}}}{tag}"


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relations(package: Package, source: str, rels_name: str, checked: set[str]) -> str:
    """Read ``source``'s relationships into the package, checking each
    checked kind's target; returns the target of its ``officeDocument``."""
    if rels_name not in package.parts:
        if source:
            return ""
        raise BadDocx("", _("has no _rels/.rels: not a Word document"))
    found: list[tuple[str, str]] = []
    counts: dict[str, int] = {}
    for rel in package.xml(rels_name).iter(f"{{{_PR}}}Relationship"):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), str(rel.get("Target", "")))).lstrip("/")
        found.append((kind, target))
        counts[kind] = counts.get(kind, 0) + 1
        if kind in checked:
            _check_target(package, rels_name, kind, target, counts[kind])
    package.rels[source] = found
    return next((target for kind, target in found if kind == "officeDocument"), "")


def _check_target(package: Package, rels_name: str, kind: str, target: str, count: int) -> None:
    content_type, root_tag = EXPECTED[kind]
    if count > 1 and kind in _SINGLE:
        raise BadDocx(rels_name, _("names more than one {kind} part").format(kind=kind))
    if target not in package.parts:
        raise BadDocx(
            rels_name,
            _("names a {kind} part '{one_line}' that the file does not hold").format(
                kind=kind, one_line=_one_line(target)
            ),
        )
    if kind == "officeDocument" and package.types.get(target) in _MACRO_TYPES:
        raise BadDocx(target, _("is a macro-enabled document (.docm, .dotm); save it as .docx or .dotx"))
    if kind == "officeDocument" and package.types.get(target) == TEMPLATE_TYPE:
        content_type = TEMPLATE_TYPE  # a Word template (.dotx) reads as the document it is
    if package.types.get(target) != content_type:
        shown = package.types.get(target) or "none"
        raise BadDocx(
            target,
            _("has content type '{one_line}', not the {kind} type its relationship says").format(
                one_line=_one_line(shown), kind=kind
            ),
        )
    if package.xml(target).tag != root_tag:
        raise BadDocx(
            target,
            _("is not a {kind} part (its root element is {one_line})").format(
                kind=kind, one_line=_one_line(str(package.xml(target).tag))
            ),
        )


def _check_references(package: Package) -> None:
    """Each header or footer reference in the main document names a header or footer."""
    kinds = {}
    rels_name = _rels_of(package.main)
    if rels_name in package.parts:
        for rel in package.xml(rels_name).iter(f"{{{_PR}}}Relationship"):
            kinds[str(rel.get("Id", ""))] = str(rel.get("Type", "")).rsplit("/", 1)[-1]
    for tag, kind in (("headerReference", "header"), ("footerReference", "footer")):
        for ref in package.xml(package.main).iter(f"{{{_W}}}{tag}"):
            rid = str(ref.get(f"{{{_R}}}id", ""))
            if kinds.get(rid) != kind:
                raise BadDocx(
                    package.main,
                    _("a {kind} reference ('{one_line}') does not lead to a {kind}").format(
                        kind=kind, one_line=_one_line(rid)
                    ),
                )


def _one_line(text: str) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= 120 else shown[:117] + "..."
