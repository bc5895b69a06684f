"""Split imported blocks into section files, one per top-level heading.

The shallowest heading level in the document becomes ``#``; every section
file starts with its heading, as the loader requires. Text before the first
heading gets a section of its own whose title is a placeholder. Leading
heading numbers (``2.1 Vastuut``) are removed: someohje numbers headings
itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.placeholders import placeholder
from ..slug import slugify
from ..textual import inline_text
from ..tree import Block, Heading, Inline, Text
from .markdown_out import MarkdownWriter

_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+(?=\S)")
MAX_SLUG = 40


@dataclass
class SectionFile:
    """One section: its id, file name, Markdown, and the line of each block."""

    id: str
    name: str
    writer: MarkdownWriter = field(default_factory=MarkdownWriter)
    block_lines: dict[int, int] = field(default_factory=dict)  #: block index -> line


def split_sections(blocks: list[Block]) -> tuple[list[SectionFile], int]:
    """Section files for ``blocks``; also how many heading numbers were removed."""
    top = min((b.level for b in blocks if isinstance(b, Heading)), default=1)
    sections: list[SectionFile] = []
    removed = 0
    ids: set[str] = set()
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            children, stripped = _without_number(block.children)
            removed += stripped
            block = Heading(max(1, block.level - top + 1), children)
            if block.level == 1:
                sections.append(_new_section(inline_text(children), len(sections), ids))
        if not sections:
            sections.append(_new_section("", 0, ids))
            sections[0].writer.write(Heading(1, (Text(placeholder("otsikko tekstille ennen ensimmäistä otsikkoa")),)))
        section = sections[-1]
        section.block_lines[index] = section.writer.write(block)
    width = max(2, len(str(len(sections))))
    for n, section in enumerate(sections, 1):
        section.name = f"{n:0{width}d}-{section.name}.md"
    return sections, removed


def _new_section(title: str, count: int, ids: set[str]) -> SectionFile:
    slug = slugify(title)[:MAX_SLUG].rstrip("-") if title else "alku"
    slug = slug.rsplit("-", 1)[0] if len(slugify(title)) > MAX_SLUG and "-" in slug else slug
    base = slug or f"osio-{count + 1}"
    sid, n = base, 2
    while sid in ids:
        sid, n = f"{base}-{n}", n + 1
    ids.add(sid)
    return SectionFile(sid, sid)


def _without_number(children: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], int]:
    if children and isinstance(children[0], Text) and _NUMBER.match(children[0].text):
        rest = _NUMBER.sub("", children[0].text, count=1)
        return (Text(rest), *children[1:]), 1
    return children, 0
