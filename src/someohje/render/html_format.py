"""The ``html`` output format: the standalone web page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tree import OutputDocument
from .html import render_html

if TYPE_CHECKING:
    from ..pipeline import Session


def render(doc: OutputDocument, session: Session) -> bytes:
    """Render ``doc`` as the publishable HTML page of ``session``'s project."""
    return render_html(doc, session.theme, session.project.template_dirs)
