"""The public API: every name is importable and none is shadowed."""

from __future__ import annotations

import importlib
import pkgutil

import someohje


def test_no_public_name_is_also_a_submodule() -> None:
    # importing someohje.X rebinds the package attribute X to the module,
    # which would silently replace a function of the same name
    submodules = {m.name for m in pkgutil.iter_modules(someohje.__path__)}
    assert not set(someohje.__all__) & submodules


def test_every_public_name_resolves_even_after_all_submodules_load() -> None:
    for module in pkgutil.walk_packages(someohje.__path__, "someohje."):
        if module.name != "someohje.__main__":
            importlib.import_module(module.name)
    for name in someohje.__all__:
        value = getattr(someohje, name)
        assert not isinstance(value, type(someohje)), name
        assert value.__doc__, f"someohje.{name} has no docstring"
