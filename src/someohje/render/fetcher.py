"""The confined URL fetcher: the one door WeasyPrint may load resources through.

Every image, stylesheet, font and attachment the PDF renderer needs is read
through :class:`ConfinedFetcher`. It serves ``file:`` URLs of existing files
inside the project's resource roots (``content/``, the template folders and
someohje's shipped fonts) and refuses everything else (another scheme such as
``http:`` or ``data:``, a path outside the roots, a symbolic link leading out
of them) by raising :class:`ResourceRefused`. That exception stops the
rendering (WeasyPrint only logs ordinary fetch errors), and the PDF renderer
turns it into a :class:`~someohje.errors.ContentError`.

The content checks at parse time (:mod:`someohje.content.resources`, the theme) are
the first wall; this fetcher is the second: nothing that slips past them is
ever opened, and no network connection is ever made.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..content.confine import MAX_FILE_BYTES, Refused, read_bytes
from ..errors import ContentError, Problem, problem
from ..messages import gettext as _

#: MIME types WeasyPrint needs to tell resources apart (fonts sniff themselves).
_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json"}


class ResourceRefused(FatalURLFetchingError):  # type: ignore[misc]
    """Raised by :class:`ConfinedFetcher` for a URL it will not serve.

    A :class:`BaseException` (through WeasyPrint's ``FatalURLFetchingError``)
    so that WeasyPrint stops rendering instead of logging and going on.
    """

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")

    def problem(self) -> Problem:
        """The refusal as a user-facing ``path: message`` problem (the URL
        itself stands for the path when it is not a ``file:`` URL)."""
        parts = urlsplit(self.url)
        if parts.scheme.lower() == "file":
            return problem(url2pathname(unquote(parts.path)), 0, _("not read: {reason}").format(reason=self.reason))
        return Problem(self.url, 0, _("not read: {reason}").format(reason=self.reason))


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that reads only files inside ``roots``.

    ``roots`` are folders; a URL is served when it is a ``file:`` URL whose
    resolved path (symbolic links followed) lies inside one of them and is a
    regular file. Every refusal is also kept in :attr:`refused`, so a caller
    can notice one that a WeasyPrint code path swallowed.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.refused: list[ResourceRefused] = []
        self.served: list[Path] = []

    def resolve(self, url: str) -> Path:
        """The file ``url`` names, if it may be read; else raise :class:`ResourceRefused`."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            scheme = parts.scheme or "no scheme"
            raise self._refuse(url, _("only files of the project may be read, not {scheme} URLs").format(scheme=scheme))
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, _("only local files may be read"))
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, _("outside the project's content, templates and fonts"))
        if not path.is_file():
            raise self._refuse(url, _("no such file") if not path.exists() else _("not a regular file"))
        return path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Serve ``url`` from disk, or raise :class:`ResourceRefused`."""
        path = self.resolve(url)
        try:
            data = read_bytes(path, MAX_FILE_BYTES)
        except Refused as exc:
            raise self._refuse(url, str(exc)) from None
        self.served.append(path)
        mime = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        headers = {"Content-Type": mime or "application/octet-stream"}
        return URLFetcherResponse(path.as_uri(), data, headers)

    def open(self, url: object, data: object = None, timeout: object = None) -> URLFetcherResponse:
        """urllib's entry point, routed through :meth:`fetch` (never the network)."""
        return self.fetch(str(getattr(url, "full_url", url)))

    def check(self) -> None:
        """Raise :class:`ContentError` if anything was refused (even a refusal
        that WeasyPrint caught and only logged)."""
        if self.refused:
            raise ContentError([r.problem() for r in self.refused])

    def _refuse(self, url: str, reason: str) -> ResourceRefused:
        error = ResourceRefused(url, reason)
        self.refused.append(error)
        return error
