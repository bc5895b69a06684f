"""The preview's state: the latest build of the guideline, or its errors.

:class:`Preview` rebuilds the HTML from the project on demand (the watcher
calls :meth:`Preview.rebuild` when a file is saved) and counts builds, so a
page knows whether it is stale. PDF and DOCX are rendered on request from
the same loaded session and kept until the next rebuild.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..document.guideline import guideline
from ..document.status import seal_broken
from ..errors import SomeohjeError
from ..messages import gettext as _
from ..pipeline.formats import renderer
from ..pipeline.session import Session, open_session
from ..record.seals import verify
from ..render.layoutcache import FOLDER, LayoutCache
from ..tree import OutputDocument
from .page import error_page, with_preview_bar

DOWNLOADS = ("pdf", "docx")


@dataclass
class Build:
    """One build: the page to serve, and the session it came from (None
    when the content has errors, then ``problems`` lists them)."""

    generation: int
    page: bytes
    session: Session | None = None
    document: OutputDocument | None = None
    problems: tuple[str, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict)  #: rendered downloads, by format

    def names(self) -> set[str]:
        """The file names this build can be downloaded as (none while the content has errors)."""
        if self.document is None:
            return set()
        return {f"{self.document.file_stem}.{fmt}" for fmt in DOWNLOADS}


class Preview:
    """The guideline of the project at ``root``, rebuilt on request."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.changed = threading.Condition()
        self._build_lock = threading.Lock()  #: one build or download render at a time
        self.current = self._build(1)

    @property
    def generation(self) -> int:
        """How many builds there have been; a page shows the one it came from."""
        return self.current.generation

    def rebuild(self) -> Build:
        """Load the project again and render its HTML; wakes every waiting page."""
        with self._build_lock:
            build = self._build(self.current.generation + 1)
        with self.changed:
            self.current = build
            self.changed.notify_all()
        return build

    def wait_for_change(self, since: int, timeout: float) -> int:
        """Block until the generation passes ``since`` or ``timeout`` runs out;
        returns the generation then."""
        with self.changed:
            self.changed.wait_for(lambda: self.current.generation != since, timeout)
            return self.current.generation

    def download(self, build: Build, fmt: str) -> tuple[str, bytes] | None:
        """(file name, bytes) of ``build`` (the one the request is answered
        from) in ``fmt``; None while the content has errors. Rendered on
        first request after each build."""
        if build.session is None or build.document is None:
            return None
        with self._build_lock:
            if fmt not in build.files:
                build.files[fmt] = renderer(fmt)(build.document, build.session)
                if build.session.layout_cache is not None:  # no output set here: the entries alone
                    build.session.layout_cache.write()
        return f"{build.document.file_stem}.{fmt}", build.files[fmt]

    def warm(self) -> None:
        """Import the PDF renderer (WeasyPrint) ahead of the first download."""
        renderer("pdf")

    def _build(self, generation: int) -> Build:
        try:
            session = _with_layout_cache(open_session(self.root, sealed=False))  # a broken seal: a warning here
            document = guideline(session.document)
            warnings = tuple(str(p) for doc in session.all_documents().documents for p in verify(doc))
            if warnings:  # every format it gives out says the decided text is changed
                document = seal_broken(document)
            html = renderer("html")(document, session)
        except SomeohjeError as exc:
            problems = tuple(str(p) for p in exc.problems)
            return Build(generation, error_page(problems, generation), problems=problems)
        except Exception:  # a bug must not stop the preview: show it, keep serving
            lines = tuple(traceback.format_exc().strip().splitlines()[-1:])
            return Build(generation, error_page((_("internal error in someohje: ") + lines[0],), generation))
        page = with_preview_bar(html, generation, document.file_stem, warnings)
        return Build(generation, page, session, document, problems=warnings)


def _with_layout_cache(session: Session) -> Session:
    """``session`` keeping its PDF layouts where ``build`` keeps them, when the
    project has been built (the preview creates no ``build/`` of its own)."""
    out = session.project.root / "build"
    if out.is_dir() and not out.is_symlink():
        session.layout_cache = LayoutCache(out / FOLDER)
    return session
