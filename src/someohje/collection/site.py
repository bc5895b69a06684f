"""The collection's own web pages beside its documents: the index page, the
accessibility statement (:mod:`.accessibility`) and the search index
(:mod:`.search`), made together so that they agree: the index shows its
search box only when there is an index to search, and the statement says
what the site has."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Collection
from .accessibility import STATEMENT_HTML, statement, statement_html
from .catalogue import INDEX_HTML, Item, index_html
from .search import search_index
from .searchcache import cache_files, cached_bundle

if TYPE_CHECKING:
    from ..pipeline.session import Session


def site_files(
    collection: Collection, index: list[Item], session: Session, out: Path, pages: Mapping[str, bytes]
) -> dict[Path, bytes]:
    """``index.html``, ``saavutettavuusseloste.html`` and, when the build has
    web pages (``pages``: file name -> HTML), ``pagefind/`` over them and
    the statement: the bundle kept in ``out`` when it was made from the
    same pages (:mod:`.searchcache`), else a new one, kept with it."""
    dirs = session.project.template_dirs
    page = statement(collection, index, session.project, search=bool(pages))
    files = {out / STATEMENT_HTML: statement_html(page, session.theme, dirs)}
    if pages:
        indexed = {**pages, STATEMENT_HTML: files[out / STATEMENT_HTML]}
        bundle = cached_bundle(out, indexed)
        if bundle is None:
            bundle = search_index(indexed)
            files.update(cache_files(out, indexed, bundle))
        files.update({out / name: data for name, data in bundle.items()})
    files[out / INDEX_HTML] = index_html(collection, index, session.theme, dirs, search=bool(pages))
    return files
