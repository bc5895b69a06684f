"""Building never reads outside the project and never touches the network.

Two walls: the content and theme checks (a located ``path:line:`` error
before anything renders) and the PDF renderer's confined URL fetcher, which
refuses whatever slips past them. A local HTTP server counts the requests
that reach it: there must be none.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from helpers import STEM, Result, snapshot
from someohje.content.project import FONTS_DIR, open_project
from someohje.document.guideline import guideline
from someohje.errors import ContentError
from someohje.pipeline.session import open_session
from someohje.render import pdf
from someohje.render.fetcher import ConfinedFetcher, ResourceRefused
from someohje.tree import Image, Paragraph

SECTION = Path("content") / "ohje" / "02-tavoitteet.md"


@dataclass
class Server:
    """A local HTTP server and the requests it got."""

    port: int
    requests: list[str]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


@pytest.fixture
def server() -> Iterator[Server]:
    requests: list[str] = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"h2 { color: red; }")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(httpd.server_address[1], requests)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def good_build(cli: Callable[..., Result], project: Path) -> dict[str, bytes]:
    """Build the copied project in every format; its build/ as it is now."""
    result = cli("build", cwd=project)
    assert result.code == 0, result.err
    assert (project / "build" / f"{STEM}.pdf").is_file()
    return snapshot(project / "build")


def append_line(path: Path, text: str) -> int:
    """Add a paragraph at the end of a file; return its line number."""
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


def assert_one_error(result: Result, path: str, line: int, words: str) -> None:
    assert result.code == 1, result.err
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err  # one line, no traceback
    assert result.err.startswith(f"{path}:{line}: "), result.err
    assert words in result.err


# --- the fetcher alone --------------------------------------------------------------


def test_fetcher_refuses_etc_passwd() -> None:
    fetcher = ConfinedFetcher(open_project(None).resource_roots())
    with pytest.raises(ResourceRefused) as refused:
        fetcher.fetch("file:///etc/passwd")
    assert "outside the project" in refused.value.reason
    assert fetcher.refused == [refused.value] and fetcher.served == []
    with pytest.raises(ContentError, match="/etc/passwd: not read"):
        fetcher.check()


def test_fetcher_serves_the_shipped_fonts_and_nothing_else() -> None:
    fetcher = ConfinedFetcher(open_project(None).resource_roots())
    font = FONTS_DIR / "LiberationSans-Regular.ttf"
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()
    for url in ("data:text/css,h1{}", (FONTS_DIR / ".." / "__init__.py").resolve().as_uri(), "file://host/etc/passwd"):
        with pytest.raises(ResourceRefused):
            fetcher.fetch(url)


def test_fetcher_never_opens_a_connection(server: Server) -> None:
    fetcher = ConfinedFetcher(open_project(None).resource_roots())
    for name in ("x.css", "y.png"):
        with pytest.raises(ResourceRefused, match="not http URLs"):
            fetcher.fetch(server.url(name))
        with pytest.raises(ResourceRefused):
            fetcher.open(server.url(name))  # urllib's entry point too
    assert server.requests == []


def test_fetcher_refuses_a_symbolic_link_leading_out(project: Path) -> None:
    link = project / "content" / "passwd.png"
    link.symlink_to("/etc/passwd")
    fetcher = ConfinedFetcher(open_project(project).resource_roots())
    with pytest.raises(ResourceRefused, match="outside the project"):
        fetcher.fetch(link.as_uri())


# --- the second wall inside the renderer ---------------------------------------------


@pytest.mark.parametrize("src", ["file:///etc/passwd", "/etc/passwd", "../../outside.png"])
def test_pdf_renderer_refuses_an_image_that_slipped_past_the_parser(project: Path, src: str) -> None:
    (project.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    session = open_session(project)
    doc = guideline(session.document)
    sneaky = replace(doc, blocks=(Paragraph((Image(src, "kuva"),)), *doc.blocks))
    with pytest.raises(ContentError, match="not read: ") as error:
        pdf.render(sneaky, session)
    assert len(error.value.problems) == 1


def test_pdf_renderer_refuses_a_remote_stylesheet_in_a_theme_object(project: Path, server: Server) -> None:
    (project / "templates" / "kunta.css").write_text(f'h2 {{ background: url("{server.url("bg.png")}"); }}\n')
    session = open_session(project)
    session.theme = replace(session.theme, stylesheets=("kunta.css",))
    with pytest.raises(ContentError, match="not http URLs"):
        pdf.render(guideline(session.document), session)
    assert server.requests == []


# --- through the command line: located errors, build/ untouched ---------------------


def test_an_etc_passwd_image_is_a_located_error(cli: Callable[..., Result], project: Path) -> None:
    before = good_build(cli, project)
    line = append_line(project / SECTION, "![Salasanat](file:///etc/passwd)")
    assert_one_error(cli("build", cwd=project), str(SECTION), line, "file:///etc/passwd")
    assert snapshot(project / "build") == before


def test_an_image_outside_the_project_is_a_located_error(cli: Callable[..., Result], project: Path) -> None:
    before = good_build(cli, project)
    (project.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # exists: refused for where it is
    line = append_line(project / SECTION, "![Ulkopuolinen kuva](../../outside.png)")
    assert_one_error(cli("build", cwd=project), str(SECTION), line, "outside the content folder")
    assert snapshot(project / "build") == before


def test_a_remote_stylesheet_in_the_theme_is_a_located_error(
    cli: Callable[..., Result], project: Path, server: Server
) -> None:
    before = good_build(cli, project)
    theme = project / "templates" / "theme.yaml"
    text = theme.read_text(encoding="utf-8").replace("stylesheets: []", "stylesheets:\n  - " + server.url("x.css"))
    theme.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - " + server.url("x.css")) + 1
    result = cli("build", cwd=project)
    assert_one_error(result, str(Path("templates") / "theme.yaml"), line, server.url("x.css"))
    assert snapshot(project / "build") == before
    assert server.requests == []


def test_a_remote_resource_inside_a_theme_stylesheet_stops_the_build(
    cli: Callable[..., Result], project: Path, server: Server
) -> None:
    before = good_build(cli, project)
    (project / "templates" / "kunta.css").write_text(f'h2 {{ background: url("{server.url("bg.png")}"); }}\n')
    theme = project / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("stylesheets: []", "stylesheets: [kunta.css]"))
    result = cli("build", cwd=project)
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    # found when the theme is read (and by check), with the stylesheet's line
    url = server.url("bg.png")
    assert result.err == f"templates/kunta.css:1: '{url}' is outside the project: a stylesheet reads no URL\n"
    assert snapshot(project / "build") == before
    assert server.requests == []


def test_a_theme_stylesheet_inside_templates_is_applied(cli: Callable[..., Result], project: Path) -> None:
    (project / "templates" / "kunta.css").write_text("h2 { color: #123456; }\n")
    theme = project / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("stylesheets: []", "stylesheets: [kunta.css]"))
    result = cli("build", "--format", "html,pdf", cwd=project)
    assert result.code == 0, result.err
    page = (project / "build" / f"{STEM}.html").read_text(encoding="utf-8")
    assert page.index("h2 { color: #123456; }") > page.index("@page")  # after the built-in rules: it wins
