"""What the preview adds to a page: download links and a reload script.

The script is inline (no external JavaScript): it listens to the server's
event stream and reloads the page when a newer build is ready. An error page
shows the ``file:line: message`` lines instead of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..document.status import SEAL_BROKEN
from ..messages import gettext as _
from ..messages import language

#: the preview's own bar: in the page's flow above the document (never fixed over it), the
#: download links first, the warnings under them, so neither covers the other at any width
_BAR = "font:13px sans-serif;margin:0 0 1em;padding:.4em .6em;border-bottom:1px solid #888;background:#fff"
_WARNINGS = "margin:.4em 0 0;padding:.4em .6em;border:2px solid #b00020;background:#fff4f4;overflow-wrap:anywhere"


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
    label, download = escape(_("Preview")), escape(_("Download:"))
    return f'<nav id="someohje-preview" aria-label="{label}">{download} {links}</nav>'


def with_preview_bar(html: bytes, generation: int, stem: str, warnings: Sequence[str] = ()) -> bytes:
    """The rendered document with the preview's bar at the top of the body,
    in the page's flow (the download links, then ``warnings``: a sealed text
    that the edit changes, which ``build`` will refuse), and the reload
    script just before ``</body>``."""
    bar = f'<div id="someohje-bar" style="{_BAR}">{preview_bar(stem)}{warning_list(warnings)}</div>'.encode()
    opened = html.find(b"<body")
    start = html.find(b">", opened) + 1 if opened >= 0 else 0
    page = html[:start] + bar + html[start:]
    at = page.rfind(b"</body>")
    script = reload_script(generation).encode()
    return page[:at] + script + page[at:] if at >= 0 else page + script


def warning_list(warnings: Sequence[str]) -> str:
    """The seal warnings: the text still shows, but build will refuse it."""
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    why = _("the edit changes a decided text; build refuses it, and every file of the preview is marked so:")
    label = escape(_("Warnings"))
    return (
        f'<aside id="someohje-warnings" aria-label="{label}" style="{_WARNINGS}">'
        f"<p><strong>{SEAL_BROKEN}:</strong> {escape(why)}</p>"
        f'<ul style="font-family:monospace;margin:0">{items}</ul></aside>'
    )


def error_page(problems: Sequence[str], generation: int) -> bytes:
    """A page listing ``problems``, one ``file:line: message`` per line, in
    the user's language."""
    items = "\n".join(f"<li>{escape(p)}</li>" for p in problems)
    title, heading = escape(_("Errors in the content")), escape(_("The content has errors"))
    advice = escape(_("Fix these and save; the page updates by itself."))
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body style="font:16px sans-serif;margin:2em"><h1>{heading}</h1>'
        f"<p>{advice}</p>"
        f'<ul id="someohje-errors" style="font-family:monospace">\n{items}\n</ul>'
        f"{reload_script(generation)}</body></html>\n"
    ).encode()
