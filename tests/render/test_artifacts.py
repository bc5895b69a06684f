"""The running header and footer are /Artifact /Pagination, nothing orphaned.

WeasyPrint leaves the page-margin content as structure elements outside the
tree; the PDF renderer turns it into pagination artifacts. What the header
says stays in the tagged content: the title block names the stamps.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest

from helpers import STEM, tool

LIITE = f"{STEM}-kvalt-2022-06-14-s37-liite-1"


def reachable(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """Every structure element under the structure tree root."""
    seen: set[tuple[int, int]] = set()
    todo = [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.is_indirect and kid.objgen not in seen:
                seen.add(kid.objgen)
                if kid.get("/Type") == "/StructElem" or "/S" in kid:
                    todo.append(kid)
    return seen


def tagged_pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def test_no_structure_element_is_left_outside_the_tree(every_output: Path) -> None:
    for path in tagged_pdfs(every_output):
        with pikepdf.open(path) as pdf:
            inside = reachable(pdf)
            orphans = [
                str(o.get("/S"))
                for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem" and o.objgen not in inside
            ]
            assert orphans == [], path.name


def pagination_artifacts(page: pikepdf.Page) -> int:
    count = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and operands[0] == "/Artifact":
            props = operands[1]
            count += isinstance(props, pikepdf.Dictionary) and props.get("/Type") == "/Pagination"
    return count


def test_every_page_has_its_header_and_footer_as_pagination_artifacts(every_output: Path) -> None:
    for path in tagged_pdfs(every_output):
        with pikepdf.open(path) as pdf:
            counts = [pagination_artifacts(page) for page in pdf.pages]
            assert min(counts) >= 2, (path.name, counts)  # at least the header and the footer


def test_every_link_annotation_is_in_the_structure_tree(every_output: Path) -> None:
    with pikepdf.open(every_output / f"{STEM}.pdf") as pdf:
        inside = reachable(pdf)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
        assert len(links) >= len(pdf.pages)  # the footer's web address on every page, at least
        for annotation in links:
            element = parents[int(annotation.StructParent)]
            assert element.objgen in inside and element.S == "/Link"


def test_the_stamps_are_in_the_tagged_title_block(every_output: Path) -> None:
    text = subprocess.run(
        [tool("pdftotext"), "-f", "1", "-l", "1", str(every_output / f"{LIITE}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines.index("Liite 1, Kvalt 14.6.2022 § 37") < lines.index("Rautalammin kunnan sosiaalisen median ohje")


@pytest.mark.parametrize("name", [f"{STEM}.pdf", f"{STEM}-arkisto.pdf"])
def test_the_footer_web_address_is_a_link(every_output: Path, name: str) -> None:
    with pikepdf.open(every_output / name) as pdf:
        for page in pdf.pages:
            uris = [str(a.A.URI) for a in page.get("/Annots", []) if a.Subtype == "/Link" and "/A" in a]
            assert "https://www.rautalampi.fi" in uris


def test_the_docx_footer_links_the_web_address(every_output: Path) -> None:
    document = docx.Document(str(every_output / f"{STEM}.docx"))
    footer = document.sections[0].footer
    targets = [r.target_ref for r in footer.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert targets == ["https://www.rautalampi.fi"]
    assert footer.paragraphs[0].text == "Rautalammin kunta · www.rautalampi.fi"
