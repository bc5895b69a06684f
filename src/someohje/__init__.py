"""someohje: official municipal guideline documents from source.

Load a project's content into a typed model, build an output document (the
guideline at a stage, an agenda attachment, a minutes extract, a redline)
and render it to HTML, DOCX or PDF bytes::

    import someohje
    session = someohje.open_session(".")          # content/ + templates/
    doc = someohje.guideline(session.document)    # the approved text
    pdf = someohje.render(doc, session, "pdf")    # bytes; writing is yours

``someohje.load(path)`` alone gives the :class:`Document` model.
"""

from __future__ import annotations

# Import the subpackage someohje.render before the function render() below
# takes its name; importing it later (when a renderer is first used) would
# rebind someohje.render to the subpackage and break someohje.render(...).
from . import render as _renderers  # noqa: F401
from .documents import guideline
from .errors import ContentError, Problem, SomeohjeError, UsageError
from .load import load
from .meeting import attachment, extract
from .model import Amendment, Body, Document, Handling, MeetingDate, Outcome, Person, Section
from .pipeline import Options, Session, open_session, renderer
from .redline import redline
from .stages import stage_handling
from .tree import OutputDocument

__all__ = [
    "Amendment",
    "Body",
    "ContentError",
    "Document",
    "Handling",
    "MeetingDate",
    "Options",
    "Outcome",
    "OutputDocument",
    "Person",
    "Problem",
    "Section",
    "Session",
    "SomeohjeError",
    "UsageError",
    "attachment",
    "extract",
    "guideline",
    "load",
    "open_session",
    "redline",
    "render",
    "stage_handling",
]
__version__ = "0.1.0"


def render(doc: OutputDocument, session: Session, fmt: str) -> bytes:
    """Render an output document in ``fmt`` (``html``, ``docx`` or ``pdf``)
    with the session's theme and templates; returns the file's bytes."""
    return renderer(fmt)(doc, session)
