"""Where content may point: files inside the content folder, nothing else.

Shared by the Markdown parser (which reports ``path:line``) and the PDF
renderer's URL fetcher (which refuses anything that slipped past).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit


def check_image_src(content_dir: Path, base: Path, src: str) -> tuple[str, str]:
    """Check an image reference written in a file in folder ``base``.

    Returns ``(why_not, path)``: ``why_not`` is "" when the image may be used,
    and ``path`` is then its POSIX path relative to ``content_dir``. An image
    must be a relative path to an existing file inside the content folder: no
    URL scheme (``file:``, ``http:``, ``data:``), no absolute path, no ``..``
    leading outside.
    """
    if not src:
        return "image has no source", ""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return f"image '{src}' must be a file inside the content folder, not a URL", ""
    relative = unquote(parts.path)
    target = None if relative.startswith("/") else (base / relative).resolve()
    if target is None or not target.is_relative_to(content_dir.resolve()):
        return f"image '{src}' points outside the content folder", ""
    if not target.is_file():
        return f"image '{src}' does not exist", ""
    return "", target.relative_to(content_dir.resolve()).as_posix()


def resolve_inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` resolved, or None when it would leave ``folder``."""
    if relative.startswith("/"):
        return None
    target = (folder / relative).resolve()
    return target if target.is_relative_to(folder.resolve()) else None
