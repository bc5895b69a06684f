"""The placement marker for amendments in section Markdown: ``[[lisäys:ID]]``."""

import re

MARKER = re.compile(r"\[\[lisäys:([^\]\s]*)\]\]")
MARKER_LINE = re.compile(r"\s*\[\[lisäys:([^\]\s]*)\]\]\s*")
