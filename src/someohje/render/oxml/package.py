"""The DOCX package: the starting zip and the reproducible final one.

:func:`skeleton` assembles a minimal, complete package from the parts
(content types, relationships, every part) for python-docx to open, without
python-docx's default template; :func:`reproducible_zip` rewrites the saved
package so that equal content gives equal bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]

from .coreprops import core_xml
from .element import serialise
from .ns import CT_NS, OD_REL, PKG_REL_NS

#: the fixed timestamp of every zip member (the earliest a zip can store)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


_CONTENT_TYPES = {
    "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "/word/fontTable.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}


_CUSTOM_PART = "/docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _relationships(rels: Sequence[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    for n, (kind, target) in enumerate(rels, 1):
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", {"Id": f"rId{n}", "Type": kind, "Target": target})
    return serialise(root)


def skeleton(
    *, document: bytes, styles: bytes, numbering: bytes, settings: bytes, fonts: bytes, app: bytes, custom: bytes = b""
) -> bytes:
    """A minimal, complete DOCX package (zip bytes) made of the given parts.

    It adds the content types, the package's and the document's relationships
    and an empty core-properties part (:func:`~.coreprops.core_xml`). Nothing
    comes from python-docx's default template: no sample styles, theme,
    thumbnail, custom XML or default core properties. ``custom`` (when not
    empty) is ``docProps/custom.xml``, the custom properties. The members are stored
    uncompressed and carry the wall-clock time: the package is for python-docx
    to open and fill, and what python-docx saves goes through
    :func:`reproducible_zip`.
    """
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for ext, ctype in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(types, f"{{{CT_NS}}}Default", {"Extension": ext, "ContentType": ctype})
    overrides = {**_CONTENT_TYPES, **({_CUSTOM_PART: _CUSTOM_TYPE} if custom else {})}
    for part, ctype in overrides.items():
        etree.SubElement(types, f"{{{CT_NS}}}Override", {"PartName": part, "ContentType": ctype})
    package_rels = _relationships(
        [
            (f"{OD_REL}/officeDocument", "word/document.xml"),
            (
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            (f"{OD_REL}/extended-properties", "docProps/app.xml"),
            *([(f"{OD_REL}/custom-properties", _CUSTOM_PART[1:])] if custom else []),
        ]
    )
    document_rels = _relationships(
        [
            (f"{OD_REL}/styles", "styles.xml"),
            (f"{OD_REL}/numbering", "numbering.xml"),
            (f"{OD_REL}/settings", "settings.xml"),
            (f"{OD_REL}/fontTable", "fontTable.xml"),
        ]
    )
    members = {
        "[Content_Types].xml": serialise(types),
        "_rels/.rels": package_rels,
        "docProps/core.xml": core_xml(),
        "docProps/app.xml": app,
        **({_CUSTOM_PART[1:]: custom} if custom else {}),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": document_rels,
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
        "word/settings.xml": settings,
        "word/fontTable.xml": fonts,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def reproducible_zip(data: bytes, *, level: int = 6) -> bytes:
    """Rewrite the zip ``data`` so that equal content gives equal bytes.

    ``[Content_Types].xml`` comes first, then every other member sorted by
    name; each is stamped 1980-01-01 00:00 (:data:`ZIP_EPOCH`), deflated at
    compression ``level``, with MS-DOS as the creating system and no file
    attributes. The members' content is copied unchanged; of two members of one
    name, the last is kept.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    first = "[Content_Types].xml"
    order = sorted(members, key=lambda name: (name != first, name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, members[name], compresslevel=level)
    return buffer.getvalue()
