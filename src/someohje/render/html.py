"""The HTML renderer: the document tree through Jinja2 templates.

The result is a complete, standalone HTML5 document (styles inline) that is
both a publishable accessible web page and the source of the PDF.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import contents, tree
from ..errors import ContentError, problem
from ..finnish import SUSPENDED_HYPHEN
from ..ident import ident_block
from ..theme import Theme

FONT_FILES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bolditalic": "LiberationSans-BoldItalic.ttf",
}

_NODE_TESTS = {
    "text_node": tree.Text,
    "emph_node": tree.Emph,
    "strong_node": tree.Strong,
    "link_node": tree.Link,
    "source_ref_node": tree.SourceRef,
    "change_node": tree.Change,
    "image_node": tree.Image,
    "heading_node": tree.Heading,
    "paragraph_node": tree.Paragraph,
    "list_node": tree.ListBlock,
    "table_node": tree.Table,
    "note_node": tree.Note,
}


def css_string(value: str) -> str:
    """Quote ``value`` as a CSS string; newlines become ``\\A`` line breaks
    and ``<`` becomes ``\\3C`` (the CSS sits raw in an HTML ``<style>``)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


def running_text(text: str) -> Markup:
    """``text`` escaped for HTML, with each suspended compound hyphen held
    to the word after it (no line ends in ``työ-`` before ``ja``)."""
    held = Markup(f'<span class="nobr">{SUSPENDED_HYPHEN}</span>')
    return held.join(escape(part) for part in text.split(SUSPENDED_HYPHEN))


def environment(template_dirs: Sequence[Path]) -> jinja2.Environment:
    """A Jinja2 environment over the template folders (first wins), with
    autoescaping on for HTML and the tree's node tests registered."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    for name, cls in _NODE_TESTS.items():
        env.tests[name] = lambda value, cls=cls: isinstance(value, cls)
    env.filters["css_string"] = css_string
    return env


def render_html(
    doc: tree.OutputDocument,
    theme: Theme,
    template_dirs: Sequence[Path],
    *,
    font_urls: dict[str, str] | None = None,
    logo_src: str = "",
    image_src: Callable[[str], str] | None = None,
    paged: bool = False,
) -> bytes:
    """Render ``doc`` to a complete UTF-8 HTML document.

    ``font_urls`` maps the four font faces to URLs for ``@font-face`` rules
    (the PDF renderer passes them to embed the shipped font); without them
    the page names the font family with web-safe fallbacks. ``logo_src`` is
    the logo's URL, if the theme has one. ``image_src`` maps an image's path
    (relative to the content folder) to the URL to print; by default the
    path itself, to be resolved against the content folder as base URL.
    ``paged`` adds what only WeasyPrint reads (the PDF passes it); the web
    page's stylesheet is plain CSS.
    """
    env = environment(template_dirs)
    context = {
        "doc": doc,
        "t": theme,
        "theme": theme,
        "fonts": font_urls or {},
        "lang": doc.metadata.language,
        "logo_src": logo_src,
        "image_src": image_src or str,
        "paged": paged,
        "running_text": running_text,
        "contents_title": contents.TITLE,
        "contents_anchor": contents.ANCHOR,
        "ident": ident_block(doc),
    }
    try:
        css = env.get_template("style.css.j2").render(context)
        html = env.get_template("document.html.j2").render(context, css=css)
    except jinja2.TemplateError as exc:
        raise template_error(exc, template_dirs) from None
    return html.encode("utf-8")


def template_error(exc: jinja2.TemplateError, template_dirs: Sequence[Path]) -> ContentError:
    """A one-line ``template:line: message`` error for a broken template."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or exc.name or "template", exc.lineno
    else:
        where, line = "template", 0
        frames = traceback.extract_tb(exc.__traceback__)
        for frame in reversed(frames):
            if any(frame.filename.startswith(str(d)) for d in template_dirs):
                where, line = frame.filename, frame.lineno or 0
                break
    return ContentError([problem(where, line, f"template error: {exc.message or exc}")])
