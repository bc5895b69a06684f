"""Edit a DOCX in LibreOffice with change recording on (run by the system
``python3``, which has LibreOffice's ``uno`` module).

    python3 lo_track_changes.py IN.docx OUT.docx PROFILE_DIR

Starts ``soffice --headless`` with its own profile, opens IN.docx, turns on
Edit > Track Changes > Record, makes a replace inside a paragraph, a
deletion inside a paragraph, a replace in a heading and in a table cell, inserts a paragraph after "Kotikoneella" and
deletes the paragraph starting "Etätyössä", then saves OUT.docx as Word
2007-365.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

PARAGRAPH_BREAK = 0


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, profile: Path) -> tuple[subprocess.Popen[bytes], object]:
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ]
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            name_the_author(ctx)
            return office, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            time.sleep(0.5)
    office.kill()
    raise SystemExit("soffice did not start")


def name_the_author(ctx: object) -> None:
    """Tools > Options > User Data: the name LibreOffice records as a change's author."""
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    data = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
    )
    data.setPropertyValue("givenname", "Liisa")
    data.setPropertyValue("sn", "Libre")
    data.commitChanges()


def paragraph_starting(doc: object, start: str) -> object:
    paragraphs = doc.getText().createEnumeration()
    while paragraphs.hasMoreElements():
        p = paragraphs.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph") and p.getString().startswith(start):
            return p
    raise SystemExit(f"no paragraph starts with {start!r}")


def replace_once(doc: object, old: str, new: str) -> None:
    search = doc.createSearchDescriptor()
    search.SearchString = old
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"{old!r} not found")
    found.setString(new)


def edit(doc: object) -> None:
    doc.RecordChanges = True
    replace_once(doc, "kahden minuutin", "kolmen minuutin")
    replace_once(doc, " kaikkia", "")
    replace_once(doc, "ja tallennus", "ja tiedostot")  # in a heading, after its number
    replace_once(doc, "Hallinto", "Hallintopalvelut")  # in a table cell
    text = doc.getText()
    home = paragraph_starting(doc, "Kotikoneella")
    cursor = text.createTextCursorByRange(home.getEnd())
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    text.insertString(cursor, "Tulostimelle ei jätetä papereita.", False)
    gone = paragraph_starting(doc, "Etätyössä")
    cursor = text.createTextCursorByRange(gone.getStart())
    cursor.goLeft(1, False)  # from the end of the paragraph before: its break goes too
    cursor.gotoRange(gone.getEnd(), True)
    cursor.setString("")


def main() -> None:
    source, target, profile = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    office, desktop = connect(f"someohje{int(time.time() * 1000)}", profile)
    try:
        doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        edit(doc)
        doc.storeToURL(target.resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
    finally:
        with contextlib.suppress(Exception):  # the office may be gone already
            desktop.terminate()
        office.wait(timeout=60)


if __name__ == "__main__":
    main()
