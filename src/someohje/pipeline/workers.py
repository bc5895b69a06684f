"""A renderer in a second process, started early.

Laying out the PDF is most of a build, and importing WeasyPrint is a third of
that. A :class:`Worker` is a forked child that runs its ``warm`` function at once
(importing a renderer and what it needs, e.g.
:func:`someohje.pipeline.formats.warm_pdf`) while the parent goes on loading
the content, then waits for one job
(a picklable function and its arguments), runs it and sends the result back.
So the import overlaps the loading, and the PDF lays out on one core while
the HTML and DOCX render on the other.

The CLI starts the PDF worker with :func:`prestart` before it loads the
content; :func:`someohje.pipeline.batch.render_all` takes it with :func:`take`.
Library calls that never prestart render in their own process, byte for byte
the same. Where ``os.fork`` is missing, nothing is forked.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from ..errors import ContentError, SomeohjeError, UsageError

_ERRORS: dict[str, type[SomeohjeError]] = {"ContentError": ContentError, "UsageError": UsageError}
_started: dict[str, Worker] = {}
#: The parent's ends of every live worker's pipes. A child forked later must
#: close them: holding another worker's job pipe open, it would keep that
#: worker waiting for the end of its job for ever.
_parent_fds: set[int] = set()


def can_fork() -> bool:
    """Whether workers can run here (a POSIX system with two or more cores)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class Worker:
    """A forked child process that calls ``warm`` at once, then runs the
    one job :meth:`submit` gives it; :meth:`result` collects it."""

    def __init__(self, warm: Callable[[], object]) -> None:
        job_read, self._job = os.pipe()
        self._result, result_write = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the child would print the parent's buffered text again
        gc.freeze()  # the child's collections then leave the shared (copy-on-write) objects alone
        self.pid = os.fork()
        if self.pid != 0:
            gc.unfreeze()
        else:
            for fd in (self._job, self._result, *_parent_fds):
                with contextlib.suppress(OSError):
                    os.close(fd)
            _child(warm, job_read, result_write)  # never returns
        os.close(job_read)
        os.close(result_write)
        _parent_fds.update((self._job, self._result))
        self._done = False
        self._sender: threading.Thread | None = None

    def submit(self, func: Callable[..., Any], *args: Any) -> None:
        """Send the job: ``func(*args)`` (both picklable) runs in the child.

        Returns at once: a thread feeds the pipe, which holds less than a job
        and which the child reads only once its imports are done."""
        data = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=_send, args=(self._job, data), daemon=True)
        self._sender.start()

    def result(self) -> Any:
        """Wait for the job's return value; a :class:`SomeohjeError` it raised
        is raised here again, any other failure as a :class:`RuntimeError`."""
        _parent_fds.discard(self._result)
        with os.fdopen(self._result, "rb") as pipe:
            data = pipe.read()
        if self._sender is not None:
            self._sender.join()
        self._reap()
        outcome: tuple[str, Any] = pickle.loads(data) if data else ("crash", "the worker process died")
        kind, value = outcome
        if kind == "ok":
            return value
        if kind in _ERRORS:
            raise _ERRORS[kind](list(value))
        raise RuntimeError(f"rendering in a worker process failed:\n{value}")

    def cancel(self) -> None:
        """End the child (it is ours: by its id) without waiting for its job."""
        if self._done:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        for fd in (self._result,) if self._sender else (self._job, self._result):
            _parent_fds.discard(fd)
            with contextlib.suppress(OSError):
                os.close(fd)
        self._reap()

    def _reap(self) -> None:
        if not self._done:
            self._done = True
            os.waitpid(self.pid, 0)


def _send(fd: int, data: bytes) -> None:
    """Write ``data`` to the pipe ``fd`` and close it (in the sender thread)."""
    _parent_fds.discard(fd)
    with contextlib.suppress(OSError), os.fdopen(fd, "wb") as pipe:
        pipe.write(data)


def _child(warm: Callable[[], object], job_read: int, result_write: int) -> None:
    """The child's whole life: warm up, wait for the job, run it, report, exit."""
    code = 0
    try:
        warm()
        with os.fdopen(job_read, "rb") as pipe:
            data = pipe.read()
        if data:  # an empty pipe: the parent did not need us after all
            func, args = pickle.loads(data)
            try:
                outcome: tuple[str, Any] = ("ok", func(*args))
            except SomeohjeError as exc:
                outcome = (type(exc).__name__, exc.problems)
            with os.fdopen(result_write, "wb") as pipe:
                pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # reported by the parent, which reads the pipe
        try:
            with os.fdopen(result_write, "wb", closefd=False) as pipe:
                pickle.dump(("crash", traceback.format_exc()), pipe)
        except OSError:
            code = 1
    finally:
        os._exit(code)


def prestart(name: str, warm: Callable[[], object]) -> None:
    """Start a worker for format ``name`` that calls ``warm`` now (no-op
    where workers cannot run or one is already started)."""
    if name in _started or not can_fork():
        return
    _started[name] = Worker(warm)
    atexit.register(_started[name].cancel)


def take(name: str) -> Worker | None:
    """The prestarted worker for format ``name``, if any (each is taken once)."""
    return _started.pop(name, None)
