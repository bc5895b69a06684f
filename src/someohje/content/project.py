"""Where a project's content and templates are.

A project folder holds ``content/`` and may hold ``templates/``; templates it
lacks come from someohje's own defaults. Run outside any project, someohje
uses its shipped defaults: the Rautalampi guideline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem, UsageError, one_line, problem
from ..messages import gettext as _
from .confine import Refused, confined

PACKAGE_DIR = Path(__file__).resolve().parent.parent  #: the installed someohje package
FONTS_DIR = PACKAGE_DIR / "fonts"
THEME_FILE = "theme.yaml"  #: the theme in a template folder


def defaults_root() -> Path:
    """The folder holding the shipped ``content/`` and ``templates/``: inside
    the installed wheel, or the source checkout for an editable install."""
    shipped = PACKAGE_DIR / "_defaults"
    return shipped if (shipped / "content").is_dir() else PACKAGE_DIR.parent.parent


@dataclass(frozen=True)
class Project:
    """A project's folders, resolved."""

    root: Path
    content: Path
    template_dirs: tuple[Path, ...]  #: searched in order: the project's, then the defaults

    @property
    def theme_path(self) -> Path:
        """The first template folder's ``theme.yaml`` (a symbolic link is refused)."""
        for folder in self.template_dirs:
            candidate = folder / THEME_FILE
            if candidate.is_file() or candidate.is_symlink():
                try:
                    return confined(folder, THEME_FILE, what=THEME_FILE)
                except Refused as exc:
                    raise ContentError([problem(candidate, 1, str(exc))]) from None
        raise ContentError([problem(self.template_dirs[0] / THEME_FILE, 0, _("no theme file found"))])

    def resource_roots(self) -> tuple[Path, ...]:
        """Every folder a renderer may read from (the confinement boundary)."""
        return (self.content, *self.template_dirs, FONTS_DIR)


def open_project(path: str | Path | None = None) -> Project:
    """Resolve a project folder; ``None`` means the working folder if it has
    ``content/``, else the shipped defaults."""
    if path is None:
        here = Path.cwd()
        root = here if (here / "content").is_dir() else defaults_root()
    else:
        root = Path(path)
        if "\x00" in str(path) or not root.is_dir():
            raise UsageError([Problem("PROJECT_DIR", 0, _("no such folder: {root}").format(root=one_line(str(root))))])
        if not (root / "content").is_dir():
            raise ContentError(
                [problem(root / "content", 0, _("missing content folder (expected content/document.yaml)"))]
            )
    root = root.resolve()
    dirs = [root / "templates"] if (root / "templates").is_dir() else []
    default_templates = defaults_root() / "templates"
    if default_templates not in dirs:
        dirs.append(default_templates.resolve())
    return Project(root, root / "content", tuple(dirs))
