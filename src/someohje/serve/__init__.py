"""Live preview: ``python -m someohje serve``.

:func:`serve` builds the guideline's HTML, serves it on 127.0.0.1, rebuilds
when a content or template file is saved, and tells the open page to reload
(:mod:`.server`); errors in content show in the page (:mod:`.page`) until
fixed; PDF and DOCX are rendered on request (:mod:`.preview`).
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from ..messages import gettext as _
from .preview import Build, Preview
from .server import WATCH_START, PreviewServer, Watcher, watched_folders

LOCAL = "127.0.0.1"


def host_notice(host: str) -> str:
    """What the server says when asked to listen beyond this machine ("" for 127.0.0.1)."""
    if host == LOCAL:
        return ""
    return _(
        "note: listening on {host}, not only on {LOCAL}: anyone who can reach this "
        "machine can read the document and its drafts"
    ).format(host=host, LOCAL=LOCAL)


def report(build: Build) -> None:
    """One line on stdout per build: its number and whether it has errors."""
    if build.problems:
        print(
            _("build {generation}: {count} problem(s) in content").format(
                generation=build.generation, count=len(build.problems)
            ),
            flush=True,
        )
        for line in build.problems:
            print(f"  {line}", flush=True)
    else:
        print(_("build {generation}: ok").format(generation=build.generation), flush=True)


def serve(root: Path | None, host: str = LOCAL, port: int = 8000) -> int:
    """Serve the preview until interrupted (Ctrl-C); returns the exit code."""
    folders = watched_folders(root)  # a missing project is an error before anything starts
    preview = Preview(root)
    report(preview.current)
    server = PreviewServer((host, port), preview)
    watcher = Watcher(preview, folders, report)
    watcher.start()
    watcher.ready.wait(WATCH_START)
    threading.Thread(target=preview.warm, name="warm", daemon=True).start()
    notice = host_notice(host)
    if notice:
        print(notice, file=sys.stderr, flush=True)
    _stop_on_signals()
    try:
        print(_("Serving the preview at {url} (Ctrl-C stops)").format(url=server.url), flush=True)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print(_("stopped"), flush=True)
    finally:
        watcher.stop.set()
        server.stopping.set()
        with preview.changed:
            preview.changed.notify_all()
        server.server_close()
        watcher.join(timeout=2)
    return 0


def _stop_on_signals() -> None:
    """Ctrl-C (SIGINT) and SIGTERM stop the server cleanly, even when the
    shell started it with SIGINT ignored (a background job)."""
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


__all__ = ["LOCAL", "Preview", "host_notice", "serve"]
