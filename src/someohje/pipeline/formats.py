"""The output formats and PDF variants, and the renderer of each.

Kept free of heavy imports: the CLI reads it to build its parser before it
forks the PDF worker, so nothing here may import YAML, Markdown or a
renderer at import time. Each renderer is a real import inside the function
that returns it (so mypy and a reader follow the build to it), made on
first use: ``check`` and an HTML-only build never import WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import UsageError, problem
from ..messages import gettext as _

if TYPE_CHECKING:
    from ..tree import OutputDocument
    from .session import Options, Session

#: A renderer: a pure function from an output document and the session to a file's bytes.
Renderer = Callable[["OutputDocument", "Session"], bytes]


def html_renderer() -> Renderer:
    """The ``html`` format: the standalone web page."""
    from ..render.html_format import render

    return render


def docx_renderer() -> Renderer:
    """The ``docx`` format: the Word document (python-docx)."""
    from ..render.docx import render

    return render


def pdf_renderer() -> Renderer:
    """The ``pdf`` format: the web page laid out by WeasyPrint."""
    from ..render.pdf import render

    return render


def akn_renderer() -> Renderer:
    """The ``akn`` format: Akoma Ntoso 3.0 XML of a document's text (lxml)."""
    from ..render.akn import render

    return render


def warm_pdf() -> None:
    """Import what laying out a PDF needs (WeasyPrint, the confined fetcher),
    so that a worker forked early has it ready when its job comes."""
    import weasyprint  # noqa: F401

    from ..render import fetcher, pdf  # noqa: F401


#: format name -> the function giving its renderer
RENDERERS: dict[str, Callable[[], Renderer]] = {
    "html": html_renderer,
    "docx": docx_renderer,
    "pdf": pdf_renderer,
    "akn": akn_renderer,
}
FORMATS = tuple(RENDERERS)
DEFAULT_FORMATS = ("html", "docx", "pdf", "akn")
#: the formats of documents that are not a text of their own (a redline, a meeting's package): pages only
PAGE_FORMATS = ("html", "docx", "pdf")
PDF_VARIANTS = ("tagged", "archival", "plain")
#: The file-name suffix of each PDF variant: the archival PDF never replaces the tagged one.
#: the PDF variants whose file name has a suffix: the word is the document's (``file.archival``: -arkisto, -arkiv)
SUFFIXED_VARIANTS = {"archival"}
#: The file-name extension of a format whose name is not its extension.
EXTENSIONS = {"akn": "akn.xml"}


def renderer(name: str) -> Renderer:
    """The render function of format ``name``; an unknown name is a
    :class:`~someohje.errors.UsageError` listing the formats."""
    if name not in RENDERERS:
        raise unknown_format(name)
    return RENDERERS[name]()


def parse_formats(text: str) -> tuple[str, ...]:
    """``"html,pdf"`` -> ``("html", "pdf")``; unknown names are a UsageError."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in RENDERERS]
    if unknown or not names:
        raise unknown_format(",".join(unknown) or text)
    return names


def unknown_format(name: str) -> UsageError:
    """The error for a format someohje does not have, listing those it has."""
    return UsageError(
        [
            problem(
                "--format",
                0,
                _("unknown format '{name}' (choose from {FORMATS})").format(name=name, FORMATS=", ".join(FORMATS)),
            )
        ]
    )


def file_name(doc: OutputDocument, fmt: str, options: Options) -> str:
    """The stable file name of ``doc`` in format ``fmt``, e.g.
    ``…-ohje.pdf``; the archival PDF is ``…-ohje-arkisto.pdf``."""
    suffixed = fmt == "pdf" and options.pdf_variant in SUFFIXED_VARIANTS
    suffix = f"-{doc.words('file.archival')}" if suffixed else ""
    return f"{doc.file_stem}{suffix}.{EXTENSIONS.get(fmt, fmt)}"


def file_names(doc: OutputDocument, fmt: str, options: Options) -> list[str]:
    """Every file a build writes of ``doc`` in format ``fmt``: the archival
    PDF comes beside the tagged one (``…-ohje.pdf``, ``…-ohje-arkisto.pdf``)."""
    names = [file_name(doc, fmt, options)]
    if fmt == "pdf" and options.pdf_variant == "archival":
        names.insert(0, f"{doc.file_stem}.{fmt}")
    return names


def format_of(name: str) -> str:
    """The format of an output file by its name: ``….akn.xml`` -> ``akn``,
    ``….pdf`` -> ``pdf``."""
    for fmt, extension in EXTENSIONS.items():
        if name.endswith(f".{extension}"):
            return fmt
    return name.rsplit(".", 1)[-1]
