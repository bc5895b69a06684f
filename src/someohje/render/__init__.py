"""Renderers: the document tree as bytes, one module per format.

Takes in an :class:`~someohje.tree.OutputDocument` and the session's theme
and options and gives out a file's bytes, writing nothing: :mod:`.html`
(Jinja2 templates) and :mod:`.html_format` (the web page), :mod:`.pdf`
(that page laid out by WeasyPrint through the confined :mod:`.fetcher`,
hyphenated by :mod:`.hyphenation`, archival metadata from :mod:`.archival`),
:mod:`.docx` (python-docx, raw OOXML in the :mod:`.oxml` package), and the
table of contents all three share (:mod:`.contents`).
"""
