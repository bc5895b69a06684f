"""Raw OOXML: what the DOCX renderer needs below python-docx.

python-docx covers paragraphs, runs, tables, sections and core properties.
Everything else the municipal layout needs lives here, as small functions
over WordprocessingML elements, one module per kind of element or part, as
python-docx keeps its own ``docx.oxml`` apart: :mod:`.ns` (namespace URIs),
:mod:`.units` (millimetres and points to the units Word stores),
:mod:`.element` (making and serialising elements), :mod:`.run` (runs, their
formatting and language), :mod:`.paragraph` (tab stops, spacing, keeping
with the next), :mod:`.fields` (PAGE, NUMPAGES and TOC fields),
:mod:`.links` (hyperlinks and bookmarks), :mod:`.revisions` (tracked changes,
``w:ins``/``w:del``), :mod:`.table` (fixed widths, header rows, shading),
:mod:`.numbering` (list definitions and instances), :mod:`.styles` (style
definitions and ``styles.xml``), :mod:`.parts` (the document, settings, font
table and extended-properties parts), :mod:`.coreprops` (``core.xml``) and
:mod:`.package` (the starting package and the reproducible zip).
"""
