"""New projects and new documents: ``new`` and ``new-document``.

A new project is a collection (``content/project.yaml``) with the
organisation, the municipality's two main bodies, one document skeleton and
a copy of the default theme with a slot for the logo. The skeleton builds at
once into a document marked LUONNOS: its one handling is pending (a draft
for the board). Every value someone must still give is a visible
placeholder (``TÄYDENNÄ: …``), which ``check`` lists by file and line and
``build`` refuses in an approved text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.fields import ID
from ..content.folders import METADATA_FILE, PROJECT_FILE
from ..content.placeholders import placeholder
from ..content.project import THEME_FILE, defaults_root
from ..content.yamlsource import YMap, read_text, read_yaml
from ..errors import Problem, UsageError, problem
from ..messages import gettext as _

SECTION_FILE = "teksti/01-johdanto.md"


@dataclass(frozen=True)
class Bodies:
    """The board and the council of a municipality, with their inflections."""

    board: tuple[str, str, str, str]  #: name, abbreviation, genitive, allative
    council: tuple[str, str, str, str]


#: A town (kaupunki) has kaupunginhallitus and kaupunginvaltuusto; a municipality kunnanhallitus and -valtuusto.
_TOWN = Bodies(
    ("Kaupunginhallitus", "Khall", "Kaupunginhallituksen", "kaupunginhallitukselle"),
    ("Kaupunginvaltuusto", "Kval", "Kaupunginvaltuuston", "kaupunginvaltuustolle"),
)
_MUNICIPALITY = Bodies(
    ("Kunnanhallitus", "Kh", "Kunnanhallituksen", "kunnanhallitukselle"),
    ("Kunnanvaltuusto", "Kvalt", "Kunnanvaltuuston", "kunnanvaltuustolle"),
)


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def new_project(folder: Path, organisation: str, web: str, document_id: str = "ohje") -> dict[Path, bytes]:
    """The files of a new project in ``folder`` (nothing is written here).

    Raises :class:`UsageError` when ``folder`` exists and is not empty, or
    for an organisation name or web address that cannot be used."""
    problems = _check_new(folder, organisation, web, document_id)
    if problems:
        raise UsageError(problems)
    bodies = _TOWN if organisation.strip().lower().endswith("kaupunki") else _MUNICIPALITY
    content = folder / "content"
    files = {
        content / PROJECT_FILE: _project_yaml(organisation.strip(), web.strip(), bodies, document_id).encode(),
        folder / "templates" / THEME_FILE: _theme(organisation.strip()).encode(),
    }
    files.update(document_files(content / document_id, placeholder("asiakirjan otsikko"), "Ohje"))
    return files


def document_files(folder: Path, title: str, doc_type: str) -> dict[Path, bytes]:
    """The skeleton of one document in ``folder``: its ``document.yaml``
    (a pending handling: a draft for the board) and one section file."""
    meta = f"""# The document's decision data. Dates are d.m.yyyy; a value not known is `unknown`.
# Fill in every TÄYDENNÄ line (python -m someohje check lists them).
title: {_quoted(title)}
type: {_quoted(doc_type)}
diary_number: {_quoted(placeholder("diaarinumero"))}
language: fi-FI
# The text in teksti/ is the municipality's own original text (not yet
# approved: the handlings below say what has been decided).
text_origin: original
handlings:
  # The draft for the board's coming meeting: nothing is decided yet, so the
  # text builds marked LUONNOS. Give the date and § once the agenda is set.
  - id: luonnos
    body: kh
    date: unknown
    paragraph: unknown
    outcome: pending
    preparer: none
    presenter: none
    reasoning: ""
    proposal: ""
    decision: ""
text_stage: luonnos
sections:
  - id: johdanto
    file: {SECTION_FILE}
distribution: []
"""
    section = f"# {placeholder('luvun otsikko')}\n\n{placeholder('luvun teksti')}\n"
    return {folder / METADATA_FILE: meta.encode(), folder / SECTION_FILE: section.encode()}


def _check_new(folder: Path, organisation: str, web: str, document_id: str) -> list[Problem]:
    problems: list[Problem] = []
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        problems.append(problem(folder, 0, _("exists and is not empty: give a new folder for the project")))
    if not organisation.strip():
        problems.append(Problem("--organisation", 0, _("give the organisation's name, e.g. 'Esimerkkilän kunta'")))
    if not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", web.strip()):
        problems.append(
            Problem("--web", 0, _("'{web}' is not a web address such as www.esimerkkila.fi").format(web=web))
        )
    if not ID.fullmatch(document_id):
        problems.append(
            Problem(
                "--id",
                0,
                _("'{document_id}' must be lower-case letters, digits and hyphens").format(document_id=document_id),
            )
        )
    return problems


def _project_yaml(organisation: str, web: str, bodies: Bodies, document_id: str) -> str:
    def body(key: str, values: tuple[str, str, str, str]) -> str:
        name, abbreviation, genitive, allative = values
        return (
            f"  {key}:\n    name: {name}\n    abbreviation: {abbreviation}\n"
            f"    genitive: {genitive}\n    allative: {allative}\n"
        )

    return (
        f"# {organisation}: the collection of rules and guidelines. What the documents\n"
        "# share is stated here once; each document keeps its own decisions.\n"
        f"organisation:\n  name: {_quoted(organisation)}\n  web: {web}\n"
        "# People named in decisions (preparers, presenters), by id:\n"
        "#   merja:\n#     name: Etunimi Sukunimi\n#     title: hallintojohtaja\n"
        "#     email: etunimi.sukunimi@kunta.fi\n"
        "people: {}\n"
        f"bodies:\n{body('kh', bodies.board)}{body('kvalt', bodies.council)}"
        f"documents:\n  - id: {document_id}\n    folder: {document_id}\n"
    )


def _theme(organisation: str) -> str:
    """The default theme, headed for ``organisation``, with its logo slot explained."""
    text = (defaults_root() / "templates" / THEME_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    head = [
        f"# The layout of {organisation}'s documents, read by both renderers: the",
        "# PDF/HTML stylesheet gets these as template variables, the DOCX as styles.",
        "# Change this file, not the code. The logo: put a PNG or JPEG beside this",
        "# file and name it under `logo:` (with `logo_alt:`, what it shows).",
    ]
    return "\n".join([*head, *lines[start:]]) + "\n"


def add_document(content: Path, document_id: str, title: str, doc_type: str) -> dict[Path, bytes]:
    """The files that add a document to the collection in ``content``:
    its skeleton and ``project.yaml`` with the document listed.

    Raises :class:`UsageError` for a project that is not a collection, an id
    in use or not of the id form, or an empty title or type."""
    project_file = content / PROJECT_FILE
    problems: list[Problem] = []
    if not project_file.is_file():
        problems.append(
            problem(
                content / METADATA_FILE,
                0,
                _(
                    "this project holds one document; make it a collection first: move organisation, "
                    "people and bodies into content/project.yaml and list the documents there "
                    "(README: Collections)"
                ),
            )
        )
    if not ID.fullmatch(document_id):
        problems.append(
            Problem(
                "--id",
                0,
                _("'{document_id}' must be lower-case letters, digits and hyphens").format(document_id=document_id),
            )
        )
    for option, value in (("--title", title), ("--type", doc_type)):
        if not value.strip():
            problems.append(Problem(option, 0, _("must not be empty")))
    if problems:
        raise UsageError(problems)
    root = read_yaml(project_file)
    listed = _listed_ids(root)
    if document_id in listed or (content / document_id).exists():
        raise UsageError(
            [
                Problem(
                    "--id",
                    0,
                    _("'{document_id}' is in use already (documents: {listed})").format(
                        document_id=document_id, listed=", ".join(listed)
                    ),
                )
            ]
        )
    text = read_text(project_file)
    entry = f"  - id: {document_id}\n    folder: {document_id}\n"
    files = document_files(content / document_id, title.strip(), doc_type.strip())
    files[project_file] = _append_to_documents(text, root, entry).encode()
    return files


def _listed_ids(root: object) -> list[str]:
    if not isinstance(root, YMap):
        return []
    docs = root.values.get("documents")
    items = getattr(docs, "items", [])
    return [str(getattr(item.values.get("id"), "text", "")) for item in items if isinstance(item, YMap)]


def _append_to_documents(text: str, root: object, entry: str) -> str:
    """``project.yaml``'s text with ``entry`` at the end of its ``documents:`` list."""
    lines = text.splitlines(keepends=True)
    assert isinstance(root, YMap)
    start = root.lines["documents"]
    later = [line for key, line in root.lines.items() if line > start]
    end = min(later) - 1 if later else len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    if lines and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join([*lines[:end], entry, *lines[end:]])
