"""The preview's own words (its error page, bar and warnings) are in the
user's language, and the error page says which in its ``lang``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from someohje import messages
from someohje.serve.page import error_page, preview_bar, warning_list

LINE = "content/document.yaml:15: virheellinen diaarinumero 'RauDno 2020' (odotettiin muotoa RauDno-2020-792)"


@pytest.fixture
def language() -> Iterator[None]:
    yield
    messages.set_language(None)


def test_error_page_in_finnish(language: None) -> None:
    messages.set_language("fi")
    page = error_page([LINE], 3).decode()
    assert '<html lang="fi">' in page and "<title>Virheitä sisällössä</title>" in page
    assert "<h1>Sisällössä on virheitä</h1>" in page and "Korjaa nämä ja tallenna" in page
    assert f"<li>{LINE}</li>".replace("'", "&#x27;") in page
    assert 'aria-label="Esikatselu">Lataa: ' in preview_bar("ohje")
    assert 'aria-label="Varoitukset"' in warning_list(["a:1: b"])


def test_error_page_in_english(language: None) -> None:
    messages.set_language("en")
    page = error_page(["content/document.yaml:15: malformed diary number"], 3).decode()
    assert '<html lang="en">' in page and "<title>Errors in the content</title>" in page
    assert "<h1>The content has errors</h1>" in page and "Fix these and save; the page updates by itself." in page
    assert 'aria-label="Preview">Download: ' in preview_bar("ohje")
    assert "the edit changes a decided text" in warning_list(["a:1: b"])
