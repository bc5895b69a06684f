"""Another municipality's project: nothing about Rautalampi is in the code.

The fixture under tests/fixtures/esimerkkila is a made-up municipality with
its own theme colour, diary-number pattern, a table, an image and non-ASCII
text.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, Result

STEM = "esimerkkilan-kunnan-tietoturvaohje"


@pytest.fixture
def esimerkkila(tmp_path: Path) -> Path:
    root = tmp_path / "esimerkkila"
    shutil.copytree(FIXTURES / "esimerkkila", root)
    return root


def test_other_project_builds_with_its_own_facts(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    result = cli("build", str(esimerkkila), "--format", "html")
    assert result.code == 0, result.err
    markup = (esimerkkila / "build" / f"{STEM}.html").read_text(encoding="utf-8")
    assert "Esimerkkilän kunta" in markup and "Rautalam" not in markup
    assert "ESIM/12/2023" in markup
    assert "Hyväksytty: Kunnanvaltuusto 12.6.2023 §\u00a018; muutettu: Kvalt 10.6.2024 §\u00a022" in markup
    assert "#7a2e0e" in markup  # the project's own theme
    assert '<th scope="col">Tehtävä</th>' in markup
    assert 'alt="Kunnan vaakuna"' in markup and 'src="data:image/png;base64,' in markup
    assert "§\u00a05 ja ”lainausmerkit”" in markup


def test_image_outside_the_content_folder_is_refused(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    section = esimerkkila / "content/teksti/yleista.md"
    section.write_text(section.read_text(encoding="utf-8").replace("(kuva.png)", "(../../kuva.png)"), encoding="utf-8")
    result = cli("build", str(esimerkkila), "--format", "html", cwd=esimerkkila.parent)
    assert (result.code, result.err) == (
        1,
        "esimerkkila/content/teksti/yleista.md:12: image '../../kuva.png' points outside the content folder\n",
    )
    assert not (esimerkkila / "build").exists()


def test_broken_template_is_a_one_line_error(esimerkkila: Path, cli: Callable[..., Result]) -> None:
    template = esimerkkila / "templates/document.html.j2"
    shutil.copy(FIXTURES.parent.parent / "templates/document.html.j2", template)
    template.write_text(template.read_text(encoding="utf-8").replace("{{ doc.title }}</h1>", "{{ doc.title </h1>"))
    result = cli("build", str(esimerkkila), "--format", "html", cwd=esimerkkila.parent)
    assert result.code == 1
    [line] = result.err.splitlines()
    broken = next(i for i, t in enumerate(template.read_text().splitlines(), 1) if "{{ doc.title </h1>" in t)
    assert line == f"esimerkkila/templates/document.html.j2:{broken}: template error: unexpected '/'"
