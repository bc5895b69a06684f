"""The collection's own web pages beside its documents: the index page, the
accessibility statement (:mod:`.accessibility`) and the search index
(:mod:`.search`), made together so that they agree: the index shows its
search box only when there is an index to search, and the statement says
what the site has."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Collection
from .accessibility import statement, statement_html
from .catalogue import INDEX_JSON, index_html, index_json, items
from .search import search_index
from .searchcache import cache_files, cached_bundle
from .site_languages import SiteLanguage

if TYPE_CHECKING:
    from ..pipeline.session import Session


def site_files(
    collection: Collection,
    outputs: Mapping[str, Mapping[Path, bytes]],
    session: Session,
    out: Path,
    pages: Mapping[str, bytes],
    site: Sequence[SiteLanguage],
) -> dict[Path, bytes]:
    """The index page and the accessibility statement in each language of
    the ``site`` (:mod:`.site_languages`: ``index.html``,
    ``saavutettavuusseloste.html``, and for a bilingual site
    ``index.sv.html``, ``tillganglighetsutlatande.html``) and ``index.json``
    (in the first language) over the files built (``outputs``: document id
    -> path -> bytes), and, when the build has web pages (``pages``: file
    name -> HTML), ``pagefind/`` over them and the statements: the bundle
    kept in ``out`` when it was made from the same pages
    (:mod:`.searchcache`), else a new one, kept with it."""
    dirs = session.project.template_dirs
    files: dict[Path, bytes] = {}
    indexes = [(language, items(collection, outputs, language.words, site[0].pages.language)) for language in site]
    files[out / INDEX_JSON] = index_json(collection, indexes[0][1])
    for language, index in indexes:
        page = statement(collection, index, session.project, search=bool(pages), site=site, language=language)
        files[out / language.pages.statement] = statement_html(page, session.theme, dirs)
    if pages:
        indexed = {**pages, **{path.name: data for path, data in files.items() if path.suffix == ".html"}}
        bundle = cached_bundle(out, indexed)
        if bundle is None:
            bundle = search_index(indexed)
            files.update(cache_files(out, indexed, bundle))
        files.update({out / name: data for name, data in bundle.items()})
    for language, index in indexes:
        html = index_html(collection, index, session.theme, dirs, search=bool(pages), site=site, language=language)
        files[out / language.pages.index] = html
    return files
