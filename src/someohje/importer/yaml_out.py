"""The ``document.yaml`` of an imported document.

A new project gets a complete file the loader accepts: what the DOCX states
(title, type, diary number, date, the approving body from an approval line)
is filled in, everything else is a ``TÄYDENNÄ: …`` placeholder that
``check`` points at. Into an existing project only the ``sections:`` list is
rewritten; everything else in the file is kept as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..content.placeholders import placeholder
from ..slug import slugify
from .metadata import DocxMetadata, Found, diary_pattern
from .sections import SectionFile

_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def _value(found: Found | None, missing: str) -> str:
    return quoted(found.value if found else placeholder(missing))


def sections_block(sections: Sequence[SectionFile], folder: str) -> list[str]:
    """The ``sections:`` list, one entry per section file."""
    lines = ["sections:"]
    for s in sections:
        lines += [f"  - id: {s.id}", f"    file: {folder}/{s.name}"]
    return lines


def new_document_yaml(meta: DocxMetadata, sections: Sequence[SectionFile], folder: str, source: str) -> str:
    """A whole ``document.yaml`` for a project made from a DOCX."""
    approval = meta.approval
    body_name = approval.body if approval else ""
    body_id = slugify(body_name) or "toimielin"
    date = approval.date if approval else (meta.date.value if meta.date else "")
    handling_id = f"{body_id}-{'-'.join(reversed(date.split('.')))}" if date else "kasittely"
    diary = meta.diary_number
    lines = [
        f"# Imported from {source} by `python -m someohje import`.",
        "# Fill in every TÄYDENNÄ line (`python -m someohje check` lists them), then build.",
        "organisation:",
        f"  name: {_value(meta.organisation, 'kunnan nimi')}",
        f"  web: {quoted(placeholder('verkkosivujen osoite, esim. www.kunta.fi'))}",
        f"title: {_value(meta.title, 'asiakirjan otsikko')}",
        f"type: {_value(meta.doc_type, 'asiakirjatyyppi, esim. Ohje')}",
    ]
    if meta.subject:
        lines.append(f"subject: {quoted(meta.subject)}")
    if meta.keywords:
        lines.append("keywords: [" + ", ".join(quoted(k) for k in meta.keywords) + "]")
    lines.append(f"diary_number: {_value(diary, 'diaarinumero')}")
    pattern = diary_pattern(diary.value) if diary else None
    if pattern:
        lines.append(f"diary_number_pattern: {quoted(pattern)}")
    lines += [
        f"language: {meta.language or 'fi-FI'}",
        "people: {}",
        "bodies:",
        f"  {body_id}:",
        f"    name: {quoted(body_name or placeholder('päättävä toimielin, esim. Kunnanhallitus'))}",
        f"    abbreviation: {quoted(placeholder('lyhenne, esim. Kh'))}",
        f"    genitive: {quoted(placeholder('genetiivi, esim. Kunnanhallituksen'))}",
        f"    allative: {quoted(placeholder('allatiivi, esim. kunnanhallitukselle'))}",
        "handlings:",
        f"  - id: {handling_id}",
        f"    body: {body_id}",
        f"    date: {quoted(date or placeholder('päätöksen päivämäärä d.m.yyyy, tai unknown'))}",
        f"    paragraph: {approval.paragraph if approval and approval.paragraph else 'unknown'}",
        "    outcome: approved" + ("" if approval else f"  # {placeholder('proposed, returned tai approved')}"),
        "    preparer: none",
        "    presenter: none",
        '    reasoning: ""',
        '    proposal: ""',
        '    decision: ""',
        f"text_stage: {handling_id}",
        *sections_block(sections, folder),
        "distribution: []",
        *_origin_lines(meta),
    ]
    return "\n".join(lines) + "\n"


def _origin_lines(meta: DocxMetadata) -> list[str]:
    """``text_origin``: a reconstruction when the DOCX said so, else the municipality's own text."""
    if meta.reconstruction:
        return [
            "# The DOCX said its text is a reconstruction drafted from the decision record.",
            "text_origin: reconstruction",
        ]
    return [
        "# The text is the municipality's own document, as imported: once the decision data is",
        "# filled in, seal it (python -m someohje seal --meeting ID) so it cannot change silently.",
        "text_origin: original",
    ]


def replace_sections(yaml_text: str, sections: Sequence[SectionFile], folder: str) -> str | None:
    """``yaml_text`` with its top-level ``sections:`` list replaced; None when
    it has none."""
    lines = yaml_text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^sections\s*:", line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # comments and blank lines before the next key belong to it
    lines[start:end] = sections_block(sections, folder)
    return "\n".join(lines) + "\n"
