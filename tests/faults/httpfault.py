"""An HTTP proxy between a kiosk and the real API that answers wrongly on request.

The kiosk is pointed at the proxy; the test says, per request, what goes
wrong: the answer cut off half-way (headers promise more bytes than come),
a valid JSON answer of the wrong shape, a status of its own (a photo that
answers 404), or garbage bytes. Everything else is passed through to the
API unchanged. The proxy runs on a loop of its own in a thread, so a test
stepping a kiosk (which blocks its own thread) never holds it up.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

T = TypeVar("T")


class LoopThread:
    """An asyncio loop on a daemon thread: servers that must keep running while the test blocks."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="qile-fault-loop", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=30)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes

    @property
    def operation(self) -> str:
        """`screenFeed`, `screenHeartbeat`, … for GraphQL; `media` for photos; else the path."""
        if self.path.startswith("/media/"):
            return "media"
        if self.method == "GET" and "documentId=" in self.path:
            return "screenFeed"  # the kiosk's feed by its persisted document's id
        for name in ("screenFeed", "screenHeartbeat", "screenPlaysRecord", "screenScreenshotUpload"):
            if name.encode() in self.body:
                return name
        return self.path


@dataclass(frozen=True)
class Fault:
    """What to answer instead: `cut` sends the real answer's first half; else `status` and `body`."""

    cut: bool = False
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"


CUT = Fault(cut=True)
Rule = Callable[[Request], Fault | None]


def passing(_: Request) -> Fault | None:
    return None


class HttpFault:
    """`with HttpFault(api_url) as proxy:` then point the kiosk at `proxy.url` and set `proxy.rule`."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.rule: Rule = passing
        self.seen: Counter[str] = Counter()  # requests by operation
        self.faulted: Counter[str] = Counter()  # answers spoilt, by operation
        self._loop = LoopThread()
        self._server: asyncio.Server | None = None
        self._client: httpx.AsyncClient | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> HttpFault:
        self._loop.run(self._start())
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.run(self._stop())
        self._loop.close()

    async def _start(self) -> None:
        self._client = httpx.AsyncClient(base_url=self.upstream, timeout=60)
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._client is not None:
            await self._client.aclose()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, ValueError, httpx.HTTPError):
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
            length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), "0"))
            body = await reader.readexactly(length)
            request = Request(method, path, body)
            self.seen[request.operation] += 1
            fault = self.rule(request)
            if fault is not None and not fault.cut:
                self.faulted[request.operation] += 1
                await self._answer(writer, fault.status, fault.content_type, fault.body)
                return
            forwarded = {k: v for k, v in headers.items() if k.lower() not in ("host", "connection", "content-length")}
            response = await self._client.request(method, path, content=body, headers=forwarded)  # type: ignore[union-attr]
            content_type = response.headers.get("content-type", "application/octet-stream")
            if fault is not None:
                # The headers promise the whole answer; half of it comes, then the connection ends.
                self.faulted[request.operation] += 1
                await self._answer(writer, response.status_code, content_type, response.content, cut=True)
                return
            await self._answer(writer, response.status_code, content_type, response.content)
        writer.close()

    async def _answer(
        self, writer: asyncio.StreamWriter, status: int, content_type: str, body: bytes, cut: bool = False
    ) -> None:
        head = (
            f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        writer.write(head.encode("latin-1") + (body[: len(body) // 2] if cut else body))
        await writer.drain()
        writer.close()


@contextlib.contextmanager
def faulting(proxy: HttpFault, rule: Rule) -> Iterator[None]:
    proxy.rule = rule
    try:
        yield
    finally:
        proxy.rule = passing
