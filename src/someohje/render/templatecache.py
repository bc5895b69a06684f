"""Templates compiled once per installed version: Jinja's bytecode cache,
kept in the user's cache folder (:func:`someohje.caches.user_cache`).

Each template's code is filed under Jinja's key for its name and file, and
stamped with the checksum of its source, the Jinja and Python versions and
the code generator's own source (the sandbox compiles its bounds into the
code): an edited template, another Jinja, a changed generator, a torn or
corrupted file is compiled afresh
and the file rewritten (:mod:`someohje.caches`). The compiled code is what
Jinja would compile again, so the output is the same with or without it.
"""

from __future__ import annotations

import marshal
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from .. import caches


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates as files in ``folder``, checked before they are used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.code"

    @staticmethod
    def _header(bucket: Bucket) -> bytes:
        generator = _generator_stamp(bucket.environment.code_generator_class)
        return f"someohje-template {caches.version()} jinja {jinja2.__version__} {generator} {bucket.checksum}".encode()

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = caches.read(self._path(bucket), self._header(bucket))
        if payload is None:
            return
        try:
            bucket.code = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            caches.write(self._path(bucket), self._header(bucket), marshal.dumps(bucket.code))


def _generator_stamp(generator: type[object]) -> str:
    """A digest of the source of the module that defines ``generator``: code
    compiled by an earlier generator (an edited source tree keeps its version
    number) is never taken for this one's."""
    return caches.code_digest(generator.__module__)


def template_cache() -> TemplateCodeCache:
    """The bytecode cache of this version's templates."""
    return TemplateCodeCache(caches.user_cache("templates"))
