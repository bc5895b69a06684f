"""The HTML renderer: the document tree through Jinja2 templates.

The result is a complete, standalone HTML5 document (styles inline) that is
both a publishable accessible web page and the source of the PDF.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup, escape

from .. import tree
from ..chars import quote
from ..content.confine import Refused, confined
from ..content.languages import is_finnish, version_link
from ..content.theme import Theme
from ..content.yamlsource import read_text
from ..document.ident import ident_block
from ..errors import ContentError, SomeohjeError, problem
from ..finnish import SUSPENDED_HYPHEN, identifier_parts
from ..messages import gettext as _
from . import sandbox
from .notes import numbered
from .sandbox import TemplateLimit, TemplateSandbox, bounded_render
from .templatecache import template_cache

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
    "line_break_node": tree.LineBreak,
    "footnote_node": tree.Footnote,
    "passage_node": tree.Passage,
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


#: the web page's heading over its notes, and the label of each note's link back to its call

#: the largest page a template may produce (the 5,000-row table is ~3 MB)
MAX_OUTPUT_CHARS = 64_000_000


class ConfinedLoader(jinja2.BaseLoader):
    """Loads templates from the template folders (first wins), each through
    :func:`~someohje.content.confine.confined` (no symbolic link, nothing outside
    the folder) and :func:`~someohje.content.yamlsource.read_text` (UTF-8, no
    character a document cannot carry): a bad template is a located error."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(folders)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.folders:
            candidate = folder / template
            if not candidate.exists() and not candidate.is_symlink():
                continue
            try:
                path = confined(folder, template, what=f"template '{quote(template)}'")
            except Refused as exc:
                raise ContentError([problem(candidate, 1, str(exc))]) from None
            return read_text(path), str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Whether ``path`` is still as it was read (a cached environment reloads an edited template)."""
    stamp = path.stat().st_mtime_ns

    def check() -> bool:
        try:
            return path.stat().st_mtime_ns == stamp
        except OSError:
            return False

    return check


def running_text(text: str) -> Markup:
    """``text`` escaped for HTML, with each suspended compound hyphen held
    to the word after it (no line ends in ``työ-`` before ``ja``) and each
    identifier (``RauDno-2020-792``, ``14.6.2022``) kept on one line."""
    held = Markup(f'<span class="nobr">{SUSPENDED_HYPHEN}</span>')
    return held.join(_identifiers_held(part) for part in text.split(SUSPENDED_HYPHEN))


def _identifiers_held(text: str) -> Markup:
    return Markup("").join(
        Markup('<span class="nobr">{}</span>').format(part) if whole else escape(part)
        for part, whole in identifier_parts(text)
    )


def environment(template_dirs: Sequence[Path]) -> jinja2.Environment:
    """The sandboxed Jinja2 environment over the template folders (first
    wins), with autoescaping on for HTML and the tree's node tests
    registered. Templates see only ``range``, ``dict`` and ``namespace``
    besides their context; no path, no file, no module.

    One per set of folders in a process, its templates compiled once per
    installed version (:mod:`.templatecache`) and reloaded when edited."""
    return _environment(tuple(template_dirs))


@lru_cache(maxsize=8)
def _environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = TemplateSandbox(
        loader=ConfinedLoader(template_dirs),
        bytecode_cache=template_cache(),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals = {"range": env.globals["range"], "dict": dict, "namespace": env.globals["namespace"]}
    for name, cls in _NODE_TESTS.items():
        env.tests[name] = lambda value, cls=cls: isinstance(value, cls)
    env.filters["css_string"] = css_string
    return env


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], template_dirs: Sequence[Path]) -> str:
    """Render template ``name``; any failure (a syntax error, a runtime
    error Jinja does not wrap, a sandbox refusal, output beyond
    :data:`MAX_OUTPUT_CHARS`, no output at all) is a located ContentError."""
    chunks: list[str] = []
    try:
        with bounded_render(env) if isinstance(env, TemplateSandbox) else contextlib.nullcontext():
            size = 0
            for chunk in env.get_template(name).generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise SecurityError(
                        _("the output is longer than {MAX_OUTPUT_CHARS:,} characters").format(
                            MAX_OUTPUT_CHARS=MAX_OUTPUT_CHARS
                        )
                    )
                chunks.append(chunk)
    except SomeohjeError:
        raise
    except MemoryError as exc:
        limit = TemplateLimit(
            _("the template took more than {MAX_MEMORY:,} bytes of memory").format(MAX_MEMORY=sandbox.MAX_MEMORY)
        )
        raise template_error(limit.with_traceback(exc.__traceback__), template_dirs, name) from None
    except RecursionError:
        raise template_error(RuntimeError(_("templates call each other too deeply")), template_dirs, name) from None
    except Exception as exc:
        raise template_error(exc, template_dirs, name) from None
    text = "".join(chunks)
    if not text.strip():
        where = next((d / name for d in template_dirs if (d / name).is_file()), Path(name))
        raise ContentError([problem(where, 1, _("template '{name}' produced no output").format(name=name))])
    return text


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
    doc, notes = numbered(doc)
    context = {
        "doc": doc,
        "notes": notes,
        "footnotes_title": doc.words("html.footnotes"),
        "footnote_back": doc.words("html.footnote_back"),
        # the footnotes' anchors (#alaviite-1, #fotnot-1 in Swedish), their calls' and their section's
        "footnote_anchor": doc.words("html.footnote_anchor"),
        "footnote_call_anchor": doc.words("html.footnote_call_anchor"),
        "footnotes_anchor": doc.words("html.footnotes_anchor"),
        "table_label": doc.words("html.table"),
        "collection_label": doc.words("html.collection"),
        "collection_link": doc.words("html.collection_link"),
        "statement_link": doc.words("html.statement_link"),
        "t": theme,
        "theme": theme,
        "fonts": font_urls or {},
        "lang": doc.metadata.language,
        # the PDF's text in a language someohje hyphenates by patterns (not Finnish, which has no
        # patterns in WeasyPrint): its stylesheet keeps WeasyPrint's own hyphenation out of it
        "own_hyphens": "" if not paged or is_finnish(doc.metadata.language) else doc.metadata.language.split("-")[0],
        "logo_src": logo_src,
        "image_src": image_src or str,
        "paged": paged,
        "running_text": running_text,
        "contents_title": doc.words("contents.title"),
        "contents_anchor": doc.words("contents.anchor"),
        "ident": ident_block(doc),
        "alternates": [(lang, href, version_link(lang)) for lang, href in doc.alternates],
        "versions_label": doc.words("html.versions"),
    }
    css = render_template(env, "style.css.j2", context, template_dirs)
    html = render_template(env, "document.html.j2", {**context, "css": css}, template_dirs)
    return html.encode("utf-8")


def template_error(exc: Exception, template_dirs: Sequence[Path], name: str = "template") -> ContentError:
    """A one-line ``template:line: message`` error for a broken template:
    the innermost frame in a template file names the line."""
    where: str | Path = next((d / name for d in template_dirs if (d / name).is_file()), name)
    line = 1
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or exc.name or where, exc.lineno
    else:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if any(frame.filename.startswith(str(d)) for d in template_dirs):
                where, line = frame.filename, frame.lineno or 1
                break
    message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
    kind = "" if isinstance(exc, jinja2.TemplateError | TemplateLimit) else f"{type(exc).__name__}: "
    return ContentError(
        [
            problem(
                where, line, _("template error: {kind}{value}").format(kind=kind, value=message or type(exc).__name__)
            )
        ]
    )
