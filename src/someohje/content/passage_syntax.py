"""The Markdown of a passage in another language: ``[text]{lang=en}``, and
of whole blocks in one, a fenced div ``::: {lang=sv-FI}`` … ``:::``.

The bracketed span and the fenced div are pandoc's (markdown-it's
``attrs_plugin`` with ``spans``, and its ``container`` plugin); the only
attribute they take is ``lang``, a BCP 47 tag. Anything
else in the braces, a tag that is not one, or braces the parser could not
read as a span is reported, so that a passage is never silently left
unmarked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError, parse

from ..chars import quote
from ..messages import gettext as _
from .languages import language_tag

EXAMPLE = "[text]{lang=en}"
DIV_EXAMPLE = "::: {lang=sv-FI}"
DIV = "lang"  #: the name of the fenced div's container (tokens ``container_lang_open`` …)
_UNESCAPED_SPAN_END = re.compile(r"(?<!\\)\]\{")
#: braces written right after a link, an image or a passage (``\{`` is text)
_UNESCAPED_AFTER = re.compile(r"[)}]\{")
_AFTER = ("link_close", "image", "span_close")


def span_language(token: Token) -> tuple[str, list[str]]:
    """The language tag of a ``span_open`` token, in its usual case, and
    what is wrong with the span (nothing: an empty list)."""
    problems = [
        _("a passage takes only lang= ({EXAMPLE}); {shown} is not allowed").format(
            EXAMPLE=EXAMPLE, shown=_shown(name, value)
        )
        for name, value in dict(token.meta.get("insecure_attrs", {})).items()
    ]
    tag, problem = _tag(
        str(token.attrGet("lang") or ""), _("a passage needs its language: write {EXAMPLE}").format(EXAMPLE=EXAMPLE)
    )
    return tag, problems + problem


def _tag(raw: str, missing: str) -> tuple[str, list[str]]:
    tag = language_tag(raw)
    if not raw:
        return "", [missing]
    if tag is None:
        return "", [
            _("'{raw}' is not a language tag (BCP 47); write e.g. lang=en or lang=sv-FI").format(raw=quote(raw))
        ]
    return tag, []


def div_language(info: str) -> tuple[str, list[str]]:
    """The language tag a fenced div's opening line gives after ``:::``
    (``{lang=sv-FI}``), and what is wrong with it."""
    wanted = _("a fenced div marks blocks in another language: write {DIV_EXAMPLE} … :::").format(
        DIV_EXAMPLE=DIV_EXAMPLE
    )
    text = info.strip()
    try:
        end, attrs = parse(text) if text.startswith("{") else (0, {})
    except ParseError:
        return "", [wanted]
    if not attrs or text[end + 1 :].strip():
        return "", [wanted]
    problems = [
        _("a fenced div takes only lang= ({DIV_EXAMPLE}); {shown} is not allowed").format(
            DIV_EXAMPLE=DIV_EXAMPLE, shown=_shown(name, value)
        )
        for name, value in attrs.items()
        if name != "lang"
    ]
    tag, problem = _tag(str(attrs.get("lang", "")), wanted)
    return tag, problems + problem


def _shown(name: str, value: object) -> str:
    if name == "class":
        return _("a class ('.{value}')").format(value=quote(str(value)))
    if name == "id":
        return _("an id ('#{value}')").format(value=quote(str(value)))
    return f"'{quote(name)}={quote(str(value))}'"


def malformed(content: str, children: Sequence[Token]) -> list[str]:
    """What is wrong with the spans of one inline text (its Markdown
    ``content`` and parsed ``children``): braces after a link or an image,
    a second pair of braces, or a ``]{`` that did not parse as a span (an
    unclosed brace, a bracket that also names a reference link)."""
    problems: list[str] = []
    written = bool(_UNESCAPED_AFTER.search(content))
    for before, token in pairwise(children):
        if written and token.type == "text" and token.content.startswith("{") and before.type in _AFTER:
            problems.append(
                _(
                    "braces '{split}}}' must follow a passage's brackets ({EXAMPLE}); a link in "
                    "another language goes inside one: [[text](address)]{{lang=en}}"
                ).format(split=quote(token.content.split("}")[0]), EXAMPLE=EXAMPLE)
            )
    spans = sum(token.type == "span_open" for token in children)
    if not problems and len(_UNESCAPED_SPAN_END.findall(content)) > spans:
        problems.append(
            _(
                "a passage in another language is written {EXAMPLE}, braces closed, with no "
                "reference link of the same name; write \\] for a bracket that is text"
            ).format(EXAMPLE=EXAMPLE)
        )
    return problems
