"""The output formats and PDF variants, by name.

Kept free of heavy imports: the CLI reads it to build its parser before it
forks the PDF worker, so nothing here may import YAML, Markdown or a renderer.
"""

from __future__ import annotations

from ..errors import UsageError, problem

#: format name -> (module, function) of its renderer
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("someohje.render.html_format", "render"),
    "docx": ("someohje.render.docx", "render"),
    "pdf": ("someohje.render.pdf", "render"),
}
DEFAULT_FORMATS = ("html", "docx", "pdf")
PDF_VARIANTS = ("tagged", "archival", "plain")


def parse_formats(text: str) -> tuple[str, ...]:
    """``"html,pdf"`` -> ``("html", "pdf")``; unknown names are a UsageError."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise unknown_format(",".join(unknown) or text)
    return names


def unknown_format(name: str) -> UsageError:
    """The error for a format someohje does not have, listing those it has."""
    return UsageError([problem("--format", 0, f"unknown format '{name}' (choose from {', '.join(FORMATS)})")])
