"""Small DOCX files written by the tests themselves (python-docx plus raw
WordprocessingML), and an in-process import that returns what it wrote."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml

from someohje.importer import import_docx

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def xml(fragment: str) -> Any:
    """One WordprocessingML element from ``fragment`` (namespaces added)."""
    head, rest = fragment.split(">", 1)
    return parse_xml(f"{head} {NS}>{rest}")


def run(text: str) -> str:
    """A plain run holding ``text``."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instr: str, *shown: str) -> str:
    """The runs of a complex field: begin, instruction, separate, result runs, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + "".join(shown)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


NUM_ID = "90"  #: the numId of the list ``numbering`` defines


def numbering(*formats: str) -> str:
    """A ``w:abstractNum`` whose levels 0, 1, ... are numbered in ``formats``
    (``decimal``, ``lowerLetter``, ``bullet``, ...), used by list ``NUM_ID``."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{i + 1})"/></w:lvl>'
        for i, fmt in enumerate(formats)
    )
    return f'<w:abstractNum w:abstractNumId="{NUM_ID}">{levels}</w:abstractNum>'


def item(text: str, level: int = 0, ppr: str = "") -> str:
    """The inner XML of a paragraph of list ``NUM_ID`` at ``level``."""
    numpr = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
    return f"<w:pPr>{numpr}{ppr}</w:pPr>{run(text)}"


def write(path: Path, *paragraphs: str, heading: str = "Luku", lists: str = "", styles: str = "") -> Path:
    """A DOCX at ``path``: a Heading 1 ``heading``, then each of ``paragraphs``
    (the inner XML of a ``w:p``, or a whole body element starting ``<w:tbl``).
    ``lists``, from ``numbering``, defines list ``NUM_ID``; ``styles`` is a
    ``w:style`` added to the styles part."""
    d = docx.Document()
    d.add_heading(heading, 1)
    if styles:
        d.styles.element.append(xml(styles))
    if lists:
        part = d.part.numbering_part.element
        part.insert(0, xml(lists))  # abstract definitions come before the w:num elements
        part.append(xml(f'<w:num w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))
    body = d.element.body
    for inner in paragraphs:
        element = xml(inner if inner.startswith("<w:tbl") else f"<w:p>{inner}</w:p>")
        body.insert(len(body) - 1, element)  # before the final w:sectPr
    d.save(str(path))
    return path


def note_call(kind: str, number: int) -> str:
    """The run calling footnote or endnote (``kind``) ``number``."""
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{number}"/></w:r>'


def add_notes(path: Path, kind: str, *notes: str) -> Path:
    """Give the DOCX at ``path`` a ``footnotes`` or ``endnotes`` part (``kind``
    is ``footnote`` or ``endnote``) holding ``notes`` as ids 1, 2, … (each the
    inner XML of its one paragraph), with Word's two separators, its
    relationship and its content type; the body calls them with :func:`note_call`."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    separators = "".join(
        f'<w:{kind} w:type="{t}" w:id="{i}"><w:p><w:r><w:{t}/></w:r></w:p></w:{kind}>'
        for i, t in ((-1, "separator"), (0, "continuationSeparator"))
    )
    bodies = "".join(f'<w:{kind} w:id="{n}"><w:p>{inner}</w:p></w:{kind}>' for n, inner in enumerate(notes, 1))
    part = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {ns}>{separators}{bodies}</w:{kind}s>'
    rel = (
        f'<Relationship Id="rIdNotes{kind}" Target="{kind}s.xml" '
        f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"/>'
    )
    override = (
        f'<Override PartName="/word/{kind}s.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/>'
    )
    edits = {
        "word/_rels/document.xml.rels": lambda x: x.replace("</Relationships>", rel + "</Relationships>"),
        "[Content_Types].xml": lambda x: x.replace("</Types>", override + "</Types>"),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
        dst.writestr(f"word/{kind}s.xml", part)
    path.write_bytes(out.getvalue())
    return path


def styled(props: str, text: str) -> str:
    """A run of ``text`` with run properties ``props``."""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(text: str, props: str = "") -> str:
    """A table cell holding ``text``, with cell properties ``props``."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{run(text)}</w:p></w:tc>"


def _box(text: str) -> str:
    return f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"


def drawing_box(text: str) -> str:
    """A Word 2010 text box: DrawingML in mc:Choice, the same box in VML in mc:Fallback."""
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="3" name="Tekstiruutu 3"/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{_box(text)}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{_box(text)}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def vml_box(text: str) -> str:
    """An old Word text box: a VML shape with a v:textbox."""
    return f"<w:r><w:pict><v:shape><v:textbox>{_box(text)}</v:textbox></v:shape></w:pict></w:r>"


@dataclass
class Imported:
    """The Markdown of every section file, joined, and the report lines."""

    markdown: str
    report: list[str]


def import_here(source: Path) -> Imported:
    """Import ``source`` into a fresh folder beside it, in this process."""
    project = source.with_suffix("")
    result = import_docx(source, project)
    folder = project / "content" / "ohje"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md")))
    return Imported(text, result.report)
