"""someohje: official municipal guideline documents from source.

Load a project's content into a typed model, build an output document (the
guideline at a stage, an agenda attachment, a minutes extract, a redline)
and render it to HTML, DOCX or PDF bytes::

    import someohje
    session = someohje.open_session(".")                # content/ + templates/
    doc = someohje.guideline(session.document)          # the approved text
    pdf = someohje.render_document(doc, session, "pdf")  # bytes; writing is yours

``someohje.load(path)`` alone gives the :class:`Document` model.

The names below are imported on first use, so ``python -m someohje`` can
start its PDF worker before YAML, Markdown and the renderers are loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content.project_file import load
    from .document.guideline import guideline
    from .document.meeting import attachment, extract
    from .document.redline import redline
    from .errors import ContentError, Problem, SomeohjeError, UsageError
    from .model import Amendment, Body, Document, Handling, MeetingDate, Outcome, Person, Section
    from .pipeline.session import Options, Session, open_session
    from .record.stages import stage_handling
    from .tree import OutputDocument

_EXPORTS = {
    "guideline": "document.guideline",
    "ContentError": "errors",
    "Problem": "errors",
    "SomeohjeError": "errors",
    "UsageError": "errors",
    "load": "content.project_file",
    "attachment": "document.meeting",
    "extract": "document.meeting",
    "Amendment": "model",
    "Body": "model",
    "Document": "model",
    "Handling": "model",
    "MeetingDate": "model",
    "Outcome": "model",
    "Person": "model",
    "Section": "model",
    "Options": "pipeline.session",
    "Session": "pipeline.session",
    "open_session": "pipeline.session",
    "redline": "document.redline",
    "stage_handling": "record.stages",
    "OutputDocument": "tree",
}
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
    "render_document",
    "stage_handling",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'someohje' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def render_document(doc: OutputDocument, session: Session, fmt: str) -> bytes:
    """Render an output document in ``fmt`` (``html``, ``docx`` or ``pdf``)
    with the session's theme and templates; returns the file's bytes and
    writes nothing. The bytes are the build's: the document is laid out
    first (its table of contents decided by the PDF's pages)."""
    from .pipeline.batch import laid_out
    from .pipeline.formats import renderer

    return renderer(fmt)(doc if fmt == "pdf" else laid_out(doc, session), session)
