"""The empty signature field of a minutes extract's PDF.

The certification's signature line (:data:`~someohje.document.appeal.SIGNATURE_ROLE`)
is laid out as a form input (``<input name="allekirjoitus">``), which
WeasyPrint places, draws and tags like any form field (a ``/Form``
structure element over the widget, so PDF/UA holds). Before the PDF is
written, :func:`make_signature_field` turns that text field into an unsigned
signature field (``/FT /Sig``): the certifier signs it in their own PDF tool,
or ``extract --sign`` signs it (:mod:`.signature`). For PDF/A the widget gets
an (empty) appearance of its own and the form does not ask the viewer to
make appearances.
"""

from __future__ import annotations

from typing import Any

from ..content.texts import FINNISH

FIELD_NAME = "allekirjoitus"  #: the field's name (``/T``), as the template names the input
FIELD_TOOLTIP = FINNISH("certify.tooltip")  #: what the field says it is (``/TU``), in Finnish


def make_signature_field(pdf: Any, tooltip: str = FIELD_TOOLTIP) -> bool:
    """Turn the text field :data:`FIELD_NAME` of a pydyf PDF into an empty
    signature field saying it is ``tooltip``; ``False`` when the PDF has none."""
    import pydyf

    form = pdf.catalog.get("AcroForm")
    if form is None:
        return False
    found = False
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("FT") == "/Tx" and _name(obj.get("T")) == FIELD_NAME:
            for key in ("DA", "V", "Ff", "MaxLen"):
                obj.pop(key, None)
            obj["FT"] = "/Sig"
            obj["TU"] = pydyf.String(tooltip)
            obj["AP"] = pydyf.Dictionary({"N": _empty_appearance(pdf, obj["Rect"]).reference})
            found = True
    if found:
        form.pop("NeedAppearances", None)  # PDF/A: every widget has its own appearance
    return found


def _name(value: Any) -> str:
    if value is None:
        return ""
    raw = getattr(value, "string", value)
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _empty_appearance(pdf: Any, rect: Any) -> Any:
    """A blank form XObject the size of the widget."""
    import pydyf

    x1, y1, x2, y2 = (float(v) for v in rect)
    stream = pydyf.Stream(
        [],
        extra={
            "Type": "/XObject",
            "Subtype": "/Form",
            "BBox": pydyf.Array([0, 0, round(abs(x2 - x1), 3), round(abs(y2 - y1), 3)]),
        },
    )
    pdf.add_object(stream)
    return stream
