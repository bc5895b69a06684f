"""Recorded minutes text (verbatim) to blocks, with no markup interpreted.

The record is quoted as it stands: paragraphs are split at blank lines, a
line that starts with ``- `` is a list item, and nothing else is changed
(no emphasis, no smart quotes, the record's typing errors kept).
"""

from __future__ import annotations

from ..tree import Block, ListBlock, ListItem, Paragraph, Text


def record_blocks(text: str, role: str = "record") -> list[Block]:
    """Blocks for a recorded text; ``[]`` when nothing was recorded."""
    blocks: list[Block] = []
    items: list[ListItem] = []
    for chunk in _chunks(text):
        if chunk.startswith("- "):
            items.append(ListItem((Paragraph((Text(chunk[2:].strip()),), role=role),)))
            continue
        if items:
            blocks.append(ListBlock(tuple(items), role=role))
            items = []
        blocks.append(Paragraph((Text(chunk),), role=role))
    if items:
        blocks.append(ListBlock(tuple(items), role=role))
    return blocks


def _chunks(text: str) -> list[str]:
    """Paragraphs and list items; a blank line or a new ``- `` item ends one."""
    out: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or (line.startswith("- ") and current):
            if current:
                out.append(" ".join(current))
            current = [line] if line else []
            continue
        current.append(line)
    if current:
        out.append(" ".join(current))
    return out
