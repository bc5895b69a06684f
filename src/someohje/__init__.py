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

from .documents import guideline
from .errors import ContentError, Problem, SomeohjeError, UsageError
from .load import load
from .model import Amendment, Body, Document, Handling, MeetingDate, Outcome, Person, Section
from .pipeline import Options, Session, open_session, renderer
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
    "guideline",
    "load",
    "open_session",
    "render",
    "stage_handling",
]
__version__ = "0.1.0"


def render(doc: OutputDocument, session: Session, fmt: str) -> bytes:
    """Render an output document in ``fmt`` (``html``, ``docx`` or ``pdf``)
    with the session's theme and templates; returns the file's bytes."""
    return renderer(fmt)(doc, session)
