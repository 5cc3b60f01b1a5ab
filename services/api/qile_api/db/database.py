"""The one way the service talks to PostgreSQL.

SQL functions take an `Executor`: either the pool-backed `Database` or a
`Transaction` opened from it. Both count their round trips so that tests and
metrics can tell how many queries a request cost.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Protocol

import asyncpg


class Executor(Protocol):
    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]: ...

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None: ...

    async def fetchval(self, query: str, *args: Any) -> Any: ...

    async def execute(self, query: str, *args: Any) -> str: ...

    async def executemany(self, query: str, args: Sequence[Sequence[Any]]) -> None: ...


class QueryCounter:
    """Counts round trips: tests and benchmarks read it to hold query counts constant."""

    def __init__(self) -> None:
        self.total = 0

    def tick(self) -> None:
        self.total += 1


class _Counted:
    """Shared implementation of `Executor` over anything with asyncpg's methods."""

    def __init__(self, target: asyncpg.Pool | asyncpg.Connection, counter: QueryCounter) -> None:
        self._target = target
        self.counter = counter

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        self.counter.tick()
        return list(await self._target.fetch(query, *args))

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        self.counter.tick()
        return await self._target.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        self.counter.tick()
        return await self._target.fetchval(query, *args)

    async def execute(self, query: str, *args: Any) -> str:
        self.counter.tick()
        return str(await self._target.execute(query, *args))

    async def executemany(self, query: str, args: Sequence[Sequence[Any]]) -> None:
        self.counter.tick()
        await self._target.executemany(query, args)


class Transaction(_Counted):
    """An open transaction on one connection; same interface as `Database`."""


class Database(_Counted):
    def __init__(self, pool: asyncpg.Pool, counter: QueryCounter | None = None) -> None:
        super().__init__(pool, counter or QueryCounter())
        self.pool = pool

    @classmethod
    async def connect(
        cls,
        dsn: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        statement_timeout_ms: int = 5000,
    ) -> Database:
        pool = await asyncpg.create_pool(
            dsn,
            min_size=min_size,
            max_size=max_size,
            # A runaway query must not hold a connection forever: the server
            # cancels it and the caller gets a masked error.
            server_settings={
                "statement_timeout": str(statement_timeout_ms),
                "application_name": "qile-api",
                "timezone": "UTC",
            },
        )
        return cls(pool)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self.pool.acquire() as conn, conn.transaction():
            yield Transaction(conn, self.counter)  # type: ignore[arg-type]  # a pool proxy quacks the same

    async def close(self) -> None:
        await self.pool.close()
