"""The ``html`` output format: the standalone web page."""

from __future__ import annotations

import base64
import mimetypes
from typing import TYPE_CHECKING

from ..content.confine import confined, read_bytes
from ..content.images import MAX_IMAGE_BYTES
from ..document.links import resolve_links
from ..tree import OutputDocument
from .html import render_html

if TYPE_CHECKING:
    from ..pipeline.session import Session


def render(doc: OutputDocument, session: Session) -> bytes:
    """Render ``doc`` as the publishable HTML page of ``session``'s project:
    one self-contained file, images embedded as ``data:`` URIs."""
    content = session.project.content

    def embed(path: str) -> str:
        what = f"image '{path}'"
        data = read_bytes(confined(content, path, what=what), MAX_IMAGE_BYTES, what=what)  # checked at load time
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"

    linked = resolve_links(doc, session.all_documents(), "html")
    return render_html(linked, session.theme, session.project.template_dirs, image_src=embed)
