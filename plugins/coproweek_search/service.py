"""Running Pagefind through its Python API: pages given from memory, one bundle written.

Pagefind's Python API talks to a Pagefind process (its "service") over a pipe: one request
per page, one answer each. The API's own loop pauses 0.1 s before reading each answer, so
2000 pages took over 200 s; `PromptService` reads each answer as soon as it comes, and
fails every request still waiting when Pagefind stops (the API's loop would wait forever).
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

# The pages sent to Pagefind before it has answered: enough to keep it busy, few enough
# that the pages waiting in the pipe stay a few megabytes.
IN_FLIGHT = 32
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
        stdout = self._backend.stdout
        assert stdout is not None
        while True:
            try:
                message = await stdout.readuntil(b",")
                answer = json.loads(base64.b64decode(message[:-1]))
            except asyncio.IncompleteReadError as ended:  # Pagefind stopped
                code = await self._backend.wait()
                said = ended.partial.decode("utf-8", "replace").strip()
                self._fail_all(f"Pagefind stopped (exit code {code}){': ' if said else ''}{said}")
                return
            except (asyncio.LimitOverrunError, binascii.Error, ValueError) as error:
                self._fail_all(f"Pagefind's answer could not be read ({error})")
                self._backend.kill()
                return
            waiting = self._responses.pop(answer.get("message_id"), None)
            payload = answer.get("payload", {})
            if waiting is None:  # an answer to no request: Pagefind could not read one
                self._fail_all(str(payload.get("message", payload)))
            elif not waiting.done() and payload.get("type") == "Error":
                waiting.set_exception(PagefindError(payload.get("message", "unknown error")))
            elif not waiting.done():
                waiting.set_result(payload)

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
        asyncio.run(self._index(pages, folder))

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._service is not None and self._loop is not None:
                self._loop.call_soon_threadsafe(self._service.kill)

    async def _index(self, pages: Sequence[tuple[str, str]], folder: Path) -> None:
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
            await index.write_files(output_path=str(folder))
        finally:
            with self._lock:
                self._service = self._loop = None
            await service.close()
