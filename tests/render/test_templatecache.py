"""Compiled templates cached per version: the same HTML, a bad cache file ignored and rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from someohje.render import html, templatecache

TEMPLATE = "{% for i in range(3) %}<p>{{ i }}</p>{% endfor %}\n"


def _render(folder: Path) -> str:
    html._environment.cache_clear()  # a fresh process, as far as templates go
    env = html.environment([folder])
    return html.render_template(env, "t.html.j2", {}, [folder])


def test_cached_code_gives_the_same_output_and_a_corrupt_file_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.html.j2").write_text(TEMPLATE, encoding="utf-8")
    first = _render(folder)
    files = list(templatecache.template_cache().folder.glob("*.code"))
    assert len(files) == 1
    good = files[0].read_bytes()
    assert _render(folder) == first  # from the cache
    for bad in (b"", good[:-5], good[:-1] + b"x", b"someohje-template 0.0 jinja 1 x\n" + good):
        files[0].write_bytes(bad)
        assert _render(folder) == first
        assert files[0].read_bytes() == good  # ignored and rewritten
    (folder / "t.html.j2").write_text(TEMPLATE.replace("<p>", "<li>"), encoding="utf-8")
    assert _render(folder) == first.replace("<p>", "<li>")  # an edited template is compiled afresh
