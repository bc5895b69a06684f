"""The preview's HTTP server (standard library) and file watcher (watchfiles).

Routes: ``/`` the document (or its errors), ``/events?since=N`` a
server-sent event stream that says when a newer build is ready,
``/version`` the build number, ``/download/NAME.pdf|docx`` the current
build rendered on request. Nothing else is served, and nothing is read
from disk to answer: a path is one of these, exactly, or it is not found
(no ``..``, no encoded ``%2e%2e``, no absolute path can name a file), and a
download's name must be the current build's.

It listens on 127.0.0.1 and answers only requests addressed to it: a
``Host`` other than the address it serves (``127.0.0.1:PORT`` or
``localhost:PORT``) is refused, so a page of another site cannot read the
preview through DNS rebinding. Requests are bounded: the request line (the
URL) in length, each connection in time, and the connections served at once
in number (beyond :data:`MAX_CONNECTIONS` a request gets ``503`` at once).
Each request is answered from one build (:class:`~.preview.Build`), which
a rebuild replaces whole: never a half-written page. A client that goes
away mid-answer, or a malformed request, leaves no traceback.
"""

from __future__ import annotations

import contextlib
import re
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..messages import gettext as _
from .preview import DOWNLOADS, Build, Preview

WATCH_START = 10.0  #: seconds to wait for the file watcher to begin

HEARTBEAT = 10.0  #: seconds between keep-alive comments on an idle event stream
MAX_URL = 2_048  #: the longest request target answered (longer: 414)
MAX_CONNECTIONS = 64  #: connections served at once (more: 503)
MAX_STREAMS = 32  #: of them, open event streams (one per open page)
TIMEOUT = 30.0  #: seconds a connection may stay silent
MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_SINCE = re.compile(r"[0-9]{1,9}")
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, socket.timeout)


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that serves one :class:`Preview`, to requests
    addressed to it, a bounded number at a time."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        super().__init__(address, Handler)
        self.preview = preview
        self.stopping = threading.Event()
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"

    def allowed_hosts(self) -> set[str] | None:
        """The ``Host`` values the preview answers (None: any, when it
        listens on every address)."""
        host, port = str(self.server_address[0]), self.server_address[1]
        if host in ("0.0.0.0", "::"):
            return None
        names = {host, f"[{host}]" if ":" in host else host}
        if host in ("127.0.0.1", "::1"):
            names |= {"localhost", "127.0.0.1", "[::1]"}
        return {f"{name}:{port}" for name in names}

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own while there is a
        free slot; else answer ``503`` at once and close it."""
        if not self.slots.acquire(blocking=False):
            _busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:  # no thread started (Ctrl-C, a BaseException, may come after it did)
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is no error; anything else is one line, never a traceback."""
        error = sys.exc_info()[1]
        if error is None or isinstance(error, _GONE):
            return
        print(
            _("preview: a request failed: {name}: {error}").format(name=type(error).__name__, error=error),
            file=sys.stderr,
            flush=True,
        )


def _busy(request: Any) -> None:
    with contextlib.suppress(OSError):
        request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class Handler(BaseHTTPRequestHandler):
    """One request to the preview."""

    server: PreviewServer
    timeout = TIMEOUT

    def do_GET(self) -> None:
        try:
            self._route()
        except _GONE:
            self.close_connection = True

    def _route(self) -> None:
        allowed = self.server.allowed_hosts()
        if allowed is not None and self.headers.get("Host", "") not in allowed:
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"not this server's address\n")
            return
        if len(self.path) > MAX_URL:
            self._send(HTTPStatus.REQUEST_URI_TOO_LONG, "text/plain; charset=utf-8", b"address too long\n")
            return
        parts = urlsplit(self.path)
        build = self.server.preview.current  # this request is answered from this build only
        if parts.scheme or parts.netloc or "%" in parts.path:
            self._not_found()
        elif parts.path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", build.page, build=build)
        elif parts.path == "/version":
            self._send(HTTPStatus.OK, "text/plain", str(build.generation).encode(), build=build)
        elif parts.path == "/events":
            self._events(parts.query)
        elif parts.path.startswith("/download/") and self._downloadable(build, parts.path[len("/download/") :]):
            self._download(build, parts.path.rsplit(".", 1)[-1])
        else:
            self._not_found()

    @staticmethod
    def _downloadable(build: Build, name: str) -> bool:
        """A file of ``build`` (while the content has errors, any PDF or DOCX
        name, which is answered that there is nothing to download)."""
        if build.document is None:
            return "/" not in name and name.rsplit(".", 1)[-1] in DOWNLOADS
        return name in build.names()

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

    def _download(self, build: Build, fmt: str) -> None:
        found = self.server.preview.download(build, fmt)
        if found is None:
            self._send(HTTPStatus.CONFLICT, "text/plain; charset=utf-8", "Sisällössä on virheitä.\n".encode())
            return
        name, data = found
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        self._send(HTTPStatus.OK, MIMETYPES[fmt], data, headers, build=build)

    def _events(self, query: str) -> None:
        since = parse_qs(query, max_num_fields=4).get("since", ["0"])[0] if len(query) < 64 else ""
        if not _SINCE.fullmatch(since):
            self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"since must be a build number\n")
            return
        if not self.server.streams.acquire(blocking=False):
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", b"too many open pages\n")
            return
        try:
            self._stream(int(since))
        finally:
            self.server.streams.release()

    def _stream(self, since: int) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        seen = since
        while not self.server.stopping.is_set():  # ends with the server or the client
            now = preview.wait_for_change(seen, HEARTBEAT)
            self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": idle\n\n")
            self.wfile.flush()
            seen = now

    def _send(
        self,
        status: HTTPStatus,
        kind: str,
        body: bytes,
        headers: dict[str, str] | None = None,
        build: Build | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if build is not None:
            self.send_header("X-Someohje-Build", str(build.generation))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a preview logs builds, not requests."""


def watched_folders(root: Path | None) -> list[Path]:
    """The folders whose changes trigger a rebuild: the project's content and
    every template folder it uses. Raises :class:`ContentError` for a
    folder that is not a project."""
    from ..content.project import open_project

    project = open_project(root)
    return [d for d in (project.content, *project.template_dirs) if d.is_dir()]


def fingerprint(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every file below ``folders``: whether anything
    changed (:func:`~someohje.content.confine.walk`: no link followed, nothing opened)."""
    from ..content.confine import walk

    return tuple((str(e.path), e.mtime_ns, e.size) for folder in folders for e in walk(folder))


class Watcher(threading.Thread):
    """Rebuilds a preview whenever a file in its folders changes, until
    stopped; :attr:`ready` is set once changes are being watched. Editors'
    backup and swap files are ignored (watchfiles' default filter)."""

    def __init__(self, preview: Preview, folders: list[Path], on_build: Callable[[Build], None]) -> None:
        super().__init__(name="watch", daemon=True)
        self.preview = preview
        self.folders = folders
        self.on_build = on_build
        self.ready = threading.Event()
        self.stop = threading.Event()
        self._before = fingerprint(folders)  #: as the first build saw them

    def run(self) -> None:
        from watchfiles import watch as watch_files

        changes = watch_files(
            *self.folders,
            stop_event=self.stop,
            debounce=400,
            step=20,
            rust_timeout=100,
            yield_on_timeout=True,  # an empty set: watching has begun
            raise_interrupt=False,
        )
        for changed in changes:
            missed = False
            if not self.ready.is_set():
                self.ready.set()
                missed = fingerprint(self.folders) != self._before  # saved while the watch was starting
            if changed or missed:
                self.on_build(self.preview.rebuild())
