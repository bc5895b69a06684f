"""``serve``: the live preview, driven over HTTP and in headless Chromium.

Every server here is a real ``python -m someohje serve`` process on an
ephemeral port of 127.0.0.1, serving a temporary copy of the project; every
wait is bounded.
"""

from __future__ import annotations

import io
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from helpers import FIXTURES, STEM, run_cli

SENTENCE = "Esikatselu näyttää tämän uuden virkkeen heti."
WAIT = 20.0  #: seconds any single wait may take before the test fails


@dataclass
class Server:
    proc: subprocess.Popen[str]
    url: str
    root: Path

    def get(self, path: str = "") -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=WAIT) as response:
            data: bytes = response.read()
            return data

    def version(self) -> int:
        return int(self.get("version"))

    def wait_past(self, version: int) -> int:
        return wait_for(lambda: self.version() > version and self.version())


def wait_for(condition: Callable[[], object], limit: float = WAIT) -> int:
    """Poll ``condition`` until it is truthy (returned) or ``limit`` passes."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return int(value) if isinstance(value, int) else 1
        time.sleep(0.02)
    raise AssertionError(f"not within {limit} s")


def start(root: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``serve`` in ``root``; returns the process and its URL line."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "someohje", "serve", "--port", "0", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and sel.select(timeout=deadline - time.monotonic()):
            line = proc.stdout.readline()
            if line.startswith("Serving the preview at "):
                return proc, line
            if not line:
                break
    proc.kill()
    raise AssertionError(f"serve did not start: {proc.communicate(timeout=WAIT)}")


def stop(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=WAIT)
    return proc.returncode, out, err


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    proc, line = start(project)
    url = line.split(" at ", 1)[1].split(" ", 1)[0]
    yield Server(proc, url, project)
    if proc.poll() is None:
        stop(proc)


def section(root: Path) -> Path:
    return root / "content" / "ohje" / "01-johdanto.md"


def add_sentence(root: Path) -> str:
    path = section(root)
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("# Johdanto\n", f"# Johdanto\n\n{SENTENCE}\n", 1), encoding="utf-8")
    return original


def break_file(root: Path) -> tuple[str, str]:
    """Add an image without alternative text on line 3; returns the original
    text and the error line the page must show."""
    path = section(root)
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("# Johdanto\n", "# Johdanto\n\n![](kuva.png)\n", 1), encoding="utf-8")
    shutil.copy(FIXTURES / "esimerkkila" / "content" / "teksti" / "kuva.png", path.parent)
    why = "image 'kuva.png' has no alternative text; write ![what it shows](kuva.png)"
    return original, f"content/ohje/01-johdanto.md:3: {why}"


def test_serves_on_localhost_only_with_download_links_and_reload_script(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    page = server.get().decode()
    assert "<h1" in page and "Rautalammin kunnan sosiaalisen median ohje" in page
    assert f'href="/download/{STEM}.pdf"' in page and f'href="/download/{STEM}.docx"' in page
    assert "new EventSource('/events?since=1')" in page
    assert "<script src" not in page  # no external JavaScript


def test_saving_a_section_announces_a_new_build_and_serves_it(server: Server) -> None:
    with urllib.request.urlopen(server.url + "events?since=1", timeout=WAIT) as events:
        add_sentence(server.root)
        line = events.readline()
        while line.startswith(b":") or line == b"\n":  # idle keep-alives
            line = events.readline()
        assert line == b"data: 2\n"
    page = server.get().decode()
    assert SENTENCE in page
    # the shipped text is sealed: the preview shows the edit, and says that build will refuse it
    assert 'id="someohje-warnings"' in page
    assert "content/ohje/01-johdanto.md:3: the text decided at Kh 7.6.2022" in page


def test_a_content_error_shows_in_the_page_and_the_page_recovers(server: Server) -> None:
    original, error = break_file(server.root)
    server.wait_past(1)
    page = server.get().decode()
    assert f"<li>{error.replace(chr(39), '&#x27;')}</li>" in page
    assert "Rautalammin kunnan sosiaalisen median ohje</h1>" not in page
    with pytest.raises(urllib.error.HTTPError) as refused:
        server.get(f"download/{STEM}.pdf")
    assert refused.value.code == 409
    section(server.root).write_text(original, encoding="utf-8")
    server.wait_past(2)
    assert "someohje-errors" not in server.get().decode()


def test_pdf_and_docx_downloads_are_the_current_text(server: Server) -> None:
    add_sentence(server.root)
    server.wait_past(1)
    pdf = server.get(f"download/{STEM}.pdf")
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)
    assert SENTENCE.split()[0] in text and "virkkeen" in text
    paragraphs = [p.text for p in docx.Document(io.BytesIO(server.get(f"download/{STEM}.docx"))).paragraphs]
    assert SENTENCE in paragraphs


def test_ctrl_c_stops_cleanly(project: Path) -> None:
    proc, _ = start(project)
    code, out, err = stop(proc)
    assert code == 0
    assert out.endswith("stopped\n")
    assert "Traceback" not in err and err == ""


def test_another_host_is_announced_and_a_bad_port_is_a_usage_error() -> None:
    from someohje.serve import host_notice

    assert host_notice("127.0.0.1") == ""
    assert host_notice("0.0.0.0") == (
        "note: listening on 0.0.0.0, not only on 127.0.0.1: anyone who can reach this machine "
        "can read the document and its drafts"
    )
    result = run_cli("serve", "--port", "70000")
    assert (result.code, result.err) == (2, "error: --port 70000 is not a port number (0-65535)\n")


def _browser() -> object:
    """Headless Chromium through chromedriver, or skip saying what is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        pytest.skip("chromium and chromium-driver are not installed (.ci/run installs them with apt-get)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=chromedriver))


def test_in_a_real_browser_the_page_follows_edits_and_errors(server: Server) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _browser()
    try:
        driver.get(server.url)  # type: ignore[attr-defined]
        wait = WebDriverWait(driver, WAIT)
        wait.until(lambda d: "Johdanto" in d.find_element(By.TAG_NAME, "body").text)
        assert SENTENCE not in driver.page_source  # type: ignore[attr-defined]
        driver.execute_script("window.notReloaded = true")  # type: ignore[attr-defined]
        add_sentence(server.root)
        wait.until(lambda d: SENTENCE in d.find_element(By.TAG_NAME, "body").text)
        assert driver.execute_script("return window.notReloaded === undefined")  # type: ignore[attr-defined]
        _, error = break_file(server.root)
        wait.until(lambda d: error in d.find_element(By.TAG_NAME, "body").text)
        assert SENTENCE not in driver.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]
    finally:
        driver.quit()  # type: ignore[attr-defined]
