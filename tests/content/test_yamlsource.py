"""The YAML reader: libyaml's C parser when present, the same located values either way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from someohje.content import yamlsource
from someohje.errors import ContentError

TEXT = 'a: ~\nb: "x"\nc: |\n  hi\n  there\nd:\n  - 1\n  - null\n  - {e: f}\ng:\nh: ""\n'


def _located(value: yamlsource.YValue) -> object:
    if isinstance(value, yamlsource.YScalar):
        return (value.line, value.text, value.is_null)
    if isinstance(value, yamlsource.YList):
        return (value.line, value.lines, [_located(v) for v in value.items])
    return (value.line, value.lines, {k: _located(v) for k, v in value.values.items()})


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_c_and_pure_python_loaders_give_the_same_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert yamlsource.FAST_LOADER is yaml.CSafeLoader
    fast = _located(yamlsource.read_yaml(path))
    monkeypatch.setattr(yamlsource, "FAST_LOADER", yaml.SafeLoader)  # as without libyaml
    assert _located(yamlsource.read_yaml(path)) == fast


def test_a_syntax_error_reads_as_pure_python_reports_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: [2\nc: 3\n", encoding="utf-8")
    with pytest.raises(ContentError) as fast:
        yamlsource.read_yaml(path)
    monkeypatch.setattr(yamlsource, "FAST_LOADER", yaml.SafeLoader)
    with pytest.raises(ContentError) as pure:
        yamlsource.read_yaml(path)
    assert str(fast.value) == str(pure.value)
