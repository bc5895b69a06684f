"""Running headers and footers as ``/Artifact /Pagination`` in a tagged PDF.

WeasyPrint tags what it draws in the page margins (the running header and
footer) as structure elements it never links into the structure tree, so
every page carries orphan ``Span``/``NonStruct`` elements: neither content
nor artifacts. :func:`mark_pagination` runs as WeasyPrint's finisher, before
the file is written: it finds each marked-content sequence whose element is
not reachable from the structure tree's root, turns it into an
``/Artifact`` of type ``/Pagination``, and empties the orphan elements and
their ``ParentTree`` entries. What the header says is in the tagged content
anyway: the title block on page 1 carries the stamps and the status.
"""

from __future__ import annotations

from typing import Any

import pydyf


def _number(ref: Any) -> int | None:
    """The object number of an indirect reference (``b"12 0 R"``)."""
    if isinstance(ref, bytes | str):
        text = ref.decode() if isinstance(ref, bytes) else ref
        parts = text.split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit():
            return int(parts[0])
    return None


def _get(pdf: pydyf.PDF, value: Any) -> Any:
    number = _number(value)
    return pdf.objects[number] if number is not None else value


def _reachable(pdf: pydyf.PDF, root: pydyf.Dictionary) -> set[int]:
    """Object numbers of every structure element under ``root``."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        kids = node.get("K", ())
        for kid in kids if isinstance(kids, list) else (kids,):
            number = _number(kid)
            if number is None or number in seen:
                continue
            seen.add(number)
            child = pdf.objects[number]
            if isinstance(child, dict) and child.get("Type") == "/StructElem":
                todo.append(child)
    return seen


def mark_pagination(pdf: pydyf.PDF) -> int:
    """Make every untied marked-content sequence an ``/Artifact
    /Pagination``; returns how many were changed (0 in an untagged PDF).

    A link in the running footer keeps its ``Link`` element (an annotation
    must be in the structure tree): it is tied to the document element,
    holding the annotation alone, its text being part of the artifact."""
    root = _get(pdf, pdf.catalog.get("StructTreeRoot"))
    if not isinstance(root, dict):
        return 0
    reachable = _reachable(pdf, root)
    nums = _get(pdf, root["ParentTree"])["Nums"]
    entries = list(zip(nums[::2], nums[1::2], strict=True))
    links = {_number(v) for _, v in entries if not isinstance(v, list)} - reachable - {None}
    document = _get(pdf, root["K"][0])
    changed = 0
    for key, mcids in entries:
        if not isinstance(mcids, list):
            continue
        orphans = set()
        for mcid, ref in enumerate(mcids):
            number = _number(ref)
            if number is not None and number not in reachable:
                orphans.add(mcid)
                mcids[mcid] = "null"
        if orphans:
            page = _get(pdf, pdf.page_references[key])
            changed += _artifacts(_get(pdf, page["Contents"]), orphans)
    for number in sorted(n for n in links if n is not None):
        link = pdf.objects[number]
        link["K"] = pydyf.Array(k for k in link["K"] if not isinstance(k, int))
        link["P"] = document.reference
        document["K"].append(link.reference)
    for number, obj in enumerate(pdf.objects):  # no orphan element is left behind
        if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and number not in reachable | links:
            obj.clear()
    return changed


def _artifacts(stream: pydyf.Stream, mcids: set[int]) -> int:
    """Rewrite ``/Tag <</MCID n>> BDC`` as ``/Artifact <</Type /Pagination>> BDC``
    for each ``n`` in ``mcids``."""
    ops = stream.stream
    changed = 0
    for i, op in enumerate(ops):
        if isinstance(op, dict) and op.get("MCID") in mcids and i > 0:
            ops[i - 1] = "/Artifact"
            ops[i] = pydyf.Dictionary({"Type": "/Pagination"})
            changed += 1
    return changed
