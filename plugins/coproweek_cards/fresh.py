"""A worker in a new Python interpreter, which shares no memory with the build.

multiprocessing's "spawn" would do this too, but it imports the program's main script again
in the worker, and runs it unless the script guards its code with `__name__`: a script that
calls the build would build the site again inside the worker. This worker runs only
`serve` below: tasks (a function and its arguments) come in pickled on its standard input,
and their results (or what they raised) go back in the same order.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, BinaryIO

# The worker imports this package's modules without running its __init__, which registers
# the Pelican plugin and imports Pelican: a quarter of a second of start-up a worker does
# not need. Its arguments: this package's folder, and the niceness to run at.
_SERVE = (
    f"import sys, types; package = types.ModuleType({__package__!r}); "
    f"package.__path__ = [sys.argv[1]]; sys.modules[{__package__!r}] = package; "
    f"from {__name__} import serve; serve(int(sys.argv[2]))"
)


class WorkerStopped(RuntimeError):
    """The worker process ended before it returned every result."""


class FreshWorker(Executor):
    """One worker process, started on the first task; tasks run one at a time, in order."""

    def __init__(self, niceness: int = 0) -> None:
        self.niceness = niceness
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: BinaryIO | None = None  # the worker's standard error
        self._pending: deque[Future[Any]] = deque()
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            process = self._started()
            assert process.stdin is not None
            self._pending.append(future)
            try:
                pickle.dump((fn, args, kwargs), process.stdin)
                process.stdin.flush()
            except OSError:  # the worker is gone: the reader fails the pending futures
                pass
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        if cancel_futures:
            process.kill()
        elif process.stdin is not None:
            process.stdin.close()  # the worker ends when the tasks given are done
        if wait:
            process.wait()
            if self._reader is not None:
                self._reader.join()
        if self._errors is not None:
            self._errors.close()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            # The worker finds the kit's modules where the build found them.
            path = os.pathsep.join(entry for entry in sys.path if entry)
            environment = dict(os.environ, PYTHONPATH=path)
            self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in shutdown)
            self._process = subprocess.Popen(
                [sys.executable, "-c", _SERVE, os.path.dirname(__file__), str(self.niceness)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                env=environment,
            )
            self._reader = threading.Thread(
                target=self._read, args=(self._process,), name="card-worker", daemon=True
            )
            self._reader.start()
        return self._process

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        while True:
            try:
                failed, value = pickle.load(process.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):
                break
            # Without the lock, which submit holds while a large task waits for room in the
            # pipe (deque's popleft is atomic).
            future = self._pending.popleft()
            if failed:
                future.set_exception(value)
            else:
                future.set_result(value)
        process.wait()
        stopped = WorkerStopped(
            f"the card worker stopped (exit code {process.returncode}): {self._last_error()}"
        )
        with self._lock:
            while self._pending:
                future = self._pending.popleft()
                if not future.done():
                    future.set_exception(stopped)

    def _last_error(self) -> str:
        if self._errors is None or self._errors.closed:
            return "no message"
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else "no message"


def serve(niceness: int) -> None:
    """The worker's loop: run each task from standard input, answer on standard output."""
    os.nice(niceness)
    tasks, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what tasks print goes to standard error, not into the answers
    while True:
        try:
            fn, args, kwargs = pickle.load(tasks)
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (False, fn(*args, **kwargs))
        except Exception as error:  # sent back to be raised in the build
            answer = (True, error)
        try:
            data = pickle.dumps(answer)
        except Exception as error:  # an answer that cannot be pickled: said in words
            value = answer[1] if answer[0] else error
            data = pickle.dumps((True, RuntimeError(f"{type(value).__name__}: {value}")))
        answers.write(data)
        answers.flush()
