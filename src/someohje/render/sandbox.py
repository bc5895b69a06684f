"""The templates' sandbox: what a template may touch, and how much it may build.

A template is content a municipality writes, so it is confined like any:
Jinja's immutable sandbox (no attribute of a file path, no list or dict
changed in place, no private attribute), and bounds on everything that
builds a value, so that no template can take gigabytes or minutes:

- every operator that builds a value (``+``, ``*``, ``%``, ``**``, ``~``),
  every filter, every method of a string, list or number and every block a
  macro or ``{% set %}`` collects is checked *before* it runs where its
  size can be told from its arguments (a width, a count, a repetition, a
  format's widths: at most :data:`MAX_SIZE`), and its result after (at
  most :data:`MAX_VALUE` characters or items);
- all that one render builds together is at most :data:`MAX_BUILT`;
- ``range`` gives at most :data:`MAX_RANGE` numbers;
- a render runs for at most :data:`MAX_SECONDS` and within
  :data:`MAX_MEMORY` bytes of memory more than the process had (the net
  under everything the checks above do not foresee).

Crossing a bound is a :class:`~jinja2.exceptions.SecurityError` (time and
memory: :class:`TemplateLimit`), which the renderer reports as a
``template:line:`` error.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import re
import string
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..messages import gettext as _

#: the largest width, count or repetition one operation of a template may ask for
MAX_SIZE = 1_000_000
#: the longest string (or list) one operation of a template may build
MAX_VALUE = 16_000_000
#: everything one render may build, together
MAX_BUILT = 256_000_000
MAX_RANGE = 10_000
MAX_POWER_BITS = 10_000
#: the longest a render may take, in seconds
MAX_SECONDS = 30.0
#: how much memory a render may take beyond what the process had
MAX_MEMORY = 512_000_000
_JSON_INDENT = 16
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")


class TemplateLimit(Exception):
    """A render stopped by a bound on its time or memory; ``str()`` says which."""


class TemplateTimeout(TemplateLimit):
    """A render that ran longer than :data:`MAX_SECONDS` (raised, as a class,
    into the rendering thread by the watchdog)."""

    def __str__(self) -> str:
        return _("the template ran longer than {MAX_SECONDS:g} seconds").format(MAX_SECONDS=MAX_SECONDS)


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator with the ``~`` operator's result checked."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.built(")
        super().visit_Concat(node, frame)
        self.write(", '~')")


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, tightened: no attribute of a file path (no
    ``.read_text()``), and every value a template builds bounded (see the
    module docs)."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset(["+", "*", "%", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.total = 0  #: what the current render has built, in characters or items
        self.filters = {name: _bounded_filter(self, name, f) for name, f in self.filters.items()}
        self.globals["range"] = _bounded_range

    def concat(self, parts: Any) -> str:
        """Join a macro's, a ``{% set %}`` block's or a filter block's output, bounded."""
        items = list(parts)
        _check(sum(len(p) for p in items), _("a block of the template"))
        return str(self.built("".join(items), "a block"))

    def built(self, value: Any, what: str) -> Any:
        """``value``, once it is known to be within the bounds, and counted."""
        if isinstance(value, str | bytes | list | tuple | dict | set):
            _check(len(value), what)
            self.total += len(value)
            if self.total > MAX_BUILT:
                raise SecurityError(
                    _("the template builds more than {MAX_BUILT:,} characters in all").format(MAX_BUILT=MAX_BUILT)
                )
        return value

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) or isinstance(value, PurePath):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() * right > MAX_POWER_BITS:
                raise SecurityError(_("a power in a template is too big"))
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                repeated = isinstance(seq, str | list | tuple) and isinstance(count, int) and count > 0
                if repeated and (count > MAX_SIZE or weight(seq, MAX_SIZE // count) * count > MAX_SIZE):
                    raise SecurityError(
                        _("a template may not build a value of more than {MAX_SIZE:,} items").format(MAX_SIZE=MAX_SIZE)
                    )
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > 2**16:
                raise SecurityError(_("a product in a template is too big"))
        elif operator == "%" and isinstance(left, str):
            _check_printf(left)
        return self.built(super().call_binop(context, operator, left, right), f"'{operator}'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj``; a method of a string, list or number is bounded."""
        builtin = isinstance(__obj, types.BuiltinMethodType | types.MethodWrapperType)
        if builtin:
            _check_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return __self.built(result, f"{getattr(__obj, '__name__', 'a call')}()") if builtin else result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        _check_format(str(value.__self__))
        inner = wrapper

        def bounded(*args: Any, **kwargs: Any) -> str:
            return str(self.built(inner(*args, **kwargs), "format()"))

        return bounded


def weight(value: Any, limit: int) -> int:
    """How much printing ``value`` makes, roughly (characters and items,
    nested lists counted whole: ``[l] * n`` prints ``l`` n times), counted
    only until it passes ``limit``."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, list | tuple | set | frozenset):
            total += 1
            stack.extend(item)
        elif isinstance(item, dict):
            total += 1
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 1
    return total


def _check(size: int, what: str) -> None:
    if size > MAX_VALUE:
        raise SecurityError(
            _("{what} would build {size:,} characters or items; the limit is {MAX_VALUE:,}").format(
                what=what, size=size, MAX_VALUE=MAX_VALUE
            )
        )


def _bounded_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise SecurityError(_("range() in a template is limited to {MAX_RANGE:,} items").format(MAX_RANGE=MAX_RANGE))
    return result


def _width(value: Any, what: str) -> int:
    """A width or count argument, refused beyond :data:`MAX_SIZE`."""
    if isinstance(value, int) and abs(value) > MAX_SIZE:
        raise SecurityError(
            _("{what} asks for {value:,}; a template may ask for at most {MAX_SIZE:,}").format(
                what=what, value=value, MAX_SIZE=MAX_SIZE
            )
        )
    return value if isinstance(value, int) else len(str(value))


def _check_printf(fmt: str) -> None:
    """A ``%`` format's widths and precisions: numbers, each at most :data:`MAX_SIZE`."""
    total = len(fmt)
    for match in _PRINTF.finditer(fmt):
        for number in match.groups():
            if number == "*":
                raise SecurityError(_("a format's width may not come from its arguments in a template"))
            if number:
                total += _width(int(number), "a format's width") if len(number) < 9 else MAX_VALUE + 1
    _check(total, "a format")


def _check_format(fmt: str) -> None:
    """A ``str.format`` string's widths, each at most :data:`MAX_SIZE`, none nested."""
    total = len(fmt)
    for _text, _field, spec, _conversion in string.Formatter().parse(fmt):
        if spec and "{" in spec:
            raise SecurityError(_("a format's width may not come from its arguments in a template"))
        for number in re.findall(r"\d+", spec or ""):
            total += _width(int(number), "a format's width") if len(number) < 9 else MAX_VALUE + 1
    _check(total, "a format")


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before a built-in method runs: no huge width or count, and what
    ``replace`` and ``expandtabs`` would build."""
    name = getattr(method, "__name__", "")
    for value in (*args, *kwargs.values()):
        _width(value, f"{name}()")
    target = getattr(method, "__self__", None)
    if isinstance(target, str | bytes):
        if name == "replace" and len(args) >= 2:
            _check(_replaced_size(target, args[0], args[1], args[2] if len(args) > 2 else -1), "replace()")
        elif name == "expandtabs":
            size = _width(args[0] if args else kwargs.get("tabsize", 8), "expandtabs()")
            tabs = target.count("\t") if isinstance(target, str) else target.count(b"\t")
            _check(len(target) + tabs * size, "expandtabs()")


def _replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    text, old, new = str(text), str(old), str(new)
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def _size_of(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(str(value))


#: filter -> what it would build, from its arguments (checked before it runs)
_ESTIMATES: dict[str, Callable[..., int]] = {
    "center": lambda value, width=80: max(_size_of(value), _width(width, "center")),
    "indent": lambda s, width=4, *a, **k: _size_of(s) + (str(s).count("\n") + 1) * _width(width, "indent"),
    "replace": lambda s, old, new, count=None: _replaced_size(s, old, new, -1 if count is None else count),
    "wordwrap": lambda s, width=79, *a, wrapstring=None, **k: (
        _size_of(s) * (1 + len(wrapstring or "\n")) if _width(width, "wordwrap") else 0
    ),
    "batch": lambda value, linecount, *a, **k: _at_most(linecount, MAX_RANGE, "batch"),
    "slice": lambda value, slices, *a, **k: _at_most(slices, MAX_RANGE, "slice"),
    "tojson": lambda value, indent=None: _at_most(indent or 0, _JSON_INDENT, "tojson"),
    "truncate": lambda s, length=255, *a, **k: _width(length, "truncate"),
}


def _at_most(value: Any, limit: int, what: str) -> int:
    """0, if ``value`` (a count) is at most ``limit``; else a SecurityError."""
    if isinstance(value, int) and value > limit:
        raise SecurityError(
            _("the {what} filter asks for {value:,}; a template may ask for at most {limit:,}").format(
                what=what, value=value, limit=limit
            )
        )
    return 0


def _estimated(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    if name == "format" and args:
        _check_printf(str(args[0]))
        return 0
    if name in ("join", "sum") and args:
        return 0  # their inputs are listed and measured by _listed
    estimate = _ESTIMATES.get(name)
    return estimate(*args, **kwargs) if estimate is not None else 0


def _listed(name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """``join`` and ``sum``: their input as a list, measured before they
    add it up (a list of a big list repeated would otherwise be joined whole)."""
    if name not in ("join", "sum") or not args:
        return args
    items = list(args[0]) if not isinstance(args[0], str | dict) else args[0]
    if isinstance(items, list):
        total = 0
        for item in items:
            total += len(item) if isinstance(item, str | list | tuple) else 1
            _check(total, f"the {name} filter")
    return (items, *args[1:])


def _bounded_filter(env: TemplateSandbox, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` (the filter ``name``) with its size checked before and after it runs."""
    passed = 1 if getattr(fn, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(fn)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        head, rest = args[:passed], _listed(name, args[passed:])
        _check(_estimated(name, rest, kwargs), f"the {name} filter")
        return env.built(fn(*head, *rest, **kwargs), f"the {name} filter")

    return bounded


@contextlib.contextmanager
def bounded_render(env: TemplateSandbox) -> Iterator[None]:
    """Run one render within :data:`MAX_SECONDS` and :data:`MAX_MEMORY`
    (:class:`TemplateLimit` when it is not), its building counted afresh."""
    env.total = 0
    with _memory_ceiling(), _deadline(MAX_SECONDS):  # looked up at each render: a test may shorten it
        yield


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop the code in the block when it runs longer than ``seconds``: a
    watchdog raises :class:`TemplateTimeout` in this thread (between two
    steps of Python code, which is where a template's loops run)."""
    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    running = [True]

    def stop() -> None:
        with lock:
            if running[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(TemplateTimeout))

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            running[0] = False
            timer.cancel()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)  # one raised too late is dropped


@contextlib.contextmanager
def _memory_ceiling() -> Iterator[None]:
    """Let the process take at most :data:`MAX_MEMORY` bytes more address
    space while in the block (Linux: ``RLIMIT_AS``); past it an allocation
    fails with ``MemoryError`` (which the renderer reports as this limit)
    instead of the machine running out. Memory the process freed earlier
    but its allocator kept is address space it has already, so a render
    may use that much on top (a build is a fresh process: little of it)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    ceiling = used + MAX_MEMORY
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
