"""Where content may point: files inside the content folder, nothing else.

Shared by the Markdown parser (which reports ``path:line``) and the PDF
renderer's URL fetcher (which refuses anything that slipped past).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..chars import quote
from ..messages import gettext as _
from .confine import Refused, confined_path
from .images import image_problem


def check_image_src(content_dir: Path, base: Path, src: str) -> tuple[str, str]:
    """Check an image reference written in a file in folder ``base``.

    Returns ``(why_not, path)``: ``why_not`` is "" when the image may be used,
    and ``path`` is then its POSIX path relative to ``content_dir``. An image
    must be a relative path to an existing file inside the content folder: no
    URL scheme (``file:``, ``http:``, ``data:``), no absolute path, no ``..``
    leading outside.
    """
    if not src:
        return _("image has no source"), ""
    shown = quote(src)
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return _("image '{shown}' must be a file inside the content folder, not a URL").format(shown=shown), ""
    relative = unquote(parts.path)
    if relative.startswith("/"):
        return _("image '{shown}' points outside the content folder").format(shown=shown), ""
    try:
        target = confined_path(base / relative, content_dir, what=_("image '{shown}'").format(shown=shown))
    except Refused as exc:
        return str(exc), ""
    why = image_problem(target, shown)
    if why:
        return why, ""
    return "", target.relative_to(content_dir.resolve()).as_posix()
