"""The preview server under hostile requests (issue 21), against a real
``serve`` process on 127.0.0.1: a ``Host`` that is not its address is
refused (DNS rebinding), a path names only what the build produced (no
``..``, no ``%2e%2e``, no absolute path), long URLs and many connections are
bounded, a request during rebuilds gets one whole build, and a malformed
query or a client that goes away gets a clean answer or none, with no
traceback on the server's stderr. Every test makes a bounded number of
requests to 127.0.0.1 only, and the server is stopped at the end."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import STEM

WAIT = 60.0


@dataclass
class Preview:
    proc: subprocess.Popen[str]
    port: int
    root: Path

    def raw(self, data: bytes, *, read: bool = True) -> tuple[int, dict[str, str], bytes]:
        """Send ``data`` to the server; its status, headers and body (0 when it answered nothing)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=WAIT) as sock:
            sock.sendall(data)
            if not read:
                return 0, {}, b""
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return parse(b"".join(chunks))

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        host = f"127.0.0.1:{self.port}" if host is None else host
        return self.raw(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def parse(response: bytes) -> tuple[int, dict[str, str], bytes]:
    if not response.startswith(b"HTTP/"):  # nothing, or an HTTP/0.9 answer: the body alone
        return 0, {}, response
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, body


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "someohje", "serve", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    port = 0
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + WAIT
        while not port and time.monotonic() < deadline and sel.select(timeout=deadline - time.monotonic()):
            line = proc.stdout.readline()
            found = re.match(r"Serving the preview at http://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
            elif not line:
                break
    if not port:
        proc.kill()
        raise AssertionError(f"serve did not start: {proc.communicate(timeout=WAIT)}")
    server = Preview(proc, port, project)
    try:
        yield server
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=WAIT)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        assert "Traceback" not in err, err


def test_a_host_other_than_its_address_is_refused(preview: Preview) -> None:
    assert preview.get("/")[0] == 200
    assert preview.get("/", host=f"localhost:{preview.port}")[0] == 200
    for host in ("evil.example", f"evil.example:{preview.port}", f"127.0.0.1:{preview.port + 1}", ""):
        status, _, body = preview.get("/", host=host)
        assert (status, body) == (403, b"not this server's address\n"), host
    status, _, _ = preview.raw(b"GET / HTTP/1.0\r\n\r\n")  # no Host at all
    assert status == 403


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/download/../../../etc/passwd.pdf",
        "/download/%2e%2e%2f%2e%2e%2fetc%2fpasswd.pdf",
        "/download/olematon.pdf",
        f"/download/{STEM}.pdf/../../x.pdf",
        "//etc/passwd",
        "/etc/passwd",
        "http://127.0.0.1/etc/passwd",
        "/index.html",
    ],
)
def test_a_path_names_only_what_the_build_produced(preview: Preview, path: str) -> None:
    status, _, body = preview.get(path)
    assert (status, body) == (404, b"not found\n")


def test_long_urls_and_malformed_queries_get_a_clean_answer(preview: Preview) -> None:
    assert preview.get("/" + "a" * 5000)[:1] == (414,)
    assert preview.get("/events?since=%C2%B2")[0] == 400  # '²': a digit to str.isdigit, not a number
    assert preview.get("/events?since=" + "5" * 1000)[0] == 400  # a number int() would still read
    assert preview.get("/events?since=" + "5" * 5000)[0] == 414
    assert preview.get("/events?since=-1")[0] == 400
    status, _, _ = preview.raw(b"GET /" + b"x" * 70000 + b" HTTP/1.1\r\n\r\n")  # beyond the request-line limit
    assert status == 414
    _, _, body = preview.raw(b"GET /\x00\x01 HTTX/1.1\r\n\r\n")  # not HTTP: answered as HTTP/0.9
    assert b"Error code: 400" in body


def test_a_client_that_goes_away_mid_download_leaves_no_traceback(preview: Preview) -> None:
    request = f"GET /download/{STEM}.docx HTTP/1.1\r\nHost: 127.0.0.1:{preview.port}\r\n\r\n".encode()
    status, headers, body = preview.get(f"/download/{STEM}.docx")
    assert status == 200 and int(headers["Content-Length"]) == len(body) > 10_000
    for _ in range(5):  # send the request and go away before the answer
        preview.raw(request, read=False)
    for _ in range(5):  # read a little of the answer, then go away
        with socket.create_connection(("127.0.0.1", preview.port), timeout=WAIT) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.sendall(request)
            sock.recv(100)
    assert preview.get("/")[0] == 200


def test_hundreds_of_requests_and_idle_connections_are_bounded(preview: Preview) -> None:
    statuses: list[int] = []

    def many() -> None:
        for _ in range(30):
            statuses.append(preview.get("/version")[0])

    threads = [threading.Thread(target=many) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert len(statuses) == 300 and set(statuses) <= {200, 503} and statuses.count(200) > 0
    idle = [socket.create_connection(("127.0.0.1", preview.port), timeout=WAIT) for _ in range(80)]
    try:
        time.sleep(0.5)
        start = time.monotonic()
        status, _, _ = preview.get("/version")
        assert status == 503 and time.monotonic() - start < 5  # answered at once, not queued behind the idle ones
    finally:
        for sock in idle:
            sock.close()
    time.sleep(1)
    assert preview.get("/version")[0] == 200


def test_a_request_during_rebuilds_gets_one_whole_build(preview: Preview) -> None:
    section = preview.root / "content/ohje/01-johdanto.md"
    original = section.read_text(encoding="utf-8")
    done = threading.Event()

    def edits() -> None:
        for n in range(4):
            section.write_text(original.replace("# Johdanto\n", f"# Johdanto\n\nMuutos {n}.\n", 1), encoding="utf-8")
            time.sleep(1.5)
        done.set()

    editor = threading.Thread(target=edits)
    editor.start()
    seen: set[int] = set()
    for _ in range(200):
        status, headers, body = preview.get("/")
        assert status == 200
        generation = int(headers["X-Someohje-Build"])
        page = body.decode("utf-8")
        assert page.rstrip().endswith("</html>") and f"/events?since={generation}'" in page  # one build, whole
        seen.add(generation)
        if done.is_set() and len(seen) > 1:
            break
        time.sleep(0.05)
    editor.join(WAIT)
    assert len(seen) > 1
