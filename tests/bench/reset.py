"""What asyncpg's reset on release costs: transactions the server runs per pooled statement.

`python -m tests.bench.reset [--statements N]`

The same N statements through a pool with asyncpg's default reset (a query
on every release) and with Qile's (none, `db/database.py`), counted by the
server (`pg_stat_database.xact_commit`: each statement and each reset query
is one transaction) and timed.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import asyncpg

from qile_api.db.database import _keep_session
from tests.bench.database import bench_database


async def _commits(dsn: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        await asyncio.sleep(0.5)  # a closed session's counts reach the statistics at its exit
        return int(await conn.fetchval("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"))
    finally:
        await conn.close()


async def _pooled(dsn: str, statements: int, **pool_args: Any) -> tuple[int, float]:
    """(transactions the server ran, seconds) for a pool's life with `statements` statements."""
    before = await _commits(dsn)
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1, **pool_args)
    started = time.perf_counter()
    for _ in range(statements):
        await pool.fetchval("SELECT 1")
    elapsed = time.perf_counter() - started
    await pool.close()
    # The counting connection's own read is one transaction too.
    return await _commits(dsn) - before - 1, elapsed


async def measure(dsn: str, statements: int, **pool_args: Any) -> tuple[float, float]:
    """(transactions per statement, microseconds per statement), the pool's own start-up taken out."""
    idle, _ = await _pooled(dsn, 0, **pool_args)
    busy, elapsed = await _pooled(dsn, statements, **pool_args)
    return (busy - idle) / statements, elapsed / statements * 1e6


async def run(statements: int) -> None:
    async with bench_database() as dsn:
        for label, args in (("asyncpg's reset", {}), ("no reset (Qile)", {"reset": _keep_session})):
            per, micros = await measure(dsn, statements, **args)
            print(f"{label:18} {per:.2f} transactions per statement, {micros:.0f} µs per statement")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=2000)
    asyncio.run(run(parser.parse_args(argv).statements))


if __name__ == "__main__":
    main()
