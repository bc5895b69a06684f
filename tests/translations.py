"""The message catalogues: what the code says, what the catalogues hold.

The tests compare the two (``test_messages.py``); a maintainer who has
changed a message runs this file to bring the catalogues along::

    python tests/translations.py

It extracts every message with Babel (``_()``, ``ngettext()``, ``N_()`` in
``src/someohje``, and argparse's own words, which the CLI looks up in the
same catalogue), adds the new ones to both ``.po`` files (English with its
msgid as the translation, Finnish empty, to be written), drops the ones no
longer said, and compiles the ``.mo`` files the package reads. A Finnish
message left empty fails the tests until it is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "someohje"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("en", "fi")
NAMES = {"en": "English", "fi": "Finnish"}
#: argparse's words come from the Python running the tests, named so in the catalogue
ARGPARSE = "argparse.py"

MsgId = str | tuple[str, ...]


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "someohje.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def extracted() -> dict[MsgId, set[str]]:
    """Every message the code (and argparse) says, with the files saying it."""
    found: dict[MsgId, set[str]] = {}
    for name, _line, msgid, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        found.setdefault(msgid, set()).add(Path(name).as_posix())
    for _line, msgid, _comments, _context in extract_from_file("python", argparse.__file__):
        found.setdefault(msgid, set()).add(ARGPARSE)
    return found


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain="someohje")


def compiled(lang: str) -> bytes:
    """The ``.mo`` that compiling the language's ``.po`` gives."""
    out = io.BytesIO()
    write_mo(out, read(lang))
    return out.getvalue()


def _new_catalogue(lang: str, old: Catalog | None = None) -> Catalog:
    """An empty catalogue whose header keeps ``old``'s dates (so that an
    update that changes no message changes no byte)."""
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    return Catalog(
        locale=lang,
        domain="someohje",
        header_comment=f"# The messages of someohje in {NAMES[lang]}: update with python tests/translations.py",
        project="someohje",
        version="0.1",
        copyright_holder="someohje",
        msgid_bugs_address="",
        creation_date=old.creation_date if old else now,
        revision_date=old.revision_date if old else now,
        fuzzy=False,
        language_team=NAMES[lang],
        last_translator="someohje",
    )


def update() -> None:
    """Bring both catalogues to what the code says and compile them."""
    found = extracted()
    for lang in LANGUAGES:
        old = read(lang) if po_path(lang).exists() else _new_catalogue(lang)
        new = _new_catalogue(lang, old)
        for msgid, files in sorted(found.items(), key=lambda kv: (min(kv[1]), str(kv[0]))):
            kept = old.get(msgid)
            string: str | tuple[str, ...] = kept.string if kept is not None else ""
            if lang == "en" and not any(string if isinstance(string, tuple) else [string]):
                string = msgid
            new[msgid] = Message(msgid, string, locations=[(f, None) for f in sorted(files)])
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        with po_path(lang).open("wb") as f:
            write_po(f, new, width=0, include_lineno=False, omit_header=False, sort_output=False)
        mo_path(lang).write_bytes(compiled(lang))
        empty = [m.id for m in new if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
        print(f"{po_path(lang).relative_to(REPO)}: {len(new)} messages, {len(empty)} untranslated")


if __name__ == "__main__":
    update()
    sys.exit(0)
