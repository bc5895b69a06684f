"""The XML namespace URIs of the package parts the DOCX renderer writes.

WordprocessingML (``w:``), relationships (``r:``), package relationships and
content types, extended and core properties. Element and attribute names
inside WordprocessingML go through python-docx's ``qn("w:tag")``; these URIs
are for what needs the namespace itself: a part's root ``nsmap`` and the
``{uri}tag`` names of the parts outside WordprocessingML.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
OD_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
