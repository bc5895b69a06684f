"""The last search index made, kept in the output folder, so that only
changed web pages pay for running Pagefind.

Pagefind's bundle (:mod:`.search`) is a pure function of the pages it
indexes and of Pagefind itself, and running its binary is most of what a
build of the web pages costs. So a build keeps the bundle it made in
``OUT/.someohje-search``, with the digest of the pages it was made from,
written with the outputs (unannounced, as the build record is); the next
build whose pages are the same bytes takes the bundle from there, a
``--force`` rebuild and an HTML-only build included.

The file is a cache, never trusted (:mod:`someohje.caches`): one that names
another version of someohje, Pagefind or this code, another set of pages,
that is torn, corrupted, too large, a link or not a regular file, or that
holds a file name outside ``pagefind/``, is ignored and written afresh. The
outputs are the same bytes with the cache and without it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path

from .. import caches
from ..content.confine import Refused, read_bytes
from ..messages import gettext as _

CACHE_FILE = ".someohje-search"  #: the cache's name in the output folder
#: the largest cache file read back (a big collection's bundle, in base64)
MAX_CACHE_BYTES = 64_000_000
#: a file of the bundle: a relative path below ``pagefind/``, plain names only
_BUNDLE_NAME = re.compile(r"pagefind(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)+")


def pages_key(pages: Mapping[str, bytes]) -> str:
    """The digest of the pages to index: every page's name and bytes."""
    digest = hashlib.sha256()
    for name in sorted(pages):
        digest.update(hashlib.sha256(name.encode("utf-8")).digest())
        digest.update(hashlib.sha256(pages[name]).digest())
    return digest.hexdigest()


def cached_bundle(out: Path, pages: Mapping[str, bytes]) -> dict[str, bytes] | None:
    """The bundle kept in ``out`` if it is sound and was made from exactly
    ``pages``; ``None`` otherwise."""
    path = out / CACHE_FILE
    try:
        data = read_bytes(path, MAX_CACHE_BYTES, what=_("the search index cache"))
    except Refused:
        return None
    payload = caches.unseal(_header(), data)
    return _parse(payload, pages_key(pages)) if payload is not None else None


def cache_files(out: Path, pages: Mapping[str, bytes], bundle: Mapping[str, bytes]) -> dict[Path, bytes]:
    """The cache file for ``bundle``, made from ``pages``, by the path it is
    written to with the outputs: none when something other than a regular
    file is in its place (a link there is removed, not followed, so that the
    new file takes its place)."""
    path = out / CACHE_FILE
    if not caches.replaceable(path):
        return {}
    files = {name: base64.b64encode(data).decode("ascii") for name, data in sorted(bundle.items())}
    payload = json.dumps({"pages": pages_key(pages), "files": files}, sort_keys=True).encode("utf-8")
    return {path: caches.seal(_header(), payload)}


def _parse(payload: bytes, key: str) -> dict[str, bytes] | None:
    """The bundle in ``payload`` if it was made from the pages of ``key`` and
    is one this module wrote; ``None`` otherwise."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or set(data) != {"pages", "files"} or data["pages"] != key:
        return None
    files = data["files"]
    if not isinstance(files, dict) or not files:
        return None
    out: dict[str, bytes] = {}
    for name, text in files.items():
        if not isinstance(text, str) or not _BUNDLE_NAME.fullmatch(name) or "/../" in f"{name}/":
            return None
        try:
            out[name] = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None
    return out


def _header() -> bytes:
    """What made the cache: this version of someohje and of Pagefind, and
    the code that indexes (an edited source tree keeps its version number)."""
    code = caches.code_digest("someohje.collection.search", __name__)
    pagefind = f"{caches.installed('pagefind')}/{caches.installed('pagefind_bin')}"
    return f"someohje-search {caches.version()} pagefind {pagefind} {code}".encode()
