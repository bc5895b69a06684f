"""The collection's search index: Pagefind over every web page, no server.

``build`` hands every web page of the collection (each document's HTML, the
accessibility statement) to Pagefind (PyPI ``pagefind`` with its binary),
which writes a static index into ``build/pagefind/``: word lists split into
small fragments, and the WebAssembly search that ``index.html``'s search box
loads from there. Pagefind indexes what a page marks ``data-pagefind-body``
(the document's ``<main>``: not the page header or the footer), knows each
page's language from ``<html lang>`` (Finnish stemming for ``fi``) and each
section by its heading's ``id``, so a hit names the document and the
section. The bundle is deterministic: the same pages give the same bytes.

Pagefind's own ready-made interfaces are left out: ``index.html`` has its
own accessible search box (:data:`SKIPPED`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ..errors import ContentError, Problem
from ..messages import gettext as _

FOLDER = "pagefind"
ENTRY = "pagefind-entry.json"  #: the bundle's table of contents, by language
#: Pagefind's ready-made user interfaces, not used by the index page
SKIPPED = frozenset(
    {
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-highlight.js",
    }
)


def search_index(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """The Pagefind bundle for ``pages`` (file name -> HTML), as paths
    relative to the output folder (``pagefind/pagefind.js``, …) -> bytes.

    Raises :class:`ContentError` when Pagefind cannot run (its binary missing)."""
    try:
        import asyncio  # here: only a build that writes web pages pays for importing it

        files = asyncio.run(_index(pages))
    except FileNotFoundError as exc:
        why = _("the search index needs Pagefind's binary (pip install 'pagefind[bin]'): {exc}").format(exc=exc)
        raise ContentError([Problem("pagefind", 0, why)]) from None
    files[ENTRY] = _languages_sorted(files[ENTRY]) if ENTRY in files else b""
    return {str(PurePosixPath(FOLDER) / name): data for name, data in sorted(files.items()) if name not in SKIPPED}


def _languages_sorted(entry: bytes) -> bytes:
    """Pagefind's entry file with its languages in a fixed order: Pagefind
    writes them in its hash map's order, which changes from run to run once
    the pages are in more than one language (Finnish and Swedish), and the
    same pages must give the same bytes. Its search picks a language by
    name, never by position."""
    data = json.loads(entry)
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Collected(Exception):
    """Leaves Pagefind's context once the files are in memory: on an
    exception it writes nothing to disk (and still stops its service)."""


async def _index(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    from pagefind.index import IndexConfig, PagefindIndex

    out: dict[str, bytes] = {}
    try:
        async with PagefindIndex(IndexConfig(write_playground=False)) as index:
            for name in sorted(pages):
                await index.add_html_file(content=pages[name].decode("utf-8"), url=f"/{name}")
            for entry in await index.get_files():
                out[str(entry["path"])] = bytes(entry["content"])
            raise _Collected
    except _Collected:
        pass
    return out


def web_pages(files: Mapping[Path, bytes]) -> dict[str, bytes]:
    """The web pages among a build's files (``….html`` beside ``index.html``),
    by file name; the index page itself lists the documents and is left out."""
    return {p.name: data for p, data in files.items() if p.suffix == ".html" and p.name != "index.html"}
