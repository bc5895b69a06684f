"""Hostile DOCX files (issue 21): ``import`` and ``import-changes`` read a
Word file through one door that checks the whole package first. A part
that is not well-formed XML, declares entities (an external entity, a
"billion laughs"), has the wrong content type or root element, an
encrypted entry, a zip bomb (a part or an image inflating to gigabytes, or
by thousands of times its size) or a damaged entry is one line naming the
part, exit 1, quickly, with nothing written."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import time
import zipfile
from pathlib import Path

import docx
import pytest

from helpers import FIXTURES, run_cli, snapshot
from someohje.importer import package
from someohje.importer.package import BadDocx, read_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def base_docx() -> dict[str, bytes]:
    """The parts of an ordinary DOCX written by python-docx, with a page header."""
    d = docx.Document()
    d.add_heading("Yleistä", 1)
    d.add_paragraph("Teksti.")
    d.sections[0].header.paragraphs[0].text = "Otsake"
    buffer = io.BytesIO()
    d.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {n: z.read(n) for n in z.namelist()}


def zipped(parts: dict[str, bytes], path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def with_part(parts: dict[str, bytes], name: str, data: bytes, content_type: str = "", rel: str = "") -> None:
    """Put part ``name`` into ``parts``, with its content type and a
    relationship of the main document to it when given."""
    parts[name] = data
    if content_type:
        types = parts["[Content_Types].xml"].decode()
        override = f'<Override PartName="/{name}" ContentType="{content_type}"/>'
        parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    if rel:
        rels = parts["word/_rels/document.xml.rels"].decode()
        target = name.removeprefix("word/")
        new = f'<Relationship Id="rIdX" Type="{rel}" Target="{target}"/>'
        parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", new + "</Relationships>").encode()


def imported(path: Path, tmp_path: Path) -> tuple[int, str]:
    """``import`` of ``path`` into a new project; nothing may be written."""
    into = tmp_path / "tuotu"
    start = time.monotonic()
    result = run_cli("import", str(path), "--into", str(into), cwd=tmp_path)
    assert time.monotonic() - start < 60, "refused, but not quickly"
    assert "Traceback" not in result.err
    assert not into.exists()
    return result.code, result.err


def refused(parts: dict[str, bytes], tmp_path: Path, message: str | re.Pattern[str]) -> None:
    path = zipped(parts, tmp_path / "vihamielinen.docx")
    code, err = imported(path, tmp_path)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    if isinstance(message, str):
        assert lines == [f"vihamielinen.docx: {message}"]
    else:
        assert message.fullmatch(lines[0]), lines[0]


@pytest.mark.parametrize("name", ["word/styles.xml", "word/numbering.xml", "word/header1.xml", "word/document.xml"])
def test_a_part_that_is_not_well_formed_is_named(tmp_path: Path, name: str) -> None:
    parts = base_docx()
    parts[name] = parts[name][: len(parts[name]) // 2]
    refused(parts, tmp_path, re.compile(rf"vihamielinen\.docx: {re.escape(name)}: not well-formed XML \(.+\)"))


def test_a_footnotes_part_that_is_not_well_formed_is_named(tmp_path: Path) -> None:
    parts = base_docx()
    with_part(parts, "word/footnotes.xml", b"<w:footnotes>", f"{WML}.footnotes+xml", FOOTNOTES_REL)
    refused(parts, tmp_path, re.compile(r"vihamielinen\.docx: word/footnotes\.xml: not well-formed XML \(.+\)"))


ENTITIES = {
    "external": (
        '<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:styles xmlns:w="{W}"><w:style w:styleId="a"><w:name w:val="&x;"/></w:style></w:styles>'
    ),
    "billion-laughs": (
        '<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY a "hahahahahahahahahaha">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + f']><w:styles xmlns:w="{W}"><w:style w:styleId="a"><w:name w:val="&i;"/></w:style></w:styles>'
    ),
}


@pytest.mark.parametrize("kind", list(ENTITIES))
def test_a_part_that_defines_entities_is_refused_unexpanded(tmp_path: Path, kind: str) -> None:
    parts = base_docx()
    parts["word/styles.xml"] = ENTITIES[kind].encode()
    why = "declares a document type (<!DOCTYPE>, entities), which a Word document never has"
    refused(parts, tmp_path, f"word/styles.xml: {why}")


def test_a_part_of_the_wrong_content_type_is_named(tmp_path: Path) -> None:
    parts = base_docx()
    types = parts["[Content_Types].xml"].decode()
    styles = 'PartName="/word/styles.xml" ContentType="{}"'
    types = types.replace(styles.format(f"{WML}.styles+xml"), styles.format(f"{WML}.numbering+xml"))
    parts["[Content_Types].xml"] = types.encode()
    why = f"has content type '{WML}.numbering+xml', not the styles type its relationship says"
    refused(parts, tmp_path, f"word/styles.xml: {why}")


def test_a_part_of_the_wrong_kind_is_named(tmp_path: Path) -> None:
    parts = base_docx()
    parts["word/styles.xml"] = parts["word/numbering.xml"]
    refused(parts, tmp_path, f"word/styles.xml: is not a styles part (its root element is {{{W}}}numbering)")


def test_a_header_reference_to_another_part_is_named(tmp_path: Path) -> None:
    parts = base_docx()
    body = parts["word/document.xml"].decode()
    rid = re.search(r'headerReference [^>]*r:id="(rId\d+)"', body).group(1)  # type: ignore[union-attr]
    parts["word/document.xml"] = body.replace(f'r:id="{rid}"', 'r:id="rId3"').encode()  # rId3: the styles
    refused(parts, tmp_path, "word/document.xml: a header reference ('rId3') does not lead to a header")


def flag_encrypted(data: bytes, name: str) -> bytes:
    """``data`` (a zip) with the encryption flag set on entry ``name``, in
    its local header and in the central directory, as a password-protected
    zip has it."""
    out = bytearray(data)
    raw = name.encode()
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = out.find(signature)
        while at >= 0:
            if out[at + name_at : at + name_at + len(raw)] == raw:
                flags = struct.unpack("<H", out[at + flags_at : at + flags_at + 2])[0] | 1
                out[at + flags_at : at + flags_at + 2] = struct.pack("<H", flags)
            at = out.find(signature, at + 4)
    return bytes(out)


def test_an_encrypted_entry_is_refused(tmp_path: Path) -> None:
    path = zipped(base_docx(), tmp_path / "salattu.docx")
    path.write_bytes(flag_encrypted(path.read_bytes(), "word/document.xml"))
    code, err = imported(path, tmp_path)
    why = "is encrypted; save the document without a password and import it again"
    assert (code, err) == (1, f"salattu.docx: word/document.xml: {why}\n")


@pytest.mark.parametrize("name", ["word/document.xml", "word/media/image1.png"])
def test_a_part_that_inflates_beyond_the_limit_is_refused_before_it_is_inflated(tmp_path: Path, name: str) -> None:
    parts = base_docx()
    parts[name] = b" " * 30_000_000
    refused(parts, tmp_path, f"{name}: inflates to 30,000,000 bytes; the limit is 25,000,000")


def test_a_part_that_inflates_thousands_of_times_its_size_is_refused(tmp_path: Path) -> None:
    parts = base_docx()
    parts["word/media/image1.png"] = bytes(5_000_000)
    bomb = (
        r"vihamielinen\.docx: word/media/image1\.png: inflates [\d,]+ times its size \(a zip bomb\?\); the limit is 100"
    )
    refused(parts, tmp_path, re.compile(bomb))


def test_the_parts_together_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = base_docx()
    for n in range(4):
        parts[f"word/media/image{n}.png"] = os.urandom(300_000)
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 1_000_000)
    with pytest.raises(BadDocx) as caught:
        read_package(zipped(parts, tmp_path / "iso.docx"))
    assert str(caught.value) == "the parts inflate to more than 1,000,000 bytes together"


def test_an_entry_larger_than_it_declares_is_damaged_not_read_on(tmp_path: Path) -> None:
    path = zipped(base_docx(), tmp_path / "valehtelee.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(info.filename)] == info.filename.encode():
                data[at + size_at : at + size_at + 4] = struct.pack("<I", 100)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    code, err = imported(path, tmp_path)
    assert code == 1 and err.startswith("valehtelee.docx: word/document.xml: is damaged (Bad CRC-32")


def test_a_named_pipe_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "putki.docx")
    code, err = imported(tmp_path / "putki.docx", tmp_path)
    why = "the file is not a regular file (a named pipe), so it is not read"
    assert (code, err) == (1, f"putki.docx: not a Word document (.docx) that can be read: {why}\n")


def test_import_changes_reads_through_the_same_door(tmp_path: Path) -> None:
    project = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", project)
    meta = project / "content/document.yaml"
    pending = (
        "  - id: kh-2025-04-07\n    body: kh\n    date: 7.4.2025\n    paragraph: unknown\n    outcome: pending\n"
        "    preparer: testaaja\n    presenter: none\n    reasoning: ''\n    proposal: ''\n    decision: ''\n"
    )
    meta.write_text(meta.read_text(encoding="utf-8").replace("text_stage:", pending + "text_stage:"), encoding="utf-8")
    parts = base_docx()
    parts["word/header1.xml"] = ENTITIES["billion-laughs"].replace("w:styles", "w:hdr").encode()
    path = zipped(parts, project / "muokattu.docx")
    before = snapshot(project / "content")
    result = run_cli("import-changes", str(path), "--meeting", "kh-2025-04-07", str(project), cwd=project)
    why = "declares a document type (<!DOCTYPE>, entities), which a Word document never has"
    assert (result.code, result.err) == (1, f"muokattu.docx: word/header1.xml: {why}\n")
    assert snapshot(project / "content") == before
