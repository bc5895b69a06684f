"""Passages in a paragraph's token stream: runs of changes, whole-word
windows around them, growing a window by words, and the Markdown of tokens.

A paragraph is given as ``chars``, the stream indices of its characters in
document order (inserted and deleted ones both), with ``t`` the token list;
positions below are indices into ``chars``.
"""

from __future__ import annotations

from .wordml import Token

MARKDOWN_SPECIAL = set("\\`*_[]<>!&#")  #: escaped in wording (CommonMark backslash escapes)


def runs(chars: list[int], t: list[Token]) -> list[tuple[int, int]]:
    """The maximal runs ``[a, b)`` of changed (inserted or deleted) characters."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(chars):
        if t[chars[i]].state == "same":
            i += 1
            continue
        j = i
        while j < len(chars) and t[chars[j]].state != "same":
            j += 1
        runs.append((i, j))
        i = j
    return runs


def space(chars: list[int], p: int, t: list[Token]) -> bool:
    """Whether the character at position ``p`` is white space."""
    return t[chars[p]].char.isspace()


def window(chars: list[int], a: int, b: int, t: list[Token]) -> tuple[int, int]:
    """The run ``[a, b)`` extended to whole words; a change between words
    takes the word before it (or after it, at the start) as its passage."""
    lo, hi = a, b
    while lo > 0 and not space(chars, lo - 1, t) and not space(chars, lo, t):
        lo -= 1
    while hi < len(chars) and not space(chars, hi, t) and not space(chars, hi - 1, t):
        hi += 1
    if any(t[chars[p]].state != "ins" and not space(chars, p, t) for p in range(lo, hi)):
        return lo, hi
    p = lo
    while p > 0 and space(chars, p - 1, t):
        p -= 1
    if p > 0:
        while p > 0 and not space(chars, p - 1, t):
            p -= 1
        return p, hi
    q = hi
    while q < len(chars) and space(chars, q, t):
        q += 1
    while q < len(chars) and not space(chars, q, t):
        q += 1
    return lo, q


def merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Windows that overlap or touch, joined into one."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def text(chars: list[int], lo: int, core_lo: int, hi: int, t: list[Token], *, old: bool) -> str:
    """The passage ``[lo, hi)`` as the working text has it: left of
    ``core_lo`` the earlier changes are applied, from it on not yet."""
    out = []
    for p in range(lo, hi):
        state = t[chars[p]].state
        keep_out = "del" if p < core_lo or not old else "ins"
        if state != keep_out:
            out.append(t[chars[p]].char)
    return "".join(out)


def grow(
    chars: list[int],
    lo: int,
    core_lo: int,
    hi: int,
    windows: list[tuple[int, int]],
    k: int,
    t: list[Token],
    *,
    left: bool,
) -> tuple[int, int] | None:
    """The window grown by one word to the left or right; None when it
    cannot grow that way (paragraph edge, source reference, image). A later
    change reached on the right is taken into this window."""
    if left:
        p = lo
        while p > 0 and (space(chars, p - 1, t) or t[chars[p - 1]].state == "del"):
            p -= 1
        if p == 0:
            return None
        while p > 0 and (not space(chars, p - 1, t) or t[chars[p - 1]].state == "del"):
            if t[chars[p - 1]].fixed or t[chars[p - 1]].link:
                return None
            p -= 1
        return p, hi
    q = hi
    while q < len(chars) and space(chars, q, t) and t[chars[q]].state == "same":
        q += 1
    if q == len(chars):
        return None
    while q < len(chars) and not (space(chars, q, t) and t[chars[q]].state == "same"):
        if t[chars[q]].fixed or t[chars[q]].link:
            return None
        if t[chars[q]].state != "same" and k + 1 < len(windows) and windows[k + 1][0] <= q:
            q = max(q, windows.pop(k + 1)[1])
            continue
        q += 1
    return lo, q


def trim(chars: list[int], t: list[Token]) -> list[int]:
    """``chars`` without the source references and spaces at their end."""
    end = len(chars)
    while end and (t[chars[end - 1]].fixed or t[chars[end - 1]].char.isspace()):
        end -= 1
    return chars[:end]


def markdown(tokens: list[Token]) -> str:
    """The tokens' text as inline Markdown: bold and italic kept, Markdown's
    own marks escaped."""
    groups: list[tuple[tuple[bool, bool], str]] = []
    for token in tokens:
        char = "\\" + token.char if token.char in MARKDOWN_SPECIAL else token.char
        style = (token.bold, token.italic)
        if groups and groups[-1][0] == style:
            groups[-1] = (style, groups[-1][1] + char)
        else:
            groups.append((style, char))
    out = []
    for (bold, italic), text in groups:
        marks = ("**" if bold else "") + ("*" if italic else "")
        core = text.strip()
        if not marks or not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{marks}{core}{marks[::-1]}{trail}")
    return "".join(out).strip()
