"""Every output gets a visible, stable ASCII name whatever the title: a
title with no Latin letter is never built into ``.pdf`` or ``.html``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import Result
from someohje.slug import slugify

TITLE = "title: Rautalammin kunnan sosiaalisen median ohje"


@pytest.mark.parametrize("title", ["Правила социальных сетей", "ソーシャルメディアの指針"])
def test_a_title_with_no_latin_letter_gives_visible_stable_names(
    cli: Callable[..., Result], project: Path, tmp_path: Path, title: str
) -> None:
    path = project / "content/document.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(TITLE, f"title: {title}"), encoding="utf-8")
    names = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = cli("build", str(project), "--format", "html", "--out", str(out))
        assert result.code == 0, result.err
        names.append(
            sorted(p.name for p in out.iterdir() if not p.name.startswith(".someohje-"))
        )  # not its own records
    assert names[0] == names[1]  # stable from build to build
    assert names[0] and not [n for n in names[0] if n.startswith(".")]  # nothing hidden
    assert all(re.fullmatch(r"[a-z0-9.-]+", n) for n in names[0]), names[0]
    assert f"{slugify(title)}.html" in names[0]


def test_titles_differing_only_in_letters_beyond_latin_get_different_names() -> None:
    assert slugify("Ohje Правила") != slugify("Ohje Правило")
    assert slugify("Rautalammin kunnan sosiaalisen median ohje") == "rautalammin-kunnan-sosiaalisen-median-ohje"
    assert re.fullmatch(r"asiakirja-[0-9a-f]{8}", slugify("指針"))
