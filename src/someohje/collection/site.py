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

if TYPE_CHECKING:
    from ..pipeline.session import Session


def site_files(
    collection: Collection, index: list[Item], session: Session, out: Path, pages: Mapping[str, bytes]
) -> dict[Path, bytes]:
    """``index.html``, ``saavutettavuusseloste.html`` and, when the build has
    web pages (``pages``: file name -> HTML), ``pagefind/`` over them and
    the statement."""
    dirs = session.project.template_dirs
    page = statement(collection, index, session.project, search=bool(pages))
    files = {out / STATEMENT_HTML: statement_html(page, session.theme, dirs)}
    if pages:
        bundle = search_index({**pages, STATEMENT_HTML: files[out / STATEMENT_HTML]})
        files.update({out / name: data for name, data in bundle.items()})
    files[out / INDEX_HTML] = index_html(collection, index, session.theme, dirs, search=bool(pages))
    return files
