"""Lengths in the units Word stores, from millimetres and points.

WordprocessingML measures indents, margins and widths in twentieths of a
point (twips), font sizes in half-points and border widths in eighths of a
point, and writes colours as upper-case hex without ``#``. The theme speaks
millimetres, points and ``#rrggbb``; these functions convert, rounding to
the nearest whole unit.
"""

from __future__ import annotations


def twips(mm: float) -> int:
    """Millimetres to twentieths of a point (``w:ind``, ``w:pgMar``, widths)."""
    return round(mm * 1440 / 25.4)


def pt_twips(points: float) -> int:
    """Points to twentieths of a point (``w:spacing`` before/after)."""
    return round(points * 20)


def half_points(points: float) -> int:
    """Points to half-points (``w:sz``)."""
    return round(points * 2)


def eighths(points: float) -> int:
    """Points to eighths of a point (border widths)."""
    return round(points * 8)


def hex_colour(colour: str) -> str:
    """``#004f8c`` -> ``004F8C``, the form ``w:color`` takes."""
    return colour.lstrip("#").upper()
