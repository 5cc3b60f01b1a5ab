"""A TCP proxy between the API and the real PostgreSQL that a test can break.

Outage tests must not stop the PostgreSQL every other test shares, so the API
under test reaches it through this proxy instead, and the proxy plays the
outage: stop listening (a server that is down refuses connections), cut the
connections it carries (gracefully, or with a reset as when a server is
killed), or freeze: accept connections and hold every byte, as a server
stopped with SIGSTOP does, then deliver what was held when thawed.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class Upstream:
    host: str  # a directory for a Unix socket (the embedded server), else an address
    port: int

    @property
    def unix_path(self) -> str | None:
        return f"{self.host}/.s.PGSQL.{self.port}" if self.host.startswith("/") else None


def upstream_of(dsn: str) -> Upstream:
    parts = urlsplit(dsn)
    query = dict(parse_qsl(parts.query))
    host = query.get("host") or parts.hostname or "127.0.0.1"
    port = int(query.get("port") or parts.port or 5432)
    return Upstream(host, port)


@dataclass(eq=False)  # kept in a set, by identity
class _Pipe:
    """One client connection and its upstream twin."""

    client: asyncio.StreamWriter
    server: asyncio.StreamWriter | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def writers(self) -> list[asyncio.StreamWriter]:
        return [w for w in (self.client, self.server) if w is not None]


class NetFault:
    """`async with NetFault(dsn) as proxy:` then connect to `proxy.dsn`."""

    def __init__(self, upstream_dsn: str) -> None:
        self.upstream_dsn = upstream_dsn
        self.upstream = upstream_of(upstream_dsn)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._pipes: set[_Pipe] = set()
        self._handlers: set[asyncio.Task[None]] = set()

    @property
    def dsn(self) -> str:
        """The upstream DSN, pointed at the proxy."""
        parts = urlsplit(self.upstream_dsn)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("host", "port")]
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@127.0.0.1:{self.port}" if userinfo else f"127.0.0.1:{self.port}"
        return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query)))

    async def __aenter__(self) -> NetFault:
        await self._listen()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # What a test does to the database.

    async def refuse(self) -> None:
        """Stop listening: new connections are refused, as by a server that is down."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def cut(self, *, reset: bool) -> None:
        """Close every carried connection: gracefully, or with a TCP reset (a killed server)."""
        for pipe in list(self._pipes):
            for writer in pipe.writers():
                if reset:
                    sock = writer.get_extra_info("socket")
                    if sock is not None:
                        # Linger 0: close() sends RST instead of FIN.
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                else:
                    writer.close()
        await asyncio.sleep(0)

    def freeze(self) -> None:
        """Hold every byte in both directions; new connections are accepted and held too."""
        self._flowing.clear()

    async def restore(self) -> None:
        """Back to normal: listening, and delivering what was held."""
        self._flowing.set()
        if self._server is None:
            await self._listen()

    async def close(self) -> None:
        await self.refuse()
        self._flowing.set()
        await self.cut(reset=False)
        for task in list(self._handlers):
            task.cancel()
        for task in list(self._handlers):
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await task

    # The plumbing.

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accepted, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _accepted(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        pipe = _Pipe(client=writer)
        self._pipes.add(pipe)
        try:
            await self._flowing.wait()  # a frozen server's kernel accepts, then nothing happens
            up = self.upstream
            if up.unix_path:
                up_reader, up_writer = await asyncio.open_unix_connection(up.unix_path)
            else:
                up_reader, up_writer = await asyncio.open_connection(up.host, up.port)
            pipe.server = up_writer
            pipe.tasks = [
                asyncio.create_task(self._pump(reader, up_writer)),
                asyncio.create_task(self._pump(up_reader, writer)),
            ]
            # Either side ending ends the pair, as a TCP connection through a dead peer does.
            await asyncio.wait(pipe.tasks, return_when=asyncio.FIRST_COMPLETED)
        except OSError:
            pass
        finally:
            for t in pipe.tasks:
                t.cancel()
            for w in pipe.writers():
                w.close()
            self._pipes.discard(pipe)
            self._handlers.discard(task)

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                await self._flowing.wait()
                writer.write(data)
                await writer.drain()
