"""The font of a signature's appearance, as PDF/A and PDF/UA want it.

pyHanko embeds the stamp's TrueType font as a ``CIDFontType2`` subset. Two
things in it fail the validators, and both are put right here: the widths
are written in the font's own units (thousandths of an em only for a font of
1000 units per em, so the font is scaled to that first), and the
``ToUnicode`` CMap mixes ``bfrange`` arrays into several blocks (it is
written here as one ``bfchar`` block, a code per glyph).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CMAP_HEAD = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS2) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS2 def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
CMAP_TAIL = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def scaled_font(source: Path, folder: Path) -> Path:
    """``source`` scaled to 1000 units per em, saved in ``folder``."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from fontTools.ttLib.scaleUpem import scale_upem  # type: ignore[import-untyped]

    font = TTFont(str(source))
    scale_upem(font, 1000)
    path = folder / source.name
    font.save(str(path))
    return path


def to_unicode_cmap(cid_to_unicode: dict[int, str]) -> bytes:
    """A ``ToUnicode`` CMap with one ``bfchar`` line per glyph (at most 100
    lines a block, as the CMap format allows)."""
    pairs = sorted(cid_to_unicode.items())
    blocks = []
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines = "\n".join(f"<{cid:04X}> <{text.encode('utf-16be').hex().upper()}>" for cid, text in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar\n")
    return (CMAP_HEAD + "".join(blocks) + CMAP_TAIL).encode("ascii")


def font_factory(font_file: Path, size: int) -> Any:
    """A pyHanko font engine factory for ``font_file`` (already scaled) whose
    ``ToUnicode`` CMap is :func:`to_unicode_cmap`'s."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class Accumulator(GlyphAccumulator):
        def _format_tounicode_cmap(self) -> Any:
            stream = generic.StreamObject(stream_data=to_unicode_cmap(dict(self._cid_to_unicode)))
            stream.compress()  # type: ignore[no-untyped-call]
            return stream

    class Factory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return Accumulator(
                writer=writer,
                font_handle=open(self.font_file, "rb"),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return Factory(str(font_file), font_size=size)
