"""The preview's HTTP server (standard library) and file watcher (watchfiles).

Routes: ``/`` the document (or its errors), ``/events?since=N`` a
server-sent event stream that says when a newer build is ready,
``/version`` the build number, ``/download/NAME.pdf|docx`` the current
build rendered on request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .preview import DOWNLOADS, Build, Preview

WATCH_START = 10.0  #: seconds to wait for the file watcher to begin

HEARTBEAT = 10.0  #: seconds between keep-alive comments on an idle event stream
MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that serves one :class:`Preview`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        super().__init__(address, Handler)
        self.preview = preview
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"


class Handler(BaseHTTPRequestHandler):
    """One request to the preview."""

    server: PreviewServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        preview = self.server.preview
        if parts.path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", preview.current.page)
        elif parts.path == "/version":
            self._send(HTTPStatus.OK, "text/plain", str(preview.generation).encode())
        elif parts.path == "/events":
            since = parse_qs(parts.query).get("since", ["0"])[0]
            self._events(int(since) if since.isdigit() else 0)
        elif parts.path.startswith("/download/") and parts.path.rsplit(".", 1)[-1] in DOWNLOADS:
            self._download(parts.path.rsplit(".", 1)[-1])
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

    def _download(self, fmt: str) -> None:
        found = self.server.preview.download(fmt)
        if found is None:
            self._send(HTTPStatus.CONFLICT, "text/plain; charset=utf-8", "Sisällössä on virheitä.\n".encode())
            return
        name, data = found
        self._send(HTTPStatus.OK, MIMETYPES[fmt], data, {"Content-Disposition": f'attachment; filename="{name}"'})

    def _events(self, since: int) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        seen = since
        try:
            while not self.server.stopping.is_set():  # ends with the server or the client
                now = preview.wait_for_change(seen, HEARTBEAT)
                self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": idle\n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(self, status: HTTPStatus, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
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
    """(path, mtime, size) of every file below ``folders``: whether anything changed."""
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


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
