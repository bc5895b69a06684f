"""What the preview adds to a page: download links and a reload script.

The script is inline (no external JavaScript): it listens to the server's
event stream and reloads the page when a newer build is ready. An error page
shows the ``file:line: message`` lines instead of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

_STYLE = (
    "position:fixed;top:0;right:0;z-index:9;padding:.3em .6em;font:13px sans-serif;"
    "background:#fff;border:1px solid #888;border-top:0;border-right:0"
)


def reload_script(generation: int) -> str:
    """An inline script that reloads the page once a build newer than
    ``generation`` is served (server-sent events; a dropped stream is
    retried by the browser)."""
    return (
        f"<script>(function(){{var s=new EventSource('/events?since={generation}');"
        f"s.onmessage=function(e){{if(Number(e.data)!=={generation}){{s.close();location.reload();}}}};}})();</script>"
    )


def preview_bar(stem: str) -> str:
    """Download links for the current build."""
    links = " · ".join(f'<a href="/download/{escape(stem)}.{fmt}">{fmt.upper()}</a>' for fmt in ("pdf", "docx"))
    return f'<nav id="someohje-preview" aria-label="Esikatselu" style="{_STYLE}">Lataa: {links}</nav>'


def with_preview_bar(html: bytes, generation: int, stem: str, warnings: Sequence[str] = ()) -> bytes:
    """The rendered document with the download links and the reload script
    added just before ``</body>``; ``warnings`` (a sealed text that the edit
    changes: ``build`` will refuse it) stand above the downloads."""
    extra = (warning_list(warnings) + preview_bar(stem) + reload_script(generation)).encode()
    at = html.rfind(b"</body>")
    return html[:at] + extra + html[at:] if at >= 0 else html + extra


def warning_list(warnings: Sequence[str]) -> str:
    """The seal warnings: the text still shows, but build will refuse it."""
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    return (
        f'<aside id="someohje-warnings" aria-label="Varoitukset" style="{_STYLE}"><p>Muokkaus muuttaa päätettyä '
        f'tekstiä; build ei hyväksy sitä:</p><ul style="font-family:monospace">{items}</ul></aside>'
    )


def error_page(problems: Sequence[str], generation: int) -> bytes:
    """A page listing ``problems``, one ``file:line: message`` per line."""
    items = "\n".join(f"<li>{escape(p)}</li>" for p in problems)
    return (
        '<!DOCTYPE html>\n<html lang="fi"><head><meta charset="utf-8"><title>Virheitä sisällössä</title></head>'
        '<body style="font:16px sans-serif;margin:2em">'
        "<h1>Sisällössä on virheitä</h1><p>Korjaa nämä ja tallenna; sivu päivittyy itsestään.</p>"
        f'<ul id="someohje-errors" style="font-family:monospace">\n{items}\n</ul>'
        f"{reload_script(generation)}</body></html>\n"
    ).encode()
