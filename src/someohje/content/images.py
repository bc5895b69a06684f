"""What an image file is: its type and size in pixels, read from its header.

Every renderer embeds images (DOCX through python-docx, PDF through
WeasyPrint), and python-docx knows raster images only. So an image or logo
is checked once, when the content is loaded: it must be a PNG, JPEG or GIF
of sane size. SVG is refused with a clear message (convert it to PNG).
"""

from __future__ import annotations

import struct
from pathlib import Path

from ..messages import gettext as _
from .confine import Refused, read_bytes

#: the largest image file accepted
MAX_IMAGE_BYTES = 20_000_000
#: the largest side in pixels accepted
MAX_SIDE_PX = 12_000
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """``(type, width, height)`` of a PNG, JPEG or GIF image, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[str, int, int] | None:
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return "jpeg", width, height
        i += 2 + length
    return None


def image_problem(path: Path, shown: str) -> str:
    """Why the file at ``path`` cannot be used as an image ("" when it can);
    ``shown`` is the name the user wrote."""
    try:
        head = read_bytes(path, MAX_IMAGE_BYTES, what=_("image '{shown}'").format(shown=shown))[:65536]
    except Refused as exc:
        return str(exc)
    if path.suffix.lower() == ".svg" or b"<svg" in head[:4096]:
        return _("image '{shown}' is SVG, which the DOCX cannot embed; convert it to PNG").format(shown=shown)
    found = image_size(head)
    if found is None:
        return _("image '{shown}' is not a PNG, JPEG or GIF image").format(shown=shown)
    _kind, width, height = found
    if not (0 < width <= MAX_SIDE_PX and 0 < height <= MAX_SIDE_PX):
        return _("image '{shown}' is {width} x {height} pixels; each side must be 1 to {MAX_SIDE_PX} pixels").format(
            shown=shown, width=width, height=height, MAX_SIDE_PX=MAX_SIDE_PX
        )
    return ""
