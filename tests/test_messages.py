"""One catalogue for every message: what the code says is in both the
Finnish and the English catalogue, translated, with the same placeholders,
and the compiled ``.mo`` files are what the ``.po`` files give. After
changing a message: ``python tests/translations.py``, then write the Finnish."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from translations import ARGPARSE, LANGUAGES, compiled, extracted, mo_path, read

#: ``{name}``, ``{name:spec}``, ``{name!r}`` (not ``{{``); ``%(name)s``; a bare ``%s`` / ``%r``
_BRACE = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)[^{}]*\}")
_PERCENT = re.compile(r"%\((\w+)\)[sdrif]|%([sdrif])")


def placeholders(text: str) -> Counter[str]:
    """The placeholders of ``text``: each named one once (a translation may
    name one more or fewer times), the bare ``%s`` ones as often as they
    stand there (they are filled in by position)."""
    named = {m.group(1) for m in _BRACE.finditer(text.replace("{{", "").replace("}}", ""))}
    named |= {m.group(1) for m in _PERCENT.finditer(text) if m.group(1)}
    found = Counter(named)
    found.update(f"%{m.group(2)}" for m in _PERCENT.finditer(text) if m.group(2))
    return found


def strings(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)


@pytest.fixture(scope="module")
def said() -> dict[object, set[str]]:
    return extracted()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_code_is_translated_in_the_catalogue(lang: str, said: dict[object, set[str]]) -> None:
    catalogue = read(lang)
    held = {m.id: m for m in catalogue if m.id}
    ours = {i for i, files in said.items() if files - {ARGPARSE}}  # argparse's own differ between Pythons
    missing = sorted(str(i) for i in ours if i not in held)
    assert not missing, f"{lang}: not in the catalogue (run python tests/translations.py): {missing[:10]}"
    empty = sorted(str(i) for i, m in held.items() if not all(strings(m.string)))
    assert not empty, f"{lang}: no translation: {empty[:10]}"
    assert not [m.id for m in catalogue if m.fuzzy and m.id], f"{lang}: fuzzy entries"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_holds_no_message_the_code_no_longer_says(lang: str, said: dict[object, set[str]]) -> None:
    stale = sorted(
        str(m.id) for m in read(lang) if m.id and m.id not in said and (ARGPARSE, None) not in m.locations
    )  # argparse's words of another Python may stay: they are looked up only when that Python says them
    assert not stale, f"{lang}: stale entries (run python tests/translations.py): {stale[:10]}"


#: argparse's words that every --help and usage error says
ARGPARSE_WORDS = {
    "usage: ",
    "options",
    "positional arguments",
    "show this help message and exit",
    "the following arguments are required: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_argparse_words_are_in_the_catalogue(lang: str, said: dict[object, set[str]]) -> None:
    words = {i for i, files in said.items() if ARGPARSE in files}
    assert words >= ARGPARSE_WORDS  # this Python's argparse says them
    held = {m.id: m for m in read(lang) if m.id}
    assert all(w in held and all(strings(held[w].string)) for w in ARGPARSE_WORDS)
    # the rest of this Python's argparse words, when another Python's are in the catalogue, read in English


def test_finnish_and_english_agree_on_every_placeholder() -> None:
    fi, en = ({m.id: m for m in read(lang) if m.id} for lang in ("fi", "en"))
    wrong = []
    for msgid, message in fi.items():
        ids = strings(msgid)
        want = placeholders(ids[-1])
        for lang, string in (("fi", message.string), ("en", en[msgid].string)):
            for text in strings(string):
                if placeholders(text) != want and not (len(ids) > 1 and placeholders(text) <= want):
                    wrong.append(f"{lang}: {ids[-1]!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_placeholders_are_read_as_format_and_percent_fields() -> None:
    assert placeholders("'{a}' and {b:,} of {a!r}; {{lang=…}}") == Counter({"a": 1, "b": 1})
    assert placeholders("%(prog)s: %(message)s, %s and %s") == Counter({"prog": 1, "message": 1, "%s": 2})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_mo_is_what_the_po_compiles_to(lang: str) -> None:
    assert mo_path(lang).read_bytes() == compiled(lang), f"run python tests/translations.py ({lang})"


def test_a_finnish_message_fills_in_after_translation() -> None:
    from someohje import messages

    try:
        messages.set_language("fi")
        assert messages.gettext("{what} does not exist").format(what="kuva 'a.png'") == (
            "kuva 'a.png': ei ole olemassa"
        )
        assert messages.ngettext("{n} document", "{n} documents", 2).format(n=2) == "2 asiakirjaa"
        messages.set_language("en")
        assert messages.gettext("{what} does not exist") == "{what} does not exist"
    finally:
        messages.set_language(None)


def test_the_systems_error_words_are_in_the_users_language_too() -> None:
    """``strerror`` is the C library's English: the common ones are the catalogue's."""
    import errno

    from someohje import messages

    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "x")
    try:
        messages.set_language("fi")
        assert messages.os_error(missing) == "tiedostoa tai kansiota ei ole"
        assert messages.os_error(PermissionError(errno.EACCES, "Permission denied")) == "lupa evätty"
        assert messages.os_error(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
        messages.set_language("en")
        assert messages.os_error(missing) == "No such file or directory"
    finally:
        messages.set_language(None)


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LANG": "fi"}, "fi"),
        ({"LANG": "fi_FI@euro"}, "fi"),
        ({"LANG": "fil_PH.UTF-8"}, "en"),
        ({"LANG": "sv_FI.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "fi_FI.UTF-8", "LANG": "en_GB.UTF-8"}, "fi"),
        ({"LC_ALL": "C", "LC_MESSAGES": "fi_FI.UTF-8"}, "en"),
        ({"LC_ALL": "fi_FI.UTF-8", "LANG": "C"}, "fi"),
    ],
)
def test_the_language_follows_the_first_locale_variable_set(environ: dict[str, str], lang: str) -> None:
    from someohje.messages import language_of_environment

    assert language_of_environment(environ) == lang


def test_an_unknown_language_is_refused() -> None:
    from someohje.messages import set_language

    with pytest.raises(ValueError, match="unknown language 'sv'"):
        set_language("sv")
