"""The one way the service talks to PostgreSQL.

SQL functions take an `Executor`: either the pool-backed `Database` or a
`Transaction` opened from it. Both count their round trips so that tests and
metrics can tell how many queries a request cost.

Every wait on the database is bounded, so that a database that is down or
frozen makes requests fail fast instead of piling up: getting a pooled
connection (the acquire timeout, which covers connecting a new one), opening a
connection (the connect timeout) and each statement (the command timeout, a
little above the server's statement timeout, for a server that never answers).
Failures come out as `DatabaseUnavailable` or `DatabaseTimeout` (`db/errors.py`).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any, Protocol

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from qile_api.db.errors import classify, is_unavailable, quiet_pool_outages
from qile_api.metrics.instruments import DATABASE_ERRORS


class Executor(Protocol):
    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]: ...

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None: ...

    async def fetchval(self, query: str, *args: Any) -> Any: ...

    async def execute(self, query: str, *args: Any) -> str: ...

    async def executemany(self, query: str, args: Sequence[Sequence[Any]]) -> None: ...


# A pooled connection is a proxy that quacks like the connection it wraps.
Connection = asyncpg.Connection | PoolConnectionProxy


class QueryCounter:
    """Counts round trips: tests and benchmarks read it to hold query counts constant."""

    def __init__(self) -> None:
        self.total = 0

    def tick(self) -> None:
        self.total += 1


@dataclass(frozen=True)
class Timeouts:
    """Seconds; see the module's docstring."""

    acquire: float = 2.0
    connect: float = 2.0
    command: float = 6.0


@asynccontextmanager
async def translated(pool: asyncpg.Pool) -> AsyncIterator[None]:
    """Raise outages and statement timeouts as `DatabaseError`s; anything else as it is.

    Only around calls into asyncpg: an OSError from other code is no outage.
    """
    try:
        yield
    except Exception as exc:
        error = classify(exc)
        if error is None or error is exc:
            raise
        # Counted once, where asyncpg's error becomes ours (nested wrappers re-raise ours as it is).
        DATABASE_ERRORS.labels("unavailable" if is_unavailable(error) else "timeout").inc()
        if is_unavailable(error):
            # Every pooled connection is suspect now: each is replaced at its
            # next use, so that the first requests after recovery do not meet
            # connections that died during the outage.
            await pool.expire_connections()
        raise error from exc


class _Counted:
    """Shared implementation of `Executor`: count, bound, translate errors."""

    def __init__(self, pool: asyncpg.Pool, counter: QueryCounter, timeouts: Timeouts) -> None:
        self.pool = pool
        self.counter = counter
        self.timeouts = timeouts

    def _statement(self) -> AbstractAsyncContextManager[Connection]:
        raise NotImplementedError

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        self.counter.tick()
        async with self._statement() as conn:
            return list(await conn.fetch(query, *args, timeout=self.timeouts.command))

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        self.counter.tick()
        async with self._statement() as conn:
            return await conn.fetchrow(query, *args, timeout=self.timeouts.command)

    async def fetchval(self, query: str, *args: Any) -> Any:
        self.counter.tick()
        async with self._statement() as conn:
            return await conn.fetchval(query, *args, timeout=self.timeouts.command)

    async def execute(self, query: str, *args: Any) -> str:
        self.counter.tick()
        async with self._statement() as conn:
            return str(await conn.execute(query, *args, timeout=self.timeouts.command))

    async def executemany(self, query: str, args: Sequence[Sequence[Any]]) -> None:
        self.counter.tick()
        async with self._statement() as conn:
            await conn.executemany(query, args, timeout=self.timeouts.command)


class Transaction(_Counted):
    """An open transaction on one connection; same interface as `Database`."""

    def __init__(self, pool: asyncpg.Pool, conn: Connection, counter: QueryCounter, timeouts: Timeouts):
        super().__init__(pool, counter, timeouts)
        self.conn = conn

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[Connection]:
        async with translated(self.pool):
            yield self.conn


async def _keep_session(conn: Connection) -> None:
    """Release a pooled connection as it is, without asyncpg's reset query.

    By default each release sends `SELECT pg_advisory_unlock_all(); CLOSE ALL;
    UNLISTEN *; RESET ALL` (measured: one extra round trip per statement, see
    BENCHMARKS.md). None of it has anything to undo here, and the open
    transaction asyncpg still rolls back itself: the service never changes a
    pooled session's state. Advisory locks are per transaction
    (pg_advisory_xact_lock) or taken on a connection of their own
    (migrations); cursors live inside transactions; LISTEN has its own
    connection (screens/watch.py); settings are given at connect
    (server_settings) or `SET LOCAL`. Code that needs session state takes a
    connection of its own, never a pooled one.
    """


class Database(_Counted):
    def __init__(self, pool: asyncpg.Pool, counter: QueryCounter | None = None, timeouts: Timeouts | None = None):
        super().__init__(pool, counter or QueryCounter(), timeouts or Timeouts())

    @classmethod
    async def connect(
        cls,
        dsn: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        statement_timeout_ms: int = 5000,
        acquire_timeout_ms: int = 2000,
        connect_timeout_ms: int = 2000,
        command_timeout_ms: int | None = None,
    ) -> Database:
        timeouts = Timeouts(
            acquire=acquire_timeout_ms / 1000,
            connect=connect_timeout_ms / 1000,
            # The server cancels a slow statement itself (a clean error); this
            # is for a server that cannot answer at all.
            command=(command_timeout_ms or statement_timeout_ms + 1000) / 1000,
        )
        quiet_pool_outages()
        pool = await asyncpg.create_pool(
            dsn,
            # No reset query on release (see _keep_session): a round trip saved per statement.
            reset=_keep_session,
            min_size=min_size,
            max_size=max_size,
            timeout=timeouts.connect,
            command_timeout=timeouts.command,
            # A runaway query must not hold a connection forever: the server
            # cancels it and the caller gets a coded error.
            server_settings={
                "statement_timeout": str(statement_timeout_ms),
                "application_name": "qile-api",
                "timezone": "UTC",
            },
        )
        return cls(pool, timeouts=timeouts)

    def sibling(self, *, counter: QueryCounter | None = None, timeouts: Timeouts | None = None) -> Database:
        """The same pool with its own round-trip counter or its own (shorter) timeouts."""
        return Database(self.pool, counter or self.counter, timeouts or self.timeouts)

    def bounded(self, seconds: float) -> Database:
        """The same pool, giving up on every wait after `seconds` (health probes)."""
        return self.sibling(timeouts=replace(self.timeouts, acquire=seconds, command=seconds))

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        """A pooled connection within the acquire timeout; closed, not reused, if the database failed under it."""
        async with translated(self.pool):
            conn = await self.pool.acquire(timeout=self.timeouts.acquire)
        try:
            yield conn
        except BaseException as exc:
            if is_unavailable(exc):
                # Released normally, a connection to a frozen server would wait
                # out the reset; closed, it is replaced by a fresh one. (One
                # the server dropped is closed already, and detached.)
                with contextlib.suppress(asyncpg.InterfaceError):
                    conn.terminate()
            raise
        finally:
            async with translated(self.pool):
                await self.pool.release(conn)

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[Connection]:
        async with translated(self.pool), self._connection() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._connection() as conn:
            tx = conn.transaction()
            async with translated(self.pool):
                await tx.start()
            try:
                yield Transaction(self.pool, conn, self.counter, self.timeouts)
            except BaseException as exc:
                # After an outage the connection is closed instead: the server
                # rolls back by itself, and a frozen one would not answer.
                if not is_unavailable(exc):
                    async with translated(self.pool):
                        await tx.rollback()
                raise
            async with translated(self.pool):
                await tx.commit()

    async def close(self) -> None:
        await self.pool.close()
