"""The live preview is honest: while an edit breaks a seal, every format it
gives out is marked SINETÖITY TEKSTI MUUTETTU on every page and in its
title, and its warnings and download links never cover each other."""

from __future__ import annotations

import io
import os
import selectors
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from helpers import STEM

MARK = "SINETÖITY TEKSTI MUUTETTU"
WAIT = 90.0  #: generous: the preview lays the PDF out on request, slowly on a loaded machine


class Preview:
    def __init__(self, root: Path) -> None:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "someohje", "serve", "--port", "0"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + WAIT
            while time.monotonic() < deadline and sel.select(timeout=deadline - time.monotonic()):
                line = self.proc.stdout.readline()
                if line.startswith("Serving the preview at "):
                    self.url = line.split(" at ", 1)[1].split(" ", 1)[0]
                    return
        self.proc.kill()
        raise AssertionError("serve did not start")

    def get(self, path: str = "") -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=WAIT) as response:
            data: bytes = response.read()
            return data

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.communicate(timeout=WAIT)


@pytest.fixture
def edited(project: Path) -> Iterator[Preview]:
    """A preview of the shipped project with a sealed section edited before it starts."""
    path = project / "content/ohje/01-johdanto.md"
    path.write_text(path.read_text(encoding="utf-8").replace("# Johdanto\n", "# Johdanto\n\nMuokattu virke.\n", 1))
    preview = Preview(project)
    yield preview
    preview.stop()


def test_every_format_of_an_edited_sealed_text_is_marked(edited: Preview) -> None:
    page = edited.get().decode()
    assert f"<title>Rautalammin kunnan sosiaalisen median ohje ({MARK})</title>" in page
    assert f'<p class="draft-mark">{MARK}</p>' in page
    pdf = PdfReader(io.BytesIO(edited.get(f"download/{STEM}.pdf")))
    assert len(pdf.pages) > 3
    for number, sheet in enumerate(pdf.pages, 1):
        assert MARK in (sheet.extract_text() or ""), f"page {number}"
    assert MARK in str(pdf.metadata.title)
    data = edited.get(f"download/{STEM}.docx")
    document = docx.Document(io.BytesIO(data))
    assert MARK in document.core_properties.title
    assert any(MARK in p.text for p in document.paragraphs[:3])  # above the title
    with zipfile.ZipFile(io.BytesIO(data)) as z:  # the page header: every page
        headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
    assert headers and all(MARK in h for h in headers)


def test_an_unedited_text_is_not_marked(project: Path) -> None:
    preview = Preview(project)
    try:
        assert MARK not in preview.get().decode()
        assert MARK not in (PdfReader(io.BytesIO(preview.get(f"download/{STEM}.pdf"))).pages[0].extract_text() or "")
    finally:
        preview.stop()


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_the_warnings_and_the_download_links_do_not_overlap(edited: Preview, browser: Any, width: int) -> None:
    browser.set_window_size(width, 900)
    browser.get(edited.url)
    boxes = browser.execute_script(
        "return ['someohje-preview', 'someohje-warnings'].map(function (id) {"
        "  var r = document.getElementById(id).getBoundingClientRect();"
        "  return [r.left, r.top, r.right, r.bottom]; });"
    )
    (l1, t1, r1, b1), (l2, t2, r2, b2) = boxes
    assert b1 <= t2 or b2 <= t1 or r1 <= l2 or r2 <= l1, boxes  # apart
    assert max(r1, r2) <= width + 1  # and inside the window
    title = browser.execute_script("var r = document.querySelector('h1.title').getBoundingClientRect(); return r.top;")
    assert title >= max(b1, b2)  # neither covers the document
