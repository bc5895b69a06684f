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
from .accessibility import statement, statement_html
from .catalogue import Item, index_html, items
from .search import search_index
from .searchcache import cache_files, cached_bundle
from .site_languages import site_languages

if TYPE_CHECKING:
    from ..pipeline.session import Session


def site_files(
    collection: Collection,
    outputs: Mapping[str, Mapping[Path, bytes]],
    session: Session,
    out: Path,
    pages: Mapping[str, bytes],
) -> dict[Path, bytes]:
    """The index page and the accessibility statement in each language of
    the site (:mod:`.site_languages`: ``index.html``,
    ``saavutettavuusseloste.html``, and for a bilingual site
    ``index.sv.html``, ``tillganglighetsutlatande.html``) over the files
    built (``outputs``: document id -> path -> bytes), and, when the build
    has web pages (``pages``: file name -> HTML), ``pagefind/`` over them
    and the statements: the bundle kept in ``out`` when it was made from
    the same pages (:mod:`.searchcache`), else a new one, kept with it."""
    dirs = session.project.template_dirs
    site = site_languages(collection)
    files: dict[Path, bytes] = {}
    indexes: dict[Path, list[Item]] = {}
    for language in site:
        index = items(collection, outputs, language.words, site[0].pages.language)
        page = statement(collection, index, session.project, search=bool(pages), site=site, language=language)
        files[out / language.pages.statement] = statement_html(page, session.theme, dirs)
        indexes[out / language.pages.index] = index
    if pages:
        indexed = {**pages, **{path.name: data for path, data in files.items()}}
        bundle = cached_bundle(out, indexed)
        if bundle is None:
            bundle = search_index(indexed)
            files.update(cache_files(out, indexed, bundle))
        files.update({out / name: data for name, data in bundle.items()})
    for language in site:
        index = indexes[out / language.pages.index]
        html = index_html(collection, index, session.theme, dirs, search=bool(pages), site=site, language=language)
        files[out / language.pages.index] = html
    return files
