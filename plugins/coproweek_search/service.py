"""Running Pagefind through its Python API: pages given from memory, one bundle written.

Pagefind's Python API talks to a Pagefind process (its "service") over a pipe: one request
per page, one answer each. `PromptService` changes how the answers are read:
- the API's loop pauses 0.1 s before reading each answer (over 200 s for 2000 pages); here
  each answer is read as soon as it comes;
- the API's loop waits forever when Pagefind stops; here every request still waiting fails;
- the API reads an answer of at most 2 MiB, too small for the whole bundle (9 MB at 2000
  posts). The bundle is asked for in one answer (`get_files`) and written here: Pagefind's
  own `write_files` answers before its files are all written, and the API then stops
  Pagefind, which left files cut short.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig
from pagefind.service import PagefindService
from pagefind.service.types import InternalDecodedFile

# The pages sent to Pagefind before it has answered: enough to keep it busy, few enough
# that the pages waiting in the pipe stay a few megabytes.
IN_FLIGHT = 32
CHUNK = 1 << 16  # bytes read from Pagefind at a time
CONFIG: IndexConfig = {}  # Pagefind's defaults, as its command line uses them


class PagefindError(Exception):
    """Pagefind failed, stopped, or was stopped."""


class PromptService(PagefindService):
    """Pagefind's service, with each answer read as soon as Pagefind writes it."""

    _ended: str | None = None  # why no answer will come any more

    async def send(self, payload: Any) -> Any:
        if self._ended is not None:
            raise PagefindError(self._ended)
        try:
            return await super().send(payload)
        except ConnectionError as lost:  # Pagefind stopped: say why, as the answers tell
            await asyncio.wait({self._poll_task}, timeout=5)
            raise PagefindError(self._ended or str(lost)) from None

    async def _wait_for_responses(self) -> None:
        """Pagefind's answers: base64 JSON, each followed by a comma."""
        stdout = self._backend.stdout
        assert stdout is not None
        unfinished: list[bytes] = []
        while chunk := await stdout.read(CHUNK):
            *ends, rest = chunk.split(b",")
            for end in ends:
                if not self._answer(b"".join([*unfinished, end])):
                    return
                unfinished = []
            unfinished.append(rest)
        code = await self._backend.wait()
        said = b"".join(unfinished).decode("utf-8", "replace").strip()
        self._fail_all(f"Pagefind stopped (exit code {code}){': ' if said else ''}{said}")

    def _answer(self, message: bytes) -> bool:
        """Settle the request `message` answers; False when Pagefind cannot go on."""
        try:
            answer = json.loads(base64.b64decode(message, validate=True))
        except (binascii.Error, ValueError):  # not an answer: Pagefind says what went wrong
            self._fail_all(message.decode("utf-8", "replace").strip())
            self.kill()
            return False
        waiting = self._responses.pop(answer.get("message_id"), None)
        payload = answer.get("payload", {})
        if waiting is None:  # an answer to no request: Pagefind could not read one
            self._fail_all(str(payload.get("message", payload)))
        elif not waiting.done() and payload.get("type") == "Error":
            waiting.set_exception(PagefindError(payload.get("message", "unknown error")))
        elif not waiting.done():
            waiting.set_result(payload)
        return True

    def _fail_all(self, reason: str) -> None:
        self._ended = reason
        waiting, self._responses = self._responses, {}
        for request in waiting.values():
            if not request.done():
                request.set_exception(PagefindError(reason))
                request.exception()  # its sender may have given up already: not worth a log

    async def close(self) -> None:
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()

    def kill(self) -> None:
        """Stop Pagefind at once (in the service's own event loop)."""
        if self._backend.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # it has just ended
                self._backend.kill()


class Pagefind:
    """One Pagefind run, in the thread that calls `index`; `stop` works from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._service: PromptService | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped = False

    def index(self, pages: Sequence[tuple[str, str]], folder: Path) -> None:
        """Index `pages` (address, HTML) in this order, and write the bundle to `folder`."""
        files = asyncio.run(self._index(pages))
        for file in files:
            target = folder / file["path"]
            if not target.resolve().is_relative_to(folder.resolve()):
                raise PagefindError(f"Pagefind named a file outside its bundle: {file['path']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file["content"])

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._service is not None and self._loop is not None:
                self._loop.call_soon_threadsafe(self._service.kill)

    async def _index(self, pages: Sequence[tuple[str, str]]) -> list[InternalDecodedFile]:
        if self._stopped:
            raise PagefindError("stopped before it started")
        service = PromptService()
        await service.launch()
        with self._lock:
            self._service, self._loop = service, asyncio.get_running_loop()
            stopped = self._stopped
        try:
            if stopped:
                raise PagefindError("stopped")
            index = await service.create_index(CONFIG)
            in_flight = asyncio.Semaphore(IN_FLIGHT)

            async def add(url: str, html: str) -> Any:
                async with in_flight:
                    return await index.add_html_file(content=html, url=url)

            # Pagefind numbers the pages in the order they come; the requests are written
            # in the order of `pages` (the semaphore lets waiting requests go first come,
            # first served), so the bundle is the same on every build.
            added = await asyncio.gather(*(add(*page) for page in pages), return_exceptions=True)
            failed = [result for result in added if isinstance(result, BaseException)]
            if failed:
                raise failed[0]
            return await index.get_files()
        finally:
            with self._lock:
                self._service = self._loop = None
            await service.close()
